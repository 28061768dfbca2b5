// Kimi Code against its simulator: one call (GET /usages) answers validity and the plan's windows.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUsages, usagesPath } from '../../src/providers/kimi-coding/index.js';
import { kimiCodingSim } from '../../src/sim/kimi-coding.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import { fakeSecret } from '../helpers/cli.js';
import { checkJson } from '../helpers/provider-sim.js';

const key = () => fakeSecret('sk-kimi-', 60);
// Each test that sends a key the simulator accepts has its own: the tests run at once, and one
// asserts every request its key made.
const K = { ok: key(), coding: key(), near: key(), full: key(), limited: key(), down: key(), slow: key(), unknown: key() };

let sim: ProviderSimServer;
beforeAll(async () => {
  sim = await startProviderSim({
    providers: [kimiCodingSim],
    slowMs: 3000,
    keys: {
      'kimi-coding': {
        [K.ok]: {},
        [K.coding]: {},
        [K.near]: { behaviour: 'near_limit' },
        [K.full]: { behaviour: 'limit_reached' },
        [K.limited]: { behaviour: 'rate_limited' },
        [K.down]: { behaviour: 'server_error' },
        [K.slow]: { behaviour: 'slow' },
      },
    },
  });
});
afterAll(() => sim.close());

const run = (secret: string, args: string[] = [], base = sim.baseUrl('kimi-coding')) =>
  checkJson(['--timeout', '1500', ...args], { KIMI_API_KEY: secret, KIMI_BASE_URL: base });
const ID = 'env/KIMI_API_KEY';

describe.concurrent('kimi-coding', { timeout: 30_000 }, () => {
  it('works: validity and the plan windows from one request; --inference is not applicable', async () => {
    const c = await run(K.ok, ['--inference']);
    expect(c.codes(ID)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated', quota: 'pass/usage', inference: 'skip/not_applicable' });
    const data = c.check(ID, 'quota').data as { windows: Array<{ window: string; usedPercent: number }>; limits: unknown[] };
    expect(data.windows.map((w) => [w.window, w.usedPercent])).toEqual([
      ['5h', 14],
      ['7d', 18],
    ]);
    expect(data.limits).toContainEqual({ window: '7d', limit: 2048, used: 369, remaining: 1679 });
    expect(c.profile(ID)).toMatchObject({ provider: 'kimi-coding', credential: { kind: 'api_key', redacted: expect.stringMatching(/^sk-kimi-…/) }, verdict: 'works' });
    const sent = sim.requests.filter((r) => r.credential === K.ok);
    expect(sent.map((r) => [r.path, r.via])).toEqual([['/coding/v1/usages', 'bearer']]);
  });

  it('near and at the limit of a window: near_limit, limit_reached, still works', async () => {
    const [near, full] = await Promise.all([run(K.near), run(K.full)]);
    expect(near.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'warn/near_limit' });
    expect(full.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'warn/limit_reached' });
    expect(full.run.code).toBe(0);
  });

  it('an unknown key is invalid_credential (401)', async () => {
    const c = await run(K.unknown);
    expect(c.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential', quota: 'skip/prerequisite_failed', inference: 'skip/not_requested' });
    expect(c.run.code).toBe(1);
  });

  it('rate-limited: works, throttled; quota reports the same call as rate_limited', async () => {
    const c = await run(K.limited);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/rate_limited', quota: 'error/rate_limited' });
    expect(c.profile(ID).verdict).toBe('works');
  });

  it('down and slow: provider_unavailable and timeout, never invalid', async () => {
    const [down, slow] = await Promise.all([run(K.down), run(K.slow)]);
    expect(down.codes(ID)).toMatchObject({ validity: 'error/provider_unavailable', quota: 'skip/prerequisite_failed' });
    expect(slow.codes(ID)).toMatchObject({ validity: 'error/timeout' });
    expect([down.run.code, slow.run.code]).toEqual([3, 3]);
  });

  it('openclaw’s Anthropic-style base URL (…/coding) still reaches /coding/v1/usages', async () => {
    const c = await run(K.coding, [], `${sim.url}/kimi-coding/coding`);
    expect(c.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'pass/usage' });
    expect(sim.requests.some((r) => r.credential === K.coding && r.path === '/coding/v1/usages')).toBe(true);
  });

  it('a bare sk- key is not a Kimi Code key: wrong_provider, never sent', async () => {
    const other = fakeSecret('sk-', 48);
    const c = await run(other);
    expect(c.codes(ID)).toMatchObject({ format: 'fail/wrong_provider', validity: 'skip/prerequisite_failed' });
    expect(sim.requests.some((r) => r.credential === other)).toBe(false);
  });

  it('reads both documented shapes and refuses others', () => {
    expect(
      parseUsages({ usage: { limit: 100, remaining: 90, resetTime: '2026-12-07T00:00:00Z' }, limits: [{ name: 'Kimi Code 5-hour', detail: { limit: 50, used: 40 } }] }),
    ).toEqual({
      windows: [
        { window: 'Kimi Code 5-hour', usedPercent: 80, resetsAt: null },
        { window: '7d', usedPercent: 10, resetsAt: '2026-12-07T00:00:00.000Z' },
      ],
      limits: [
        { window: 'Kimi Code 5-hour', limit: 50, used: 40, remaining: 10 },
        { window: '7d', limit: 100, used: 10, remaining: 90 },
      ],
    });
    expect(parseUsages({ usages: { limit_5h: { used_ratio: 0.25 } } })?.windows).toEqual([{ window: '5h', usedPercent: 25, resetsAt: null }]);
    // A row without a limit is left out, never shown as 0 %.
    expect(parseUsages({ usage: { used: 3 } })).toEqual({ windows: [], limits: [] });
    expect(parseUsages({ data: [] })).toBeNull();
    expect(parseUsages('<html>')).toBeNull();
    expect(usagesPath('https://api.kimi.com/coding/')).toBe('/v1/usages');
    expect(usagesPath('https://api.kimi.com/coding/v1')).toBe('/usages');
  });
});
