// The Anthropic provider's mapping from an exchange to a check outcome: pure, no network.

import { describe, expect, it } from 'vitest';
import { classifyThrown, type Failure } from '../src/net/failure.js';
import { cheapestModel, inferenceOutcome } from '../src/providers/anthropic/inference.js';
import { usageOutcome } from '../src/providers/anthropic/quota.js';
import { parseRateLimits } from '../src/providers/anthropic/ratelimits.js';
import { isRetryable, type Exchange } from '../src/providers/exchange.js';
import { parseUsage, percentScale } from '../src/providers/anthropic/usage.js';
import { MODELS_PROBE, ORGANIZATION_PROBE, validityOutcome } from '../src/providers/anthropic/validity.js';
import { parseCostReport } from '../src/providers/anthropic/cost.js';
import { ANTHROPIC } from '../src/providers/anthropic/outcomes.js';
import { costReportQuota, monthToDate } from '../src/providers/quota.js';
import { CAPABILITIES } from '../src/providers/anthropic/index.js';

function ok(data: unknown, headers: Record<string, string> = {}): Exchange {
  return { ok: true, status: 200, data, headers: new Headers(headers), requestId: 'req_ok', durationMs: 5 };
}

function http(status: number, type?: string, message?: string, extra: { errorCode?: string; headers?: Record<string, string> } = {}): Exchange {
  const failure: Failure = { type: 'http', status, headers: new Headers(extra.headers ?? {}), requestId: 'req_err' };
  if (type) failure.errorType = type;
  if (message) failure.message = message;
  if (extra.errorCode) failure.errorCode = extra.errorCode;
  const ra = extra.headers?.['retry-after'];
  if (ra) failure.retryAfterSeconds = Number(ra);
  return { ok: false, failure, durationMs: 5 };
}

function transport(code: 'network_error' | 'timeout' | 'tls_error' | 'unexpected_response'): Exchange {
  return { ok: false, failure: { type: 'transport', code, message: 'x', retryable: false }, durationMs: 5 };
}

const models = ok({ data: [{ id: 'claude-haiku', type: 'model' }], has_more: false });

describe('validityOutcome', () => {
  it.each([
    [models, 'pass', 'authenticated'],
    [http(401, 'authentication_error', 'Invalid bearer token'), 'fail', 'invalid_credential'],
    [http(401, 'authentication_error', 'invalid x-api-key'), 'fail', 'invalid_credential'],
    [http(403, 'permission_error', 'nope'), 'warn', 'permission_denied'],
    [http(402, 'billing_error', 'pay'), 'warn', 'permission_denied'],
    [http(400, 'invalid_request_error', 'This credential is only authorized for use with Claude Code and cannot be used for other API requests.'), 'warn', 'permission_denied'],
    [http(401, 'authentication_error', 'This credential is only authorized for use with Claude Code and cannot be used for other API requests.'), 'warn', 'permission_denied'],
    [http(429, 'rate_limit_error', 'slow down', { headers: { 'retry-after': '30' } }), 'warn', 'rate_limited'],
    [http(400, 'invalid_request_error', 'anthropic-workspace-id is required when authenticating with an identity-linked API key; send the id of the workspace this request acts in.'), 'fail', 'workspace_required'],
    [http(400, 'invalid_request_error', 'anthropic-workspace-id header must be a valid workspace ID.'), 'fail', 'workspace_required'],
    [http(404, 'not_found_error', 'Workspace `wrkspc_x` not found.'), 'fail', 'workspace_required'],
    [http(500, 'api_error', 'boom'), 'error', 'provider_unavailable'],
    [http(529, 'overloaded_error', 'Overloaded'), 'error', 'provider_unavailable'],
    [http(503), 'error', 'provider_unavailable'],
    [http(404, 'not_found_error', 'no'), 'error', 'unexpected_response'],
    [http(301, undefined, undefined, { headers: { location: 'https://evil.example/steal?x=1' } }), 'error', 'unexpected_response'],
    [ok('<html><body>Sign in to the Wi-Fi</body></html>'), 'error', 'unexpected_response'],
    [ok({ hello: 'world' }), 'error', 'unexpected_response'],
    [transport('timeout'), 'error', 'timeout'],
    [transport('network_error'), 'error', 'network_error'],
    [transport('tls_error'), 'error', 'tls_error'],
  ] as const)('%#: → %s %s', (ex, status, code) => {
    const o = validityOutcome(ex, MODELS_PROBE, 'api_key');
    expect([o.status, o.code]).toEqual([status, code]);
  });

  it('never calls anything but a 401 invalid', () => {
    for (const status of [400, 402, 403, 404, 408, 409, 413, 429, 500, 502, 503, 504, 529]) {
      expect(validityOutcome(http(status), MODELS_PROBE, 'api_key').code).not.toBe('invalid_credential');
    }
  });

  it('carries the request id, HTTP status and retry-after', () => {
    const o = validityOutcome(http(429, 'rate_limit_error', 'x', { headers: { 'retry-after': '30' } }), MODELS_PROBE, 'api_key');
    expect(o).toMatchObject({ httpStatus: 429, requestId: 'req_err', retryAfterSeconds: 30 });
  });

  it('does not reveal where a redirect points beyond its origin', () => {
    const o = validityOutcome(http(302, undefined, undefined, { headers: { location: 'https://evil.example/steal?key=abc' } }), MODELS_PROBE, 'api_key');
    expect(o.summary).toContain('https://evil.example');
    expect(o.summary).not.toContain('steal');
  });

  it('checks the organization body for admin keys', () => {
    expect(validityOutcome(ok({ id: 'org_1', type: 'organization' }), ORGANIZATION_PROBE, 'admin_key').code).toBe('authenticated');
    expect(validityOutcome(ok({ data: [] }), ORGANIZATION_PROBE, 'admin_key').code).toBe('unexpected_response');
  });
});

describe('capabilities', () => {
  it('never sends an API key or an unknown shape to the OAuth usage endpoint, nor a refresh token anywhere', () => {
    expect(CAPABILITIES.api_key.quota).not.toBe('oauth_usage');
    expect(CAPABILITIES.unknown.quota).not.toBe('oauth_usage');
    expect(CAPABILITIES.refresh_token.auth).toBeNull();
    expect(CAPABILITIES.oauth_token.auth).toBe('oauth');
    expect(CAPABILITIES.setup_token.auth).toBe('oauth');
  });
});

describe('usage', () => {
  const body = {
    five_hour: { utilization: 23.0, resets_at: '2026-11-25T23:00:00Z' },
    seven_day: { utilization: 61.0, resets_at: '2026-11-30T09:00:00Z' },
    seven_day_opus: null,
    seven_day_sonnet: { utilization: 12.0, resets_at: '2026-11-30T09:00:00Z' },
    brand_new_window: { utilization: 5, resets_at: null },
    extra_usage: { is_enabled: true, monthly_limit: 5000, used_credits: 150, utilization: 3.0, currency: 'USD' },
  };

  it('normalises windows, keeps unknown ones after known ones, converts cents', () => {
    const u = parseUsage(body)!;
    expect(u.windows.map((w) => [w.window, w.usedPercent])).toEqual([
      ['five_hour', 23],
      ['seven_day', 61],
      ['seven_day_sonnet', 12],
      ['brand_new_window', 5],
    ]);
    expect(u.extraUsage).toEqual({ enabled: true, monthlyLimit: 50, used: 1.5, usedPercent: 3, currency: 'USD' });
  });

  it('reads fractional utilization as fractions only when every value is ≤ 1 and one is fractional', () => {
    expect(percentScale([0.5, 0.2])).toBe(100);
    expect(percentScale([0, 1])).toBe(1);
    expect(percentScale([0.5, 23])).toBe(1);
    expect(parseUsage({ five_hour: { utilization: 0.85, resets_at: null } })!.windows[0]!.usedPercent).toBe(85);
  });

  it.each([
    [{ five_hour: { utilization: 10, resets_at: null } }, 'pass', 'usage'],
    [{ five_hour: { utilization: 80, resets_at: null } }, 'warn', 'near_limit'],
    [{ five_hour: { utilization: 20, resets_at: null }, seven_day: { utilization: 100, resets_at: '2026-11-30T09:00:00Z' } }, 'warn', 'limit_reached'],
    [{ five_hour: null, seven_day: null }, 'pass', 'usage'],
    ['<html></html>', 'error', 'unexpected_response'],
    [[1, 2], 'error', 'unexpected_response'],
  ] as const)('%#: usage outcome %s %s', (data, status, code) => {
    const o = usageOutcome(ok(data));
    expect([o.status, o.code]).toEqual([status, code]);
  });

  it('maps the scope 403 to unsupported, a 429 to error (says nothing about the token)', () => {
    const scope = http(403, 'permission_error', 'OAuth token does not meet scope requirement user:profile', { errorCode: 'oauth_scope_insufficient' });
    expect(usageOutcome(scope)).toMatchObject({ status: 'unsupported', code: 'scope_missing', httpStatus: 403 });
    expect(usageOutcome(http(429, 'rate_limit_error'))).toMatchObject({ status: 'error', code: 'rate_limited' });
    expect(usageOutcome(http(529, 'overloaded_error'))).toMatchObject({ status: 'error', code: 'provider_unavailable' });
    // A setup token of unknown scopes is probed to find out: any 403 means no usage scope.
    expect(usageOutcome(http(403, 'permission_error', 'forbidden'), true)).toMatchObject({ status: 'unsupported', code: 'scope_missing' });
    expect(usageOutcome(http(403, 'permission_error', 'forbidden'), false)).toMatchObject({ status: 'error', code: 'unexpected_response' });
    expect(usageOutcome(transport('timeout'))).toMatchObject({ status: 'error', code: 'timeout' });
  });
});

describe('rate-limit headers', () => {
  it('parses standard and unified headers, and nothing when absent', () => {
    const rl = parseRateLimits(
      new Headers({
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '49',
        'anthropic-ratelimit-requests-reset': '2026-11-25T20:01:00Z',
        'anthropic-ratelimit-tokens-remaining': '39000',
        'anthropic-ratelimit-unified-5h-utilization': '0.42',
        'anthropic-ratelimit-unified-5h-reset': '1795640000',
        'anthropic-ratelimit-unified-status': 'allowed',
      }),
    );
    expect(rl).toEqual({
      requests: { limit: 50, remaining: 49, resetAt: '2026-11-25T20:01:00Z' },
      tokens: { remaining: 39000 },
      unified: { status: 'allowed', windows: { '5h': { usedPercent: 42, resetsAt: new Date(1795640000 * 1000).toISOString() } } },
    });
    expect(parseRateLimits(new Headers({ 'content-type': 'application/json' }))).toBeUndefined();
  });
});

describe('inference', () => {
  it('picks the cheapest model', () => {
    expect(
      cheapestModel([
        { id: 'claude-opus-4-5', created_at: '2025-11-01' },
        { id: 'claude-haiku-4-5', created_at: '2025-10-01' },
        { id: 'claude-3-haiku-20240307', created_at: '2024-03-07' },
        { id: 'claude-sonnet-4-5', created_at: '2025-09-01' },
      ]),
    ).toBe('claude-3-haiku-20240307');
    expect(cheapestModel([])).toBeUndefined();
  });

  it.each([
    [ok({ type: 'message', usage: { input_tokens: 8, output_tokens: 1 } }), 'pass', 'inference_ok'],
    [http(400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.'), 'fail', 'credit_balance_too_low'],
    [http(402, 'billing_error', 'x'), 'fail', 'credit_balance_too_low'],
    [http(429, 'rate_limit_error', 'You have reached your API usage limits: x', { errorCode: 'enforced_spend_limit_reached' }), 'fail', 'spend_limit_reached'],
    [http(429, 'rate_limit_error', 'slow'), 'warn', 'rate_limited'],
    [http(401, 'authentication_error', 'Invalid bearer token'), 'fail', 'invalid_credential'],
    [http(403, 'permission_error', 'x'), 'warn', 'permission_denied'],
    [http(400, 'invalid_request_error', 'This credential is only authorized for use with Claude Code and cannot be used for other API requests.'), 'warn', 'permission_denied'],
    [http(529, 'overloaded_error'), 'error', 'provider_unavailable'],
    [transport('timeout'), 'error', 'timeout'],
    [ok('<html>'), 'error', 'unexpected_response'],
  ] as const)('%#: → %s %s', (ex, status, code) => {
    const o = inferenceOutcome(ex, 'claude-haiku');
    expect([o.status, o.code]).toEqual([status, code]);
  });
});

describe('cost report', () => {
  it('sums cents per currency into currency units over the month so far', async () => {
    const page = { data: [{ results: [{ amount: '1234.5', currency: 'USD' }] }, { results: [{ amount: '100', currency: 'USD' }] }] };
    expect(parseCostReport(page)).toEqual({ totals: new Map([['USD', 1334.5]]), next: null });
    expect(parseCostReport('<html>')).toBeNull();
    const range = monthToDate(new Date('2026-11-25T20:00:00Z'));
    expect(range.from).toBe('2026-11-01T00:00:00.000Z');
    const q = await costReportQuota({ what: 'GET /v1/organizations/cost_report', t: ANTHROPIC, range, perUnit: 100, parsePage: parseCostReport, fetchPage: async () => ok(page) });
    expect(q.data).toMatchObject({ spend: { totals: [{ currency: 'USD', amount: 13.35 }] } });
  });
});

describe('classifyThrown', () => {
  const wrap = (cause: object) => Object.assign(new Error('Connection error.'), { name: 'APIConnectionError', cause: Object.assign(new TypeError('fetch failed'), { cause }) });
  it.each([
    [{ code: 'ECONNREFUSED' }, 'network_error', false],
    [{ code: 'ENOTFOUND' }, 'network_error', false],
    [{ code: 'EAI_AGAIN' }, 'network_error', false],
    [{ code: 'ECONNRESET' }, 'network_error', true],
    [{ code: 'UND_ERR_SOCKET', message: 'other side closed' }, 'network_error', true],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'tls_error', false],
    [{ code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, 'tls_error', false],
    [{ code: 'UND_ERR_HEADERS_TIMEOUT' }, 'timeout', false],
  ])('%o → %s', (cause, code, retryable) => {
    const f = classifyThrown(wrap(cause), false);
    expect(f).toMatchObject({ type: 'transport', code, retryable });
    expect(isRetryable(f)).toBe(retryable);
  });

  it('reads the deadline as a timeout, and HTTP errors as HTTP', () => {
    expect(classifyThrown(Object.assign(new Error('aborted'), { name: 'APIUserAbortError' }), true)).toMatchObject({ code: 'timeout' });
    const f = classifyThrown(Object.assign(new Error('401'), { status: 401, headers: new Headers({ 'request-id': 'req_1' }), error: { type: 'error', error: { type: 'authentication_error', message: 'Invalid bearer token' } } }), false);
    expect(f).toMatchObject({ type: 'http', status: 401, errorType: 'authentication_error', message: 'Invalid bearer token', requestId: 'req_1' });
    expect(isRetryable(f)).toBe(false);
    expect(isRetryable({ type: 'http', status: 529, headers: new Headers() })).toBe(true);
  });

  it('rethrows what it does not understand (a bug, reported as internal_error)', () => {
    expect(() => classifyThrown(new RangeError('bug'), false)).toThrow(RangeError);
  });
});
