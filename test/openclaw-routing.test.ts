// Which module checks an openclaw profile, and where it is sent: its provider's own module at the
// base URL openclaw's config gives; a provider without a module, as openai-compatible at that URL.

import { describe, expect, it } from 'vitest';
import { interpretConfig } from '../src/profiles/openclaw/config.js';
import { nonSecretMarker } from '../src/profiles/openclaw/markers.js';
import { routeProvider } from '../src/profiles/openclaw/profile-build.js';
import type { SourceContext } from '../src/types.js';

const ctx = { env: {}, home: '/home/u', platform: 'linux', now: new Date(), interactive: () => false, options: { allowExec: false } } as SourceContext;
const config = interpretConfig(
  {
    models: {
      providers: {
        together: { baseUrl: ' https://api.together.xyz/v1 ', api: 'openai-completions' },
        relay: { baseUrl: 'https://relay.example.com', api: 'anthropic-messages' },
        moonshot: { baseUrl: 'https://api.moonshot.cn/v1', api: 'openai-completions' },
        nourl: { api: 'openai-completions' },
        odd: 'not an object',
      },
    },
  },
  ctx,
);
const routing = { providers: config.providers, configFile: '~/.openclaw/openclaw.json' };

describe('openclaw routing', () => {
  it('reads each provider’s baseUrl and api', () => {
    expect(Object.fromEntries(config.providers)).toEqual({
      together: { baseUrl: 'https://api.together.xyz/v1', api: 'openai-completions' },
      relay: { baseUrl: 'https://relay.example.com', api: 'anthropic-messages' },
      moonshot: { baseUrl: 'https://api.moonshot.cn/v1', api: 'openai-completions' },
      nourl: { api: 'openai-completions' },
    });
  });

  it('a provider without a module but with a baseUrl is checked as openai-compatible; its id stays', () => {
    expect(routeProvider('together', routing)).toEqual({
      provider: 'together',
      checkedAs: 'openai-compatible',
      ownBaseUrl: { url: 'https://api.together.xyz/v1', from: '~/.openclaw/openclaw.json models.providers.together.baseUrl' },
      api: 'openai-completions',
    });
    expect(routeProvider('relay', routing)).toMatchObject({ provider: 'relay', checkedAs: 'openai-compatible', api: 'anthropic-messages' });
  });

  it('a provider with a module keeps it, at the configured URL', () => {
    expect(routeProvider('moonshot', routing)).toMatchObject({ provider: 'moonshot', ownBaseUrl: { url: 'https://api.moonshot.cn/v1' } });
    expect(routeProvider('moonshot', routing).checkedAs).toBeUndefined();
  });

  it('without a baseUrl, a provider without a module is left unchecked', () => {
    expect(routeProvider('nourl', routing)).toEqual({ provider: 'nourl' });
    expect(routeProvider('acme', routing)).toEqual({ provider: 'acme' });
  });
});

describe('openclaw ids and built-in providers (facts from openclaw’s sources)', () => {
  const none = { providers: new Map(), configFile: '~/.openclaw/openclaw.json' };

  it('every id openclaw has used for a provider with a module reaches that module, in any case', () => {
    const ids: Record<string, string> = {
      'openai-codex': 'openai', gemini: 'google', 'x-ai': 'xai', moonshotai: 'moonshot', 'moonshot-ai': 'moonshot', kimi: 'kimi-coding',
      'kimi-code': 'kimi-coding', 'KIMI-CODING': 'kimi-coding', 'z.ai': 'zai', 'z-ai': 'zai', 'minimax-cn': 'minimax', 'minimax-portal': 'minimax',
      'minimax-portal-cn': 'minimax', 'GitHub-Copilot': 'github-copilot',
    };
    for (const [id, module] of Object.entries(ids)) expect([id, routeProvider(id, none).provider]).toEqual([id, module]);
  });

  it('a built-in provider that speaks OpenAI’s API is checked as openai-compatible at openclaw’s URL', () => {
    expect(routeProvider('cerebras', none)).toEqual({
      provider: 'cerebras',
      checkedAs: 'openai-compatible',
      ownBaseUrl: { url: 'https://api.cerebras.ai/v1', from: "openclaw's built-in default for cerebras" },
    });
    expect(routeProvider('OpenCode-Zen', none)).toMatchObject({ provider: 'OpenCode-Zen', checkedAs: 'openai-compatible', ownBaseUrl: { url: 'https://opencode.ai/zen/v1' } });
    expect(routeProvider('qwen-portal', none).ownBaseUrl?.url).toBe('https://portal.qwen.ai/v1');
    expect(routeProvider('vllm', none).ownBaseUrl?.url).toBe('http://127.0.0.1:8000/v1');
  });

  it('openclaw’s config wins over the built-in URL', () => {
    expect(routeProvider('together', routing)).toMatchObject({ ownBaseUrl: { url: 'https://api.together.xyz/v1', from: '~/.openclaw/openclaw.json models.providers.together.baseUrl' } });
    const lan = { providers: new Map([['vllm', { baseUrl: 'http://127.0.0.1:9000/v1' }]]), configFile: 'c' };
    expect(routeProvider('vllm', lan).ownBaseUrl).toEqual({ url: 'http://127.0.0.1:9000/v1', from: 'c models.providers.vllm.baseUrl' });
  });

  it('a provider no request could honestly test says why; an unknown one stays plainly unchecked', () => {
    expect(routeProvider('vercel-ai-gateway', none).uncheckable).toMatch(/Anthropic’s Messages API/);
    expect(routeProvider('ollama-cloud', none).uncheckable).toMatch(/Ollama’s native API/);
    expect(routeProvider('bedrock', none).uncheckable).toMatch(/AWS credentials/);
    expect(routeProvider('google-gemini-cli', none).uncheckable).toMatch(/Gemini CLI/);
    expect(routeProvider('acme', none)).toEqual({ provider: 'acme' });
  });

  it('openclaw’s non-secret markers are no credentials', () => {
    expect(nonSecretMarker('ollama-local', 'ollama')).toMatch(/local server that takes no key/);
    expect(nonSecretMarker(' lmstudio-local ', 'lmstudio')).toMatch(/local server/);
    expect(nonSecretMarker('AWS_PROFILE', 'amazon-bedrock')).toMatch(/AWS/);
    expect(nonSecretMarker('oauth:openai-codex', 'openai')).toMatch(/OAuth login/);
    expect(nonSecretMarker('n/a', 'copilot-proxy')).toMatch(/Copilot Proxy/);
    expect(nonSecretMarker('n/a', 'acme')).toBeUndefined();
    expect(nonSecretMarker('sk-ollama-local-but-a-real-key', 'ollama')).toBeUndefined();
  });
});
