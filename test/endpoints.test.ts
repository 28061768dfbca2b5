// Where a profile's requests go, and, when nothing may be sent, a hint that fits the reason.

import { describe, expect, it } from 'vitest';
import { validityCheck } from '../src/checks/validity.js';
import type { CheckInput } from '../src/checks/types.js';
import { resolveEndpoints } from '../src/endpoints.js';
import { proxySettings } from '../src/net/proxy.js';
import { openaiCompatible } from '../src/providers/openai-compatible/index.js';
import type { ProbeContext } from '../src/providers/types.js';
import type { ConfiguredUrl, Profile } from '../src/types.js';

function gateway(ownBaseUrl?: ConfiguredUrl): Profile {
  return { id: 'config/gw', name: 'gw', provider: 'openai-compatible', source: { type: 'config', location: 'x' }, secret: 'sk-test', metadata: {}, ...(ownBaseUrl ? { ownBaseUrl } : {}) };
}

/** What the validity check says for the profile: code, summary and hint. */
async function refusal(profile: Profile, env: Record<string, string> = {}) {
  const where = resolveEndpoints(profile, openaiCompatible, 'api_key', {}, proxySettings(env));
  const input = {
    profile,
    provider: openaiCompatible,
    classification: { kind: 'api_key', value: 'sk-test', status: 'pass', code: 'recognized', summary: '', warnings: [] },
    results: { format: { id: 'format', status: 'pass', code: 'recognized', summary: '', durationMs: 0 } },
    options: { offline: false, quota: false, inference: false, ...(where.insecure ? { insecureBaseUrl: where.insecure } : {}) },
    probe: {} as ProbeContext,
    now: new Date(),
  } as CheckInput;
  return validityCheck.run(input);
}

const HTTPS_HINT = /Use an https:\/\/ base URL/;
const stored = (url: string): ConfiguredUrl => ({ url, from: '~/.config/authdoctor/profiles.json#/profiles/gw/baseUrl' });

describe('insecure_base_url: the hint fits the reason', () => {
  it('plain HTTP to another host: use https://', async () => {
    const r = await refusal(gateway(stored('http://gateway.example.com/v1')));
    expect([r.status, r.code]).toEqual(['error', 'insecure_base_url']);
    expect(r.hint).toMatch(HTTPS_HINT);
  });

  it('no base URL configured: give one', async () => {
    const r = await refusal(gateway());
    expect(r.code).toBe('insecure_base_url');
    expect(r.hint).not.toMatch(HTTPS_HINT);
    expect(r.hint).toContain('--base-url openai-compatible=');
  });

  it('a stored URL with a query or user info: correct it where it is stored', async () => {
    for (const url of ['https://gateway.example.com/v1?key=abc', 'https://user:hunter2@gateway.example.com/v1']) {
      const r = await refusal(gateway(stored(url)));
      expect(r.code, url).toBe('insecure_base_url');
      expect(r.hint, url).not.toMatch(HTTPS_HINT);
      expect(r.hint, url).toContain('profiles.json#/profiles/gw/baseUrl');
      expect(`${r.summary} ${r.hint}`).not.toContain('hunter2');
    }
  });

  it('a loopback http:// URL through a proxy on another host: NO_PROXY', async () => {
    const r = await refusal(gateway(stored('http://127.0.0.1:8000/v1')), { HTTP_PROXY: 'http://proxy.example:3128' });
    expect(r.code).toBe('insecure_base_url');
    expect(r.hint).not.toMatch(HTTPS_HINT);
    expect(r.hint).toMatch(/NO_PROXY/);
  });
});
