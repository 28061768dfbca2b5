// The last line of defence: every byte authdoctor writes passes through a Scrubber built from every
// secret discovered in the run. Checks never put a secret into a result on purpose; this catches what
// a server echoes back, or what a bug would leak.

import { knownPrefix } from './redact.js';

/** A run of this many characters shared with a secret's random part counts as a leak. */
export const WINDOW = 12;
/** Shorter values are only scrubbed as a whole (and only from this length: shorter is noise). */
const MIN_WHOLE = 8;
const MASK = '[redacted]';

/** Anything shaped like a credential, known to this run or not. */
// Not `\b`: a server may glue a key to a word (`req_sk-ant-…`), and `_` is a word character.
const CREDENTIAL_SHAPES = /(?<![A-Za-z0-9])(?:sk-ant-[a-z]+\d*-|sk-(?:proj|svcacct|admin|or-v\d+|kimi|cp)-|gh[pousr]_|github_pat_|gsk_|xai-|AIza)[A-Za-z0-9_-]{12,}/g;

export class Scrubber {
  private readonly windows = new Set<string>();
  private readonly wholes: string[] = [];

  constructor(secrets: Iterable<string> = []) {
    for (const s of secrets) this.add(s);
  }

  add(raw: string): void {
    // Quotes around a pasted value are not part of the secret (redact() drops them too); kept, they
    // would make the public prefix look secret and mask it, breaking the JSON that shows it.
    const secret = raw.trim().replace(/^["'`]+|["'`]+$/g, '').trim();
    const prefix = knownPrefix(secret);
    if (secret.length - prefix.length >= WINDOW) {
      // Windows entirely inside the public prefix are not secret: redacted values show that prefix.
      for (let i = Math.max(0, prefix.length - WINDOW + 1); i + WINDOW <= secret.length; i++) {
        if (i + WINDOW > prefix.length) this.windows.add(secret.slice(i, i + WINDOW));
      }
    } else if (secret.length >= MIN_WHOLE) {
      this.wholes.push(secret);
    }
  }

  /**
   * Scrubs every string inside a value (keys too), for output that is encoded afterwards: JSON or
   * Markdown escaping could split a secret holding `"`, `\\` or `*` into pieces no longer recognised.
   */
  scrubDeep<T>(value: T): T {
    if (typeof value === 'string') return this.scrub(value) as T;
    if (Array.isArray(value)) return value.map((v: unknown) => this.scrubDeep(v)) as T;
    if (value instanceof Date || value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.scrub(k), this.scrubDeep(v)])) as T;
  }

  scrub(text: string): string {
    let out = text.replace(CREDENTIAL_SHAPES, (m) => knownPrefix(m) + MASK);
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
