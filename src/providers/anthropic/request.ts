// One request to the Anthropic API through the real SDK, with the credential passed explicitly,
// authdoctor's own deadline and retry policy, and a per-run cache so that a secret found in several
// places is sent once.

import type Anthropic from '@anthropic-ai/sdk';
import type { ProbeContext } from '../types.js';
import { classifyThrown, retryAfterSeconds, type Failure } from './failure.js';

export const OAUTH_BETA = 'oauth-2025-04-20';

/** How a credential authenticates: API and admin keys as keys, OAuth and setup tokens as bearer tokens. */
export type AuthStyle = 'key' | 'oauth';

export interface Credential {
  value: string;
  auth: AuthStyle;
}

export interface Answer {
  ok: true;
  status: number;
  data: unknown;
  headers: Headers;
  requestId?: string;
  /** The server's `Date` header, for clock-skew checks. */
  date?: string;
  durationMs: number;
}

export interface Refusal {
  ok: false;
  failure: Failure;
  durationMs: number;
}

export type Exchange = Answer | Refusal;

export interface RequestSpec {
  method: 'get' | 'post';
  path: string;
  query?: Record<string, string | number>;
  body?: Record<string, unknown>;
}

/** Waits at most this long before the one retry; a longer `retry-after` is reported, not waited for. */
export const MAX_RETRY_WAIT_MS = 2000;
const DEFAULT_RETRY_WAIT_MS = 500;

/**
 * The headers that say who is asking, set on every request. The SDK merges ANTHROPIC_CUSTOM_HEADERS
 * (read from the process environment) over its own auth headers; per-request headers come last, so
 * setting these here keeps the credential under test the only one sent and keeps the OAuth beta.
 */
export function authHeaders(cred: Credential, env: ProbeContext['env']): Record<string, string | null> {
  const headers: Record<string, string | null> = { authorization: `Bearer ${cred.value}`, 'x-api-key': null };
  if (cred.auth === 'oauth') return { ...headers, 'anthropic-beta': OAUTH_BETA };
  // Identity-linked API keys must name the workspace they act in; the SDK does not read this variable.
  const workspace = env.ANTHROPIC_WORKSPACE_ID?.trim();
  return workspace ? { ...headers, 'anthropic-workspace-id': workspace } : headers;
}

function client(ctx: ProbeContext, cred: Credential): Promise<Anthropic> {
  const key = `${cred.auth}\0${cred.value}`;
  let c = ctx.clients.get(key) as Promise<Anthropic> | undefined;
  if (!c) {
    c = import('@anthropic-ai/sdk').then(
      ({ default: SDK }) =>
        new SDK({
          ...(cred.auth === 'key' ? { apiKey: cred.value } : { authToken: cred.value }),
          baseURL: ctx.baseUrl,
          maxRetries: 0,
          timeout: ctx.timeoutMs,
          fetch: ctx.fetch as never,
          logLevel: 'off',
        }),
    );
    ctx.clients.set(key, c);
  }
  return c;
}

async function attempt(ctx: ProbeContext, cred: Credential, spec: RequestSpec): Promise<Exchange> {
  const started = performance.now();
  const deadline = AbortSignal.timeout(ctx.timeoutMs);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, deadline]) : deadline;
  try {
    const sdk = await client(ctx, cred);
    const options = {
      signal,
      timeout: ctx.timeoutMs,
      headers: { accept: 'application/json', ...authHeaders(cred, ctx.env) },
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.body ? { body: spec.body } : {}),
    };
    const { data, response, request_id } = await (spec.method === 'get' ? sdk.get(spec.path, options) : sdk.post(spec.path, options)).withResponse();
    const answer: Answer = { ok: true, status: response.status, data, headers: response.headers, durationMs: performance.now() - started };
    if (request_id) answer.requestId = request_id;
    const date = response.headers.get('date');
    if (date) answer.date = date;
    return answer;
  } catch (err) {
    return { ok: false, failure: classifyThrown(err, deadline.aborted && !ctx.signal?.aborted), durationMs: performance.now() - started };
  }
}

/** Worth one more try: the provider was briefly unavailable, or the connection was reset. */
export function isRetryable(failure: Failure): boolean {
  return failure.type === 'http' ? failure.status >= 500 : failure.retryable;
}

function retryWaitMs(failure: Failure): number | undefined {
  const after = failure.type === 'http' ? (failure.retryAfterSeconds ?? retryAfterSeconds(failure.headers)) : undefined;
  if (after === undefined) return DEFAULT_RETRY_WAIT_MS;
  const ms = after * 1000;
  return ms <= MAX_RETRY_WAIT_MS ? ms : undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => (clearTimeout(t), resolve());
    // The listener goes when the wait ends: the run's one signal would otherwise collect one per
    // retry, and Node prints a MaxListenersExceededWarning after ten (an outage retries many).
    const t = setTimeout(() => (signal?.removeEventListener('abort', onAbort), resolve()), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Sends a request at most twice: one retry, only for 5xx/529 or a reset connection, only when the
 * provider does not ask for a longer wait than MAX_RETRY_WAIT_MS. Worst case per request:
 * 2 × timeout + MAX_RETRY_WAIT_MS.
 */
export function send(ctx: ProbeContext, cred: Credential, spec: RequestSpec): Promise<Exchange> {
  const key = JSON.stringify([spec.method, spec.path, spec.query ?? null, spec.body ?? null, cred.auth, cred.value]);
  let pending = ctx.cache.get(key) as Promise<Exchange> | undefined;
  if (!pending) {
    pending = (async () => {
      const first = await attempt(ctx, cred, spec);
      if (first.ok || !isRetryable(first.failure) || ctx.signal?.aborted) return first;
      const wait = retryWaitMs(first.failure);
      if (wait === undefined) return first;
      await sleep(wait, ctx.signal);
      if (ctx.signal?.aborted) return first;
      const second = await attempt(ctx, cred, spec);
      return { ...second, durationMs: first.durationMs + wait + second.durationMs };
    })();
    ctx.cache.set(key, pending);
  }
  return pending;
}
