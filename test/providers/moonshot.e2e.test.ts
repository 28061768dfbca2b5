// Moonshot against its simulator: GET /users/me/balance answers validity and quota at once; keys are
// bound to a region, and the region says the currency.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidHint, parseBalance, regionOf } from '../../src/providers/moonshot/index.js';
import { moonshotSim } from '../../src/sim/moonshot.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import { fakeSecret, runCli, tempHome } from '../helpers/cli.js';
import { checkJson } from '../helpers/provider-sim.js';

const key = () => `sk-${fakeSecret('', 48).replace(/[-_]/g, 'M')}`;
// Each test that sends a key the simulator accepts has its own: the tests run at once, and one
// asserts every request its key made.
const K = { ok: key(), stdin: key(), empty: key(), negative: key(), region: key(), unknown: key(), limited: key(), down: key(), slow: key(), odd: key() };

let sim: ProviderSimServer;
beforeAll(async () => {
  sim = await startProviderSim({
    providers: [moonshotSim],
    slowMs: 3000,
    keys: {
      moonshot: {
        [K.ok]: {},
        [K.stdin]: {},
        [K.empty]: { behaviour: 'empty_balance' },
        [K.negative]: { balance: -3.2 },
        [K.region]: { behaviour: 'other_region' },
        [K.limited]: { behaviour: 'rate_limited' },
        [K.down]: { behaviour: 'server_error' },
        [K.slow]: { behaviour: 'slow' },
        [K.odd]: { behaviour: 'body_error' },
      },
    },
  });
});
afterAll(() => sim.close());

const run = (secret: string, args: string[] = []) => checkJson(['--timeout', '1500', ...args], { MOONSHOT_API_KEY: secret, MOONSHOT_BASE_URL: sim.baseUrl('moonshot') });
const ID = 'env/MOONSHOT_API_KEY';

describe.concurrent('moonshot', { timeout: 30_000 }, () => {
  it('works: one request answers validity and the balance; an overridden base URL names no currency', async () => {
    const c = await run(K.ok);
    expect(c.codes(ID)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated', quota: 'pass/balance' });
    expect(c.check(ID, 'quota').data).toEqual({ balances: [{ amount: 49.58, currency: null }], cashBalance: 3, voucherBalance: 46.58 });
    expect(sim.requests.filter((r) => r.credential === K.ok).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/users/me/balance']);
    expect(c.run.code).toBe(0);
  });

  it('zero or negative balance: works, quota limit_reached', async () => {
    const [empty, negative] = await Promise.all([run(K.empty), run(K.negative)]);
    expect(empty.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'warn/limit_reached' });
    expect(negative.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'warn/limit_reached' });
    expect(empty.run.code).toBe(0);
  });

  it('--inference on an empty balance: Moonshot’s 429 exceeded_current_quota_error is credit_balance_too_low', async () => {
    const c = await run(K.empty, ['--inference']);
    expect(c.codes(ID)).toMatchObject({ inference: 'fail/credit_balance_too_low' });
    expect(sim.requests.find((r) => r.credential === K.empty && r.method === 'POST')?.body).toMatchObject({ model: 'moonshot-v1-8k', max_tokens: 1 });
  });

  it('a key of the other region: 401, and the hint names both regions', async () => {
    const c = await run(K.region);
    expect(c.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential', quota: 'skip/prerequisite_failed' });
    expect(c.check(ID, 'validity').hint).toMatch(/api\.moonshot\.cn/);
    expect(c.run.code).toBe(1);
  });

  it('an unknown key is invalid_credential', async () => {
    const c = await run(K.unknown);
    expect(c.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential' });
  });

  it('an error inside a 200 body is undecided, never a verdict on the key', async () => {
    const c = await run(K.odd);
    expect(c.codes(ID)).toMatchObject({ validity: 'error/unexpected_response', quota: 'skip/prerequisite_failed' });
    expect(c.check(ID, 'validity').summary).toContain('code 5');
    expect(c.run.code).toBe(3);
  });

  it('rate-limited: works, throttled; quota reports the same call as rate_limited', async () => {
    const c = await run(K.limited);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/rate_limited', quota: 'error/rate_limited' });
    expect(c.profile(ID).verdict).toBe('works');
  });

  it('down: provider_unavailable, never invalid', async () => {
    const c = await run(K.down);
    expect(c.codes(ID)).toMatchObject({ validity: 'error/provider_unavailable', quota: 'skip/prerequisite_failed' });
    expect(c.run.code).toBe(3);
  });

  it('slow: timeout, never invalid', async () => {
    const c = await run(K.slow);
    expect(c.codes(ID)).toMatchObject({ validity: 'error/timeout' });
  });

  it('a Kimi Code or OpenAI project key in MOONSHOT_API_KEY is wrong_provider and never sent', async () => {
    for (const other of [fakeSecret('sk-kimi-'), fakeSecret('sk-proj-')]) {
      const c = await run(other);
      expect(c.codes(ID)).toMatchObject({ format: 'fail/wrong_provider' });
      expect(sim.requests.some((r) => r.credential === other)).toBe(false);
    }
  });

  it('--key-stdin with a bare sk- key: several providers share the shape, so a usage error names them', async () => {
    const { home, cleanup } = tempHome();
    try {
      const r = await runCli(['check', '--key-stdin', '--json'], { home, stdin: `${K.stdin}\n`, env: { MOONSHOT_BASE_URL: sim.baseUrl('moonshot') } });
      expect(r.code).toBe(2);
      expect(r.stdout).toMatch(/moonshot/);
      const chosen = await runCli(['check', '--key-stdin', '--json', '--provider', 'moonshot'], { home, stdin: `${K.stdin}\n`, env: { MOONSHOT_BASE_URL: sim.baseUrl('moonshot') } });
      expect(chosen.code).toBe(0);
    } finally {
      cleanup();
    }
  });

  it('the region decides the currency and the hint', () => {
    expect(regionOf('https://api.moonshot.ai/v1')?.currency).toBe('USD');
    expect(regionOf('https://api.moonshot.cn/v1')?.currency).toBe('CNY');
    expect(regionOf('https://relay.example.com/v1')).toBeUndefined();
    expect(invalidHint('https://api.moonshot.ai/v1')).toContain('https://api.moonshot.cn/v1');
    expect(invalidHint('https://api.moonshot.cn/v1')).toContain('https://api.moonshot.ai/v1');
  });

  it('reads balances as numbers or strings, and refuses other shapes', () => {
    expect(parseBalance({ code: 0, status: true, data: { available_balance: '1.5', cash_balance: 1.5 } })).toEqual({ available: 1.5, cash: 1.5, voucher: null });
    expect(parseBalance({ code: 3, status: false, data: { available_balance: 1 } })).toBeNull();
    expect(parseBalance({ data: { available_balance: null } })).toBeNull();
    expect(parseBalance([])).toBeNull();
  });
});
