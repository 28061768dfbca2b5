// The small Headers class the bundle gives the Anthropic SDK (scripts/build.mjs) behaves as the
// standard one for everything the SDK does with it; and the built CLI, Anthropic requests included,
// never touches Node's own fetch globals (loading them costs ~20 ms a run).

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerEntries, LightHeaders } from '../src/net/light-headers.js';
import { runCli, tempHome } from './helpers/cli.js';

describe('LightHeaders', () => {
  it('agrees with the standard Headers class', () => {
    const init = { 'Content-Type': 'application/json', 'X-Api-Key': ' k ', Accept: 'a' };
    const light = new LightHeaders(init);
    const real = new Headers(init);
    for (const h of [light, real]) {
      h.append('accept', 'b');
      h.set('Authorization', 'Bearer t');
      h.delete('x-api-key');
    }
    expect([...light]).toEqual([...real]);
    expect([light.get('ACCEPT'), light.has('authorization'), light.get('x-api-key')]).toEqual([real.get('ACCEPT'), real.has('authorization'), real.get('x-api-key')]);
    expect([...new LightHeaders(real)]).toEqual([...real]);
    expect([...new LightHeaders([['B', '2'], ['a', '1']])]).toEqual([...new Headers([['B', '2'], ['a', '1']])]);
  });

  it('reads every kind of HeadersInit', () => {
    expect(headerEntries({ a: '1', b: ['2', '3'], c: undefined })).toEqual([['a', '1'], ['b', '2'], ['b', '3']]);
    expect(headerEntries(new LightHeaders({ z: '1' }))).toEqual([['z', '1']]);
    expect(headerEntries(undefined)).toEqual([]);
  });
});

describe('the built CLI', () => {
  it('sends Anthropic requests (the demo sends them all) without touching Node’s fetch globals', async () => {
    const { home, cleanup } = tempHome();
    try {
      const trap = path.join(home, 'trap.mjs');
      writeFileSync(
        trap,
        "for (const name of ['Headers', 'Response', 'Request', 'fetch']) Object.defineProperty(globalThis, name, { configurable: true, get() { process.stderr.write(`touched ${name}\\n`); return undefined; } });\n",
      );
      const r = await runCli(['demo', '--json'], { home, env: { NODE_OPTIONS: `--import ${trap}` } });
      expect(r.stderr).not.toContain('touched');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).profiles.some((p: { provider: string; checks: Array<{ id: string; code: string }> }) => p.provider === 'anthropic' && p.checks.some((c) => c.id === 'validity' && c.code === 'authenticated'))).toBe(true);
    } finally {
      cleanup();
    }
  });
});
