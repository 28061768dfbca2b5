// DeepSeek against its simulator: one call (GET /user/balance) answers validity and quota.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBalance } from '../../src/providers/deepseek/index.js';
import { deepseekSim } from '../../src/sim/deepseek.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import { fakeHex, fakeSecret } from '../helpers/cli.js';
import { checkJson } from '../helpers/provider-sim.js';

// Each test that sends a key the simulator accepts has its own: the tests run at once, and one
// asserts every request its key made.
const K = { ok: `sk-${fakeHex()}`, v1Base: `sk-${fakeHex()}`, funded: `sk-${fakeHex()}`, empty: `sk-${fakeHex()}`, limited: `sk-${fakeHex()}`, down: `sk-${fakeHex()}`, slow: `sk-${fakeHex()}`, broke: `sk-${fakeHex()}`, unpaid: `sk-${fakeHex()}`, forbidden: `sk-${fakeHex()}`, unknown: `sk-${fakeHex()}` };

let sim: ProviderSimServer;
beforeAll(async () => {
  sim = await startProviderSim({
    providers: [deepseekSim],
    slowMs: 3000,
    keys: {
      deepseek: {
        [K.ok]: {},
        [K.v1Base]: {},
        [K.funded]: {},
        [K.empty]: { behaviour: 'empty_balance' },
        [K.limited]: { behaviour: 'rate_limited' },
        [K.down]: { behaviour: 'server_error' },
        [K.slow]: { behaviour: 'slow' },
        [K.broke]: { behaviour: 'insufficient_balance' },
        [K.unpaid]: { behaviour: 'payment_required' },
        [K.forbidden]: { behaviour: 'forbidden' },
      },
    },
  });
});
afterAll(() => sim.close());

const run = (key: string, args: string[] = []) => checkJson(['--timeout', '1500', ...args], { DEEPSEEK_API_KEY: key, DEEPSEEK_BASE_URL: sim.baseUrl('deepseek') });
const ID = 'env/DEEPSEEK_API_KEY';

describe.concurrent('deepseek', { timeout: 30_000 }, () => {
  it('works: validity and balance from one request', async () => {
    const c = await run(K.ok);
    expect(c.codes(ID)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated', quota: 'pass/balance' });
    expect(c.check(ID, 'quota').data).toEqual({ balances: [{ amount: 12.4, currency: 'USD' }] });
    expect(c.profile(ID)).toMatchObject({ provider: 'deepseek', credential: { kind: 'api_key' }, verdict: 'works' });
    expect(sim.requests.filter((r) => r.credential === K.ok).map((r) => r.path)).toEqual(['/user/balance']);
    expect(c.run.code).toBe(0);
  });

  it('an unknown key is invalid_credential (401)', async () => {
    const c = await run(K.unknown);
    expect(c.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential', quota: 'skip/prerequisite_failed' });
    expect(c.run.code).toBe(1);
  });

  it('a valid key with an empty balance works, and quota says limit_reached', async () => {
    const c = await run(K.empty);
    expect(c.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'warn/limit_reached' });
    expect(c.run.code).toBe(0);
  });

  it('--inference proves what an empty balance does: credit_balance_too_low', async () => {
    const c = await run(K.broke, ['--inference']);
    expect(c.codes(ID)).toMatchObject({ validity: 'pass/authenticated', inference: 'fail/credit_balance_too_low' });
  });

  it('--inference on a funded key: one token of deepseek-chat', async () => {
    const c = await run(K.funded, ['--inference']);
    expect(c.codes(ID)).toMatchObject({ inference: 'pass/inference_ok' });
    expect(sim.requests.find((r) => r.credential === K.funded && r.path === '/chat/completions')?.body).toMatchObject({ model: 'deepseek-chat', max_tokens: 1 });
  });

  it('rate-limited: works, throttled; quota reports the same call as rate_limited', async () => {
    const c = await run(K.limited);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/rate_limited', quota: 'error/rate_limited' });
    expect(c.profile(ID).verdict).toBe('works');
  });

  it('402 on the balance call: validity permission_denied, quota limit_reached from the same call', async () => {
    const c = await run(K.unpaid);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/permission_denied', quota: 'warn/limit_reached' });
    expect(c.check(ID, 'quota').httpStatus).toBe(402);
    expect(c.run.code).toBe(0);
  });

  it('403 on the balance call: validity permission_denied, quota scope_missing', async () => {
    const c = await run(K.forbidden);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/permission_denied', quota: 'unsupported/scope_missing' });
    expect(c.run.code).toBe(0);
  });

  it('down: provider_unavailable, never invalid', async () => {
    const c = await run(K.down);
    expect(c.codes(ID)).toMatchObject({ validity: 'error/provider_unavailable', quota: 'skip/prerequisite_failed' });
    expect(c.run.code).toBe(3);
  });

  it('slow: timeout, never invalid', async () => {
    const c = await run(K.slow);
    expect(c.codes(ID)).toMatchObject({ validity: 'error/timeout' });
    expect(c.run.code).toBe(3);
  });

  it('another provider’s key in DEEPSEEK_API_KEY is wrong_provider and never sent', async () => {
    const key = fakeSecret('sk-ant-api03-');
    const c = await run(key);
    expect(c.codes(ID)).toMatchObject({ format: 'fail/wrong_provider', validity: 'skip/prerequisite_failed' });
    expect(sim.requests.some((r) => r.credential === key)).toBe(false);
  });

  it('DEEPSEEK_BASE_URL ending in /v1 (its documented OpenAI-style form) works too', async () => {
    const c = await checkJson([], { DEEPSEEK_API_KEY: K.v1Base, DEEPSEEK_BASE_URL: `${sim.baseUrl('deepseek')}/v1` });
    expect(c.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'pass/balance' });
  });

  it('parses balances sent as strings, and refuses other shapes', () => {
    expect(parseBalance({ is_available: true, balance_infos: [{ currency: 'CNY', total_balance: '3.5' }] })).toEqual({ available: true, balances: [{ amount: 3.5, currency: 'CNY' }] });
    expect(parseBalance({ balance_infos: [] })).toBeNull();
  });
});
