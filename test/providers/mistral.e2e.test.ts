// Mistral against its simulator: GET /models proves the key; keys have no prefix (the slot decides).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mistralSim } from '../../src/sim/mistral.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import { fakeSecret, runCli, tempHome } from '../helpers/cli.js';
import { checkJson } from '../helpers/provider-sim.js';

const key = () => fakeSecret('', 32).replace(/[-_]/g, 'Q');
// Each test that sends a key the simulator accepts has its own: the tests run at once, and one
// asserts every request its key made.
const K = { ok: key(), inference: key(), stdin: key(), unknown: key(), revoked: key(), limited: key(), down: key(), slow: key() };

let sim: ProviderSimServer;
beforeAll(async () => {
  sim = await startProviderSim({
    providers: [mistralSim],
    slowMs: 3000,
    keys: {
      mistral: {
        [K.ok]: {},
        [K.inference]: {},
        [K.stdin]: {},
        [K.revoked]: { behaviour: 'revoked' },
        [K.limited]: { behaviour: 'rate_limited' },
        [K.down]: { behaviour: 'server_error' },
        [K.slow]: { behaviour: 'slow' },
      },
    },
  });
});
afterAll(() => sim.close());

const run = (secret: string, args: string[] = []) => checkJson(['--timeout', '1500', ...args], { MISTRAL_API_KEY: secret, MISTRAL_BASE_URL: sim.baseUrl('mistral') });
const ID = 'env/MISTRAL_API_KEY';

describe.concurrent('mistral', { timeout: 30_000 }, () => {
  it('works: a key without a prefix passes format in its slot; GET /models; quota unsupported', async () => {
    const c = await run(K.ok);
    expect(c.codes(ID)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated', quota: 'unsupported/no_quota_endpoint' });
    expect(c.profile(ID)).toMatchObject({ provider: 'mistral', credential: { kind: 'api_key' }, verdict: 'works' });
    expect(sim.requests.filter((r) => r.credential === K.ok).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models']);
  });

  it('both 401 bodies Mistral sends are invalid_credential', async () => {
    const [unknown, revoked] = await Promise.all([run(K.unknown), run(K.revoked)]);
    expect(unknown.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential' });
    expect(unknown.check(ID, 'validity').summary).toContain('Unauthorized');
    expect(revoked.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential' });
    expect(revoked.run.code).toBe(1);
  });

  it('rate-limited: works, throttled', async () => {
    const c = await run(K.limited);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/rate_limited' });
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
  });

  it('--inference: one token of the cheapest chat model listed', async () => {
    const c = await run(K.inference, ['--inference']);
    expect(c.codes(ID)).toMatchObject({ inference: 'pass/inference_ok' });
    expect(sim.requests.find((r) => r.credential === K.inference && r.method === 'POST')?.body).toMatchObject({ model: 'ministral-3b-latest', max_tokens: 1 });
  });

  it('an xAI or Groq key in MISTRAL_API_KEY is wrong_provider and never sent', async () => {
    for (const other of [fakeSecret('xai-'), fakeSecret('gsk_')]) {
      const c = await run(other);
      expect(c.codes(ID)).toMatchObject({ format: 'fail/wrong_provider' });
      expect(sim.requests.some((r) => r.credential === other)).toBe(false);
    }
  });

  it('--key-stdin with a key of no prefix names no provider by itself: usage error, nothing sent', async () => {
    const { home, cleanup } = tempHome();
    try {
      const stray = key();
      const r = await runCli(['check', '--key-stdin', '--json'], { home, stdin: `${stray}\n`, env: { MISTRAL_BASE_URL: sim.baseUrl('mistral') } });
      expect(r.code).toBe(2);
      expect(sim.requests.some((q) => q.credential === stray)).toBe(false);
      const withProvider = await runCli(['check', '--key-stdin', '--json', '--provider', 'mistral'], { home, stdin: `${K.stdin}\n`, env: { MISTRAL_BASE_URL: sim.baseUrl('mistral') } });
      expect(withProvider.code).toBe(0);
    } finally {
      cleanup();
    }
  });
});
