// The every-provider fixture (test/fixtures/openclaw/every-provider) checked online, with every
// base URL family sent to the simulators by --base-url, as the demo does: nothing can reach a real
// host, not even openclaw's built-in base URLs. Each profile is checked by the module it belongs
// to (or as openai-compatible), works, and its requests reached that simulator's path.

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverOpenclaw } from '../../src/profiles/openclaw/index.js';
import { startAnthropicSim, type SimCredential, type SimServer } from '../../src/sim/anthropic.js';
import { SIM_PROVIDERS, simFamilyUrls } from '../../src/sim/providers.js';
import { startProviderSim, type ProviderSimServer, type SimKey } from '../../src/sim/server.js';
import type { Report, SourceContext } from '../../src/types.js';
import { leakedWindows, ROOT, runCli, tempHome } from '../helpers/cli.js';
import { baseUrlFlags } from '../helpers/provider-sim.js';
import { schemaErrors } from '../helpers/schema.js';

const DIR = path.join(ROOT, 'test', 'fixtures', 'openclaw', 'every-provider');

/** What checks a profile, and the simulator mount and the paths its credential must reach. */
type Expected = [module: string, mount: string, ...paths: string[]];
const OC = 'openai-compatible';
const COMPATIBLE: Expected = [OC, OC, '/v1/models'];
const EXPECTED: Record<string, Expected> = {
  'anthropic:default': ['anthropic', 'anthropic', '/v1/models'],
  'anthropic:claude-cli': ['anthropic', 'anthropic', '/v1/models', '/api/oauth/usage'],
  'openai:default': ['openai', 'openai', '/v1/models'],
  'openai-codex:default': ['openai', 'chatgpt', '/backend-api/wham/usage'],
  'openai-codex:backup': ['openai', 'openai', '/v1/models'],
  'openrouter:default': ['openrouter', 'openrouter', '/api/v1/key'],
  'google:default': ['google', 'google', '/v1beta/models'],
  'gemini:default': ['google', 'google', '/v1beta/models'],
  'deepseek:default': ['deepseek', 'deepseek', '/user/balance'],
  'xai:default': ['xai', 'xai', '/v1/api-key'],
  'x-ai:legacy': ['xai', 'xai', '/v1/api-key'],
  'groq:default': ['groq', 'groq', '/openai/v1/models'],
  'groq:work': ['groq', 'groq', '/openai/v1/models'],
  'mistral:default': ['mistral', 'mistral', '/v1/models'],
  'moonshot:default': ['moonshot', 'moonshot', '/v1/users/me/balance'],
  'moonshotai:legacy': ['moonshot', 'moonshot', '/v1/users/me/balance'],
  'kimi:default': ['kimi-coding', 'kimi-coding', '/coding/v1/usages'],
  'kimi-coding:legacy': ['kimi-coding', 'kimi-coding', '/coding/v1/usages'],
  'kimi-code:legacy': ['kimi-coding', 'kimi-coding', '/coding/v1/usages'],
  'zai:default': ['zai', 'zai', '/api/monitor/usage/quota/limit'],
  'z-ai:legacy': ['zai', 'zai', '/api/monitor/usage/quota/limit'],
  'z.ai:legacy': ['zai', 'zai', '/api/monitor/usage/quota/limit'],
  'minimax:default': ['minimax', 'minimax', '/v1/token_plan/remains'],
  'minimax-cn:default': ['minimax', 'minimax', '/v1/token_plan/remains'],
  'minimax-portal:default': ['minimax', 'minimax', '/v1/token_plan/remains'],
  'minimax-portal-cn:default': ['minimax', 'minimax', '/v1/token_plan/remains'],
  'github-copilot:github': ['github-copilot', 'github', '/copilot_internal/user'],
  ...Object.fromEntries(
    ['together', 'cerebras', 'huggingface', 'venice', 'opencode', 'opencode-go', 'nvidia', 'deepinfra', 'novita', 'featherless', 'fireworks', 'qianfan', 'chutes', 'kilocode', 'xiaomi', 'xiaomi-token-plan', 'volcengine', 'volcengine-plan', 'byteplus', 'byteplus-plan', 'qwen', 'qwen-portal', 'lmstudio', 'vllm', 'sglang', 'litellm', 'local-llama', 'claude-relay'].map((p) => [`${p}:default`, COMPATIBLE]),
  ),
  'opencode-zen:legacy': COMPATIBLE,
  'doubao:legacy': COMPATIBLE,
  'modelstudio:legacy': COMPATIBLE,
};

let anthropic: SimServer;
let others: ProviderSimServer;
let report: Report;
let output: string;
/** Profile name (`<agent>/<profile id>`) → its secret, read the way authdoctor reads the fixture. */
const secrets = new Map<string, string>();

const expectedFor = (name: string): Expected => {
  const e = EXPECTED[name.slice(name.indexOf('/') + 1)];
  if (!e) throw new Error(`no expectation for ${name}`);
  return e;
};

beforeAll(async () => {
  const ctx = { env: {}, home: '/nonexistent', platform: process.platform, now: new Date(), interactive: () => false, options: { allowExec: false, openclawDir: DIR } } as SourceContext;
  for (const p of (await discoverOpenclaw(ctx)).profiles) if (p.secret) secrets.set(p.name, p.secret);
  const anthropicKeys: Record<string, SimCredential> = {};
  const keys: Record<string, Record<string, SimKey>> = {};
  for (const [name, secret] of secrets) {
    const [, mount] = expectedFor(name);
    if (mount === 'anthropic') anthropicKeys[secret] = { kind: secret.startsWith('sk-ant-oat01-') ? 'oauth' : 'api_key' };
    else (keys[mount] ??= {})[secret] = mount === 'chatgpt' ? { accountId: 'acc-fixture-codex' } : {};
  }
  [anthropic, others] = await Promise.all([startAnthropicSim({ credentials: anthropicKeys }), startProviderSim({ providers: SIM_PROVIDERS, keys })]);
  const flags = baseUrlFlags(simFamilyUrls(anthropic.url, others));
  const { home, cleanup } = tempHome();
  try {
    const run = await runCli(['check', '--json', '--source', 'openclaw', '--openclaw-dir', DIR, ...flags], { home, timeoutMs: 60_000 });
    output = run.stdout + run.stderr;
    report = JSON.parse(run.stdout) as Report;
    expect(schemaErrors(report)).toBe('');
    expect(run.code).toBe(0);
  } finally {
    cleanup();
  }
}, 90_000);

afterAll(async () => {
  await Promise.all([anthropic?.close(), others?.close()]);
});

describe('every openclaw provider, online against the simulators', () => {
  it('each profile is checked by its own module or as openai-compatible, and works', () => {
    expect(report.profiles.length).toBe(secrets.size);
    for (const p of report.profiles) {
      const [module] = expectedFor(p.name);
      const validity = p.checks.find((c) => c.id === 'validity')!;
      expect([p.verdict, validity.code], p.id).toEqual(['works', 'authenticated']);
      if (module === OC) expect(validity.data?.checkedAs, p.id).toBe(OC);
      else expect([p.provider, validity.data?.checkedAs], p.id).toEqual([module, undefined]);
    }
    expect(report.summary).toMatchObject({ skipped: 0, broken: 0, unknown: 0 });
  });

  it('sends each credential to its own simulator path, and nowhere else', () => {
    for (const [name, secret] of secrets) {
      const [, mount, ...paths] = expectedFor(name);
      const reached = mount === 'anthropic' ? anthropic.requests.filter((q) => q.credential === secret).map((q) => `anthropic ${q.path}`) : others.requests.filter((q) => q.credential === secret).map((q) => `${q.mount} ${q.path}`);
      expect([...new Set(reached)].sort(), name).toEqual(paths.map((p) => `${mount} ${p}`).sort());
    }
    const known = new Set(secrets.values());
    expect(others.requests.filter((q) => !known.has(q.credential ?? '')).map((q) => `${q.mount} ${q.path}`)).toEqual([]);
    expect(anthropic.requests.filter((q) => !known.has(q.credential ?? '')).map((q) => q.path)).toEqual([]);
  });

  it('never prints a secret', () => {
    expect(leakedWindows(output, [...secrets.values()])).toEqual([]);
  });
});
