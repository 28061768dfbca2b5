// CONTRACT.md, "Where a credential may be sent": an environment base URL applies only to the
// credentials of the programs that read it; openclaw's go where openclaw's config sends them; the
// flag applies to its whole family; a URL with a password, query or fragment is a usage error.

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBaseUrlFlags } from '../src/commands/base-url-flags.js';
import { startAnthropicSim, type SimServer } from '../src/sim/anthropic.js';
import type { Report } from '../src/types.js';
import { fakeSecret, runCli, tempHome } from './helpers/cli.js';
import { writeUnder } from './helpers/files.js';
import { checkJson } from './helpers/provider-sim.js';

const S = { envToken: fakeSecret('sk-ant-oat01-'), openclaw: fakeSecret('sk-ant-api03-'), claude: fakeSecret('sk-ant-oat01-'), config: fakeSecret('sk-ant-api03-') };

let relay: SimServer;
let openclawApi: SimServer;
let home: string;
let cleanup: () => void;
const write = (rel: string, content: unknown) => writeUnder(home, rel, content);

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  const credentials = {
    [S.envToken]: { kind: 'oauth' as const, scopes: ['user:inference', 'user:profile'] },
    [S.openclaw]: { kind: 'api_key' as const },
    [S.claude]: { kind: 'oauth' as const, scopes: ['user:inference', 'user:profile'] },
    [S.config]: { kind: 'api_key' as const },
  };
  [relay, openclawApi] = await Promise.all([startAnthropicSim({ credentials }), startAnthropicSim({ credentials })]);
  write('.openclaw/openclaw.json', { models: { providers: { anthropic: { baseUrl: openclawApi.url } } } });
  write('.openclaw/agents/main/agent/auth-profiles.json', { version: 1, profiles: { 'anthropic:manual': { type: 'api_key', provider: 'anthropic', key: S.openclaw } } });
  write('.claude/.credentials.json', { claudeAiOauth: { accessToken: S.claude, refreshToken: fakeSecret('sk-ant-ort01-'), expiresAt: Date.now() + 86_400_000, scopes: ['user:inference', 'user:profile'] } });
  // The profiles file's entry has its own base URL: the openclaw simulator stands in for it.
  write('.config/authdoctor/profiles.json', { version: 1, profiles: { mine: { value: S.config, baseUrl: openclawApi.url } } });
});

afterAll(async () => {
  await Promise.all([relay.close(), openclawApi.close()]);
  cleanup();
});

const sentTo = (sim: SimServer) => [...new Set(sim.requests.map((r) => r.credential))].sort();

describe('an environment base URL (a relay set for one tool)', () => {
  let report: Report;
  let human = '';

  beforeAll(async () => {
    const env = { ANTHROPIC_BASE_URL: relay.url, ANTHROPIC_AUTH_TOKEN: S.envToken, XDG_CONFIG_HOME: path.join(home, '.config') };
    report = (await checkJson([], env, { home })).report;
    human = (await runCli(['check', '--no-color'], { home, env })).stdout;
  });

  it('receives the environment’s and Claude Code’s credentials, never a store’s', () => {
    expect(sentTo(relay)).toEqual([S.envToken, S.claude].sort());
    expect(sentTo(openclawApi)).toEqual([S.openclaw, S.config].sort());
  });

  it('is named as each profile’s endpoint, in JSON and on the terminal', () => {
    const endpoints = Object.fromEntries(report.profiles.map((p) => [p.id, p.endpoint]));
    expect(endpoints).toEqual({
      'env/ANTHROPIC_AUTH_TOKEN': relay.url,
      'claude-code/credentials-file': relay.url,
      'openclaw/main/anthropic:manual': openclawApi.url,
      'config/mine': openclawApi.url,
    });
    expect(human).toContain(`endpoint ${relay.url}`);
    expect(human).toContain(`endpoint ${openclawApi.url}`);
  });

  it('--base-url applies to the whole family, stores included', async () => {
    const before = relay.requests.length;
    const c = await checkJson(['--base-url', `anthropic=${relay.url}`], { XDG_CONFIG_HOME: path.join(home, '.config') }, { home });
    const seen = new Set(relay.requests.slice(before).map((q) => q.credential));
    expect(seen).toEqual(new Set([S.openclaw, S.claude, S.config]));
    expect(c.report.profiles.every((p) => p.endpoint === relay.url)).toBe(true);
  });
});

describe('base URLs that cannot be used', () => {
  it('--base-url with a password, a query, a fragment, an unknown family or /v1 is a usage error that never prints the password', async () => {
    for (const bad of ['https://gw:hunter2@relay.example', 'https://relay.example/?api_key=abc', 'https://relay.example/#x', 'nosuch=https://x.example', 'https://api.anthropic.com/v1']) {
      const r = await runCli(['check', '--offline', '--json', '--base-url', bad], { home });
      expect(r.code, bad).toBe(2);
      expect(JSON.parse(r.stdout).error.code).toBe('usage_error');
      expect(r.stdout + r.stderr).not.toContain('hunter2');
    }
  });

  it('an environment base URL with a password is a usage error too, naming the variable', async () => {
    const r = await runCli(['check', '--json', '--source', 'env'], { home, env: { ANTHROPIC_API_KEY: S.config, ANTHROPIC_BASE_URL: 'https://gw:hunter2@relay.example' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ANTHROPIC_BASE_URL');
    expect(r.stdout + r.stderr).not.toContain('hunter2');
  });

  it('refuses a doubled version segment only where the API paths carry it', () => {
    expect(() => parseBaseUrlFlags(['google=https://generativelanguage.googleapis.com/v1beta'])).toThrow(/\/v1beta/);
    expect(parseBaseUrlFlags(['deepseek=https://api.deepseek.com/v1', 'openai=https://api.openai.com/v1'])).toEqual({
      deepseek: 'https://api.deepseek.com/v1',
      openai: 'https://api.openai.com/v1',
    });
  });

  it('says the flag back as it was typed: a bare URL alone, a family with its name', () => {
    expect(() => parseBaseUrlFlags(['https://relay.example/v1'])).toThrow(/^--base-url must not end in \/v1/);
    expect(() => parseBaseUrlFlags(['anthropic=https://relay.example/v1'])).toThrow(/^--base-url anthropic=… must not end in \/v1/);
    expect(() => parseBaseUrlFlags(['openai=https://relay.example/?k=v'])).toThrow(/^--base-url openai=… must not contain a query/);
  });

  it('parses families and keeps a bare URL Anthropic’s', () => {
    expect(parseBaseUrlFlags(['https://relay.example/anthropic/'])).toEqual({ anthropic: 'https://relay.example/anthropic' });
    expect(() => parseBaseUrlFlags(['https://a.example', 'anthropic=https://b.example'])).toThrow(/twice/);
    expect(() => parseBaseUrlFlags(['ftp://a.example'])).toThrow();
  });
});
