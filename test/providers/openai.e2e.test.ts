// OpenAI API keys and admin keys against the simulated OpenAI API: each kind gets the probe it can
// answer (GET /models; the cost report), and restricted keys are not mistaken for invalid ones.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openaiSim } from '../../src/sim/openai.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import { fakeSecret } from '../helpers/cli.js';
import { checkJson } from '../helpers/provider-sim.js';

const proj = () => fakeSecret('sk-proj-', 80);
const K = {
  ok: proj(),
  funded: proj(),
  legacy: 'sk-' + fakeSecret('', 48).replace(/[-_]/g, 'a'),
  svc: fakeSecret('sk-svcacct-', 80),
  restricted: proj(),
  restricted403: proj(),
  limited: proj(),
  down: proj(),
  cdn: proj(),
  slow: proj(),
  broke: proj(),
  unknown: proj(),
  bare: proj(),
  admin: fakeSecret('sk-admin-', 80),
  adminPaged: fakeSecret('sk-admin-', 80),
  adminUnknown: fakeSecret('sk-admin-', 80),
  adminRestricted: fakeSecret('sk-admin-', 80),
};

let sim: ProviderSimServer;
beforeAll(async () => {
  sim = await startProviderSim({
    providers: [openaiSim],
    slowMs: 3000,
    keys: {
      openai: {
        [K.ok]: {},
        [K.funded]: {},
        [K.legacy]: {},
        [K.svc]: {},
        [K.restricted]: { behaviour: 'restricted' },
        [K.restricted403]: { behaviour: 'restricted', status: 403 },
        [K.limited]: { behaviour: 'rate_limited' },
        [K.down]: { behaviour: 'down' },
        [K.cdn]: { behaviour: 'cdn_error_page' },
        [K.slow]: { behaviour: 'slow' },
        [K.broke]: { behaviour: 'insufficient_quota' },
        [K.bare]: { behaviour: 'no_ratelimit_headers' },
        [K.admin]: { kind: 'admin', costs: [1.25, 2.5, 0.75] },
        [K.adminRestricted]: { kind: 'admin', behaviour: 'restricted' },
        [K.adminPaged]: { kind: 'admin', costs: Array.from({ length: 31 }, () => 1), pageSize: 1 },
      },
    },
  });
});
afterAll(() => sim.close());

const env = (vars: Record<string, string>) => ({ ...vars, OPENAI_BASE_URL: sim.baseUrl('openai') });
const run = (key: string, args: string[] = []) => checkJson(['--timeout', '1500', ...args], env({ OPENAI_API_KEY: key }));
const runAdmin = (key: string, args: string[] = []) => checkJson(['--timeout', '1500', ...args], env({ OPENAI_ADMIN_KEY: key }));
const ID = 'env/OPENAI_API_KEY';
const ADMIN = 'env/OPENAI_ADMIN_KEY';
const sentWith = (key: string) => sim.requests.filter((r) => r.credential === key).map((r) => `${r.method} ${r.path}`);

describe.concurrent('openai API keys', { timeout: 30_000 }, () => {
  it('works: GET /models; quota has no endpoint but reports the x-ratelimit headers', async () => {
    const c = await run(K.ok);
    expect(c.codes(ID)).toMatchObject({ format: 'pass/recognized', expiry: 'skip/not_applicable', validity: 'pass/authenticated', quota: 'unsupported/no_quota_endpoint', inference: 'skip/not_requested' });
    expect(c.profile(ID)).toMatchObject({ provider: 'openai', credential: { kind: 'api_key', redacted: expect.stringMatching(/^sk-proj-…/) }, verdict: 'works' });
    expect(c.check(ID, 'quota').data).toMatchObject({ rateLimits: { requests: { limit: 5000, remaining: 4999 }, tokens: { limit: 800000, remaining: 799990 } } });
    expect(sentWith(K.ok)).toEqual(['GET /v1/models']);
    expect(c.run.code).toBe(0);
  });

  it('legacy and service-account keys are API keys too', async () => {
    for (const key of [K.legacy, K.svc]) {
      const c = await run(key);
      expect(c.codes(ID)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated' });
      expect(c.profile(ID).credential.kind).toBe('api_key');
    }
  });

  it('no rate-limit headers: no data, still no_quota_endpoint', async () => {
    const c = await run(K.bare);
    expect(c.codes(ID)).toMatchObject({ quota: 'unsupported/no_quota_endpoint' });
    expect(c.check(ID, 'quota').data).toBeUndefined();
  });

  it('invalid_api_key (401) is invalid_credential', async () => {
    const c = await run(K.unknown);
    expect(c.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential', quota: 'skip/prerequisite_failed' });
    expect(c.check(ID, 'validity').httpStatus).toBe(401);
    expect(c.run.code).toBe(1);
  });

  it('a restricted key (401 or 403 "Missing scopes: api.model.read") works: permission_denied, never invalid', async () => {
    for (const key of [K.restricted, K.restricted403]) {
      const c = await run(key);
      expect(c.codes(ID)).toMatchObject({ validity: 'warn/permission_denied', quota: 'unsupported/no_quota_endpoint' });
      expect(c.profile(ID).verdict).toBe('works');
      expect(c.run.code).toBe(0);
    }
  });

  it('a restricted key still runs --inference, with a model it did not have to list', async () => {
    const c = await run(K.restricted, ['--inference']);
    expect(c.codes(ID)).toMatchObject({ inference: 'pass/inference_ok' });
    expect(sim.requests.find((r) => r.credential === K.restricted && r.path === '/v1/chat/completions')?.body).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 1 });
  });

  it('rate-limited: works, throttled', async () => {
    const c = await run(K.limited);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/rate_limited' });
    expect(c.check(ID, 'validity').retryAfterSeconds).toBe(20);
    expect(c.profile(ID).verdict).toBe('works');
  });

  it('down (503) and a CDN error page: provider_unavailable, never invalid', async () => {
    for (const key of [K.down, K.cdn]) {
      const c = await run(key);
      expect(c.codes(ID)).toMatchObject({ validity: 'error/provider_unavailable', quota: 'skip/prerequisite_failed' });
      expect(c.run.code).toBe(3);
    }
  });

  it('slow: timeout, never invalid', async () => {
    const c = await run(K.slow);
    expect(c.codes(ID)).toMatchObject({ validity: 'error/timeout' });
    expect(c.run.code).toBe(3);
  });

  it('--inference: one token of the cheapest plain chat model; insufficient_quota is credit_balance_too_low', async () => {
    const ok = await run(K.funded, ['--inference']);
    expect(ok.codes(ID)).toMatchObject({ inference: 'pass/inference_ok' });
    // Listed: gpt-5-nano and o4-mini (reasoning models refuse one token), gpt-4.1-nano (picked).
    expect(sim.requests.find((r) => r.credential === K.funded && r.path === '/v1/chat/completions')?.body).toMatchObject({ model: 'gpt-4.1-nano', max_tokens: 1 });
    const broke = await run(K.broke, ['--inference']);
    expect(broke.codes(ID)).toMatchObject({ validity: 'pass/authenticated', inference: 'fail/credit_balance_too_low' });
    expect(broke.check(ID, 'inference').httpStatus).toBe(429);
  });
});

describe.concurrent('openai admin keys', { timeout: 30_000 }, () => {
  it('one cost-report call answers validity and quota: month-to-date spend', async () => {
    const c = await runAdmin(K.admin, ['--inference']);
    expect(c.codes(ADMIN)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated', quota: 'pass/cost_report', inference: 'skip/not_applicable' });
    expect(c.profile(ADMIN).credential.kind).toBe('admin_key');
    expect(c.check(ADMIN, 'quota').data).toMatchObject({ spend: { totals: [{ amount: 4.5, currency: 'USD' }] } });
    expect(sentWith(K.admin)).toEqual(['GET /v1/organization/costs']);
    const q = sim.requests.find((r) => r.credential === K.admin)!.query;
    const monthStart = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1) / 1000;
    expect(q).toMatchObject({ start_time: String(monthStart), bucket_width: '1d', limit: '31' });
  });

  it('follows next_page once, no further, and says the total is a lower bound', async () => {
    const c = await runAdmin(K.adminPaged);
    expect(c.codes(ADMIN)).toMatchObject({ quota: 'pass/cost_report' });
    expect(sentWith(K.adminPaged)).toEqual(Array(2).fill('GET /v1/organization/costs'));
    expect(c.check(ADMIN, 'quota').data).toMatchObject({ spend: { totals: [{ amount: 2, currency: 'USD' }] }, partial: true });
  });

  it('an admin key without api.usage.read: authenticated, and quota says scope_missing', async () => {
    const c = await runAdmin(K.adminRestricted);
    expect(c.codes(ADMIN)).toMatchObject({ validity: 'warn/permission_denied', quota: 'unsupported/scope_missing' });
    expect(c.profile(ADMIN).verdict).toBe('works');
  });

  it('an unknown admin key is invalid_credential', async () => {
    const c = await runAdmin(K.adminUnknown);
    expect(c.codes(ADMIN)).toMatchObject({ validity: 'fail/invalid_credential', quota: 'skip/prerequisite_failed' });
  });
});
