// The openclaw profiles no request could honestly test stay `skipped`, each with the precise
// reason, and nothing of theirs is sent: openclaw's non-secret markers (a keyless local Ollama or
// LM Studio), and providers openclaw reaches through another API (Anthropic-style gateways,
// Ollama's native API) or a cloud SDK (Bedrock). They are kept out of test/fixtures/openclaw,
// whose every profile must get a verdict; a checkable profile beside them still works.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_PROVIDERS } from '../src/sim/providers.js';
import { startProviderSim, type ProviderSimServer } from '../src/sim/server.js';
import type { Report } from '../src/types.js';
import { fakeSecret, tempHome } from './helpers/cli.js';
import { writeUnder } from './helpers/files.js';
import { checkJson } from './helpers/provider-sim.js';

const S = {
  together: fakeSecret('tgp_v1_', 43),
  vercel: fakeSecret('vck_', 40),
  ollamaCloud: fakeSecret('', 40),
  synthetic: fakeSecret('syn_', 40),
  gemini: fakeSecret('ya29.', 120),
  bedrock: fakeSecret('ABSK', 60),
};

let sim: ProviderSimServer;
let home: string;
let cleanup: () => void;
const write = (rel: string, content: unknown) => writeUnder(home, rel, content);
let report: Report;
let code: number | null;

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  const anyKey = Object.fromEntries(Object.values(S).map((k) => [k, {}]));
  sim = await startProviderSim({ providers: SIM_PROVIDERS, keys: { 'openai-compatible': anyKey } });
  const apiKey = (provider: string, key: string) => ({ type: 'api_key', provider, key });
  write('.openclaw/agents/main/agent/auth-profiles.json', {
    version: 1,
    profiles: {
      // Written by openclaw's Ollama and LM Studio setup (no key), and its Copilot Proxy extension.
      'ollama:default': apiKey('ollama', 'ollama-local'),
      'lmstudio:default': apiKey('lmstudio', 'lmstudio-local'),
      'copilot-proxy:local': { type: 'token', provider: 'copilot-proxy', token: 'n/a' },
      'vercel-ai-gateway:default': apiKey('vercel-ai-gateway', S.vercel),
      'ollama-cloud:default': apiKey('ollama-cloud', S.ollamaCloud),
      'synthetic:default': apiKey('synthetic', S.synthetic),
      'google-gemini-cli:someone@example.com': { type: 'oauth', provider: 'google-gemini-cli', access: S.gemini, refresh: fakeSecret('1//', 60), expires: Date.now() + 3_600_000 },
      'bedrock:default': apiKey('bedrock', S.bedrock),
      'together:default': apiKey('together', S.together),
    },
  });
  write('.openclaw/openclaw.json', {
    models: { providers: { ollama: { baseUrl: 'http://127.0.0.1:11434', api: 'ollama' }, lmstudio: { baseUrl: 'http://localhost:1234/v1', api: 'openai-completions' } } },
  });
  const c = await checkJson(['--source', 'openclaw', '--base-url', `openai-compatible=${sim.baseUrl('openai-compatible')}`], {}, { home });
  report = c.report;
  code = c.run.code;
});

afterAll(async () => {
  await sim.close();
  cleanup();
});

describe('openclaw profiles nothing can honestly check', () => {
  it('are skipped with the reason, and do not change the exit code', () => {
    const why = Object.fromEntries(report.profiles.map((p) => [p.name, p.verdict === 'skipped' ? p.skipReason : p.verdict]));
    expect(why).toEqual({
      'main/ollama:default': expect.stringMatching(/marker for a local server that takes no key \(“ollama-local”\)/),
      'main/lmstudio:default': expect.stringMatching(/marker for a local server that takes no key \(“lmstudio-local”\)/),
      'main/copilot-proxy:local': expect.stringMatching(/Copilot Proxy/),
      'main/vercel-ai-gateway:default': expect.stringMatching(/Anthropic’s Messages API .*ai-gateway\.vercel\.sh/),
      'main/ollama-cloud:default': expect.stringMatching(/Ollama’s native API .*ollama\.com/),
      'main/synthetic:default': expect.stringMatching(/Anthropic’s Messages API/),
      'main/google-gemini-cli:someone@example.com': expect.stringMatching(/Gemini CLI/),
      'main/bedrock:default': expect.stringMatching(/AWS credentials/),
      'main/together:default': 'works',
    });
    for (const p of report.profiles.filter((x) => x.verdict === 'skipped')) {
      expect(p.checks.map((c) => `${c.status}/${c.code}/${c.summary === p.skipReason}`), p.id).toEqual(Array(5).fill('skip/provider_not_supported/true'));
    }
    // A marker is no secret: nothing to redact, nothing to show.
    expect(report.profiles.find((p) => p.name === 'main/ollama:default')!.credential.redacted).toBe('');
    expect(code).toBe(0);
  });

  it('sends nothing of theirs', () => {
    expect(sim.requests.map((q) => q.credential)).toEqual([S.together]);
  });
});
