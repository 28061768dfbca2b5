// The simulated OpenAI API (mount `openai`, paths under /v1) and ChatGPT's backend (mount `chatgpt`,
// paths under /backend-api), from providers.md: real status codes and error bodies.
//
// OpenAI keys: `kind` 'admin' for admin keys (else an API key); `costs` (daily amounts in USD) and
// `pageSize` (buckets per page, to make the cost report paginate); behaviours: restricted (a key
// without api.model.read, an admin key without api.usage.read: 401 or 403 Missing scopes), rate_limited, server_error,
// insufficient_quota (chat only), no_ratelimit_headers.
// ChatGPT logins: `accountId` (the ChatGPT-Account-Id it belongs to), `usage` ({ primary, secondary,
// plan, limitReached, credits }); behaviours: expired, invalidated, rate_limited, server_error.

import { chatCompletion, keyTail, modelList, openaiError, requestedModel } from './openai-style.js';
import type { SimContext, SimProvider, SimReply } from './server.js';

const MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1-nano', 'gpt-5-nano', 'o4-mini', 'text-embedding-3-small', 'whisper-1'];

const missingScopes = (scope: string, status = 401) =>
  openaiError(
    status,
    `You have insufficient permissions for this operation. Missing scopes: ${scope}. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.`,
    'invalid_request_error',
  );

function unknownKey(credential: string | null): SimReply {
  const shown = credential ? `${credential.slice(0, 8)}****${keyTail(credential)}` : '';
  return openaiError(401, `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key');
}

function rateLimitHeaders(): Record<string, string> {
  return {
    'x-ratelimit-limit-requests': '5000',
    'x-ratelimit-remaining-requests': '4999',
    'x-ratelimit-reset-requests': '12ms',
    'x-ratelimit-limit-tokens': '800000',
    'x-ratelimit-remaining-tokens': '799990',
    'x-ratelimit-reset-tokens': '6m0s',
  };
}

/**
 * Daily buckets from the requested start, one per amount the key was given (at least one): not as
 * many as days have passed this month, so what a test sees does not depend on the date. `page` is
 * the index of the first bucket (`page_<n>`).
 */
function costs(ctx: SimContext): SimReply {
  const { req, key } = ctx;
  const start = Number(req.query.start_time);
  const daily = (key?.costs as number[] | undefined) ?? [];
  const size = (key?.pageSize as number | undefined) ?? Number(req.query.limit ?? 7);
  const first = req.query.page ? Number(req.query.page.replace('page_', '')) : 0;
  const days = Math.max(1, daily.length);
  const buckets = Array.from({ length: days }, (_, i) => ({
    object: 'bucket',
    start_time: start + i * 86_400,
    end_time: start + (i + 1) * 86_400,
    results: daily[i] === undefined ? [] : [{ object: 'organization.costs.result', amount: { value: daily[i], currency: 'usd' }, line_item: null, project_id: null }],
  }));
  const page = buckets.slice(first, first + size);
  const more = first + size < buckets.length;
  return { status: 200, body: { object: 'page', data: page, has_more: more, next_page: more ? `page_${first + size}` : null } };
}

export const openaiSim: SimProvider = {
  mount: 'openai',
  handle(ctx: SimContext): SimReply {
    const { req, key } = ctx;
    if (!key) return unknownKey(req.credential);
    const admin = key.kind === 'admin';
    switch (key.behaviour) {
      case 'rate_limited':
        return openaiError(429, 'Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1.', 'requests', 'rate_limit_exceeded', { 'retry-after': '20' });
      case 'server_error':
        return openaiError(500, 'The server had an error while processing your request. Sorry about that!', 'server_error');
      case 'restricted':
        if (req.path === '/v1/models') return missingScopes('api.model.read', (key.status as number | undefined) ?? 401);
        if (req.path === '/v1/organization/costs') return missingScopes('api.usage.read', 403);
    }
    const route = `${req.method} ${req.path}`;
    switch (route) {
      case 'GET /v1/models':
        if (admin) return missingScopes('api.model.read', 403);
        return { ...modelList(MODELS, 'system'), ...(key.behaviour === 'no_ratelimit_headers' ? {} : { headers: rateLimitHeaders() }) };
      case 'GET /v1/organization/costs':
        return admin ? costs(ctx) : missingScopes('api.usage.read', 403);
      case 'POST /v1/chat/completions':
        if (admin) return missingScopes('model.request', 403);
        if (key.behaviour === 'insufficient_quota') {
          return openaiError(429, 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.', 'insufficient_quota', 'insufficient_quota');
        }
        return { ...chatCompletion(requestedModel(req.body)), headers: rateLimitHeaders() };
      default:
        return openaiError(404, `Invalid URL (${route})`, 'invalid_request_error');
    }
  },
};

interface SimUsage {
  primary?: number;
  secondary?: number;
  plan?: string;
  limitReached?: boolean;
  credits?: { has_credits: boolean; unlimited: boolean; balance: string };
}

function whamUsage(usage: SimUsage, now: number): Record<string, unknown> {
  const window = (used: number, seconds: number, resetIn: number) => ({ used_percent: used, limit_window_seconds: seconds, reset_after_seconds: resetIn, reset_at: Math.floor(now / 1000) + resetIn });
  return {
    plan_type: usage.plan ?? 'plus',
    rate_limit: {
      allowed: !usage.limitReached,
      limit_reached: usage.limitReached ?? false,
      primary_window: window(usage.primary ?? 12, 18_000, 7_200),
      secondary_window: window(usage.secondary ?? 34, 604_800, 259_200),
    },
    credits: usage.credits ?? { has_credits: false, unlimited: false, balance: '0' },
  };
}

export const chatgptSim: SimProvider = {
  mount: 'chatgpt',
  handle({ req, key, now }: SimContext): SimReply {
    // A token ChatGPT did not issue (or cannot read).
    if (!key) return openaiError(401, 'Could not parse your authentication token. Please try signing in again.', 'invalid_request_error', 'invalid_jwt');
    switch (key.behaviour) {
      case 'expired':
        return { status: 401, body: { error: { message: 'Provided authentication token is expired. Please try signing in again.', type: null, code: 'token_expired', param: null }, status: 401 } };
      case 'invalidated':
        return { status: 401, body: { error: { message: 'Your authentication token has been invalidated. Please try signing in again.', type: 'invalid_request_error', code: 'token_invalidated', param: null }, status: 401 } };
      case 'rate_limited':
        return openaiError(429, 'Too many requests', 'rate_limit_error', null, { 'retry-after': '30' });
      case 'server_error':
        return openaiError(500, 'Internal server error', 'server_error');
    }
    if (`${req.method} ${req.path}` !== 'GET /backend-api/wham/usage') return { status: 404, body: { detail: 'Not Found' } };
    // The simulator's own rule (no public body to copy): another account's id is refused.
    const account = req.headers['chatgpt-account-id'];
    if (key.accountId && account !== key.accountId) return { status: 403, body: { detail: { message: 'You do not have access to this workspace.', code: 'workspace_access_denied' } } };
    return { status: 200, body: whamUsage((key.usage as SimUsage | undefined) ?? {}, now) };
  },
};
