// The one fetch that every provider request goes through. It is handed to the SDK, so the SDK's
// request building stays the SDK's, while the rules that keep a diagnostic honest and safe live here:
// no redirect is followed (a credential must never travel to another origin), a response body is read
// only up to a bound, and every exchange is reported for --verbose.

import { createRequire } from 'node:module';

export interface RequestRecord {
  method: string;
  url: string;
  status: number | null;
  durationMs: number;
  requestId?: string;
  /** The server's `Date` header: with durationMs it measures clock skew (`report`). */
  date?: string;
  error?: string;
}

export interface HttpOptions {
  /** Largest response body read, in bytes; a larger one fails the request instead of filling memory. */
  maxBodyBytes: number;
  onRequest?: (record: RequestRecord) => void;
  /** An undici dispatcher (proxy agent), when one is in use. */
  dispatcher?: unknown;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly limit: number) {
    super(`response body larger than ${limit} bytes`);
  }
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** Wraps a body so that reading past `limit` bytes errors the stream. */
function boundedBody(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  let seen = 0;
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        seen += value.byteLength;
        if (seen > limit) {
          await reader.cancel().catch(() => undefined);
          return controller.error(new BodyTooLargeError(limit));
        }
        controller.enqueue(value);
      } catch (err) {
        controller.error(err);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.origin + u.pathname + u.search;
  } catch {
    return url;
  }
}

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Node's fetch compiles its HTTP parser (WebAssembly) on its first request. V8's optimizing tier for
 * it adds ~30 MB to peak memory and nothing a short run needs: the baseline compiler is plenty (it
 * also serves sql.js). Done at the first request, not at start-up, so that commands sending nothing
 * do not load node:v8 (a few ms). It is process-wide and only changes how WebAssembly is compiled.
 */
let wasmBaselineOnly = false;
function preferBaselineWasm(): void {
  if (wasmBaselineOnly) return;
  wasmBaselineOnly = true;
  (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString('--liftoff-only');
}

export function createFetch(options: HttpOptions): FetchLike {
  return async (input, init) => {
    preferBaselineWasm();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    const started = performance.now();
    // `dispatcher` is undici's extension of RequestInit (Node's fetch is undici).
    const requestInit = { ...init, redirect: 'manual', ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) } as RequestInit;
    let response: Response;
    try {
      response = await fetch(input, requestInit);
    } catch (err) {
      options.onRequest?.({ method, url: pathOf(url), status: null, durationMs: performance.now() - started, error: describe(err) });
      throw err;
    }
    options.onRequest?.({
      method,
      url: pathOf(url),
      status: response.status,
      durationMs: performance.now() - started,
      ...(response.headers.get('request-id') ? { requestId: response.headers.get('request-id')! } : {}),
      ...(response.headers.get('date') ? { date: response.headers.get('date')! } : {}),
    });
    if (!response.body || NULL_BODY_STATUSES.has(response.status)) return response;
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > options.maxBodyBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new BodyTooLargeError(options.maxBodyBytes);
    }
    const bounded = new Response(boundedBody(response.body, options.maxBodyBytes), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    // The SDK reads response.url for its logs; keep it truthful.
    Object.defineProperty(bounded, 'url', { value: response.url });
    return bounded;
  };
}

function describe(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}
