// OpenRouter against its simulator: GET /key answers validity and the key's own limit; a management
// key is recognised from that answer and shows the account's balance instead.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openrouterSim } from '../../src/sim/openrouter.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import { fakeSecret } from '../helpers/cli.js';
import { checkJson } from '../helpers/provider-sim.js';

const key = () => fakeSecret('sk-or-v1-', 64);
const K = {
  unlimited: key(),
  limited: key(),
  near: key(),
  spent: key(),
  manager: key(),
  managerBroke: key(),
  managerRefused: key(),
  throttled: key(),
  down: key(),
  slow: key(),
  challenge: key(),
  noCredit: key(),
  capped: key(),
  funded: key(),
  negative: key(),
  unknown: key(),
};

let sim: ProviderSimServer;
beforeAll(async () => {
  sim = await startProviderSim({
    providers: [openrouterSim],
    slowMs: 3000,
    keys: {
      openrouter: {
        [K.unlimited]: { limit: null, usage: 3.5 },
        [K.limited]: { limit: 20, remaining: 15, reset: 'monthly', usage: 5 },
        [K.near]: { limit: 10, remaining: 1.5, reset: 'weekly', usage: 8.5 },
        [K.spent]: { limit: 5, remaining: 0, usage: 5 },
        [K.manager]: { management: true, credits: { total: 100, used: 25.75 } },
        [K.managerBroke]: { management: true, credits: { total: 10, used: 10 } },
        [K.managerRefused]: { management: true, behaviour: 'credits_refused' },
        [K.throttled]: { behaviour: 'rate_limited' },
        [K.down]: { behaviour: 'down' },
        [K.slow]: { behaviour: 'slow' },
        [K.challenge]: { behaviour: 'challenge' },
        [K.noCredit]: { behaviour: 'no_credit' },
        [K.capped]: { behaviour: 'key_limit', limit: 5, remaining: 0, usage: 5 },
        [K.funded]: {},
        [K.negative]: { behaviour: 'negative_balance' },
      },
    },
  });
});
afterAll(() => sim.close());

const run = (k: string, args: string[] = []) => checkJson(['--timeout', '1500', ...args], { OPENROUTER_API_KEY: k, OPENROUTER_BASE_URL: sim.baseUrl('openrouter') });
const ID = 'env/OPENROUTER_API_KEY';
const paths = (k: string) => sim.requests.filter((r) => r.credential === k).map((r) => `${r.method} ${r.path}`);

describe.concurrent('openrouter', { timeout: 30_000 }, () => {
  it('works: one GET /key; a key without a limit is key_limit with limit null', async () => {
    const c = await run(K.unlimited);
    expect(c.codes(ID)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated', quota: 'pass/key_limit' });
    expect(c.profile(ID)).toMatchObject({ provider: 'openrouter', credential: { kind: 'api_key', redacted: expect.stringMatching(/^sk-or-v1-…/) }, verdict: 'works' });
    expect(c.check(ID, 'quota').data).toEqual({ keyLimit: { limit: null, remaining: null, resetsEvery: null, usage: { day: 0.5, week: 3.5, month: 3.5 }, currency: 'USD' } });
    expect(paths(K.unlimited)).toEqual(['GET /api/v1/key']);
  });

  it('a key limit: what is left of it, near_limit from 80 %, limit_reached when used up', async () => {
    const [limited, near, spent] = await Promise.all([run(K.limited), run(K.near), run(K.spent)]);
    expect(limited.codes(ID)).toMatchObject({ quota: 'pass/key_limit' });
    expect(limited.check(ID, 'quota').data).toMatchObject({ keyLimit: { limit: 20, remaining: 15, resetsEvery: 'monthly' } });
    expect(near.codes(ID)).toMatchObject({ quota: 'warn/near_limit' });
    expect(spent.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'warn/limit_reached' });
    expect(spent.profile(ID).verdict).toBe('works');
  });

  it('a management key: admin_key, the account balance from GET /credits, no inference', async () => {
    const c = await run(K.manager, ['--inference']);
    expect(c.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'pass/balance', inference: 'skip/not_applicable' });
    expect(c.profile(ID).credential.kind).toBe('admin_key');
    expect(c.check(ID, 'quota').data).toEqual({ balances: [{ amount: 74.25, currency: 'USD' }] });
    expect(paths(K.manager)).toEqual(['GET /api/v1/key', 'GET /api/v1/credits']);
  });

  it('a management key on an empty account: limit_reached; refused credits: its own key limit instead', async () => {
    const [broke, refused] = await Promise.all([run(K.managerBroke), run(K.managerRefused)]);
    expect(broke.codes(ID)).toMatchObject({ quota: 'warn/limit_reached' });
    expect(refused.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'pass/key_limit' });
  });

  it('an unknown key ("User not found", 401) is invalid_credential', async () => {
    const c = await run(K.unknown);
    expect(c.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential', quota: 'skip/prerequisite_failed' });
    expect(c.run.code).toBe(1);
  });

  it('402 on GET /key: authenticated, refused for billing (permission_denied); inference says credit_balance_too_low', async () => {
    const c = await run(K.negative, ['--inference']);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/permission_denied', inference: 'fail/credit_balance_too_low' });
  });

  it('rate-limited: works, throttled; quota says rate_limited', async () => {
    const c = await run(K.throttled);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/rate_limited', quota: 'error/rate_limited' });
  });

  it('down, a bot wall and slow: never invalid', async () => {
    const [down, challenge, slow] = await Promise.all([run(K.down), run(K.challenge), run(K.slow)]);
    expect(down.codes(ID)).toMatchObject({ validity: 'error/provider_unavailable' });
    expect(challenge.codes(ID)).toMatchObject({ validity: 'error/blocked_by_challenge' });
    expect(slow.codes(ID)).toMatchObject({ validity: 'error/timeout' });
    for (const c of [down, challenge, slow]) expect(c.run.code).toBe(3);
  });

  it('--inference: the cheapest paid text model, one token; 402 is credit_balance_too_low, a used-up key limit spend_limit_reached', async () => {
    const [funded, noCredit, capped] = await Promise.all([run(K.funded, ['--inference']), run(K.noCredit, ['--inference']), run(K.capped, ['--inference'])]);
    expect(funded.codes(ID)).toMatchObject({ inference: 'pass/inference_ok' });
    expect(sim.requests.find((r) => r.credential === K.funded && r.path === '/api/v1/chat/completions')?.body).toMatchObject({ model: 'meta-llama/llama-3.2-1b-instruct', max_tokens: 1 });
    expect(noCredit.codes(ID)).toMatchObject({ validity: 'pass/authenticated', inference: 'fail/credit_balance_too_low' });
    // Sent even though quota already says limit_reached: what the provider does with it is the point.
    expect(capped.codes(ID)).toMatchObject({ quota: 'warn/limit_reached', inference: 'fail/spend_limit_reached' });
  });
});
