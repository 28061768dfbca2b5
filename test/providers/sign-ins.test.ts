// Sign-in tokens in the slots of providers whose keys have a prefix: a JWT is every provider's format,
// so it never makes a credential `wrong_provider`; an xAI sign-in that the API-key endpoint refuses is
// unknown, never invalid; openclaw's Codex base URL (…/backend-api/codex) still finds the usage endpoint.

import { describe, expect, it } from 'vitest';
import { ResponseHeaders } from '../../src/net/http.js';
import { classifyFor } from '../../src/credentials/classify.js';
import { usageBase } from '../../src/providers/openai/chatgpt.js';
import { kimiCodingMeta } from '../../src/providers/kimi-coding/meta.js';
import { xai } from '../../src/providers/xai/index.js';
import { newProbeCaches, type ProbeContext } from '../../src/providers/types.js';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const JWT = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'user-1', exp: Math.floor(Date.now() / 1000) + 3600 })}.${'s'.repeat(43)}`;

/** Answers each request with the next of `answers` (the last one again when they run out). */
function ctxAnswering(...answers: Array<[status: number, body: unknown]>): ProbeContext {
  let i = 0;
  return {
    http: {
      request: async () => {
        const [status, body] = answers[Math.min(i++, answers.length - 1)]!;
        return { status, headers: new ResponseHeaders({ 'content-type': 'application/json', 'retry-after': '0' }), body: Buffer.from(JSON.stringify(body)) };
      },
      close: () => undefined,
    },
    timeoutMs: 1000,
    now: () => new Date(),
    env: {},
    userAgent: 'test',
    baseUrls: { xai: 'https://api.x.ai/v1' },
    ...newProbeCaches(),
  };
}

describe('sign-in tokens', () => {
  it('a JWT in a slot whose keys have a prefix is not another provider’s key', () => {
    expect(classifyFor(kimiCodingMeta, JWT, { storedAs: 'oauth' }).code).not.toBe('wrong_provider');
    expect(xai.classify(JWT, {})).toMatchObject({ code: 'unrecognized_prefix', status: 'warn' });
  });

  it('an xAI sign-in stored as OAuth is an oauth_token, and a refusal by /api-key is unknown, not invalid', async () => {
    const c = xai.classify(JWT, { storedAs: 'oauth' });
    expect([c.kind, c.status]).toEqual(['oauth_token', 'pass']);
    const refused = await xai.validity(ctxAnswering([400, { code: 'Client specified an invalid argument', error: 'Incorrect API key provided: ey***' }]), { classification: c, metadata: { storedAs: 'oauth' } });
    expect([refused.status, refused.code]).toEqual(['error', 'unexpected_response']);
    const accepted = await xai.validity(ctxAnswering([200, { redacted_api_key: 'ey***', api_key_blocked: false }]), { classification: c, metadata: { storedAs: 'oauth' } });
    expect([accepted.status, accepted.code]).toEqual(['pass', 'authenticated']);
  });

  it('an xAI sign-in refused on the second try says so once, at the end, as every retried outcome does', async () => {
    const c = xai.classify(JWT, { storedAs: 'oauth' });
    const ctx = ctxAnswering([500, { error: 'The service is temporarily unavailable.' }], [400, { error: 'Incorrect API key provided: ey***' }]);
    const refused = await xai.validity(ctx, { classification: c, metadata: { storedAs: 'oauth' } });
    expect([refused.status, refused.code, refused.httpStatus]).toEqual(['error', 'unexpected_response', 400]);
    expect(refused.summary).toMatch(/^GET \/api-key does not accept this sign-in token \(HTTP 400[^()]*\); .* \(sent twice: the first try failed\)$/);
  });

  it('an xAI key (xai-…) refused the same way is invalid', async () => {
    const key = `xai-${'k'.repeat(60)}`;
    const c = xai.classify(key, {});
    const refused = await xai.validity(ctxAnswering([400, { error: 'Incorrect API key provided: xa***kk' }]), { classification: c, metadata: {} });
    expect(refused.code).toBe('invalid_credential');
  });

  it('asks ChatGPT’s usage beside openclaw’s Codex inference base URL', () => {
    expect(usageBase('https://chatgpt.com/backend-api/codex')).toBe('https://chatgpt.com/backend-api');
    expect(usageBase('https://chatgpt.com/backend-api')).toBe('https://chatgpt.com/backend-api');
  });
});
