// Which module checks an openclaw profile, and where it is sent: its provider's own module at the
// base URL openclaw's config gives; a provider without a module, as openai-compatible at that URL.

import { describe, expect, it } from 'vitest';
import { interpretConfig } from '../src/profiles/openclaw/config.js';
import { routeProvider } from '../src/profiles/openclaw/profile-build.js';
import type { SourceContext } from '../src/types.js';

const ctx = { env: {}, home: '/home/u', platform: 'linux', now: new Date(), interactive: false, options: { allowExec: false } } as SourceContext;
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
const routing = { baseUrls: config.providerBaseUrls, apis: config.providerApis, configFile: '~/.openclaw/openclaw.json' };

describe('openclaw routing', () => {
  it('reads each provider’s baseUrl and api', () => {
    expect(Object.fromEntries(config.providerBaseUrls)).toEqual({ together: 'https://api.together.xyz/v1', relay: 'https://relay.example.com', moonshot: 'https://api.moonshot.cn/v1' });
    expect(config.providerApis.get('relay')).toBe('anthropic-messages');
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
