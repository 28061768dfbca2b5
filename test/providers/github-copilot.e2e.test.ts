// GitHub Copilot against its simulator: GET /copilot_internal/user with `Authorization: token …`
// answers validity and the premium/chat/completions quotas; no Copilot is a 404, GitHub's rate
// limit a 403 with x-ratelimit-remaining: 0.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUser, type CopilotQuota } from '../../src/providers/github-copilot/index.js';
import { githubCopilotSim } from '../../src/sim/github-copilot.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import { fakeSecret, runCli, tempHome } from '../helpers/cli.js';
import { checkJson } from '../helpers/provider-sim.js';

const tok = (prefix = 'gho_') => fakeSecret(prefix, 36);
// Each test that sends a key the simulator accepts has its own: the tests run at once, and one
// asserts every request its key made.
const K = {
  ok: tok(),
  human: tok(),
  wrongBase: tok(),
  appUser: tok('ghu_'),
  pat: fakeSecret('github_pat_', 82),
  unlimited: tok(),
  near: tok(),
  billed: tok(),
  refused: tok(),
  free: tok(),
  noCopilot: tok(),
  limited: tok(),
  forbidden: tok(),
  down: tok(),
  slow: tok(),
  unknown: tok(),
};

let sim: ProviderSimServer;
beforeAll(async () => {
  sim = await startProviderSim({
    providers: [githubCopilotSim],
    slowMs: 3000,
    keys: {
      github: {
        [K.ok]: {},
        [K.human]: {},
        [K.wrongBase]: {},
        [K.appUser]: {},
        [K.pat]: {},
        [K.unlimited]: { behaviour: 'unlimited' },
        [K.near]: { behaviour: 'near_limit' },
        [K.billed]: { behaviour: 'overage_billed' },
        [K.refused]: { behaviour: 'overage_refused' },
        [K.free]: { behaviour: 'free_plan' },
        [K.noCopilot]: { behaviour: 'no_copilot' },
        [K.limited]: { behaviour: 'rate_limited' },
        [K.forbidden]: { behaviour: 'forbidden' },
        [K.down]: { behaviour: 'down' },
        [K.slow]: { behaviour: 'slow' },
      },
    },
  });
});
afterAll(() => sim.close());

const run = (secret: string, args: string[] = [], env: Record<string, string> = {}) =>
  checkJson(['--timeout', '1500', ...args], { COPILOT_GITHUB_TOKEN: secret, GITHUB_API_URL: sim.baseUrl('github'), ...env });
const ID = 'env/COPILOT_GITHUB_TOKEN';
type Quota = { windows: Array<{ window: string; usedPercent: number; resetsAt: string | null }>; plan: string | null; quotas: CopilotQuota[] };
const quota = (c: Awaited<ReturnType<typeof run>>) => c.check(ID, 'quota').data as Quota;

describe.concurrent('github-copilot', { timeout: 30_000 }, () => {
  it('works: `Authorization: token`, the editor headers, premium usage and unlimited chat; --inference not applicable', async () => {
    const c = await run(K.ok, ['--inference']);
    expect(c.codes(ID)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated', quota: 'pass/usage', inference: 'skip/not_applicable' });
    expect(c.profile(ID)).toMatchObject({ provider: 'github-copilot', credential: { kind: 'oauth_token', redacted: expect.stringMatching(/^gho_…/) }, verdict: 'works' });
    const q = quota(c);
    expect(q.windows).toEqual([{ window: 'premium', label: 'premium requests', usedPercent: 24, resetsAt: expect.stringMatching(/-01T00:00:00/) }]);
    expect(q.plan).toBe('individual');
    expect(q.quotas.filter((x) => x.unlimited).map((x) => x.quota)).toEqual(['chat', 'completions']);
    expect(c.check(ID, 'quota').summary).toMatch(/24 %/);
    const [req, ...more] = sim.requests.filter((r) => r.credential === K.ok);
    expect(more).toEqual([]);
    expect(req).toMatchObject({ path: '/copilot_internal/user', via: 'token' });
    expect(req!.headers).toMatchObject({ 'editor-version': 'vscode/1.96.2', 'x-github-api-version': '2025-04-01' });
  });

  it('the human output names each window as the check’s summary does', async () => {
    const { home, cleanup } = tempHome();
    try {
      const r = await runCli(['check', '--timeout', '1500', '--verbose', '--no-color'], { home, env: { COPILOT_GITHUB_TOKEN: K.human, GITHUB_API_URL: sim.baseUrl('github') } });
      expect(r.stdout).toContain('windows: premium requests 24 % used');
    } finally {
      cleanup();
    }
  });

  it('GitHub App user tokens and fine-grained tokens are Copilot tokens too', async () => {
    const [app, pat] = await Promise.all([run(K.appUser), run(K.pat)]);
    expect(app.codes(ID)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated' });
    expect(pat.codes(ID)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated' });
  });

  it('unlimited everything: pass, with no window to fill', async () => {
    const c = await run(K.unlimited);
    expect(c.codes(ID)).toMatchObject({ quota: 'pass/usage' });
    expect(quota(c).windows).toEqual([]);
    expect(quota(c).plan).toBe('enterprise');
    expect(quota(c).quotas.map((q) => [q.quota, q.unlimited])).toEqual([
      ['premium', true],
      ['chat', true],
      ['completions', true],
    ]);
    expect(c.check(ID, 'quota').summary).toMatch(/unlimited/);
  });

  it('near the premium limit: near_limit', async () => {
    const c = await run(K.near);
    expect(c.codes(ID)).toMatchObject({ quota: 'warn/near_limit' });
    expect(quota(c).windows[0]!.usedPercent).toBe(85);
  });

  it('overage: usedPercent over 100 is limit_reached, and the data says billed or refused', async () => {
    const [billed, refused] = await Promise.all([run(K.billed), run(K.refused)]);
    expect(billed.codes(ID)).toMatchObject({ validity: 'pass/authenticated', quota: 'warn/limit_reached' });
    expect(quota(billed).windows[0]!.usedPercent).toBe(109);
    expect(quota(billed).quotas.find((q) => q.quota === 'premium')).toMatchObject({ overage: 'billed', overageCount: 27, remaining: -27 });
    // The hint tells a person which of the two it is.
    expect(billed.check(ID, 'quota').hint).toMatch(/billed/);
    expect(refused.codes(ID)).toMatchObject({ quota: 'warn/limit_reached' });
    expect(quota(refused).quotas.find((q) => q.quota === 'premium')).toMatchObject({ overage: 'refused' });
    expect(refused.check(ID, 'quota').hint).toMatch(/refused/);
    expect([billed.run.code, refused.run.code]).toEqual([0, 0]);
  });

  it('the free plan’s monthly quotas', async () => {
    const c = await run(K.free);
    expect(quota(c).windows.map((w) => [w.window, w.usedPercent])).toEqual([
      ['chat', 76],
      ['completions', 25],
    ]);
  });

  it('no Copilot for this account (404) is service_blocked', async () => {
    const c = await run(K.noCopilot);
    expect(c.codes(ID)).toMatchObject({ validity: 'fail/service_blocked', quota: 'skip/prerequisite_failed' });
    expect(c.run.code).toBe(1);
  });

  it('a 404 that is not the GitHub API’s (a wrong base URL) is unexpected_response, not service_blocked', async () => {
    const c = await run(K.wrongBase, [], { GITHUB_API_URL: `${sim.url}/not-github` });
    expect(c.codes(ID)).toMatchObject({ validity: 'error/unexpected_response' });
  });

  it('GitHub’s rate limit (403, x-ratelimit-remaining: 0) is rate_limited, not permission_denied', async () => {
    const c = await run(K.limited);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/rate_limited', quota: 'error/rate_limited' });
    expect(c.profile(ID).verdict).toBe('works');
  });

  it('another 403 is permission_denied, and quota scope_missing', async () => {
    const c = await run(K.forbidden);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/permission_denied', quota: 'unsupported/scope_missing' });
  });

  it('bad credentials (401) is invalid_credential', async () => {
    const c = await run(K.unknown);
    expect(c.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential' });
  });

  it('down and slow: provider_unavailable and timeout', async () => {
    const [down, slow] = await Promise.all([run(K.down), run(K.slow)]);
    expect(down.codes(ID)).toMatchObject({ validity: 'error/provider_unavailable' });
    expect(slow.codes(ID)).toMatchObject({ validity: 'error/timeout' });
  });

  it('GH_TOKEN and GITHUB_TOKEN are never picked up', async () => {
    const c = await checkJson(['--timeout', '1500'], { GH_TOKEN: tok(), GITHUB_TOKEN: tok(), ANTHROPIC_API_KEY: fakeSecret('sk-ant-api03-'), ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' });
    expect(c.report.profiles.map((p) => p.id)).toEqual(['env/ANTHROPIC_API_KEY']);
  });

  it('a refresh token (ghr_) is never sent; another provider’s key is wrong_provider', async () => {
    const refresh = tok('ghr_');
    const other = fakeSecret('sk-cp-', 60);
    const [r, o] = await Promise.all([run(refresh), run(other)]);
    expect(r.codes(ID)).toMatchObject({ format: 'fail/refresh_token_not_access_token', validity: 'skip/prerequisite_failed' });
    expect(r.profile(ID).credential.kind).toBe('refresh_token');
    expect(o.codes(ID)).toMatchObject({ format: 'fail/wrong_provider' });
    expect(sim.requests.some((x) => x.credential === refresh || x.credential === other)).toBe(false);
  });

  it('parses unknown quota names and refuses bodies that are not Copilot’s', () => {
    const u = parseUser({ quota_snapshots: { premium_interactions: { entitlement: 0, percent_remaining: -20 }, agent: { unlimited: false, percent_remaining: 50 } } });
    expect(u?.windows.map((w) => [w.window, w.usedPercent])).toEqual([
      ['premium', 120],
      ['agent', 50],
    ]);
    expect(parseUser({ login: 'octo' })).toBeNull();
    expect(parseUser([])).toBeNull();
  });
});
