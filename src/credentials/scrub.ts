// The last line of defence: every byte authdoctor writes passes through a Scrubber built from every
// secret discovered in the run. Checks never put a secret into a result on purpose; this catches what
// a server echoes back, or what a bug would leak.

import { isPlaceholder } from './classify.js';
import { distinctivePrefixes, knownPrefix } from './shapes.js';

/** A run of this many characters shared with a secret's random part counts as a leak. */
export const WINDOW = 12;
/** Shorter random parts are only scrubbed as a whole value (and only from this length: shorter is noise). */
const MIN_WHOLE = 8;
/**
 * The longest value that can be a credential (CONTRACT.md: a longer one is `malformed`, never sent,
 * and shown only redacted). Only this much of a secret's random part is indexed, so adding a secret
 * costs the same whatever its length. The head of a longer value is still indexed: a bug that prints a
 * stored value prints its start. The rest of it cannot have reached a server, and no output path
 * prints stored values except through redact() (prefix and at most 4 characters).
 */
export const MAX_INDEXED = 16 * 1024;
/**
 * Windows indexed in one run, at most (~50 bytes each: ~50 MB). Real credentials are a few hundred
 * characters; only a store of hundreds of distinct kilobyte-long values gets here, and later secrets
 * are then matched as a whole instead, so the run stays up. Whoever can write such a store can point
 * its credentials elsewhere anyway.
 */
export const MAX_WINDOWS = 1 << 20;
const MASK = '[redacted]';

let shapes: RegExp | undefined;

/**
 * Anything shaped like a credential, known to this run or not: a distinctive prefix and 12 characters
 * more. Built once, on the first scrub, from the providers' shapes (shapes.ts).
 */
function credentialShapes(): RegExp {
  if (shapes) return shapes;
  const prefixes = distinctivePrefixes().map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Not `\b`: a server may glue a key to a word (`req_sk-ant-…`), and `_` is a word character.
  return (shapes = new RegExp(`(?<![A-Za-z0-9])(?:${prefixes.join('|')})[A-Za-z0-9_-]{12,}`, 'g'));
}

/** Depth beyond which scrubDeep stops walking: deeper than any report, shallow enough for the stack. */
export const MAX_DEPTH = 64;
const TOO_DEEP = '[nested too deep]';

/**
 * The value as a secret: surrounding whitespace and quotes dropped (redact() drops them too; kept,
 * they would make the public prefix look secret). Only the head is looked at, so this costs the same
 * for a value of 20 MB (the head leaves room for padding and the prefix).
 */
function normalise(raw: string): string {
  return raw
    .slice(0, MAX_INDEXED + 256)
    .trim()
    .replace(/^["'`]+|["'`]+$/g, '')
    .trim();
}

export class Scrubber {
  private readonly windows = new Set<string>();
  private readonly wholes = new Set<string>();

  constructor(secrets: Iterable<string> = []) {
    for (const s of secrets) this.add(s);
  }

  /**
   * Registers a secret. Only its random part counts: the public prefix (`sk-ant-api03-`) is shown in
   * every redacted value, and a template (`${ANTHROPIC_API_KEY}`, `sk-ant-oat01-…`) is no secret at all:
   * its text is the name of a variable or an ellipsis, so scrubbing it would eat the ids, variable names
   * and redacted values that show it, while `format` fails it as `placeholder` and never sends it.
   */
  add(raw: string): void {
    const secret = normalise(raw);
    if (isPlaceholder(secret)) return;
    const prefix = knownPrefix(secret);
    const random = secret.slice(prefix.length, prefix.length + MAX_INDEXED);
    if (random.length >= WINDOW && this.windows.size + random.length <= MAX_WINDOWS) {
      for (let i = 0; i + WINDOW <= random.length; i++) this.windows.add(random.slice(i, i + WINDOW));
    } else if (random.length >= MIN_WHOLE) {
      this.wholes.add(secret);
    }
  }

  /**
   * Scrubs every string inside a value (keys too), for output that is encoded afterwards: JSON or
   * Markdown escaping could split a secret holding `"`, `\\` or `*` into pieces no longer recognised.
   * Nesting beyond MAX_DEPTH is replaced, so no answer can exhaust the stack here or in the encoders.
   */
  scrubDeep<T>(value: T, depth = 0): T {
    if (typeof value === 'string') return this.scrub(value) as T;
    if (value instanceof Date || value === null || typeof value !== 'object') return value;
    if (depth >= MAX_DEPTH) return TOO_DEEP as T;
    if (Array.isArray(value)) return value.map((v: unknown) => this.scrubDeep(v, depth + 1)) as T;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.scrub(k), this.scrubDeep(v, depth + 1)])) as T;
  }

  scrub(text: string): string {
    let out = text.replace(credentialShapes(), (m) => knownPrefix(m) + MASK);
    for (const w of this.wholes) out = out.split(w).join(MASK);
    if (this.windows.size === 0 || out.length < WINDOW) return out;
    // Mark every position covered by a window of a known secret, then mask each covered run.
    const covered = new Uint8Array(out.length);
    let any = false;
    for (let i = 0; i + WINDOW <= out.length; i++) {
      if (this.windows.has(out.slice(i, i + WINDOW))) {
        covered.fill(1, i, i + WINDOW);
        any = true;
      }
    }
    if (!any) return out;
    let result = '';
    for (let i = 0; i < out.length; ) {
      if (covered[i]) {
        while (i < out.length && covered[i]) i++;
        result += MASK;
      } else {
        result += out[i++];
      }
    }
    return result;
  }
}
