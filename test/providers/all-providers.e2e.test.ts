// Issue 10's "done when": a HOME holding an openclaw store with every provider's profiles (Codex
// logins under both of openclaw's ids), a Codex login and env keys of all five providers. `check`
// reports every profile with its kind, validity and quota, none skipped; the JSON validates, nothing
// leaks, nothing is written.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnthropicSim, type SimServer } from '../../src/sim/anthropic.js';
import { SIM_PROVIDERS } from '../../src/sim/providers.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import type { Report } from '../../src/types.js';
import { fakeHex, fakeSecret, leakedWindows, runCli, tempHome } from '../helpers/cli.js';
import { snapshot, writeUnder } from '../helpers/files.js';
import { chatgptToken } from '../helpers/jwt.js';
import { checkJson } from '../helpers/provider-sim.js';

const S = {
  anthropic: fakeSecret('sk-ant-api03-'),
  openai: fakeSecret('sk-proj-', 80),
  admin: fakeSecret('sk-admin-', 80),
  openrouter: fakeSecret('sk-or-v1-', 64),
  gemini: 'AIza' + fakeSecret('', 35),
  deepseek: `sk-${fakeHex()}`,
  codex: chatgptToken({ accountId: 'acc-codex', plan: 'pro' }),
  codexRefresh: 'rt_' + fakeSecret('', 40),
  clawCodex: chatgptToken({ accountId: 'acc-claw', plan: 'plus' }),
  clawCodexRefresh: 'rt_' + fakeSecret('', 40),
  clawOpenai: fakeSecret('sk-proj-', 80),
  clawRouter: fakeSecret('sk-or-v1-', 64),
  clawGoogle: 'AIza' + fakeSecret('', 35),
  clawDeepseek: `sk-${fakeHex()}`,
};

let anthropic: SimServer;
let others: ProviderSimServer;
let home: string;
let cleanup: () => void;
const write = (rel: string, content: unknown) => writeUnder(home, rel, content);
let report: Report;
let output = '';
let human = '';
let markdown = '';
let before: Map<string, string>;

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  anthropic = await startAnthropicSim({ credentials: { [S.anthropic]: { kind: 'api_key' } } });
  others = await startProviderSim({
    providers: SIM_PROVIDERS,
    keys: {
      openai: { [S.openai]: {}, [S.admin]: { kind: 'admin', costs: [2, 3] }, [S.clawOpenai]: {} },
      chatgpt: { [S.codex]: { accountId: 'acc-codex', usage: { primary: 10, secondary: 20, plan: 'pro' } }, [S.clawCodex]: { accountId: 'acc-claw', usage: { primary: 90, secondary: 50 } } },
      openrouter: { [S.openrouter]: { limit: 10, remaining: 6, reset: 'monthly', usage: 4 }, [S.clawRouter]: {} },
      google: { [S.gemini]: {}, [S.clawGoogle]: {} },
      deepseek: { [S.deepseek]: {}, [S.clawDeepseek]: { behaviour: 'empty_balance' } },
    },
  });
  const now = Date.now();
  write('.openclaw/agents/main/agent/auth-profiles.json', {
    version: 1,
    profiles: {
      'openai:default': { type: 'api_key', provider: 'openai', key: S.clawOpenai },
      'openai-codex:default': { type: 'oauth', provider: 'openai-codex', access: S.clawCodex, refresh: S.clawCodexRefresh, expires: now + 5 * 86_400_000, accountId: 'acc-claw' },
      'openrouter:default': { type: 'api_key', provider: 'openrouter', key: S.clawRouter },
      'google:default': { type: 'api_key', provider: 'google', key: S.clawGoogle },
      'deepseek:default': { type: 'api_key', provider: 'deepseek', key: S.clawDeepseek },
    },
  });
  // openclaw's config sends each provider to its simulator (the environment's variables are not openclaw's).
  const providers = {
    openai: { baseUrl: others.baseUrl('openai') },
    'openai-codex': { baseUrl: others.baseUrl('chatgpt') },
    openrouter: { baseUrl: others.baseUrl('openrouter') },
    google: { baseUrl: others.baseUrl('google') },
    deepseek: { baseUrl: others.baseUrl('deepseek') },
  };
  write('.openclaw/openclaw.json', { models: { providers } });
  write('.codex/auth.json', { auth_mode: 'chatgpt', OPENAI_API_KEY: null, tokens: { id_token: chatgptToken(), access_token: S.codex, refresh_token: S.codexRefresh, account_id: 'acc-codex' }, last_refresh: new Date().toISOString() });
  before = snapshot(home);
  const env = {
    ANTHROPIC_API_KEY: S.anthropic,
    ANTHROPIC_BASE_URL: anthropic.url,
    OPENAI_API_KEY: S.openai,
    OPENAI_ADMIN_KEY: S.admin,
    OPENROUTER_API_KEY: S.openrouter,
    GEMINI_API_KEY: S.gemini,
    DEEPSEEK_API_KEY: S.deepseek,
    OPENAI_BASE_URL: others.baseUrl('openai'),
    CHATGPT_BASE_URL: others.baseUrl('chatgpt'),
    OPENROUTER_BASE_URL: others.baseUrl('openrouter'),
    GEMINI_BASE_URL: others.baseUrl('google'),
    DEEPSEEK_BASE_URL: others.baseUrl('deepseek'),
  };
  const [c, h, m] = await Promise.all([checkJson([], env, { home }), runCli(['check', '--no-color'], { home, env }), runCli(['report'], { home, env })]);
  human = h.stdout;
  markdown = m.stdout;
  output = [c.run, h, m].map((x) => x.stdout + x.stderr).join('\n');
  report = c.report;
  expect(c.run.code).toBe(0);
});

afterAll(async () => {
  await Promise.all([anthropic.close(), others.close()]);
  cleanup();
});

describe('every provider at once', () => {
  it('reports every profile with its provider, kind, validity and quota; none skipped', () => {
    const got = Object.fromEntries(
      report.profiles.map((p) => [p.id, [p.provider, p.credential.kind, p.verdict, ...p.checks.filter((c) => c.id === 'validity' || c.id === 'quota').map((c) => c.code)].join(' ')]),
    );
    expect(got).toEqual({
      'env/ANTHROPIC_API_KEY': 'anthropic api_key works authenticated no_quota_endpoint',
      'env/DEEPSEEK_API_KEY': 'deepseek api_key works authenticated balance',
      'env/OPENAI_API_KEY': 'openai api_key works authenticated no_quota_endpoint',
      'env/OPENAI_ADMIN_KEY': 'openai admin_key works authenticated cost_report',
      'env/OPENROUTER_API_KEY': 'openrouter api_key works authenticated key_limit',
      'env/GEMINI_API_KEY': 'google api_key works authenticated no_quota_endpoint',
      'openclaw/main/openai:default': 'openai api_key works authenticated no_quota_endpoint',
      'openclaw/main/openai-codex:default': 'openai oauth_token works authenticated near_limit',
      'openclaw/main/openrouter:default': 'openrouter api_key works authenticated key_limit',
      'openclaw/main/google:default': 'google api_key works authenticated no_quota_endpoint',
      'openclaw/main/deepseek:default': 'deepseek api_key works authenticated limit_reached',
      'codex/chatgpt': 'openai oauth_token works authenticated usage',
    });
    expect(report.summary).toMatchObject({ skipped: 0, broken: 0, unknown: 0 });
  });

  it('sends each login with its own account id, to the family its store configures', () => {
    // Three runs (JSON, human, Markdown), one request each.
    const sent = (token: string) => others.requests.filter((q) => q.credential === token).map((q) => [q.mount, q.path, q.headers['chatgpt-account-id']]);
    expect(sent(S.clawCodex)).toEqual(Array(3).fill(['chatgpt', '/backend-api/wham/usage', 'acc-claw']));
    expect(sent(S.codex)).toEqual(Array(3).fill(['chatgpt', '/backend-api/wham/usage', 'acc-codex']));
    // No login token ever reaches the OpenAI API, and no API key the ChatGPT backend.
    expect(others.requests.filter((q) => q.mount === 'openai' && q.credential?.startsWith('eyJ'))).toEqual([]);
    expect(others.requests.filter((q) => q.mount === 'chatgpt' && !q.credential?.startsWith('eyJ'))).toEqual([]);
  });

  it('the human output and the Markdown report present every kind of quota data, the same way for each provider', () => {
    const spent = '5.00';
    for (const line of ['windows: 5-hour 90 % used', 'plan pro', 'balance: ', `spend: ${spent} USD`, 'key limit: 10.00 USD, resets monthly: 6.00 USD left']) expect(human).toContain(line);
    for (const text of ['| 5-hour | 10 % |', '**Plan:** pro', '**Balance:** ', `**Spend:** ${spent} USD`, '**Key limit:** 10.00 USD, resets monthly: 6.00 USD left', 'key limit: none']) expect(markdown).toContain(text);
    // No normalised field falls through to the raw JSON block of data the renderer does not know.
    expect(markdown).not.toMatch(/```json[\s\S]*"(windows|balances|keyLimit|spend|plan|credits)"/);
  });

  it('writes nothing and leaks nothing', () => {
    const after = snapshot(home);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, sig] of before) expect(after.get(file), file).toBe(sig);
    const secrets = Object.values(S);
    expect(leakedWindows(output, secrets)).toEqual([]);
  });
});
