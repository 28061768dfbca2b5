import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startAnthropicSim, type SimServer, type SimCredential } from '../src/sim/anthropic.js';

const KEYS = {
  ok: 'sk-ant-api03-ok-AAAA',
  limits: 'sk-ant-api03-limits-AAAA',
  revoked: 'sk-ant-api03-revoked-AAAA',
  rateLimited: 'sk-ant-api03-ratelimited-AAAA',
  overloaded: 'sk-ant-api03-overloaded-AAAA',
  serverError: 'sk-ant-api03-servererror-AAAA',
  spend: 'sk-ant-api03-spend-AAAA',
  lowCredit: 'sk-ant-api03-lowcredit-AAAA',
  workspace: 'sk-ant-api03-workspace-AAAA',
  denied: 'sk-ant-api03-denied-AAAA',
  admin: 'sk-ant-admin01-ok-AAAA',
  oauth: 'sk-ant-oat01-ok-AAAA',
  setup: 'sk-ant-oat01-setup-AAAA',
  customUsage: 'sk-ant-oat01-usage-AAAA',
  codeOnly: 'sk-ant-oat01-codeonly-AAAA',
  usageThrottled: 'sk-ant-oat01-throttled-AAAA',
} as const;

const CREDENTIALS: Record<string, SimCredential> = {
  [KEYS.ok]: { kind: 'api_key' },
  [KEYS.limits]: { kind: 'api_key', rateLimitHeaders: true },
  [KEYS.revoked]: { kind: 'api_key', behaviour: 'revoked' },
  [KEYS.rateLimited]: { kind: 'api_key', behaviour: 'rate_limited' },
  [KEYS.overloaded]: { kind: 'api_key', behaviour: 'overloaded' },
  [KEYS.serverError]: { kind: 'api_key', behaviour: 'server_error' },
  [KEYS.spend]: { kind: 'api_key', behaviour: 'spend_limit' },
  [KEYS.lowCredit]: { kind: 'api_key', behaviour: 'low_credit' },
  [KEYS.workspace]: { kind: 'api_key', behaviour: 'workspace_required' },
  [KEYS.denied]: { kind: 'api_key', behaviour: 'permission_denied' },
  [KEYS.admin]: { kind: 'admin_key', costCents: ['1234.50', '0', '200'] },
  [KEYS.oauth]: { kind: 'oauth' },
  [KEYS.setup]: { kind: 'oauth', scopes: ['user:inference'] },
  [KEYS.customUsage]: { kind: 'oauth', usage: { five_hour: null, brand_new_window: { utilization: 99 } } },
  [KEYS.codeOnly]: { kind: 'oauth', behaviour: 'claude_code_only' },
  [KEYS.usageThrottled]: { kind: 'oauth', behaviour: 'usage_rate_limited' },
};

const OAUTH_BETA = 'oauth-2025-04-20';
const MESSAGE = { model: 'claude-haiku-4-5-20251001', max_tokens: 1, messages: [{ role: 'user', content: 'Hi' }] };

interface CallOptions {
  key?: string;
  via?: 'bearer' | 'x-api-key';
  oauth?: boolean; // adds the OAuth beta header
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

async function call(sim: SimServer, path: string, o: CallOptions = {}) {
  const headers: Record<string, string> = { 'anthropic-version': '2026-10-21', ...o.headers };
  if (o.key !== undefined) {
    if (o.via === 'x-api-key') headers['x-api-key'] = o.key;
    else headers.authorization = `Bearer ${o.key}`;
  }
  if (o.oauth) headers['anthropic-beta'] = OAUTH_BETA;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(sim.url + path, {
    method: o.method ?? (o.body === undefined ? 'GET' : 'POST'),
    headers,
    body: o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
  });
  const body = (await res.json()) as any;
  return { status: res.status, headers: res.headers, body };
}

function expectError(r: Awaited<ReturnType<typeof call>>, status: number, type: string, message?: string) {
  expect(r.status).toBe(status);
  expect(r.body.type).toBe('error');
  expect(r.body.error.type).toBe(type);
  if (message !== undefined) expect(r.body.error.message).toBe(message);
  expect(r.body.request_id).toBe(r.headers.get('request-id'));
}

describe('anthropic sim', () => {
  let sim: SimServer;
  beforeAll(async () => {
    sim = await startAnthropicSim({ credentials: CREDENTIALS });
  });
  afterAll(async () => {
    await sim.close();
  });

  describe('common response properties', () => {
    it('listens on loopback with an ephemeral port', () => {
      expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
      expect(sim.port).toBeGreaterThan(0);
    });

    it('sends a request-id and JSON content type on successes, errors and unknown paths', async () => {
      for (const r of [
        await call(sim, '/v1/models', { key: KEYS.ok }),
        await call(sim, '/v1/models', { key: 'sk-ant-api03-nobody' }),
        await call(sim, '/v2/nothing'),
      ]) {
        expect(r.headers.get('request-id')).toMatch(/^req_[A-Za-z0-9]{20,}$/);
        expect(r.headers.get('content-type')).toBe('application/json');
      }
    });

    it('gives every response its own request id', async () => {
      const a = await call(sim, '/v1/models', { key: KEYS.ok });
      const b = await call(sim, '/v1/models', { key: KEYS.ok });
      expect(a.headers.get('request-id')).not.toBe(b.headers.get('request-id'));
    });

    it('answers unknown paths and methods with 404 not_found_error', async () => {
      expectError(await call(sim, '/v1/nope', { key: KEYS.ok }), 404, 'not_found_error');
      expectError(await call(sim, '/v1/messages', { key: KEYS.ok }), 404, 'not_found_error');
    });
  });

  describe('authentication', () => {
    it('refuses a request without a credential', async () => {
      expectError(await call(sim, '/v1/models'), 401, 'authentication_error');
    });

    it('names the header an unknown credential came in', async () => {
      expectError(await call(sim, '/v1/models', { key: 'sk-ant-api03-nobody' }), 401, 'authentication_error', 'Invalid bearer token');
      expectError(
        await call(sim, '/v1/models', { key: 'sk-ant-api03-nobody', via: 'x-api-key' }),
        401,
        'authentication_error',
        'invalid x-api-key',
      );
    });

    it('accepts an API key as bearer and as x-api-key', async () => {
      expect((await call(sim, '/v1/models', { key: KEYS.ok })).status).toBe(200);
      expect((await call(sim, '/v1/models', { key: KEYS.ok, via: 'x-api-key' })).status).toBe(200);
    });

    it('refuses an OAuth token without the oauth beta header', async () => {
      expectError(
        await call(sim, '/v1/models', { key: KEYS.oauth }),
        401,
        'authentication_error',
        'OAuth authentication is currently not supported.',
      );
      expectError(
        await call(sim, '/v1/models', { key: KEYS.oauth, headers: { 'anthropic-beta': 'other-beta' } }),
        401,
        'authentication_error',
      );
    });

    it('finds the oauth beta inside a comma-separated list', async () => {
      const r = await call(sim, '/v1/models', { key: KEYS.oauth, headers: { 'anthropic-beta': `files-api-2025-04-14, ${OAUTH_BETA}` } });
      expect(r.status).toBe(200);
    });

    it('refuses an OAuth token sent as x-api-key', async () => {
      const r = await call(sim, '/v1/models', { key: KEYS.oauth, via: 'x-api-key', oauth: true });
      expectError(r, 401, 'authentication_error', 'invalid x-api-key');
    });

    it('does not require anthropic-version', async () => {
      const res = await fetch(`${sim.url}/v1/models`, { headers: { authorization: `Bearer ${KEYS.ok}` } });
      expect(res.status).toBe(200);
    });
  });

  describe('GET /v1/models', () => {
    it('lists models with paging fields', async () => {
      const r = await call(sim, '/v1/models?limit=1', { key: KEYS.ok });
      expect(r.status).toBe(200);
      expect(r.body.data).toHaveLength(1);
      expect(r.body.data[0]).toEqual({
        type: 'model',
        id: expect.any(String),
        display_name: expect.any(String),
        created_at: expect.any(String),
      });
      expect(r.body.first_id).toBe(r.body.data[0].id);
      expect(r.body.last_id).toBe(r.body.data[0].id);
      expect(r.body.has_more).toBe(true);
    });

    it('returns the whole default list with has_more false, including haiku, sonnet and opus', async () => {
      const r = await call(sim, '/v1/models', { key: KEYS.oauth, oauth: true });
      expect(r.body.has_more).toBe(false);
      const ids: string[] = r.body.data.map((m: { id: string }) => m.id);
      for (const family of ['haiku', 'sonnet', 'opus']) expect(ids.some((id) => id.includes(family))).toBe(true);
    });

    it('pages with after_id', async () => {
      const first = await call(sim, '/v1/models?limit=1', { key: KEYS.ok });
      const second = await call(sim, `/v1/models?limit=1&after_id=${first.body.last_id}`, { key: KEYS.ok });
      expect(second.body.data[0].id).not.toBe(first.body.data[0].id);
    });

    it('rejects a limit outside 1..1000', async () => {
      expectError(await call(sim, '/v1/models?limit=0', { key: KEYS.ok }), 400, 'invalid_request_error');
      expectError(await call(sim, '/v1/models?limit=1001', { key: KEYS.ok }), 400, 'invalid_request_error');
      expect((await call(sim, '/v1/models?limit=1000', { key: KEYS.ok })).status).toBe(200);
    });

    it('refuses an admin key with 401', async () => {
      expectError(await call(sim, '/v1/models', { key: KEYS.admin }), 401, 'authentication_error');
    });

    it('adds rate-limit headers only for keys configured with them', async () => {
      const withHeaders = await call(sim, '/v1/models?limit=1', { key: KEYS.limits });
      expect(withHeaders.headers.get('anthropic-ratelimit-requests-limit')).toBe('50');
      expect(withHeaders.headers.get('anthropic-ratelimit-requests-remaining')).toBe('49');
      expect(withHeaders.headers.get('anthropic-ratelimit-requests-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(withHeaders.headers.get('anthropic-ratelimit-tokens-remaining')).toMatch(/000$/);
      const without = await call(sim, '/v1/models?limit=1', { key: KEYS.ok });
      expect(without.headers.get('anthropic-ratelimit-requests-limit')).toBeNull();
    });
  });

  describe('admin endpoints', () => {
    it('returns the organization of an admin key', async () => {
      const r = await call(sim, '/v1/organizations/me', { key: KEYS.admin });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ id: expect.stringMatching(/^org_/), type: 'organization', name: 'Example Org' });
    });

    it('refuses normal keys and OAuth tokens with 401', async () => {
      expectError(await call(sim, '/v1/organizations/me', { key: KEYS.ok }), 401, 'authentication_error');
      expectError(await call(sim, '/v1/organizations/me', { key: KEYS.oauth, oauth: true }), 401, 'authentication_error');
      expectError(
        await call(sim, '/v1/organizations/cost_report?starting_at=2026-11-01T00:00:00Z', { key: KEYS.ok }),
        401,
        'authentication_error',
      );
    });

    it('builds daily cost buckets from costCents', async () => {
      const r = await call(sim, '/v1/organizations/cost_report?starting_at=2026-11-01T00:00:00Z&ending_at=2026-11-25T20:00:00Z&bucket_width=1d', {
        key: KEYS.admin,
      });
      expect(r.status).toBe(200);
      expect(r.body.has_more).toBe(false);
      expect(r.body.next_page).toBeNull();
      expect(r.body.data).toHaveLength(3);
      expect(r.body.data[0].starting_at).toBe('2026-11-01T00:00:00Z');
      expect(r.body.data[0].ending_at).toBe('2026-11-02T00:00:00Z');
      expect(r.body.data[2].starting_at).toBe('2026-11-03T00:00:00Z');
      expect(r.body.data[0].results[0]).toMatchObject({ amount: '1234.50', currency: 'USD', cost_type: 'tokens' });
      const total = r.body.data.flatMap((b: any) => b.results).reduce((s: number, x: any) => s + Number(x.amount), 0);
      expect(total).toBeCloseTo(1434.5);
    });

    it('validates starting_at and bucket_width', async () => {
      expectError(await call(sim, '/v1/organizations/cost_report', { key: KEYS.admin }), 400, 'invalid_request_error');
      expectError(
        await call(sim, '/v1/organizations/cost_report?starting_at=yesterday', { key: KEYS.admin }),
        400,
        'invalid_request_error',
      );
      expectError(
        await call(sim, '/v1/organizations/cost_report?starting_at=2026-11-01T00:00:00Z&bucket_width=1h', { key: KEYS.admin }),
        400,
        'invalid_request_error',
      );
    });
  });

  describe('OAuth endpoints', () => {
    it('returns the usage windows for a token with user:profile', async () => {
      const r = await call(sim, '/api/oauth/usage', { key: KEYS.oauth, oauth: true });
      expect(r.status).toBe(200);
      expect(r.body.five_hour).toEqual({ utilization: expect.any(Number), resets_at: expect.any(String) });
      expect(Date.parse(r.body.five_hour.resets_at)).toBeGreaterThan(Date.now());
      expect(r.body.seven_day_opus).toBeNull();
      expect(r.body.extra_usage.currency).toBe('USD');
    });

    it('returns a configured usage body verbatim', async () => {
      const r = await call(sim, '/api/oauth/usage', { key: KEYS.customUsage, oauth: true });
      expect(r.body).toEqual({ five_hour: null, brand_new_window: { utilization: 99 } });
    });

    it('refuses a token without user:profile with the scope error', async () => {
      const r = await call(sim, '/api/oauth/usage', { key: KEYS.setup, oauth: true });
      expect(r.status).toBe(403);
      expect(r.body).toEqual({
        type: 'error',
        error: {
          type: 'permission_error',
          message: 'OAuth token does not meet scope requirement user:profile',
          details: { required_scopes: ['user:profile'], match: 'any', error_code: 'oauth_scope_insufficient' },
        },
        request_id: r.headers.get('request-id'),
      });
    });

    it('refuses an API key on the usage endpoint with "Invalid bearer token" (the original bug)', async () => {
      expectError(await call(sim, '/api/oauth/usage', { key: KEYS.ok }), 401, 'authentication_error', 'Invalid bearer token');
      expectError(
        await call(sim, '/api/oauth/usage', { key: KEYS.ok, via: 'x-api-key' }),
        401,
        'authentication_error',
        'Invalid bearer token',
      );
    });

    it('does not require anthropic-version on the usage endpoint', async () => {
      const res = await fetch(`${sim.url}/api/oauth/usage`, {
        headers: { authorization: `Bearer ${KEYS.oauth}`, 'anthropic-beta': OAUTH_BETA },
      });
      expect(res.status).toBe(200);
    });

    it('returns the profile for a token with user:profile', async () => {
      const r = await call(sim, '/api/oauth/profile', { key: KEYS.oauth, oauth: true });
      expect(r.status).toBe(200);
      expect(r.body.account.email).toBe('user@example.com');
      expect(r.body.organization.name).toEqual(expect.any(String));
      expect((await call(sim, '/api/oauth/profile', { key: KEYS.setup, oauth: true })).status).toBe(403);
    });

    it('usage_rate_limited throttles only the usage endpoint', async () => {
      expect((await call(sim, '/v1/models', { key: KEYS.usageThrottled, oauth: true })).status).toBe(200);
      expect((await call(sim, '/api/oauth/profile', { key: KEYS.usageThrottled, oauth: true })).status).toBe(200);
      expect((await call(sim, '/v1/messages', { key: KEYS.usageThrottled, oauth: true, body: MESSAGE })).status).toBe(200);
      expectError(await call(sim, '/api/oauth/usage', { key: KEYS.usageThrottled, oauth: true }), 429, 'rate_limit_error');
    });
  });

  describe('POST /v1/messages and count_tokens', () => {
    it('answers a tiny message', async () => {
      const r = await call(sim, '/v1/messages', { key: KEYS.ok, body: MESSAGE });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        id: expect.stringMatching(/^msg_/),
        type: 'message',
        role: 'assistant',
        model: MESSAGE.model,
        content: [{ type: 'text', text: 'H' }],
        stop_reason: 'max_tokens',
        usage: { input_tokens: 8, output_tokens: 1 },
      });
    });

    it('resolves a model alias to its full id', async () => {
      const r = await call(sim, '/v1/messages', { key: KEYS.ok, body: { ...MESSAGE, model: 'claude-haiku-4-5' } });
      expect(r.body.model).toBe('claude-haiku-4-5-20251001');
    });

    it('validates the request', async () => {
      const { max_tokens: _omit, ...noMaxTokens } = MESSAGE;
      expectError(await call(sim, '/v1/messages', { key: KEYS.ok, body: noMaxTokens }), 400, 'invalid_request_error');
      expectError(await call(sim, '/v1/messages', { key: KEYS.ok, body: { ...MESSAGE, model: 'claude-nope' } }), 404, 'not_found_error');
      expectError(await call(sim, '/v1/messages', { key: KEYS.ok, body: '{not json' }), 400, 'invalid_request_error');
    });

    it('refuses a body over 1 MiB with 413 request_too_large', async () => {
      const huge = { ...MESSAGE, messages: [{ role: 'user', content: 'x'.repeat(1024 * 1024 + 1) }] };
      expectError(await call(sim, '/v1/messages', { key: KEYS.ok, body: huge }), 413, 'request_too_large');
    });

    it('adds all rate-limit header families for keys configured with them', async () => {
      const r = await call(sim, '/v1/messages', { key: KEYS.limits, body: MESSAGE });
      for (const family of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
        expect(r.headers.get(`anthropic-ratelimit-${family}-limit`)).toMatch(/^\d+$/);
      }
    });

    it('refuses an admin key', async () => {
      expectError(await call(sim, '/v1/messages', { key: KEYS.admin, body: MESSAGE }), 401, 'authentication_error');
    });

    it('counts tokens', async () => {
      const r = await call(sim, '/v1/messages/count_tokens', { key: KEYS.ok, body: { model: MESSAGE.model, messages: MESSAGE.messages } });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ input_tokens: expect.any(Number) });
      expect(r.body.input_tokens).toBeGreaterThan(0);
    });
  });

  describe('behaviours', () => {
    const everyEndpoint: Array<[string, CallOptions]> = [
      ['/v1/models', {}],
      ['/v1/messages', { body: MESSAGE }],
      ['/v1/messages/count_tokens', { body: MESSAGE }],
    ];

    it.each(everyEndpoint)('revoked → 401 on %s', async (path, o) => {
      expectError(await call(sim, path, { ...o, key: KEYS.revoked }), 401, 'authentication_error', 'Invalid bearer token');
      expectError(await call(sim, path, { ...o, key: KEYS.revoked, via: 'x-api-key' }), 401, 'authentication_error', 'invalid x-api-key');
    });

    it.each(everyEndpoint)('rate_limited → 429 with retry-after 30 on %s', async (path, o) => {
      const r = await call(sim, path, { ...o, key: KEYS.rateLimited });
      expectError(r, 429, 'rate_limit_error');
      expect(r.headers.get('retry-after')).toBe('30');
    });

    it.each(everyEndpoint)('overloaded → 529, server_error → 500, permission_denied → 403 on %s', async (path, o) => {
      expectError(await call(sim, path, { ...o, key: KEYS.overloaded }), 529, 'overloaded_error');
      expectError(await call(sim, path, { ...o, key: KEYS.serverError }), 500, 'api_error');
      expectError(await call(sim, path, { ...o, key: KEYS.denied }), 403, 'permission_error');
    });

    it('spend_limit: models OK, messages → 429 enforced_spend_limit_reached without retry-after', async () => {
      expect((await call(sim, '/v1/models', { key: KEYS.spend })).status).toBe(200);
      const r = await call(sim, '/v1/messages', { key: KEYS.spend, body: MESSAGE });
      expectError(r, 429, 'rate_limit_error');
      expect(r.body.error.details).toEqual({ error_code: 'enforced_spend_limit_reached' });
      expect(r.body.error.message).toMatch(
        /^You have reached your API usage limits: .* You will regain access on \d{4}-\d\d-01 at 00:00 UTC\.$/,
      );
      expect(r.headers.get('retry-after')).toBeNull();
    });

    it('low_credit: models OK, messages → 400 credit balance', async () => {
      expect((await call(sim, '/v1/models', { key: KEYS.lowCredit })).status).toBe(200);
      expectError(
        await call(sim, '/v1/messages', { key: KEYS.lowCredit, body: MESSAGE }),
        400,
        'invalid_request_error',
        'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
      );
    });

    it('claude_code_only: models OK, messages → 400', async () => {
      expect((await call(sim, '/v1/models', { key: KEYS.codeOnly, oauth: true })).status).toBe(200);
      expectError(
        await call(sim, '/v1/messages', { key: KEYS.codeOnly, oauth: true, body: MESSAGE }),
        400,
        'invalid_request_error',
        'This credential is only authorized for use with Claude Code and cannot be used for other API requests.',
      );
    });

    it('workspace_required: 400 without anthropic-workspace-id, OK with a valid one', async () => {
      expectError(
        await call(sim, '/v1/models', { key: KEYS.workspace }),
        400,
        'invalid_request_error',
        'anthropic-workspace-id is required when authenticating with an identity-linked API key; send the id of the workspace this request acts in.',
      );
      const headers = { 'anthropic-workspace-id': 'wrkspc_01ABC' };
      expect((await call(sim, '/v1/models', { key: KEYS.workspace, headers })).status).toBe(200);
      expect(sim.requests.at(-1)?.workspaceId).toBe('wrkspc_01ABC');
      expectError(
        await call(sim, '/v1/models', { key: KEYS.workspace, headers: { 'anthropic-workspace-id': 'not a workspace' } }),
        400,
        'invalid_request_error',
        'anthropic-workspace-id header must be a valid workspace ID.',
      );
    });
  });

  describe('recording', () => {
    it('records every request with what arrived and the status sent', async () => {
      const before = sim.requests.length;
      await call(sim, '/v1/models?limit=1', { key: KEYS.oauth, oauth: true });
      await call(sim, '/v1/messages', { key: KEYS.ok, via: 'x-api-key', body: MESSAGE });
      await call(sim, '/nowhere');
      expect(sim.requests.slice(before)).toEqual([
        {
          method: 'GET',
          path: '/v1/models',
          query: { limit: '1' },
          credential: KEYS.oauth,
          via: 'bearer',
          beta: OAUTH_BETA,
          version: '2026-10-21',
          workspaceId: null,
          status: 200,
        },
        {
          method: 'POST',
          path: '/v1/messages',
          query: {},
          credential: KEYS.ok,
          via: 'x-api-key',
          beta: null,
          version: '2026-10-21',
          workspaceId: null,
          status: 200,
          body: MESSAGE,
        },
        expect.objectContaining({ path: '/nowhere', credential: null, via: null, status: 404 }),
      ]);
    });

    it('setCredential adds or replaces a credential while running', async () => {
      const key = 'sk-ant-api03-late-AAAA';
      expect((await call(sim, '/v1/models', { key })).status).toBe(401);
      sim.setCredential(key, { kind: 'api_key' });
      expect((await call(sim, '/v1/models', { key })).status).toBe(200);
      sim.setCredential(key, { kind: 'api_key', behaviour: 'overloaded' });
      expect((await call(sim, '/v1/models', { key })).status).toBe(529);
    });
  });
});

describe('anthropic sim: timing and lifecycle', () => {
  it('tracks the highest number of requests handled at once, latency included', async () => {
    const sim = await startAnthropicSim({ credentials: CREDENTIALS, latencyMs: 150 });
    try {
      await call(sim, '/v1/models', { key: KEYS.ok });
      expect(sim.maxConcurrent).toBe(1);
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 5 }, () => call(sim, '/v1/models', { key: KEYS.ok })));
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(sim.maxConcurrent).toBe(5);
      expect(sim.requests).toHaveLength(6);
      await call(sim, '/v1/models', { key: KEYS.ok });
      expect(sim.maxConcurrent).toBe(5);
    } finally {
      await sim.close();
    }
  });

  it('shifts the Date header by clockSkewMs', async () => {
    const skew = -2 * 3_600_000;
    const sim = await startAnthropicSim({ credentials: CREDENTIALS, clockSkewMs: skew });
    try {
      const r = await call(sim, '/v1/models', { key: KEYS.ok });
      const served = Date.parse(r.headers.get('date') ?? '');
      expect(Math.abs(served - (Date.now() + skew))).toBeLessThan(5_000);
    } finally {
      await sim.close();
    }
  });

  it('serves custom models', async () => {
    const models = [{ id: 'claude-test-1', display_name: 'Claude Test', created_at: '2026-01-01T00:00:00Z' }];
    const sim = await startAnthropicSim({ credentials: CREDENTIALS, models });
    try {
      const r = await call(sim, '/v1/models', { key: KEYS.ok });
      expect(r.body.data).toEqual([{ type: 'model', ...models[0] }]);
      expect((await call(sim, '/v1/messages', { key: KEYS.ok, body: { ...MESSAGE, model: 'claude-test-1' } })).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('closes promptly despite keep-alive connections, and close() can be called twice', async () => {
    const sim = await startAnthropicSim({ credentials: CREDENTIALS });
    await call(sim, '/v1/models', { key: KEYS.ok }); // leaves an idle keep-alive socket in fetch's pool
    const started = Date.now();
    await sim.close();
    await sim.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(fetch(`${sim.url}/v1/models`)).rejects.toThrow();
  });

  it('closes promptly while a request is still waiting out its latency', async () => {
    const sim = await startAnthropicSim({ credentials: CREDENTIALS, latencyMs: 10_000 });
    const pending = fetch(`${sim.url}/v1/models`, { headers: { authorization: `Bearer ${KEYS.ok}` } });
    const caught = pending.catch((e: unknown) => e);
    while (sim.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await sim.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await caught).toBeInstanceOf(Error);
  });
});
