// Google Gemini API keys against the simulator: Google's reason, not its status, decides (a bad key
// is a 400, a blocked API a 403 that still means the key is real).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleSim } from '../../src/sim/google.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import { fakeSecret } from '../helpers/cli.js';
import { checkJson } from '../helpers/provider-sim.js';

const key = () => 'AIza' + fakeSecret('', 35);
const K = {
  ok: key(),
  funded: key(),
  disabled: key(),
  blocked: key(),
  suspended: key(),
  referrer: key(),
  exhausted: key(),
  down: key(),
  cdn: key(),
  slow: key(),
  unknown: key(),
  twin: key(),
};

let sim: ProviderSimServer;
beforeAll(async () => {
  sim = await startProviderSim({
    providers: [googleSim],
    slowMs: 3000,
    keys: {
      google: {
        [K.ok]: {},
        [K.funded]: {},
        [K.twin]: {},
        [K.disabled]: { behaviour: 'service_disabled' },
        [K.blocked]: { behaviour: 'service_blocked' },
        [K.suspended]: { behaviour: 'suspended' },
        [K.referrer]: { behaviour: 'referrer_blocked' },
        [K.exhausted]: { behaviour: 'rate_limited' },
        [K.down]: { behaviour: 'server_error' },
        [K.cdn]: { behaviour: 'cdn_error_page' },
        [K.slow]: { behaviour: 'slow' },
      },
    },
  });
});
afterAll(() => sim.close());

const run = (k: string, args: string[] = []) => checkJson(['--timeout', '1500', ...args], { GEMINI_API_KEY: k, GEMINI_BASE_URL: sim.baseUrl('google') });
const ID = 'env/GEMINI_API_KEY';

describe.concurrent('google', { timeout: 30_000 }, () => {
  it('works: GET /v1beta/models?pageSize=1 with x-goog-api-key; no quota endpoint', async () => {
    const c = await run(K.ok);
    expect(c.codes(ID)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated', quota: 'unsupported/no_quota_endpoint' });
    expect(c.profile(ID)).toMatchObject({ provider: 'google', credential: { kind: 'api_key', redacted: expect.stringMatching(/^AIza…/) }, verdict: 'works' });
    const sent = sim.requests.filter((r) => r.credential === K.ok);
    expect(sent.map((r) => [r.path, r.via, r.query.pageSize])).toEqual([['/v1beta/models', 'x-goog-api-key', '1']]);
    // The key travels in its header only, never in the URL.
    expect(sent[0]!.query.key).toBeUndefined();
  });

  it('API_KEY_INVALID (a 400) is invalid_credential', async () => {
    const c = await run(K.unknown);
    expect(c.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential' });
    expect(c.check(ID, 'validity').httpStatus).toBe(400);
    expect(c.run.code).toBe(1);
  });

  it('SERVICE_DISABLED, API_KEY_SERVICE_BLOCKED, CONSUMER_SUSPENDED: service_blocked (fail)', async () => {
    const results = await Promise.all([run(K.disabled), run(K.blocked), run(K.suspended)]);
    for (const c of results) {
      expect(c.codes(ID)).toMatchObject({ validity: 'fail/service_blocked', quota: 'skip/prerequisite_failed' });
      expect(c.check(ID, 'validity').hint).toBeTruthy();
      expect(c.run.code).toBe(1);
    }
  });

  it('a key restricted to other referrers works where it is allowed: permission_denied', async () => {
    const c = await run(K.referrer);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/permission_denied' });
    expect(c.profile(ID).verdict).toBe('works');
  });

  it('--inference for a key restricted to other referrers: Google’s reason, read by the provider, is permission_denied', async () => {
    const c = await run(K.referrer, ['--inference']);
    expect(c.codes(ID)).toMatchObject({ inference: 'warn/permission_denied' });
    // Google's own mapping (its reason), not the generic 403.
    expect(c.check(ID, 'inference').summary).toMatch(/may not use the Gemini API from here/);
  });

  it('429 RESOURCE_EXHAUSTED: rate_limited', async () => {
    const c = await run(K.exhausted);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/rate_limited' });
  });

  it('500, a CDN page and slow: never invalid', async () => {
    const [down, cdn, slow] = await Promise.all([run(K.down), run(K.cdn), run(K.slow)]);
    expect(down.codes(ID)).toMatchObject({ validity: 'error/provider_unavailable' });
    expect(cdn.codes(ID)).toMatchObject({ validity: 'error/provider_unavailable' });
    expect(slow.codes(ID)).toMatchObject({ validity: 'error/timeout' });
  });

  it('--inference: generateContent with maxOutputTokens 1 on the cheapest listed model', async () => {
    const c = await run(K.funded, ['--inference']);
    expect(c.codes(ID)).toMatchObject({ inference: 'pass/inference_ok' });
    const sent = sim.requests.find((r) => r.credential === K.funded && r.method === 'POST');
    expect(sent?.path).toBe('/v1beta/models/gemini-2.0-flash-lite:generateContent');
    expect(sent?.body).toMatchObject({ generationConfig: { maxOutputTokens: 1 } });
  });

  it('GEMINI_API_KEY and GOOGLE_API_KEY holding one key: two profiles, sent once', async () => {
    const c = await checkJson([], { GEMINI_API_KEY: K.twin, GOOGLE_API_KEY: K.twin, GEMINI_BASE_URL: sim.baseUrl('google') });
    expect(c.profile('env/GOOGLE_API_KEY')).toMatchObject({ verdict: 'works', sameSecretAs: ['env/GEMINI_API_KEY'] });
    expect(sim.requests.filter((r) => r.credential === K.twin)).toHaveLength(1);
  });
});
