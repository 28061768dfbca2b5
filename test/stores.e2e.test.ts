// `check` over the stores people actually have: openclaw (JSON and SQLite in WAL mode) and Claude
// Code, in a temporary HOME, against the simulated API. Proves the right requests per profile, the
// store problems, and that nothing is written.

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnthropicSim, type SimServer } from '../src/sim/anthropic.js';
import { openaiSim } from '../src/sim/openai.js';
import { startProviderSim, type ProviderSimServer } from '../src/sim/server.js';
import type { Report } from '../src/types.js';
import { fakeSecret, leakedWindows, runCli, tempHome } from './helpers/cli.js';
import { snapshot, writeUnder } from './helpers/files.js';
import { schemaErrors } from './helpers/schema.js';
import { writeWalDatabase, type Statement } from './helpers/sqlite-wal-writer.js';

const DAY = 86_400_000;
const S = {
  api: fakeSecret('sk-ant-api03-'),
  setup: fakeSecret('sk-ant-oat01-'),
  oauth: fakeSecret('sk-ant-oat01-'),
  oauthRefresh: fakeSecret('sk-ant-ort01-'),
  expired: fakeSecret('sk-ant-oat01-'),
  dead: fakeSecret('sk-ant-oat01-'),
  openai: fakeSecret('sk-proj-'),
  archived: fakeSecret('sk-ant-api03-'),
  claude: fakeSecret('sk-ant-oat01-'),
  claudeRefresh: fakeSecret('sk-ant-ort01-'),
  sqlShared: fakeSecret('sk-ant-api03-'),
  sqlWal: fakeSecret('sk-ant-api03-'),
  sqlAgent: fakeSecret('sk-ant-oat01-'),
};

let sim: SimServer;
let openaiApi: ProviderSimServer;
let home: string;
let cleanup: () => void;
const write = (rel: string, content: unknown, mode?: number) => writeUnder(home, rel, content, mode);

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  const now = Date.now();
  sim = await startAnthropicSim({
    credentials: {
      [S.api]: { kind: 'api_key' },
      [S.setup]: { kind: 'oauth', scopes: ['user:inference'] },
      [S.oauth]: { kind: 'oauth', scopes: ['user:inference', 'user:profile'], usage: { five_hour: { utilization: 30, resets_at: null } } },
      [S.expired]: { kind: 'oauth', behaviour: 'revoked' },
      [S.dead]: { kind: 'oauth', behaviour: 'revoked' },
      [S.claude]: { kind: 'oauth', scopes: ['user:inference'] },
      [S.sqlShared]: { kind: 'api_key' },
      [S.sqlWal]: { kind: 'api_key', behaviour: 'revoked' },
      [S.sqlAgent]: { kind: 'oauth', scopes: ['user:inference', 'user:profile'] },
    },
  });
  openaiApi = await startProviderSim({ providers: [openaiSim], keys: { openai: { [S.openai]: {} } } });

  // openclaw, JSON layout (openclaw before the SQLite move).
  write('.openclaw/agents/main/agent/auth-profiles.json', {
    version: 1,
    profiles: {
      'anthropic:manual': { type: 'api_key', provider: 'anthropic', key: S.api },
      'anthropic:setup-token': { type: 'token', provider: 'anthropic', token: S.setup, expires: now + 300 * DAY },
      'anthropic:default': { type: 'oauth', provider: 'anthropic', access: S.oauth, refresh: S.oauthRefresh, expires: now + 2 * DAY, email: 'someone@example.com' },
      'anthropic:expired': { type: 'oauth', provider: 'anthropic', access: S.expired, refresh: fakeSecret('sk-ant-ort01-'), expires: now - DAY },
      'anthropic:dead': { type: 'token', provider: 'anthropic', token: S.dead, expires: now - DAY },
      'anthropic:refreshing': { type: 'oauth', provider: 'anthropic', access: 'openclaw-oauth-refresh-fence:v1:a', refresh: 'openclaw-oauth-refresh-fence:v1:r', expires: 1 },
      'openai:default': { type: 'api_key', provider: 'openai', key: S.openai },
    },
  });
  // openclaw sends its requests where its config says: here, to the simulator. (ANTHROPIC_BASE_URL,
  // which the run also sets, is not openclaw's: CONTRACT.md, "Where a credential may be sent".)
  write('.openclaw/openclaw.json', { models: { providers: { anthropic: { baseUrl: sim.url }, openai: { baseUrl: openaiApi.baseUrl('openai') } } } });
  write('.openclaw/agents/main/agent/auth.json.migrated-2026-10-01T00-00-00Z-1b2c', { anthropic: { type: 'api_key', key: S.archived } });
  write('.openclaw/agents/broken/agent/auth-profiles.json', '{"version": 1, "profiles": {"anthropic:x": }');
  write('.openclaw/agents/loose/agent/auth-profiles.json', { version: 1, profiles: { 'anthropic:shared': { type: 'api_key', provider: 'anthropic', key: S.api } } }, 0o644);

  // Claude Code's login: scopes without user:profile, a refresh token, valid for a day more.
  write('.claude/.credentials.json', {
    claudeAiOauth: { accessToken: S.claude, refreshToken: S.claudeRefresh, expiresAt: now + DAY + 3_600_000, scopes: ['user:inference'], subscriptionType: 'pro' },
  });

  // openclaw, current SQLite layout, with the newest commit still in the -wal.
  const machine = (key: string, value: unknown): Statement => ['INSERT OR REPLACE INTO config_machine_state VALUES (?, ?, 1)', [key, JSON.stringify(value)]];
  const apiKey = (key: string) => ({ type: 'api_key', provider: 'anthropic', key });
  await writeWalDatabase(path.join(home, 'oc-sqlite/state/openclaw.sqlite'), {
    base: [
      'CREATE TABLE config_machine_state (state_key TEXT PRIMARY KEY, value_json TEXT, updated_at_ms INTEGER)',
      machine('auth.sharedStore', { location: 'state-db' }),
      machine('authProfiles.store', { version: 1, profiles: { 'anthropic:default': apiKey(S.sqlShared) } }),
    ],
    commits: [[machine('authProfiles.store', { version: 1, profiles: { 'anthropic:default': apiKey(S.sqlShared), 'anthropic:manual': apiKey(S.sqlWal) } })]],
  });
  await writeWalDatabase(path.join(home, 'oc-sqlite/agents/work/agent/openclaw-agent.sqlite'), {
    base: [
      'CREATE TABLE auth_profile_store (store_key TEXT NOT NULL PRIMARY KEY, store_json TEXT NOT NULL, updated_at INTEGER NOT NULL)',
      'CREATE TABLE auth_profile_state (state_key TEXT NOT NULL PRIMARY KEY, state_json TEXT NOT NULL, updated_at INTEGER NOT NULL)',
    ],
    commits: [[["INSERT INTO auth_profile_store VALUES ('primary', ?, 1)", [JSON.stringify({ version: 1, profiles: { 'anthropic:sub': { type: 'oauth', provider: 'anthropic', access: S.sqlAgent, refresh: fakeSecret('sk-ant-ort01-'), expires: now + 3 * DAY } } })]]]],
  });
});

afterAll(async () => {
  await Promise.all([sim.close(), openaiApi.close()]);
  cleanup();
});

function checksOf(report: Report, id: string): Record<string, string> {
  const p = report.profiles.find((x) => x.id === id);
  expect(p, id).toBeDefined();
  return Object.fromEntries(p!.checks.map((c) => [c.id, `${c.status}/${c.code}`]));
}

describe('openclaw JSON stores and Claude Code, checked with no flags', () => {
  let report: Report;
  let stdout = '';
  const before = new Map<string, string>();
  let requestsFrom = 0;

  beforeAll(async () => {
    for (const [k, v] of snapshot(home)) before.set(k, v);
    requestsFrom = sim.requests.length;
    const r = await runCli(['check', '--json'], { home, env: { ANTHROPIC_BASE_URL: sim.url, ANTHROPIC_API_KEY: S.api } });
    stdout = r.stdout + r.stderr;
    report = JSON.parse(r.stdout) as Report;
    expect(schemaErrors(report)).toBe('');
    expect(r.code).toBe(1);
  });

  it('finds every profile with the right kind', () => {
    const kinds = Object.fromEntries(report.profiles.map((p) => [p.id, `${p.provider}:${p.credential.kind}`]));
    expect(kinds).toMatchObject({
      'env/ANTHROPIC_API_KEY': 'anthropic:api_key',
      'openclaw/main/anthropic:manual': 'anthropic:api_key',
      'openclaw/main/anthropic:setup-token': 'anthropic:setup_token',
      'openclaw/main/anthropic:default': 'anthropic:oauth_token',
      'openclaw/main/anthropic:expired': 'anthropic:oauth_token',
      'openclaw/main/anthropic:dead': 'anthropic:setup_token',
      'openclaw/main/openai:default': 'openai:api_key',
      'openclaw/loose/anthropic:shared': 'anthropic:api_key',
      'claude-code/credentials-file': 'anthropic:oauth_token',
    });
  });

  it('lets stored metadata drive expiry and quota', () => {
    expect(checksOf(report, 'openclaw/main/anthropic:manual')).toMatchObject({ validity: 'pass/authenticated', quota: 'unsupported/no_quota_endpoint' });
    expect(checksOf(report, 'openclaw/main/anthropic:setup-token')).toMatchObject({ expiry: 'pass/valid_until', quota: 'unsupported/scope_missing' });
    expect(checksOf(report, 'openclaw/main/anthropic:default')).toMatchObject({ expiry: 'pass/valid_until', quota: 'pass/usage' });
    expect(checksOf(report, 'openclaw/main/anthropic:expired')).toMatchObject({ expiry: 'warn/expired_refreshable', validity: 'skip/prerequisite_failed' });
    expect(checksOf(report, 'openclaw/main/anthropic:dead')).toMatchObject({ expiry: 'fail/expired', validity: 'skip/prerequisite_failed' });
    expect(checksOf(report, 'openclaw/main/anthropic:refreshing')).toMatchObject({ format: 'error/refresh_in_progress', validity: 'skip/prerequisite_failed' });
    expect(checksOf(report, 'openclaw/loose/anthropic:shared')).toMatchObject({ format: 'warn/loose_permissions', validity: 'pass/authenticated' });
    expect(checksOf(report, 'claude-code/credentials-file')).toMatchObject({ expiry: 'pass/valid_until', validity: 'pass/authenticated', quota: 'unsupported/scope_missing' });
    const cc = report.profiles.find((p) => p.id === 'claude-code/credentials-file')!;
    expect(cc.credential.scopes).toEqual(['user:inference']);
    // openclaw's OpenAI profile goes where openclaw's config sends it: OpenAI's simulator, with OpenAI's module.
    expect(checksOf(report, 'openclaw/main/openai:default')).toMatchObject({ validity: 'pass/authenticated', quota: 'unsupported/no_quota_endpoint' });
  });

  it('sends the right requests per profile, each secret once', () => {
    const sent = sim.requests.slice(requestsFrom);
    const paths = (secret: string) => sent.filter((q) => q.credential === secret).map((q) => q.path);
    // env/ANTHROPIC_API_KEY, openclaw main and loose hold one key: one request.
    expect(paths(S.api)).toEqual(['/v1/models']);
    expect(paths(S.setup)).toEqual(['/v1/models', '/api/oauth/usage']);
    expect(paths(S.oauth)).toEqual(['/v1/models', '/api/oauth/usage']);
    // Known scopes without user:profile: no usage request.
    expect(paths(S.claude)).toEqual(['/v1/models']);
    // Expired tokens, refresh markers and other providers' keys are never sent.
    for (const never of [S.expired, S.dead, S.openai, S.oauthRefresh, S.claudeRefresh, S.archived]) expect(paths(never)).toEqual([]);
    expect(openaiApi.requests.filter((q) => q.credential === S.openai).map((q) => q.path)).toEqual(['/v1/models']);
    expect(sent.some((q) => q.credential?.startsWith('openclaw-oauth-refresh-fence'))).toBe(false);
    const env = report.profiles.find((p) => p.id === 'env/ANTHROPIC_API_KEY')!;
    // Every agent inherits main's profiles (the older layout's shared store): one profile, under main,
    // with the other agents' ids as aliases; the same key under another id in loose's own store is a twin.
    expect(env.sameSecretAs!.sort()).toEqual(['openclaw/loose/anthropic:shared', 'openclaw/main/anthropic:manual']);
    expect(report.profiles.find((p) => p.id === 'openclaw/main/anthropic:manual')!.aliases).toEqual(
      expect.arrayContaining(['openclaw/broken/anthropic:manual', 'openclaw/loose/anthropic:manual']),
    );
  });

  it('reports every store problem and still checks the rest', () => {
    const problems = report.problems.map((p) => `${p.source}:${p.code}:${p.location}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'openclaw:malformed_store:~/.openclaw/agents/broken/agent/auth-profiles.json',
        expect.stringMatching(/^openclaw:plaintext_leftover:~\/\.openclaw\/agents\/main\/agent\/auth\.json\.migrated-/),
      ]),
    );
    expect(report.problems.find((p) => p.code === 'malformed_store')!.message).toMatch(/line|position|invalid JSON/);
  });

  it('writes nothing and leaks nothing', () => {
    const after = snapshot(home);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, sig] of before) expect(after.get(file), file).toBe(sig);
    expect(leakedWindows(stdout, Object.values(S))).toEqual([]);
    expect(stdout).not.toContain('someone@example.com');
  });
});

describe('openclaw SQLite stores in WAL mode', () => {
  it('reads the latest committed rows, lays agents over the shared store, creates no side files', async () => {
    const dir = path.join(home, 'oc-sqlite');
    const before = snapshot(dir);
    const from = sim.requests.length;
    const r = await runCli(['check', '--json', '--source', 'openclaw', '--openclaw-dir', dir, '--base-url', sim.url], { home });
    const report = JSON.parse(r.stdout) as Report;
    expect(schemaErrors(report)).toBe('');
    expect(report.problems).toEqual([]);
    // Shared entries once, with work's ids as aliases (issue 13, item 10).
    expect(report.profiles.map((p) => [p.id, p.aliases ?? []])).toEqual([
      ['openclaw/main/anthropic:default', ['openclaw/work/anthropic:default']],
      ['openclaw/main/anthropic:manual', ['openclaw/work/anthropic:manual']],
      ['openclaw/work/anthropic:sub', []],
    ]);
    // The row only in the -wal is seen: a revoked key there makes the run exit 1.
    expect(checksOf(report, 'openclaw/main/anthropic:manual')).toMatchObject({ validity: 'fail/invalid_credential' });
    expect(checksOf(report, 'openclaw/main/anthropic:default')).toMatchObject({ validity: 'pass/authenticated' });
    expect(checksOf(report, 'openclaw/work/anthropic:sub')).toMatchObject({ expiry: 'pass/valid_until', quota: 'pass/usage' });
    expect(report.profiles.find((p) => p.id === 'openclaw/work/anthropic:sub')!.credential.kind).toBe('oauth_token');
    expect(r.code).toBe(1);
    const sent = sim.requests.slice(from);
    expect(sent.filter((q) => q.credential === S.sqlShared)).toHaveLength(1);
    const after = snapshot(dir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, sig] of before) expect(after.get(file), file).toBe(sig);
  });

  it('profiles lists them without a request', async () => {
    const from = sim.requests.length;
    const r = await runCli(['profiles', '--json', '--source', 'openclaw', '--openclaw-dir', path.join(home, 'oc-sqlite')], { home });
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { profiles: Array<{ id: string; source: { location: string } }> };
    expect(list.profiles.find((p) => p.id === 'openclaw/main/anthropic:manual')!.source.location).toMatch(/^~\/oc-sqlite\/state\/openclaw\.sqlite#/);
    expect(sim.requests.length).toBe(from);
  });
});
