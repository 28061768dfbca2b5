// The Scrubber's cost and what it counts as a secret (issue 15 #2, #4; issue 13 #5).

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { redact } from '../src/credentials/redact.js';
import { MAX_DEPTH, MAX_INDEXED, MAX_WINDOWS, Scrubber, WINDOW } from '../src/credentials/scrub.js';
import { PROVIDER_METAS } from '../src/providers/registry.js';
import { fakeSecret } from './helpers/cli.js';

/** A random value of `length` characters from the base64url alphabet: every window distinct. */
function randomValue(prefix: string, length: number): string {
  return prefix + randomBytes(Math.ceil((length * 3) / 4) + 3).toString('base64url').slice(0, length);
}

describe('Scrubber: cost independent of secret length', () => {
  it('adds a 20 MB value about as fast as a 16 KiB one, and still masks its head', () => {
    const huge = randomValue('sk-ant-api03-', 20_000_000);
    const s = new Scrubber();
    const started = performance.now();
    s.add(huge);
    s.add(`"${huge}"\n`);
    const elapsed = performance.now() - started;
    // Before: 20 s, 1.25 GB, then "RangeError: Set maximum size exceeded".
    expect(elapsed).toBeLessThan(1000);
    const head = huge.slice(20, 60);
    expect(s.scrub(`echo ${head} done`)).toBe('echo [redacted] done');
    // Beyond what can be a credential nothing is indexed (it was never sent, and is shown only redacted).
    const far = huge.slice(MAX_INDEXED + 1000, MAX_INDEXED + 1040);
    expect(s.scrub(far)).toBe(far);
  });

  it('stays up when a store holds more distinct long values than the window budget', () => {
    const values = Array.from({ length: Math.ceil(MAX_WINDOWS / MAX_INDEXED) + 2 }, () => randomValue('', MAX_INDEXED));
    const s = new Scrubber(values);
    const last = values.at(-1)!;
    // Past the budget a value is matched whole: the run goes on, and the whole value is still masked.
    expect(s.scrub(`a ${last} b`)).toBe('a [redacted] b');
    expect(s.scrub(`a ${values[0]!.slice(100, 130)} b`)).toBe('a [redacted] b');
  }, 20_000);
});

describe('Scrubber: secrets, never the names of things', () => {
  it('does not register a template: the variable it names and the ids that carry it survive', () => {
    const s = new Scrubber(['${ANTHROPIC_API_KEY}', '$OPENAI_API_KEY', '<your-api-key>', '{{ secrets.ANTHROPIC_KEY }}']);
    const text = 'env/ANTHROPIC_API_KEY ANTHROPIC_API_KEY=sk-ant-… env/OPENAI_API_KEY secrets.ANTHROPIC_KEY your-api-key';
    expect(s.scrub(text)).toBe(text);
  });

  it('does not eat the redacted form of a value that is only a prefix and an ellipsis', () => {
    const s = new Scrubber(['sk-ant-oat01-…', '"sk-ant-admin01-…"', 'sk-ant-api03-...']);
    const text = `config/work  setup_token  ${redact('sk-ant-oat01-…')}  ${redact('sk-ant-admin01-…')}  sk-ant-api03-...`;
    expect(s.scrub(text)).toBe(text);
  });

  it('counts only the random part: a public prefix and pieces of it stay', () => {
    const key = fakeSecret('sk-ant-api03-', 90);
    const s = new Scrubber([key]);
    expect(s.scrub('prefixes: sk-ant-api03- and ant-api03-sk-ant-api03-')).toBe('prefixes: sk-ant-api03- and ant-api03-sk-ant-api03-');
    expect(s.scrub(`piece ${key.slice(40, 52)}`)).toBe('piece [redacted]');
  });

  it('still masks values too short for a window as a whole', () => {
    // 10 characters, none of them a known prefix: fewer than a window, at least the whole-value minimum.
    const short = 'hunter2hun';
    expect(short.length).toBeLessThan(WINDOW);
    expect(new Scrubber([short]).scrub(`password ${short}!`)).toBe('password [redacted]!');
  });
});

describe('Scrubber: credentials this run never saw', () => {
  it('masks every distinctive shape the providers declare, after its public prefix', () => {
    const prefixes = [...new Set(PROVIDER_METAS.flatMap((m) => m.shapes.filter((s) => s.distinctive && s.prefix).map((s) => s.prefix))), 'hf_'];
    for (const prefix of prefixes) {
      const random = randomValue('', 40).replace(/[-_]/g, 'x');
      expect(new Scrubber().scrub(`echoed: ${prefix}${random}.`), prefix).toBe(`echoed: ${prefix}[redacted].`);
    }
  });
});

describe('Scrubber.scrubDeep', () => {
  it('walks at most MAX_DEPTH levels, so deep data cannot exhaust the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    const key = fakeSecret('sk-ant-api03-');
    const out = new Scrubber([key]).scrubDeep({ message: key, deep });
    expect(out.message).not.toContain(key.slice(20, 40));
    let level: any = out.deep;
    for (let i = 0; i < MAX_DEPTH - 1; i++) level = level.a;
    expect(level).toBe('[nested too deep]');
    expect(() => JSON.stringify(out)).not.toThrow();
  });
});
