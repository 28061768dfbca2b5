// The Codex CLI's auth.json in each shape, checked against the simulated ChatGPT backend and OpenAI
// API: a ChatGPT login proves itself and shows its plan's windows with one request; expired tokens
// and mixed-up account ids are never sent; the file is never written.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatgptSim, openaiSim } from '../../src/sim/openai.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import { fakeSecret, runCli, tempHome } from '../helpers/cli.js';
import { chatgptToken } from '../helpers/jwt.js';
import { checkJson } from '../helpers/provider-sim.js';

const ACCOUNT = 'acc-1111aaaa';
const login = (o: Parameters<typeof chatgptToken>[0] = {}) => chatgptToken({ accountId: ACCOUNT, ...o });
const T = {
  ok: login(),
  near: login(),
  full: login(),
  flagged: login(),
  limited: login(),
  down: login(),
  slow: login(),
  challenge: login(),
  expired: login(),
  invalidated: login(),
  otherWorkspace: login(),
  noClaim: login({ accountId: 'acc-claimed' }),
};
const API_KEY = fakeSecret('sk-proj-', 80);

let sim: ProviderSimServer;
const homes: Array<() => void> = [];
beforeAll(async () => {
  const usage = (u: Record<string, unknown>) => ({ accountId: ACCOUNT, usage: u });
  sim = await startProviderSim({
    providers: [openaiSim, chatgptSim],
    slowMs: 3000,
    keys: {
      chatgpt: {
        [T.ok]: usage({ primary: 23, secondary: 61, plan: 'pro', credits: { has_credits: true, unlimited: false, balance: '12.5' } }),
        [T.near]: usage({ primary: 85, secondary: 40 }),
        [T.full]: usage({ primary: 40, secondary: 100 }),
        [T.flagged]: usage({ primary: 30, secondary: 20, limitReached: true }),
        [T.limited]: { behaviour: 'rate_limited' },
        [T.down]: { behaviour: 'down' },
        [T.slow]: { behaviour: 'slow' },
        [T.challenge]: { behaviour: 'challenge' },
        [T.expired]: { behaviour: 'expired' },
        [T.invalidated]: { behaviour: 'invalidated' },
        [T.otherWorkspace]: { accountId: 'acc-someone-else' },
        [T.noClaim]: { accountId: 'acc-claimed' },
      },
      openai: { [API_KEY]: {} },
    },
  });
});
afterAll(async () => {
  await sim.close();
  for (const cleanup of homes) cleanup();
});

/** A Codex home holding this auth.json (text as written, so that byte-identity can be checked). */
function codexHome(auth: unknown): { dir: string; file: string; text: string } {
  const { home, cleanup } = tempHome('authdoctor-codex-');
  homes.push(cleanup);
  const dir = path.join(home, '.codex');
  mkdirSync(dir, { recursive: true });
  const text = typeof auth === 'string' ? auth : JSON.stringify(auth, null, 2);
  const file = path.join(dir, 'auth.json');
  writeFileSync(file, text, { mode: 0o600 });
  return { dir, file, text };
}

const chatgptAuth = (access: string, o: { refresh?: boolean; accountId?: string | null; apiKey?: string | null } = {}) => ({
  auth_mode: 'chatgpt',
  OPENAI_API_KEY: o.apiKey ?? null,
  tokens: { id_token: login(), access_token: access, refresh_token: o.refresh === false ? '' : 'rt_' + fakeSecret('', 40), account_id: o.accountId === undefined ? ACCOUNT : o.accountId },
  last_refresh: new Date().toISOString(),
});

async function run(auth: unknown, args: string[] = []) {
  const home = codexHome(auth);
  const c = await checkJson(['--source', 'codex', '--timeout', '1500', ...args], {
    CODEX_HOME: home.dir,
    CHATGPT_BASE_URL: sim.baseUrl('chatgpt'),
    OPENAI_BASE_URL: sim.baseUrl('openai'),
  });
  // Read-only: the login file is byte for byte what it was.
  expect(readFileSync(home.file, 'utf8')).toBe(home.text);
  return c;
}

const ID = 'codex/chatgpt';
const sentWith = (token: string) => sim.requests.filter((r) => r.credential === token);

describe.concurrent('Codex auth.json and the ChatGPT login', { timeout: 30_000 }, () => {
  it('a ChatGPT login: one request answers validity and quota (5h/7d windows, plan, credits)', async () => {
    const c = await run(chatgptAuth(T.ok), ['--inference']);
    expect(c.codes(ID)).toMatchObject({
      format: 'pass/recognized',
      expiry: 'pass/valid_until',
      validity: 'pass/authenticated',
      quota: 'pass/usage',
      inference: 'skip/not_applicable',
    });
    const p = c.profile(ID);
    expect(p).toMatchObject({ provider: 'openai', source: { type: 'codex', location: expect.stringMatching(/auth\.json#\/tokens\/access_token$/) }, credential: { kind: 'oauth_token' }, verdict: 'works' });
    // The expiry is the token's own `exp`.
    expect(Date.parse(p.credential.expiresAt!)).toBeGreaterThan(Date.now() + 9 * 86_400_000);
    expect(p.endpoint).toContain('127.0.0.1');
    const data = c.check(ID, 'quota').data as Record<string, unknown>;
    expect(data).toMatchObject({ windows: [{ window: '5h', usedPercent: 23 }, { window: '7d', usedPercent: 61 }], plan: 'pro', credits: { hasCredits: true, unlimited: false, balance: 12.5 } });
    expect((data.windows as Array<{ resetsAt: string }>)[0]!.resetsAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const sent = sentWith(T.ok);
    expect(sent.map((r) => r.path)).toEqual(['/backend-api/wham/usage']);
    expect(sent[0]!.headers['chatgpt-account-id']).toBe(ACCOUNT);
    expect(sent[0]!.headers['user-agent']).toMatch(/^authdoctor\//);
    expect(c.run.code).toBe(0);
  });

  it('near_limit at 80 %, limit_reached at 100 % or when ChatGPT says so', async () => {
    const [near, full, flagged] = await Promise.all([run(chatgptAuth(T.near)), run(chatgptAuth(T.full)), run(chatgptAuth(T.flagged))]);
    expect(near.codes(ID)).toMatchObject({ quota: 'warn/near_limit' });
    expect(full.codes(ID)).toMatchObject({ quota: 'warn/limit_reached' });
    expect(flagged.codes(ID)).toMatchObject({ quota: 'warn/limit_reached' });
    for (const c of [near, full, flagged]) expect(c.profile(ID).verdict).toBe('works');
  });

  it('API key only: codex/api-key, checked as an OpenAI API key', async () => {
    const c = await run({ auth_mode: 'apikey', OPENAI_API_KEY: API_KEY, tokens: null });
    expect(c.report.profiles.map((p) => p.id)).toEqual(['codex/api-key']);
    expect(c.codes('codex/api-key')).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated', quota: 'unsupported/no_quota_endpoint' });
    expect(c.profile('codex/api-key')).toMatchObject({ provider: 'openai', credential: { kind: 'api_key' } });
  });

  it('expired, with a refresh token: expired_refreshable, not sent, unknown', async () => {
    const token = login({ expiresIn: -3600 });
    const c = await run(chatgptAuth(token));
    expect(c.codes(ID)).toMatchObject({ expiry: 'warn/expired_refreshable', validity: 'skip/prerequisite_failed', quota: 'skip/prerequisite_failed' });
    expect(c.profile(ID).verdict).toBe('unknown');
    expect(sentWith(token)).toEqual([]);
  });

  it('expired, without a refresh token: expired, broken, not sent', async () => {
    const token = login({ expiresIn: -3600 });
    const c = await run(chatgptAuth(token, { refresh: false }));
    expect(c.codes(ID)).toMatchObject({ expiry: 'fail/expired', validity: 'skip/prerequisite_failed' });
    expect(c.profile(ID).verdict).toBe('broken');
    expect(sentWith(token)).toEqual([]);
  });

  it('an account id that is not the token’s own: account_mismatch, not sent', async () => {
    const token = login();
    const c = await run(chatgptAuth(token, { accountId: 'acc-2222bbbb' }));
    expect(c.codes(ID)).toMatchObject({ validity: 'fail/account_mismatch', quota: 'skip/prerequisite_failed' });
    expect(c.run.code).toBe(1);
    expect(sentWith(token)).toEqual([]);
  });

  it('no account id stored: the token’s own is sent', async () => {
    const c = await run(chatgptAuth(T.noClaim, { accountId: null }));
    expect(c.codes(ID)).toMatchObject({ validity: 'pass/authenticated' });
    expect(sentWith(T.noClaim)[0]!.headers['chatgpt-account-id']).toBe('acc-claimed');
  });

  it('a malformed file is a problem, never a crash, and names no secret', async () => {
    const text = `{"tokens": {"access_token": "${T.ok}", `;
    const c = await run(text);
    expect(c.report.profiles).toEqual([]);
    expect(c.report.problems).toMatchObject([{ source: 'codex', code: 'malformed_store', location: expect.stringMatching(/auth\.json$/) }]);
    expect(c.run.stdout).not.toContain(T.ok.slice(-20));
    expect(c.run.code).toBe(4);
  });

  it('ChatGPT says token_expired or token_invalidated: invalid_credential', async () => {
    const [expired, invalidated] = await Promise.all([run(chatgptAuth(T.expired)), run(chatgptAuth(T.invalidated))]);
    expect(expired.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential' });
    expect(expired.check(ID, 'validity').summary).toMatch(/expired/);
    expect(invalidated.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential' });
    expect(invalidated.check(ID, 'validity').summary).toMatch(/invalidated/);
  });

  it('a token ChatGPT does not know (401 invalid_jwt) is invalid_credential', async () => {
    const c = await run(chatgptAuth(login()));
    expect(c.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential' });
  });

  it('a 403 from the API (not a bot wall) refuses the request, not the login: permission_denied', async () => {
    const c = await run(chatgptAuth(T.otherWorkspace));
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/permission_denied' });
    expect(c.profile(ID).verdict).toBe('works');
  });

  it('a Cloudflare challenge page is blocked_by_challenge, never invalid', async () => {
    const c = await run(chatgptAuth(T.challenge));
    expect(c.codes(ID)).toMatchObject({ validity: 'error/blocked_by_challenge', quota: 'skip/prerequisite_failed' });
    expect(c.run.code).toBe(3);
  });

  it('rate-limited: works, and quota reports the same call as rate_limited', async () => {
    const c = await run(chatgptAuth(T.limited));
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/rate_limited', quota: 'error/rate_limited' });
  });

  it('down and slow: provider_unavailable and timeout, never invalid', async () => {
    const [down, slow] = await Promise.all([run(chatgptAuth(T.down)), run(chatgptAuth(T.slow))]);
    expect(down.codes(ID)).toMatchObject({ validity: 'error/provider_unavailable' });
    expect(slow.codes(ID)).toMatchObject({ validity: 'error/timeout' });
  });

  it('a login and an API key in one file: two profiles, the idle one noted', async () => {
    const home = codexHome(chatgptAuth(T.ok, { apiKey: API_KEY }));
    const r = await runCli(['profiles', '--json', '--source', 'codex'], { home: path.dirname(home.dir), env: { CODEX_HOME: home.dir } });
    const listed = JSON.parse(r.stdout) as { profiles: Array<{ id: string; credential: { kind: string }; notes: string[] }> };
    expect(listed.profiles.map((p) => [p.id, p.credential.kind])).toEqual([['codex/chatgpt', 'oauth_token'], ['codex/api-key', 'api_key']]);
    expect(listed.profiles[1]!.notes.join(' ')).toMatch(/auth_mode "chatgpt"/);
    expect(r.stdout).not.toContain(API_KEY.slice(-16));
  });
});
