// One request to a provider, whatever sends it (the Anthropic SDK or plain HTTP): authdoctor's own
// deadline (it covers the body too), one bounded retry, and a per-run cache so that a secret found
// in several places, or a request that answers two checks, is sent once.

import { classifyThrown, httpFailure, requestIdOf, type Failure, type HttpFailure } from '../net/failure.js';
import { requestTime, type HeaderReader } from '../net/http.js';
import type { ProbeContext } from './types.js';

export interface Answer {
  ok: true;
  status: number;
  data: unknown;
  headers: HeaderReader;
  requestId?: string;
  /** The server's `Date` header, for clock-skew checks. */
  date?: string;
  durationMs: number;
  /** Sent twice (the first answer was a 5xx or a reset): durationMs is both, and the wait between. */
  retried?: boolean;
}

export interface Refusal {
  ok: false;
  failure: Failure;
  durationMs: number;
  retried?: boolean;
}

export type Exchange = Answer | Refusal;

/** Waits at most this long before the one retry; a longer `retry-after` is reported, not waited for. */
export const MAX_RETRY_WAIT_MS = 2000;
const DEFAULT_RETRY_WAIT_MS = 500;

/** Worth one more try: the provider was briefly unavailable, or the connection was reset. */
export function isRetryable(failure: Failure): boolean {
  return failure.type === 'http' ? failure.status >= 500 : failure.retryable;
}

function retryWaitMs(failure: Failure): number | undefined {
  const after = failure.type === 'http' ? failure.retryAfterSeconds : undefined;
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

/** Sends once under the deadline; whatever `send` throws becomes a Failure. */
async function attempt(ctx: ProbeContext, send: (signal: AbortSignal) => Promise<Omit<Answer, 'ok' | 'durationMs'>>): Promise<Exchange> {
  const started = performance.now();
  const deadline = AbortSignal.timeout(ctx.timeoutMs);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, deadline]) : deadline;
  // The request's own time where the HTTP client measured it (an answer, or an HTTP error carrying
  // its headers); else, for a request that never got an answer, the attempt's.
  try {
    const answer = await send(signal);
    return { ok: true, ...answer, durationMs: requestTime(answer.headers) ?? performance.now() - started };
  } catch (err) {
    const failure = err instanceof HttpStatusError ? err.failure : classifyThrown(err, deadline.aborted && !ctx.signal?.aborted);
    const durationMs = (failure.type === 'http' ? requestTime(failure.headers) : undefined) ?? performance.now() - started;
    return { ok: false, failure, durationMs };
  }
}

/**
 * Sends a request at most twice: one retry, only for 5xx/529 or a reset connection, only when the
 * provider does not ask for a longer wait than MAX_RETRY_WAIT_MS. Worst case per request:
 * 2 × timeout + MAX_RETRY_WAIT_MS. `key` identifies the request and the credential sent with it.
 */
export function exchange(ctx: ProbeContext, key: string, send: (signal: AbortSignal) => Promise<Omit<Answer, 'ok' | 'durationMs'>>): Promise<Exchange> {
  let pending = ctx.cache.get(key) as Promise<Exchange> | undefined;
  if (!pending) {
    pending = (async () => {
      const first = await attempt(ctx, send);
      if (first.ok || !isRetryable(first.failure) || ctx.signal?.aborted) return first;
      const wait = retryWaitMs(first.failure);
      if (wait === undefined) return first;
      await sleep(wait, ctx.signal);
      if (ctx.signal?.aborted) return first;
      const second = await attempt(ctx, send);
      return { ...second, durationMs: first.durationMs + wait + second.durationMs, retried: true };
    })();
    ctx.cache.set(key, pending);
  }
  return pending;
}

/** A plain HTTP request, as every provider but Anthropic sends it. */
export interface HttpSpec {
  method: 'GET' | 'POST';
  /** The base URL of the credential's family and the path under it (`/models`). */
  base: string;
  path: string;
  query?: Record<string, string | number>;
  /** The credential goes here (`authorization`, `x-goog-api-key`, …): part of the cache key. */
  headers: Record<string, string>;
  body?: unknown;
}

function specUrl(spec: Pick<HttpSpec, 'base' | 'path' | 'query'>): URL {
  const url = new URL(spec.base.replace(/\/+$/, '') + spec.path);
  for (const [k, v] of Object.entries(spec.query ?? {})) url.searchParams.set(k, String(v));
  return url;
}

/** The body as JSON when it parses, else as text (an HTML page from a proxy stays recognisable). */
export function parseBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Sends a plain HTTP request through the run's client and reads the answer as JSON. A non-2xx status
 * is a Refusal with the provider's error envelope read (errorEnvelope); a 2xx whose body is not JSON
 * is an Answer with the text as data, for the provider to call a wrong shape.
 */
export function sendHttp(ctx: ProbeContext, spec: HttpSpec): Promise<Exchange> {
  const url = specUrl(spec);
  const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
  const key = JSON.stringify([spec.method, url.href, spec.headers, body ?? null]);
  return exchange(ctx, key, async (signal) => {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': ctx.userAgent, ...spec.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await ctx.http.request({ method: spec.method, url, headers, signal, ...(body !== undefined ? { body } : {}) });
    const data = parseBody(res.body);
    if (res.status < 200 || res.status >= 300) throw new HttpStatusError(httpFailure(res.status, res.headers, data));
    const requestId = requestIdOf(res.headers);
    const date = res.headers.get('date');
    return { status: res.status, data, headers: res.headers, ...(requestId ? { requestId } : {}), ...(date ? { date } : {}) };
  });
}

/** Carries a non-2xx answer out of `send`, already read as the HTTP failure it is. */
class HttpStatusError extends Error {
  override name = 'HttpStatusError';
  constructor(readonly failure: HttpFailure) {
    super(`HTTP ${failure.status}`);
  }
}
