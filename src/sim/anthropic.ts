// A simulated Anthropic API on 127.0.0.1. `authdoctor demo` runs it in-process and the end-to-end
// tests use it as their fake provider, so it answers like the real API (see anthropic-api.md): same
// status codes, error envelope, `request-id` header and response shapes, decided by the credential
// that arrives. It never logs: the demo's output must be authdoctor's alone.

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { listenOnLoopback, readBody } from './listen.js';
import { DAY_MS, HOUR_MS } from './time.js';

export type SimBehaviour =
  | 'ok'
  | 'revoked'
  | 'rate_limited'
  | 'overloaded'
  | 'server_error'
  | 'spend_limit'
  | 'low_credit'
  | 'workspace_required'
  | 'permission_denied'
  | 'claude_code_only'
  | 'usage_rate_limited';

export interface SimCredential {
  kind: 'api_key' | 'admin_key' | 'oauth';
  behaviour?: SimBehaviour;
  scopes?: string[];
  usage?: Record<string, unknown>;
  costCents?: string[];
  /** Cost buckets per page (else the request's `limit`, default 7), to make the cost report paginate. */
  costPageSize?: number;
  rateLimitHeaders?: boolean;
}

export interface SimOptions {
  credentials: Record<string, SimCredential>;
  latencyMs?: number;
  clockSkewMs?: number;
  models?: Array<{ id: string; display_name: string; created_at: string }>;
}

export interface SimRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  credential: string | null;
  via: 'bearer' | 'x-api-key' | null;
  beta: string | null;
  version: string | null;
  workspaceId: string | null;
  status: number;
  body?: unknown;
}

export interface SimServer {
  url: string;
  port: number;
  requests: SimRequest[];
  maxConcurrent: number;
  setCredential(secret: string, cred: SimCredential): void;
  close(): Promise<void>;
}

type SimModel = { id: string; display_name: string; created_at: string };

/** Newest first, as the real list is ordered. Exported so callers can pick a model the sim knows. */
export const DEFAULT_SIM_MODELS: readonly SimModel[] = [
  { id: 'claude-opus-4-5-20251101', display_name: 'Claude Opus 4.5', created_at: '2025-11-24T00:00:00Z' },
  { id: 'claude-haiku-4-5-20251001', display_name: 'Claude Haiku 4.5', created_at: '2025-10-15T00:00:00Z' },
  { id: 'claude-sonnet-4-5-20250929', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' },
];

const CLAUDE_LOGIN_SCOPES = [
  'org:create_api_key',
  'user:profile',
  'user:inference',
  'user:sessions:claude_code',
  'user:mcp_servers',
  'user:file_upload',
];
const OAUTH_BETA = 'oauth-2025-04-20';
const WORKSPACE_REQUIRED =
  'anthropic-workspace-id is required when authenticating with an identity-linked API key; send the id of the workspace this request acts in.';
/** Real workspace ids look like `wrkspc_01…`; anything else gets the API's "malformed" answer. */
const WORKSPACE_ID = /^wrkspc_[A-Za-z0-9]+$/;

// ---------------------------------------------------------------------------------------------
// Replies: either a success body or an error that `send` wraps in the API's error envelope.

interface ApiErrorInfo {
  type: string;
  message: string;
  details?: Record<string, unknown>;
}
type Reply = { status: number; headers?: Record<string, string> } & ({ body: unknown } | { error: ApiErrorInfo });

function ok(body: unknown, headers?: Record<string, string>): Reply {
  return { status: 200, body, ...(headers ? { headers } : {}) };
}

function apiError(
  status: number,
  type: string,
  message: string,
  extra: { headers?: Record<string, string>; details?: Record<string, unknown> } = {},
): Reply {
  const error: ApiErrorInfo = { type, message, ...(extra.details ? { details: extra.details } : {}) };
  return { status, error, ...(extra.headers ? { headers: extra.headers } : {}) };
}

const invalidRequest = (message: string): Reply => apiError(400, 'invalid_request_error', message);

/** The API names the header it read the bad credential from. */
function invalidCredential(via: SimRequest['via']): Reply {
  return apiError(401, 'authentication_error', via === 'x-api-key' ? 'invalid x-api-key' : 'Invalid bearer token');
}

// ---------------------------------------------------------------------------------------------
// Small pure helpers.

/** RFC 3339 without milliseconds, the way the API writes timestamps. */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function ceilTo(ms: number, step: number): number {
  return Math.ceil(ms / step) * step;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Ids shaped like the real ones (`req_011CSHoEeqs5C35K2UUqR7Fy`), so redaction and display code see realistic input. */
function randomId(prefix: string): string {
  let id = `${prefix}_011C`;
  for (const byte of randomBytes(20)) id += ID_ALPHABET.charAt(byte % ID_ALPHABET.length);
  return id;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  if (Array.isArray(value)) return value.join(', ');
  return value === undefined || value === '' ? null : value;
}

/** `Authorization: Bearer` wins over `x-api-key` when both arrive: it is what the current SDK sends. */
function readCredential(headers: IncomingHttpHeaders): Pick<SimRequest, 'credential' | 'via'> {
  const bearer = /^Bearer +(\S+)$/i.exec(headerValue(headers, 'authorization') ?? '')?.[1];
  if (bearer !== undefined) return { credential: bearer, via: 'bearer' };
  const key = headerValue(headers, 'x-api-key');
  return key === null ? { credential: null, via: null } : { credential: key, via: 'x-api-key' };
}

/** `anthropic-beta` is a comma-separated list, possibly sent as several headers. */
function hasBeta(beta: string | null, wanted: string): boolean {
  return (beta ?? '').split(',').some((b) => b.trim() === wanted);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Accepts a full id or its alias without the date suffix (`claude-haiku-4-5`), as the API does. */
function resolveModel(models: readonly SimModel[], requested: string): SimModel | undefined {
  return models.find((m) => m.id === requested || m.id.replace(/-\d{8}$/, '') === requested);
}

function firstOfNextMonthUtc(now: number): string {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

const RATE_LIMITS: Record<string, readonly [limit: number, remaining: number]> = {
  requests: [50, 49],
  tokens: [90_000, 89_000], // token "remaining" is rounded to thousands by the API
  'input-tokens': [40_000, 40_000],
  'output-tokens': [8_000, 8_000],
};

function rateLimitHeaders(now: number, families: readonly string[]): Record<string, string> {
  const reset = rfc3339(ceilTo(now + 1, 60_000));
  const headers: Record<string, string> = {};
  for (const family of families) {
    const [limit, remaining] = RATE_LIMITS[family] ?? [0, 0];
    headers[`anthropic-ratelimit-${family}-limit`] = String(limit);
    headers[`anthropic-ratelimit-${family}-remaining`] = String(remaining);
    headers[`anthropic-ratelimit-${family}-reset`] = reset;
  }
  return headers;
}

/** The doc's example body, with reset times in the server's future so "resets in …" reads sensibly. */
function defaultUsage(now: number): Record<string, unknown> {
  const weekly = rfc3339(ceilTo(now + 4 * DAY_MS, HOUR_MS));
  return {
    five_hour: { utilization: 23.0, resets_at: rfc3339(ceilTo(now + 2 * HOUR_MS, HOUR_MS)) },
    seven_day: { utilization: 61.0, resets_at: weekly },
    seven_day_opus: null,
    seven_day_sonnet: { utilization: 12.0, resets_at: weekly },
    seven_day_oauth_apps: null,
    extra_usage: { is_enabled: true, monthly_limit: 5000, used_credits: 150, utilization: 3.0, currency: 'USD' },
  };
}

/** Every string a prompt carries (system and message text), for a rough token estimate. */
function promptText(body: Record<string, unknown>): string {
  const parts: string[] = [];
  const collect = (content: unknown): void => {
    if (typeof content === 'string') parts.push(content);
    else if (Array.isArray(content)) for (const block of content) if (isRecord(block)) collect(block.text);
  };
  collect(body.system);
  if (Array.isArray(body.messages)) for (const m of body.messages) if (isRecord(m)) collect(m.content);
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Endpoints.

interface Ctx {
  req: SimRequest;
  cred: SimCredential;
  behaviour: SimBehaviour;
  now: number; // the server's clock, skew included
  models: readonly SimModel[];
}

interface Route {
  kinds: ReadonlyArray<SimCredential['kind']>;
  /** /api/oauth/* only reads a bearer token, so any other credential is an "Invalid bearer token". */
  bearerOnly?: boolean;
  handle(ctx: Ctx): Reply;
}

const SCOPE_MISSING = apiError(403, 'permission_error', 'OAuth token does not meet scope requirement user:profile', {
  details: { required_scopes: ['user:profile'], match: 'any', error_code: 'oauth_scope_insufficient' },
});

function hasProfileScope(cred: SimCredential): boolean {
  return (cred.scopes ?? CLAUDE_LOGIN_SCOPES).includes('user:profile');
}

function listModels({ req, cred, now, models }: Ctx): Reply {
  const limitText = req.query.limit ?? '20';
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > 1000) {
    return invalidRequest('limit: Input should be an integer between 1 and 1000');
  }
  // after_id paging is implemented so a client that follows has_more cannot loop on the first page.
  const afterId = req.query.after_id;
  const afterIndex = afterId === undefined ? -1 : models.findIndex((m) => m.id === afterId);
  const start = afterId === undefined ? 0 : afterIndex === -1 ? models.length : afterIndex + 1;
  const page = models.slice(start, start + limit);
  const body = {
    data: page.map((m) => ({ type: 'model', id: m.id, display_name: m.display_name, created_at: m.created_at })),
    first_id: page[0]?.id ?? null,
    last_id: page[page.length - 1]?.id ?? null,
    has_more: start + limit < models.length,
  };
  return ok(body, cred.kind === 'api_key' && cred.rateLimitHeaders ? rateLimitHeaders(now, ['requests', 'tokens']) : undefined);
}

function parseTime(text: string | undefined): number | null {
  const ms = text === undefined ? NaN : Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

function costReport({ req, cred }: Ctx): Reply {
  const { starting_at: startText, ending_at: endText, bucket_width: width } = req.query;
  if (startText === undefined) return invalidRequest('starting_at: Field required');
  const start = parseTime(startText);
  if (start === null) return invalidRequest('starting_at: Input should be a valid datetime');
  if (endText !== undefined && parseTime(endText) === null) return invalidRequest('ending_at: Input should be a valid datetime');
  if (width !== undefined && width !== '1d') return invalidRequest("bucket_width: Input should be '1d'");
  // One daily bucket per costCents entry from the start day, whatever ending_at says: a test's
  // expected total must not depend on today's date (e.g. "this month so far" on the 1st).
  const day0 = Math.floor(start / DAY_MS) * DAY_MS;
  const data = (cred.costCents ?? []).map((amount, i) => ({
    starting_at: rfc3339(day0 + i * DAY_MS),
    ending_at: rfc3339(day0 + (i + 1) * DAY_MS),
    results: [
      { amount, currency: 'USD', description: 'Claude Sonnet 4.5 Usage - Input Tokens', cost_type: 'tokens', workspace_id: null },
    ],
  }));
  // `page` is the index of the first bucket (`page_<n>`).
  const size = cred.costPageSize ?? Number(req.query.limit ?? 7);
  const first = req.query.page ? Number(req.query.page.replace('page_', '')) : 0;
  const more = first + size < data.length;
  return ok({ data: data.slice(first, first + size), has_more: more, next_page: more ? `page_${first + size}` : null });
}

function oauthUsage({ cred, behaviour, now }: Ctx): Reply {
  if (!hasProfileScope(cred)) return SCOPE_MISSING;
  // The usage endpoint is throttled far harder than the API itself; it says nothing about validity.
  if (behaviour === 'usage_rate_limited') return apiError(429, 'rate_limit_error', 'Rate limited. Please try again later.');
  return ok(cred.usage ?? defaultUsage(now));
}

function oauthProfile({ cred }: Ctx): Reply {
  if (!hasProfileScope(cred)) return SCOPE_MISSING;
  return ok({
    account: {
      uuid: '6f1c2a4e-0000-4000-8000-000000000001',
      email: 'user@example.com',
      display_name: 'Example User',
      has_claude_max: true,
      has_claude_pro: false,
    },
    organization: {
      uuid: '6f1c2a4e-0000-4000-8000-000000000002',
      name: 'Example Org',
      organization_type: 'claude_max',
      rate_limit_tier: 'default_claude_max_20x',
      billing_type: 'stripe_subscription',
    },
  });
}

/** Shared request validation of /v1/messages and count_tokens; returns the model or the refusal. */
function checkPrompt(body: unknown, models: readonly SimModel[], needsMaxTokens: boolean): SimModel | Reply {
  if (!isRecord(body)) return invalidRequest('Request body must be a JSON object');
  if (typeof body.model !== 'string') return invalidRequest('model: Field required');
  if (!Array.isArray(body.messages)) return invalidRequest('messages: Field required');
  if (needsMaxTokens && typeof body.max_tokens !== 'number') return invalidRequest('max_tokens: Field required');
  return resolveModel(models, body.model) ?? apiError(404, 'not_found_error', `model: ${body.model}`);
}

/** Neither a model nor a credential has a `status`, so it tells a refusal from a result. */
function isReply<T extends object>(value: T | Reply): value is Reply {
  return 'status' in value;
}

function createMessage({ req, cred, behaviour, now, models }: Ctx): Reply {
  const model = checkPrompt(req.body, models, true);
  if (isReply(model)) return model;
  switch (behaviour) {
    case 'claude_code_only':
      return invalidRequest('This credential is only authorized for use with Claude Code and cannot be used for other API requests.');
    case 'low_credit':
      return invalidRequest(
        'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
      );
    case 'spend_limit':
      // A spend cap is a 429 without retry-after: waiting a few seconds will not help.
      return apiError(
        429,
        'rate_limit_error',
        `You have reached your API usage limits: your organization's monthly spend limit has been reached. You will regain access on ${firstOfNextMonthUtc(now)} at 00:00 UTC.`,
        { details: { error_code: 'enforced_spend_limit_reached' } },
      );
    default:
      break;
  }
  const body = {
    id: randomId('msg'),
    type: 'message',
    role: 'assistant',
    model: model.id,
    content: [{ type: 'text', text: 'H' }],
    stop_reason: 'max_tokens',
    stop_sequence: null,
    usage: { input_tokens: 8, output_tokens: 1 },
  };
  const headers =
    cred.kind === 'api_key' && cred.rateLimitHeaders
      ? rateLimitHeaders(now, ['requests', 'tokens', 'input-tokens', 'output-tokens'])
      : undefined;
  return ok(body, headers);
}

function countTokens({ req, models }: Ctx): Reply {
  const model = checkPrompt(req.body, models, false);
  if (isReply(model)) return model;
  return ok({ input_tokens: 7 + Math.ceil(promptText(req.body as Record<string, unknown>).length / 4) });
}

const INFERENCE_KINDS = ['api_key', 'oauth'] as const;

const ROUTES: Record<string, Route> = {
  'GET /v1/models': { kinds: INFERENCE_KINDS, handle: listModels },
  'POST /v1/messages': { kinds: INFERENCE_KINDS, handle: createMessage },
  'POST /v1/messages/count_tokens': { kinds: INFERENCE_KINDS, handle: countTokens },
  // Other keys on admin endpoints: the real status is unconfirmed (401 or 403); we answer 401.
  'GET /v1/organizations/me': {
    kinds: ['admin_key'],
    handle: () => ok({ id: 'org_01Hk3QnT7vXz2bYcR9sWmLpE', type: 'organization', name: 'Example Org' }),
  },
  'GET /v1/organizations/cost_report': { kinds: ['admin_key'], handle: costReport },
  'GET /api/oauth/usage': { kinds: ['oauth'], bearerOnly: true, handle: oauthUsage },
  'GET /api/oauth/profile': { kinds: ['oauth'], bearerOnly: true, handle: oauthProfile },
};

// ---------------------------------------------------------------------------------------------
// Deciding a reply: route, authenticate, credential-wide behaviours, then the endpoint.

/** The authenticated credential, or the 401 the API would send instead. */
function authenticate(req: SimRequest, cred: SimCredential | undefined, route: Route): SimCredential | Reply {
  if (req.credential === null) return apiError(401, 'authentication_error', 'x-api-key header is required');
  if (cred === undefined) return invalidCredential(req.via);
  if (cred.kind === 'oauth') {
    // An OAuth token sent as x-api-key is treated as a bad API key (unconfirmed, per the doc).
    if (req.via === 'x-api-key') return invalidCredential(req.via);
    if (!hasBeta(req.beta, OAUTH_BETA)) return apiError(401, 'authentication_error', 'OAuth authentication is currently not supported.');
  }
  if (cred.behaviour === 'revoked') return invalidCredential(req.via);
  // Admin keys on /v1/models and normal keys on admin endpoints: 401 here, real status unconfirmed.
  if (!route.kinds.includes(cred.kind)) return invalidCredential(route.bearerOnly ? 'bearer' : req.via);
  return cred;
}

function workspaceRefusal(workspaceId: string | null): Reply | null {
  if (workspaceId === null) return invalidRequest(WORKSPACE_REQUIRED);
  return WORKSPACE_ID.test(workspaceId) ? null : invalidRequest('anthropic-workspace-id header must be a valid workspace ID.');
}

/** Behaviours that hit every endpoint once the credential is authenticated. */
function credentialWideRefusal(behaviour: SimBehaviour, req: SimRequest): Reply | null {
  switch (behaviour) {
    case 'rate_limited':
      return apiError(
        429,
        'rate_limit_error',
        'This request would exceed the rate limit for your organization of 50 requests per minute. Please try again later.',
        { headers: { 'retry-after': '30' } },
      );
    case 'overloaded':
      return apiError(529, 'overloaded_error', 'Overloaded');
    case 'server_error':
      return apiError(500, 'api_error', 'Internal server error');
    case 'permission_denied':
      return apiError(403, 'permission_error', 'Your API key does not have permission to use the specified resource.');
    case 'workspace_required':
      return workspaceRefusal(req.workspaceId);
    default:
      return null;
  }
}

function decide(req: SimRequest, cred: SimCredential | undefined, now: number, models: readonly SimModel[]): Reply {
  // Unknown routes answer 404 before authentication, like the real edge does.
  const route = ROUTES[`${req.method} ${req.path}`];
  if (route === undefined) return apiError(404, 'not_found_error', 'Not Found');
  const authenticated = authenticate(req, cred, route);
  if (isReply(authenticated)) return authenticated;
  const behaviour = authenticated.behaviour ?? 'ok';
  return credentialWideRefusal(behaviour, req) ?? route.handle({ req, cred: authenticated, behaviour, now, models });
}

// ---------------------------------------------------------------------------------------------
// The HTTP shell.

function send(res: ServerResponse, reply: Reply, requestId: string, now: number): void {
  const body = 'error' in reply ? { type: 'error', error: reply.error, request_id: requestId } : reply.body;
  const payload = JSON.stringify(body);
  res.writeHead(reply.status, {
    ...reply.headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'request-id': requestId,
    date: new Date(now).toUTCString(),
  });
  res.end(payload);
}

/** The parsed JSON body (undefined when empty), or the refusal a proxy in front of the API would send first. */
function parseBody(text: string | null): { value: unknown } | Reply {
  if (text === null) return apiError(413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.');
  if (text === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return invalidRequest('There was an issue with the format of your request body: invalid JSON.');
  }
}

export function startAnthropicSim(options: SimOptions): Promise<SimServer> {
  const credentials = new Map(Object.entries(options.credentials));
  const models = options.models ?? DEFAULT_SIM_MODELS;
  const latencyMs = options.latencyMs ?? 0;
  const clockSkewMs = options.clockSkewMs ?? 0;
  const requests: SimRequest[] = [];
  let inFlight = 0;
  let maxConcurrent = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    inFlight += 1;
    maxConcurrent = Math.max(maxConcurrent, inFlight);
    let finished = false;
    // 'finish' comes first on a normal response; 'close' covers clients that went away.
    const done = (): void => {
      if (!finished) {
        finished = true;
        inFlight -= 1;
      }
    };
    res.once('finish', done);
    res.once('close', done);
    const gone = new AbortController();
    res.once('close', () => gone.abort());

    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: SimRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...readCredential(req.headers),
      beta: headerValue(req.headers, 'anthropic-beta'),
      version: headerValue(req.headers, 'anthropic-version'),
      workspaceId: headerValue(req.headers, 'anthropic-workspace-id'),
      status: 0,
    };
    requests.push(record); // at arrival, so the list is in arrival order even when answers overlap

    const body = parseBody(await readBody(req));
    if (!isReply(body) && body.value !== undefined) record.body = body.value;
    if (latencyMs > 0) await sleep(latencyMs, undefined, { signal: gone.signal });
    const now = Date.now() + clockSkewMs;
    const cred = record.credential === null ? undefined : credentials.get(record.credential);
    const reply = isReply(body) ? body : decide(record, cred, now, models);
    record.status = reply.status;
    send(res, reply, randomId('req'), now);
  }

  return listenOnLoopback(handle).then((shell) => ({
    ...shell,
    requests,
    get maxConcurrent() {
      return maxConcurrent;
    },
    setCredential(secret: string, cred: SimCredential) {
      credentials.set(secret, cred);
    },
  }));
}
