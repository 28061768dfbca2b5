// Groq against its simulator: GET /models proves the key; no quota endpoint, but x-ratelimit-* headers.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groqSim } from '../../src/sim/groq.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import { fakeSecret } from '../helpers/cli.js';
import { checkJson } from '../helpers/provider-sim.js';

const key = () => fakeSecret('gsk_', 52);
// Each test that sends a key the simulator accepts has its own: the tests run at once, and one
// asserts every request its key made.
const K = { ok: key(), inference: key(), headers: key(), unknown: key(), limited: key(), down: key(), slow: key() };

let sim: ProviderSimServer;
beforeAll(async () => {
  sim = await startProviderSim({
    providers: [groqSim],
    slowMs: 3000,
    keys: {
      groq: {
        [K.ok]: {},
        [K.inference]: {},
        [K.headers]: { rateLimitHeaders: true },
        [K.limited]: { behaviour: 'rate_limited' },
        [K.down]: { behaviour: 'server_error' },
        [K.slow]: { behaviour: 'slow' },
      },
    },
  });
});
afterAll(() => sim.close());

const run = (secret: string, args: string[] = []) => checkJson(['--timeout', '1500', ...args], { GROQ_API_KEY: secret, GROQ_BASE_URL: sim.baseUrl('groq') });
const ID = 'env/GROQ_API_KEY';

describe.concurrent('groq', { timeout: 30_000 }, () => {
  it('works: GET /models, quota unsupported without data when no header came', async () => {
    const c = await run(K.ok);
    expect(c.codes(ID)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated', quota: 'unsupported/no_quota_endpoint' });
    expect(c.check(ID, 'quota').data).toBeUndefined();
    expect(sim.requests.filter((r) => r.credential === K.ok).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /openai/v1/models']);
    expect(c.run.code).toBe(0);
  });

  it('the x-ratelimit-* headers of the models answer become data.rateLimits (one request)', async () => {
    const c = await run(K.headers);
    const data = c.check(ID, 'quota').data as { rateLimits: Record<string, { limit: number; remaining: number; resetAt: string }> };
    expect(data.rateLimits).toMatchObject({ requests: { limit: 14400, remaining: 14370 }, tokens: { limit: 6000, remaining: 5994 } });
    const ahead = Date.parse(data.rateLimits.requests!.resetAt) - Date.parse(c.report.startedAt);
    expect(ahead).toBeGreaterThan(170_000);
    expect(ahead).toBeLessThan(200_000);
    expect(sim.requests.filter((r) => r.credential === K.headers)).toHaveLength(1);
  });

  it('an unknown key is invalid_credential (401 invalid_api_key)', async () => {
    const c = await run(K.unknown);
    expect(c.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential', quota: 'skip/prerequisite_failed' });
    expect(c.run.code).toBe(1);
  });

  it('rate-limited: works, throttled; the 429’s headers say what is left', async () => {
    const c = await run(K.limited);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/rate_limited', quota: 'unsupported/no_quota_endpoint' });
    expect(c.check(ID, 'quota').data).toMatchObject({ rateLimits: { requests: { remaining: 0 } } });
    expect(c.profile(ID).verdict).toBe('works');
  });

  it('down: provider_unavailable, never invalid', async () => {
    const c = await run(K.down);
    expect(c.codes(ID)).toMatchObject({ validity: 'error/provider_unavailable' });
    expect(c.run.code).toBe(3);
  });

  it('slow: timeout, never invalid', async () => {
    const c = await run(K.slow);
    expect(c.codes(ID)).toMatchObject({ validity: 'error/timeout' });
    expect(c.run.code).toBe(3);
  });

  it('--inference: one token of Groq’s 8B model', async () => {
    const c = await run(K.inference, ['--inference']);
    expect(c.codes(ID)).toMatchObject({ inference: 'pass/inference_ok' });
    expect(sim.requests.find((r) => r.credential === K.inference && r.method === 'POST')?.body).toMatchObject({ model: 'llama-3.1-8b-instant', max_tokens: 1 });
  });

  it('an OpenRouter or Anthropic key in GROQ_API_KEY is wrong_provider and never sent', async () => {
    for (const other of [fakeSecret('sk-or-v1-'), fakeSecret('sk-ant-api03-')]) {
      const c = await run(other);
      expect(c.codes(ID)).toMatchObject({ format: 'fail/wrong_provider', validity: 'skip/prerequisite_failed' });
      expect(sim.requests.some((r) => r.credential === other)).toBe(false);
    }
  });
});
