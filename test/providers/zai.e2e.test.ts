// z.ai against its simulator: HTTP 200 whatever happened, the verdict is in the body's `success` and
// `code`; one call (GET /api/monitor/usage/quota/limit) answers validity and the plan's windows.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorClass, monitorBase, parseQuota, readBody } from '../../src/providers/zai/index.js';
import { zaiSim } from '../../src/sim/zai.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import { fakeHex, fakeSecret } from '../helpers/cli.js';
import { checkJson } from '../helpers/provider-sim.js';

const key = () => `${fakeHex()}.${fakeSecret('', 16).replace(/[^A-Za-z0-9]/g, 'Z')}`;
// Each test that sends a key the simulator accepts has its own: the tests run at once, and one
// asserts every request its key made.
const K = {
  ok: key(),
  inferenceBase: key(),
  near: key(),
  full: key(),
  noPlan: key(),
  limited: key(),
  down: key(),
  serverInBody: key(),
  slow: key(),
  expired: key(),
  unknownCode: key(),
  bare: key(),
  unknown: key(),
};

let sim: ProviderSimServer;
beforeAll(async () => {
  sim = await startProviderSim({
    providers: [zaiSim],
    slowMs: 3000,
    keys: {
      zai: {
        [K.ok]: {},
        [K.inferenceBase]: {},
        [K.near]: { behaviour: 'near_limit' },
        [K.full]: { behaviour: 'limit_reached' },
        [K.noPlan]: { behaviour: 'no_plan' },
        [K.limited]: { behaviour: 'rate_limited' },
        [K.down]: { behaviour: 'down' },
        [K.serverInBody]: { behaviour: 'server_error' },
        [K.slow]: { behaviour: 'slow' },
        [K.expired]: { behaviour: 'plan_expired' },
        [K.unknownCode]: { behaviour: 'unknown_code' },
        [K.bare]: { behaviour: 'bare_key_only' },
      },
    },
  });
});
afterAll(() => sim.close());

const run = (secret: string, args: string[] = [], base = sim.baseUrl('zai')) => checkJson(['--timeout', '1500', ...args], { ZAI_API_KEY: secret, ZAI_BASE_URL: base });
const ID = 'env/ZAI_API_KEY';
const sent = (secret: string) => sim.requests.filter((r) => r.credential === secret);

describe.concurrent('zai', { timeout: 30_000 }, () => {
  it('works: token and tool windows and the plan from one request; --inference is not applicable', async () => {
    const c = await run(K.ok, ['--inference']);
    expect(c.codes(ID)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated', quota: 'pass/usage', inference: 'skip/not_applicable' });
    const data = c.check(ID, 'quota').data as { windows: Array<{ window: string; usedPercent: number; resetsAt: string }>; plan: string; limits: unknown[] };
    expect(data.windows.map((w) => [w.window, w.usedPercent])).toEqual([
      ['tokens_5h', 25],
      ['tokens_1w', 9],
      ['tools_1mo', 22],
    ]);
    expect(data.windows[0]!.resetsAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(data.plan).toBe('pro');
    expect(data.limits).toEqual([{ window: 'tools_1mo', limit: 1000, used: 220, remaining: 780 }]);
    expect(sent(K.ok).map((r) => [r.path, r.via])).toEqual([['/api/monitor/usage/quota/limit', 'bearer']]);
    expect(c.profile(ID).verdict).toBe('works');
  });

  it('near and at a window’s limit; a key with no plan windows still works', async () => {
    const [near, full, noPlan] = await Promise.all([run(K.near), run(K.full), run(K.noPlan)]);
    expect(near.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'warn/near_limit' });
    expect(full.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'warn/limit_reached' });
    expect(noPlan.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'pass/usage' });
  });

  it('error in the body: an unknown key (HTTP 200, code 1000) is invalid_credential, tried once more without Bearer', async () => {
    const c = await run(K.unknown);
    expect(c.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential', quota: 'skip/prerequisite_failed' });
    expect(c.check(ID, 'validity').httpStatus).toBe(200);
    expect(sent(K.unknown).map((r) => r.via)).toEqual(['bearer', 'authorization']);
    expect(c.run.code).toBe(1);
  });

  it('a key the API takes only without Bearer works (both outcomes of an undocumented fact)', async () => {
    const c = await run(K.bare);
    expect(c.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'pass/usage' });
    expect(sent(K.bare).map((r) => r.via)).toEqual(['bearer', 'authorization']);
  });

  it('error in the body: a rate limit (code 1302) is rate_limited, and quota reports the same call', async () => {
    const c = await run(K.limited);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/rate_limited', quota: 'error/rate_limited' });
    expect(c.profile(ID).verdict).toBe('works');
    expect(sent(K.limited)).toHaveLength(1);
  });

  it('error in the body: server trouble (code 500) is provider_unavailable; HTTP 503 too', async () => {
    const [inBody, down] = await Promise.all([run(K.serverInBody), run(K.down)]);
    expect(inBody.codes(ID)).toMatchObject({ validity: 'error/provider_unavailable', quota: 'skip/prerequisite_failed' });
    expect(down.codes(ID)).toMatchObject({ validity: 'error/provider_unavailable' });
    expect([inBody.run.code, down.run.code]).toEqual([3, 3]);
  });

  it('an expired plan (code 1309): authenticated but refused, and quota says limit_reached', async () => {
    const c = await run(K.expired);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/permission_denied', quota: 'warn/limit_reached' });
  });

  it('an unknown code in the body is unexpected_response, never fail', async () => {
    const c = await run(K.unknownCode);
    expect(c.codes(ID)).toMatchObject({ validity: 'error/unexpected_response' });
    expect(c.check(ID, 'validity').summary).toContain('4242');
    expect(c.run.code).toBe(3);
  });

  it('slow: timeout, never invalid', async () => {
    const c = await run(K.slow);
    expect(c.codes(ID)).toMatchObject({ validity: 'error/timeout' });
  });

  it('a base URL naming the inference API is cut to the host’s root for the monitor API', async () => {
    const c = await run(K.inferenceBase, [], `${sim.baseUrl('zai')}/api/coding/paas/v4`);
    expect(c.codes(ID)).toMatchObject({ validity: 'pass/authenticated' });
    expect(monitorBase('https://open.bigmodel.cn/api/anthropic')).toBe('https://open.bigmodel.cn');
    expect(monitorBase('https://api.z.ai')).toBe('https://api.z.ai');
    expect(monitorBase('http://127.0.0.1:9/zai')).toBe('http://127.0.0.1:9/zai');
  });

  it('another provider’s key in ZAI_API_KEY is wrong_provider and never sent', async () => {
    const other = fakeSecret('sk-ant-api03-');
    const c = await run(other);
    expect(c.codes(ID)).toMatchObject({ format: 'fail/wrong_provider' });
    expect(sent(other)).toEqual([]);
  });

  it('maps body codes as their HTTP twins, and reads limits without inventing 0 %', () => {
    expect([401, 1000, 1002, 1003, 1004].map(errorClass)).toEqual(Array(5).fill('credential'));
    expect([429, 1302, 1303, 1304, 1305].map(errorClass)).toEqual(Array(5).fill('rate_limit'));
    expect([500, 503, 1234].map(errorClass)).toEqual(Array(3).fill('server'));
    expect([1001, 1210, 4242, null].map(errorClass)).toEqual(Array(4).fill('other'));
    expect(readBody({ code: 200, msg: 'ok', success: true, data: null })).toEqual({ ok: true, data: null });
    expect(readBody({ code: '1003', msg: 'expired', success: false })).toMatchObject({ ok: false, error: { class: 'credential', code: '1003' } });
    expect(readBody({ hello: 'world' })).toBeNull();
    expect(readBody('<html>')).toBeNull();
    const q = parseQuota({ planName: 'Lite', limits: [{ type: 'TOKENS_LIMIT', unit: 3, number: 5 }, { type: 'CREDIT_LIMIT', unit: 3, number: 5, percentage: '40', nextResetTime: 'soon' }, 'junk'] });
    expect(q).toEqual({ plan: 'Lite', windows: [{ window: 'credits_5h', usedPercent: 40, resetsAt: null }], limits: [] });
  });
});
