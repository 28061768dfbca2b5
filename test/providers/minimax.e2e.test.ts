// MiniMax against its simulator: `base_resp.status_code` ≠ 0 is an error even in an HTTP 200 body;
// one call (GET /v1/token_plan/remains) answers validity and the plan's windows, whose usage count
// is what is LEFT.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorClass, readBody, remainsBase } from '../../src/providers/minimax/index.js';
import { minimaxSim } from '../../src/sim/minimax.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import { fakeSecret } from '../helpers/cli.js';
import { checkJson } from '../helpers/provider-sim.js';

const plan = () => fakeSecret('sk-cp-', 80);
// Each test that sends a key the simulator accepts has its own: the tests run at once, and one
// asserts every request its key made.
const K = {
  ok: plan(),
  openaiBase: plan(),
  near: plan(),
  full: plan(),
  counts: plan(),
  limited: plan(),
  down: plan(),
  serverInBody: plan(),
  broke: plan(),
  unknownCode: plan(),
  slow: plan(),
  unknown: plan(),
  payg: fakeSecret('eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.', 120),
};

let sim: ProviderSimServer;
beforeAll(async () => {
  sim = await startProviderSim({
    providers: [minimaxSim],
    slowMs: 3000,
    keys: {
      minimax: {
        [K.ok]: {},
        [K.openaiBase]: {},
        [K.payg]: {},
        [K.near]: { behaviour: 'near_limit' },
        [K.full]: { behaviour: 'limit_reached' },
        [K.counts]: { behaviour: 'counts_only' },
        [K.limited]: { behaviour: 'rate_limited' },
        [K.down]: { behaviour: 'down' },
        [K.serverInBody]: { behaviour: 'server_error' },
        [K.broke]: { behaviour: 'insufficient_balance' },
        [K.unknownCode]: { behaviour: 'unknown_code' },
        [K.slow]: { behaviour: 'slow' },
      },
    },
  });
});
afterAll(() => sim.close());

const run = (secret: string, args: string[] = []) => checkJson(['--timeout', '1500', ...args], { MINIMAX_API_KEY: secret, MINIMAX_BASE_URL: sim.baseUrl('minimax') });
const ID = 'env/MINIMAX_API_KEY';
type Windows = { windows: Array<{ window: string; usedPercent: number }>; limits?: Array<Record<string, unknown>> };

describe.concurrent('minimax', { timeout: 30_000 }, () => {
  it('works: the 5-hour and weekly windows from one request; --inference is not applicable', async () => {
    const c = await run(K.ok, ['--inference']);
    expect(c.codes(ID)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated', quota: 'pass/usage', inference: 'skip/not_applicable' });
    const data = c.check(ID, 'quota').data as Windows;
    // 1125 of 1500 LEFT is 25 % used, not 75 %; the weekly percentage the API sends (73 % left) wins over the counts.
    expect(data.windows.map((w) => [w.window, w.usedPercent])).toEqual([
      ['MiniMax-M2 5h', 25],
      ['MiniMax-M2 weekly', 27],
    ]);
    expect(data.limits?.[0]).toEqual({ window: 'MiniMax-M2 5h', limit: 1500, used: 375, remaining: 1125 });
    expect(c.profile(ID).credential).toMatchObject({ kind: 'api_key', redacted: expect.stringMatching(/^sk-cp-…/) });
    expect(sim.requests.filter((r) => r.credential === K.ok).map((r) => [r.path, r.via])).toEqual([['/v1/token_plan/remains', 'bearer']]);
  });

  it('the counts alone are read as what is left: used = total − left', async () => {
    const c = await run(K.counts);
    expect((c.check(ID, 'quota').data as Windows).windows.map((w) => w.usedPercent)).toEqual([20, 20]);
  });

  it('near and at the limit: near_limit, limit_reached, still works', async () => {
    const [near, full] = await Promise.all([run(K.near), run(K.full)]);
    expect(near.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'warn/near_limit' });
    expect(full.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'warn/limit_reached' });
  });

  it('2049 in an HTTP 200 body is invalid_credential, and the hint names the other region', async () => {
    const c = await run(K.unknown);
    expect(c.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential', quota: 'skip/prerequisite_failed' });
    expect(c.check(ID, 'validity')).toMatchObject({ httpStatus: 200, summary: expect.stringContaining('2049'), hint: expect.stringContaining('api.minimaxi.com') });
    expect(c.run.code).toBe(1);
  });

  it('1002 in the body is rate_limited; quota reports the same call', async () => {
    const c = await run(K.limited);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/rate_limited', quota: 'error/rate_limited' });
    expect(c.profile(ID).verdict).toBe('works');
  });

  it('down (HTTP 503) and server trouble in the body (1000): provider_unavailable', async () => {
    const [down, inBody] = await Promise.all([run(K.down), run(K.serverInBody)]);
    expect(down.codes(ID)).toMatchObject({ validity: 'error/provider_unavailable' });
    expect(inBody.codes(ID)).toMatchObject({ validity: 'error/provider_unavailable' });
  });

  it('1008 (insufficient balance): authenticated but refused; quota limit_reached', async () => {
    const c = await run(K.broke);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/permission_denied', quota: 'warn/limit_reached' });
  });

  it('an unknown code is unexpected_response, never fail', async () => {
    const c = await run(K.unknownCode);
    expect(c.codes(ID)).toMatchObject({ validity: 'error/unexpected_response' });
    expect(c.run.code).toBe(3);
  });

  it('slow: timeout', async () => {
    const c = await run(K.slow);
    expect(c.codes(ID)).toMatchObject({ validity: 'error/timeout' });
  });

  it('MINIMAX_BASE_URL naming the OpenAI-style API (…/v1) is accepted: the plan API is above it', async () => {
    const c = await checkJson(['--timeout', '1500'], { MINIMAX_API_KEY: K.openaiBase, MINIMAX_BASE_URL: `${sim.baseUrl('minimax')}/v1` });
    expect(c.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'pass/usage' });
  });

  it('a key of no known shape: the slot decides, it is sent as a MiniMax key', async () => {
    const c = await run(K.payg);
    expect(c.codes(ID)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated' });
  });

  it('another provider’s key (a Kimi Code key) in MINIMAX_API_KEY is wrong_provider, never sent', async () => {
    const other = fakeSecret('sk-kimi-', 60);
    const c = await run(other);
    expect(c.codes(ID)).toMatchObject({ format: 'fail/wrong_provider' });
    expect(sim.requests.some((r) => r.credential === other)).toBe(false);
  });

  it('maps status codes as their HTTP twins and reads the envelope where it is', () => {
    expect([1004, 2049].map(errorClass)).toEqual(['credential', 'credential']);
    expect([1002, 1039].map(errorClass)).toEqual(['rate_limit', 'rate_limit']);
    expect([1000, 1001, 1013].map(errorClass)).toEqual(['server', 'server', 'server']);
    expect([2013, 4242, null].map(errorClass)).toEqual(['other', 'other', 'other']);
    expect(readBody({ data: { base_resp: { status_code: 1004, status_msg: 'login fail' } } })).toMatchObject({ ok: false, error: { class: 'credential' } });
    expect(readBody({ base_resp: { status_code: 0 } })).toEqual({ ok: true, remains: { windows: [], limits: [] } });
    // Percent wins over counts; a row with neither is left out.
    expect(readBody({ model_remains: [{ model_name: 'general', current_interval_total_count: 0, current_interval_usage_count: 0, current_interval_remaining_percent: 83 }, { model_name: 'x' }, 7] })).toEqual({
      ok: true,
      remains: { windows: [{ window: 'general interval', usedPercent: 17, resetsAt: null }], limits: [] },
    });
    expect(readBody({ hello: 1 })).toBeNull();
    expect(remainsBase('https://api.minimax.io/anthropic')).toBe('https://api.minimax.io');
    expect(remainsBase('https://api.minimaxi.com/anthropic/v1/')).toBe('https://api.minimaxi.com');
    expect(remainsBase('https://api.minimax.io/v1')).toBe('https://api.minimax.io');
    expect(remainsBase('http://127.0.0.1:9/minimax')).toBe('http://127.0.0.1:9/minimax');
  });
});
