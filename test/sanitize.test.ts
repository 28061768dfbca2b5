// Untrusted text on its way to a terminal (issue 15 #3) and bounded data (issue 15 #4).

import { describe, expect, it } from 'vitest';
import { serverText } from '../src/providers/outcomes.js';
import { toJson } from '../src/render/json.js';
import { MAX_SHOWN, sanitize, sanitizeDeep } from '../src/render/sanitize.js';
import { boundedData } from '../src/run.js';

const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/;

describe('sanitize', () => {
  it('replaces C0, DEL and C1, and puts line breaks and tabs on one line', () => {
    expect(sanitize('authentication_error\u001b[2J\u001b]0;pwned\u0007')).toBe('authentication_error\uFFFD[2J\uFFFD]0;pwned\uFFFD');
    expect(sanitize('a\u009b31mb\u007fc\u0085d')).toBe('a\uFFFD31mb\uFFFDc\uFFFDd');
    expect(sanitize('line\nbreak\r\nand\ttab\rcr')).toBe('line break and tab\uFFFDcr');
    expect(sanitize('plain text, ünïcödé ✔ → …')).toBe('plain text, ünïcödé ✔ → …');
  });

  it('cuts to a sane length without splitting a character', () => {
    expect(sanitize('x'.repeat(10_000))).toHaveLength(MAX_SHOWN);
    expect(sanitize('x'.repeat(10_000)).endsWith('…')).toBe(true);
    const emoji = 'x'.repeat(MAX_SHOWN - 2) + '😀😀';
    const cut = sanitize(emoji);
    expect(cut.length).toBeLessThanOrEqual(MAX_SHOWN);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('reaches every string of a value, keys included, and stops at a bounded depth', () => {
    const out = sanitizeDeep({ 'id\u001b]52;c;eA==\u0007': ['ok', { deep: 'a\u009bb' }], when: new Date(0), n: 1 });
    expect(JSON.stringify(out)).not.toMatch(CONTROLS);
    expect(out).toMatchObject({ when: new Date(0), n: 1 });
    let deep: unknown = 'x';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(() => sanitizeDeep(deep)).not.toThrow();
  });

  it('is what serverText uses for messages and error types', () => {
    expect(serverText('bad\u009b2J key\u001b]0;x\u0007')).not.toMatch(CONTROLS);
    expect(serverText('a\n\n  b')).toBe('a b');
    expect(serverText('<!DOCTYPE html><html>…')).toBe('an HTML page');
  });
});

describe('toJson', () => {
  it('escapes DEL and C1 too, and parses back to the same value', () => {
    const value = { id: 'openclaw/main/anthropic:\u001b]52;c;eA==\u0007\u009b2J\u007f' };
    const text = toJson(value);
    // Pretty-printed: newlines between fields, and no other control character anywhere.
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('boundedData', () => {
  it('copies plain JSON values, cutting what nests deeper than a report needs', () => {
    let deep: unknown = { input_tokens: 1 };
    for (let i = 0; i < 20_000; i++) deep = { usage: deep };
    const out = boundedData({ usage: deep, n: 1, nan: NaN, list: [1, undefined, 'a'], at: new Date(0), f: () => 1 }) as any;
    expect(out).toMatchObject({ n: 1, nan: null, list: [1, null, 'a'], at: '1970-01-01T00:00:00.000Z' });
    expect(out).not.toHaveProperty('f');
    expect(() => JSON.stringify(out)).not.toThrow();
    expect(JSON.stringify(out)).toContain('[nested too deep]');
  });
});
