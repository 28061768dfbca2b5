// The pure pieces of issue 10's providers: classification, the parsers of each answer, the
// JWT reader, the Codex file, and where each credential may be sent.

import { describe, expect, it } from 'vitest';
import { jwtClaims, jwtExpiryMs } from '../../src/credentials/jwt.js';
import { resolveEndpoints } from '../../src/endpoints.js';
import { errorEnvelope } from '../../src/net/failure.js';
import { ResponseHeaders } from '../../src/net/http.js';
import { parseCodexAuth } from '../../src/profiles/codex.js';
import { routeProvider } from '../../src/profiles/openclaw/profile-build.js';
import { generateModels, google } from '../../src/providers/google/index.js';
import { cheapestModel } from '../../src/providers/openai-style.js';
import { parseWhamUsage, windowName } from '../../src/providers/openai/chatgpt.js';
import { parseCostPage } from '../../src/providers/openai/costs.js';
import { inferenceModel, openai } from '../../src/providers/openai/index.js';
import { chatgptLogin } from '../../src/providers/openai/login.js';
import { cheapestPaidModel, openrouter, parseCredits, parseKeyInfo } from '../../src/providers/openrouter/index.js';
import { durationMs, parseRateLimitHeaders } from '../../src/providers/ratelimit-headers.js';
import type { Profile } from '../../src/types.js';
import { fakeSecret } from '../helpers/cli.js';
import { chatgptToken, fakeJwt } from '../helpers/jwt.js';
import { schemaErrors } from '../helpers/schema.js';

const NOW = new Date('2026-12-01T12:00:00Z');

describe('classification', () => {
  it.each([
    [fakeSecret('sk-proj-', 80), 'api_key', 'pass', 'recognized'],
    [fakeSecret('sk-svcacct-', 80), 'api_key', 'pass', 'recognized'],
    [fakeSecret('sk-admin-', 80), 'admin_key', 'pass', 'recognized'],
    ['sk-' + 'A1b2'.repeat(12), 'api_key', 'pass', 'recognized'],
    ['sk-' + 'a'.repeat(30) + '_x', 'api_key', 'pass', 'recognized'],
    ['sk-proj-abcdefghij', 'api_key', 'fail', 'malformed'],
    ['sk-proj-' + 'a'.repeat(30) + '!!', 'api_key', 'fail', 'malformed'],
    [chatgptToken(), 'oauth_token', 'pass', 'recognized'],
    [fakeJwt({ iss: 'https://accounts.example.com', exp: 2e9 }), 'oauth_token', 'warn', 'unrecognized_prefix'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJub3QganNvbg.c2ln', 'oauth_token', 'fail', 'malformed'],
    [fakeSecret('sk-or-v1-', 64), 'unknown', 'fail', 'wrong_provider'],
    ['AIza' + 'b'.repeat(35), 'unknown', 'fail', 'wrong_provider'],
    [fakeSecret('sk-ant-api03-'), 'unknown', 'fail', 'wrong_provider'],
    ['Zq3' + 'e'.repeat(50), 'unknown', 'warn', 'unrecognized_prefix'],
  ] as const)('openai %#: %s → %s %s %s', (secret, kind, status, code) => {
    const c = openai.classify(secret, {});
    expect([c.kind, c.status, c.code]).toEqual([kind, status, code]);
  });

  it('an OAuth token of an unknown shape stays a login, never becomes an API key', () => {
    const c = openai.classify('opaque-' + 'x1'.repeat(20), { storedAs: 'oauth' });
    expect([c.kind, c.status, c.code]).toEqual(['oauth_token', 'warn', 'unrecognized_prefix']);
    expect(openai.familyOf(c.kind)).toBe('chatgpt');
  });

  it('names the plan a login token records', () => {
    expect(openai.classify(chatgptToken({ plan: 'pro' }), {}).summary).toMatch(/pro plan/);
  });

  it.each([
    [fakeSecret('sk-or-v1-', 64), 'api_key', 'pass', 'recognized'],
    [fakeSecret('sk-or-v2-', 64), 'api_key', 'pass', 'recognized'],
    [fakeSecret('sk-proj-', 80), 'unknown', 'fail', 'wrong_provider'],
    ['sk-' + 'A1b2'.repeat(12), 'unknown', 'fail', 'wrong_provider'],
    [chatgptToken(), 'unknown', 'fail', 'wrong_provider'],
  ] as const)('openrouter %#: %s → %s %s %s', (secret, kind, status, code) => {
    const c = openrouter.classify(secret, {});
    expect([c.kind, c.status, c.code]).toEqual([kind, status, code]);
  });

  it.each([
    ['AIza' + fakeSecret('', 35), 'api_key', 'pass', 'recognized'],
    ['AIza' + 'c'.repeat(20), 'api_key', 'pass', 'recognized'],
    ['AIza' + 'c'.repeat(30) + '!?', 'api_key', 'fail', 'malformed'],
    [fakeSecret('sk-proj-', 80), 'unknown', 'fail', 'wrong_provider'],
    ['sk-' + 'a'.repeat(32), 'unknown', 'fail', 'wrong_provider'],
  ] as const)('google %#: %s → %s %s %s', (secret, kind, status, code) => {
    const c = google.classify(secret, {});
    expect([c.kind, c.status, c.code]).toEqual([kind, status, code]);
  });

  it('sends each OpenAI kind to its own family', () => {
    expect([openai.familyOf('api_key'), openai.familyOf('admin_key'), openai.familyOf('oauth_token'), openai.familyOf('refresh_token')]).toEqual(['openai', 'openai', 'chatgpt', null]);
  });
});

describe('JWT claims', () => {
  it('reads the payload without checking the signature', () => {
    const token = chatgptToken({ accountId: 'acc-1', plan: 'team', email: 'a@example.com', expiresIn: 60 });
    expect(chatgptLogin(token)).toEqual({ openai: true, accountId: 'acc-1', plan: 'team', email: 'a@example.com' });
    expect(jwtExpiryMs(jwtClaims(token))).toBeGreaterThan(Date.now());
  });

  it('is null for what is no JWT, and an absurd exp is no expiry', () => {
    expect(jwtClaims('sk-proj-abc.def.ghi')).toBeNull();
    expect(jwtClaims('eyJhbGciOiJub25lIn0.eyJbMSwyXQ.')).toBeNull(); // the payload is an array
    expect(jwtExpiryMs({ exp: 1e20 })).toBeNull();
    expect(jwtExpiryMs({ exp: 'soon' })).toBeNull();
  });
});

describe('answers', () => {
  it('wham/usage: windows named by their length, resets from reset_at or reset_after_seconds', () => {
    const u = parseWhamUsage(
      {
        plan_type: 'plus',
        rate_limit: { allowed: true, limit_reached: false, primary_window: { used_percent: 12.34, limit_window_seconds: 18000, reset_at: 1764597600 }, secondary_window: { used_percent: 99.96, reset_after_seconds: 3600 } },
        credits: { has_credits: true, unlimited: false, balance: '4.5' },
      },
      NOW,
    );
    expect(u).toEqual({
      windows: [
        { window: '5h', usedPercent: 12.3, resetsAt: '2025-12-01T14:00:00Z' },
        { window: '7d', usedPercent: 100, resetsAt: '2026-12-01T13:00:00Z' },
      ],
      plan: 'plus',
      credits: { hasCredits: true, unlimited: false, balance: 4.5 },
      limitReached: false,
    });
    expect(parseWhamUsage({ rate_limit: { allowed: false } }, NOW)?.limitReached).toBe(true);
    expect(parseWhamUsage({ data: [] }, NOW)).toBeNull();
    expect([windowName(604800, 'x'), windowName(3600 * 3, 'x'), windowName(null, '5h'), windowName(90, 'x')]).toEqual(['7d', '3h', '5h', '2m']);
  });

  it('organization/costs: amounts summed per currency, the next page named only when there is more', () => {
    const page = { data: [{ results: [{ amount: { value: 1.5, currency: 'usd' } }, { amount: { value: '2.25', currency: 'usd' } }] }, { results: [] }], has_more: true, next_page: 'page_2' };
    expect(parseCostPage(page)).toEqual({ totals: new Map([['USD', 3.75]]), next: 'page_2' });
    expect(parseCostPage({ ...page, has_more: false })?.next).toBeNull();
    expect(parseCostPage({ object: 'list' })).toBeNull();
  });

  it('openrouter /key: limits, an older answer without limit_remaining, management keys', () => {
    expect(parseKeyInfo({ data: { limit: 10, limit_remaining: 4, limit_reset: 'weekly', usage: 6, usage_daily: 1, usage_weekly: 6, usage_monthly: 6 } })).toEqual({
      keyLimit: { limit: 10, remaining: 4, resetsEvery: 'weekly', usage: { day: 1, week: 6, month: 6 }, currency: 'USD' },
      management: false,
    });
    expect(parseKeyInfo({ data: { limit: 10, usage: 7.5 } })?.keyLimit.remaining).toBe(2.5);
    expect(parseKeyInfo({ data: { limit: null, is_provisioning_key: true } })?.management).toBe(true);
    expect(parseKeyInfo({ error: 'no' })).toBeNull();
    expect(parseCredits({ data: { total_credits: 20, total_usage: 5.5 } })).toEqual({ total: 20, used: 5.5 });
  });

  it('picks the cheapest paid text model by price, and the cheapest chat model by name', () => {
    const list = { data: [
      { id: 'free:free', pricing: { prompt: '0', completion: '0' } },
      { id: 'pricey', pricing: { prompt: '0.00001', completion: '0.00003' } },
      { id: 'cheap', pricing: { prompt: '0.0000001', completion: '0.0000002' } },
      { id: 'image-out', pricing: { prompt: '0', completion: '0.00000001' }, architecture: { output_modalities: ['image'] } },
    ] };
    expect(cheapestPaidModel(list)).toBe('cheap');
    // `gemini` is no `mini`: whole words of the id decide.
    expect(cheapestModel(['gemini-2.5-pro', 'gemini-2.0-flash', 'gemini-2.0-flash-lite'])).toBe('gemini-2.0-flash-lite');
    expect(cheapestModel(['gpt-4o', 'gpt-4o-mini', 'gpt-4.1-nano'])).toBe('gpt-4.1-nano');
    expect(inferenceModel(['o4-mini', 'gpt-5-nano', 'gpt-4o'])).toBe('gpt-4o');
    expect(inferenceModel(null)).toBe('gpt-4o-mini');
    expect(generateModels({ models: [{ name: 'models/a', supportedGenerationMethods: ['generateContent'] }, { name: 'models/e', supportedGenerationMethods: ['embedContent'] }] })).toEqual(['a']);
  });

  it('x-ratelimit-* headers, with reset durations like 6m0s', () => {
    expect([durationMs('6m0s'), durationMs('1s'), durationMs('20ms'), durationMs('1h2m3.5s'), durationMs('soon')]).toEqual([360_000, 1000, 20, 3_723_500, undefined]);
    const headers = new ResponseHeaders({ 'x-ratelimit-limit-requests': '60', 'x-ratelimit-remaining-requests': '59', 'x-ratelimit-reset-requests': '1s' });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ requests: { limit: 60, remaining: 59, resetAt: '2026-12-01T12:00:01.000Z' } });
    expect(parseRateLimitHeaders(new ResponseHeaders({}), NOW)).toBeUndefined();
  });

  it('x-ratelimit-* durations: fractions, a bare number is seconds; a value that is no number or no sane time is ignored', () => {
    expect(durationMs('2m59.56s')).toBeCloseTo(179_560);
    expect([durationMs('12'), durationMs('')]).toEqual([12_000, undefined]);
    const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n] ?? null, *[Symbol.iterator]() { yield* Object.entries(h); } });
    expect(parseRateLimitHeaders(headers({ 'x-ratelimit-remaining-tokens': '12', 'x-ratelimit-reset-tokens': '1m' }), NOW)).toEqual({ tokens: { remaining: 12, resetAt: '2026-12-01T12:01:00.000Z' } });
    expect(parseRateLimitHeaders(headers({ 'x-ratelimit-limit-requests': 'lots', 'x-ratelimit-reset-requests': '99999999d' }), NOW)).toBeUndefined();
  });

  it('reads ChatGPT’s `{ detail: { message, code } }` error envelope', () => {
    expect(errorEnvelope({ detail: { message: 'Your authentication token has expired.', type: 'invalid_request_error', code: 'token_expired' } })).toEqual({
      message: 'Your authentication token has expired.',
      errorType: 'invalid_request_error',
      errorCode: 'token_expired',
    });
  });
});

describe('the Codex auth.json', () => {
  it('reads a login, an API key, or both; never quotes a value in a message', () => {
    expect(parseCodexAuth(JSON.stringify({ auth_mode: 'chatgpt', OPENAI_API_KEY: null, tokens: { access_token: 'a', refresh_token: 'r', id_token: 'i', account_id: 'acc' }, last_refresh: 't' }))).toEqual({
      kind: 'ok',
      authMode: 'chatgpt',
      login: { accessToken: 'a', hasRefresh: true, accountId: 'acc', idToken: 'i', lastRefresh: 't' },
    });
    expect(parseCodexAuth(JSON.stringify({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-x' }))).toEqual({ kind: 'ok', authMode: 'apikey', apiKey: 'sk-x' });
    for (const bad of ['{', '[]', '{"tokens": 5}', '{"tokens": {"refresh_token": "secret-ish"}}', '{"OPENAI_API_KEY": 42}']) {
      const r = parseCodexAuth(bad);
      expect(r.kind, bad).toBe('malformed');
      expect(JSON.stringify(r)).not.toContain('secret-ish');
    }
  });
});

describe('where a credential may be sent', () => {
  const routing = { providers: new Map([['openai', { baseUrl: 'https://gateway.example/v1' }], ['openai-codex', { baseUrl: 'https://chatgpt.example/backend-api' }], ['openrouter', { baseUrl: 'https://or.example/api/v1' }]]), configFile: '~/.openclaw/openclaw.json' };

  it('openclaw’s base URL for an id goes to the family that id means', () => {
    expect(routeProvider('openai', routing)).toMatchObject({ provider: 'openai', baseUrls: { openai: { url: 'https://gateway.example/v1' } } });
    expect(routeProvider('openai-codex', routing)).toMatchObject({ provider: 'openai', baseUrls: { chatgpt: { url: 'https://chatgpt.example/backend-api' } } });
    expect(routeProvider('openrouter', routing)).toMatchObject({ provider: 'openrouter', ownBaseUrl: { url: 'https://or.example/api/v1' } });
  });

  it('a ChatGPT login under openclaw’s `openai` id keeps ChatGPT’s own base URL', () => {
    const profile: Profile = { id: 'openclaw/main/openai:codex', name: 'main/openai:codex', ...routeProvider('openai', routing), source: { type: 'openclaw', location: 'x' }, secret: null, metadata: {} };
    const login = resolveEndpoints(profile, openai, 'oauth_token', {}, undefined);
    expect(login.baseUrls).toEqual({ openai: 'https://gateway.example/v1', chatgpt: 'https://chatgpt.com/backend-api' });
    expect(login.endpoint).toBeUndefined();
    expect(resolveEndpoints(profile, openai, 'api_key', {}, undefined).endpoint).toBe('https://gateway.example/v1');
  });
});

describe('the published schema', () => {
  const report = (data: Record<string, unknown>) => ({
    schemaVersion: 1,
    tool: { name: 'authdoctor', version: '0.1.0' },
    startedAt: '2026-12-01T12:00:00.000Z',
    durationMs: 1,
    exitCode: 0,
    summary: { profiles: 1, works: 1, broken: 0, unknown: 0, skipped: 0 },
    problems: [],
    profiles: [
      {
        id: 'env/OPENROUTER_API_KEY',
        name: 'OPENROUTER_API_KEY',
        provider: 'openrouter',
        source: { type: 'env', location: 'OPENROUTER_API_KEY' },
        credential: { kind: 'api_key', redacted: 'sk-or-v1-…abcd', expiresAt: null, scopes: null },
        verdict: 'works',
        checks: [
          { id: 'format', status: 'pass', code: 'recognized', summary: 's', durationMs: 0 },
          { id: 'expiry', status: 'skip', code: 'not_applicable', summary: 's', durationMs: 0 },
          { id: 'validity', status: 'pass', code: 'authenticated', summary: 's', durationMs: 0 },
          { id: 'quota', status: 'pass', code: 'key_limit', summary: 's', durationMs: 0, data },
          { id: 'inference', status: 'skip', code: 'not_requested', summary: 's', durationMs: 0 },
        ],
      },
    ],
  });

  it('holds quota data to the shapes every provider shares, and lets providers add their own', () => {
    const keyLimit = { limit: null, remaining: null, resetsEvery: null, usage: { day: 1, week: null, month: 2 }, currency: 'USD' };
    expect(schemaErrors(report({ keyLimit, balances: [{ amount: 1, currency: null }], extra: { anything: true } }))).toBe('');
    expect(schemaErrors(report({ keyLimit: { ...keyLimit, limit: 'ten' } }))).not.toBe('');
    expect(schemaErrors(report({ windows: [{ window: '5h', usedPercent: '20' }] }))).not.toBe('');
    expect(schemaErrors(report({ balances: [{ amount: 3 }] }))).not.toBe('');
  });
});
