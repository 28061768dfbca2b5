// Turns whatever a request threw into data: an HTTP answer the provider gave, or a transport
// failure. Duck-typed on the SDK's error shapes so this file does not load the SDK.

import { BodyTooLargeError } from '../../net/http.js';

export interface HttpFailure {
  type: 'http';
  status: number;
  /** `error.type` of the provider's error body, e.g. `authentication_error`. */
  errorType?: string;
  /** `error.message` (as sent; scrub before showing). */
  message?: string;
  /** `error.details.error_code`, e.g. `enforced_spend_limit_reached`. */
  errorCode?: string;
  requestId?: string;
  retryAfterSeconds?: number;
  headers: Headers;
  body?: unknown;
}

export interface TransportFailure {
  type: 'transport';
  code: 'network_error' | 'timeout' | 'tls_error' | 'unexpected_response';
  message: string;
  hint?: string;
  /** A reset connection is worth one retry; a refused one or a DNS failure is not. */
  retryable: boolean;
}

export type Failure = HttpFailure | TransportFailure;

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  status?: number;
  headers?: Headers;
  error?: unknown;
  requestID?: string | null;
  cause?: unknown;
}

/** Seconds from `retry-after` / `retry-after-ms`, when present and sane. */
export function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms) / 1000);
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, Math.round((date - Date.now()) / 1000)) : undefined;
}

function causes(err: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = err;
  for (let i = 0; i < 8 && current && typeof current === 'object'; i++) {
    chain.push(current as ErrorLike);
    const next = (current as ErrorLike).cause;
    if (next === current) break;
    current = next;
  }
  return chain;
}

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME_MISMATCH|ERR_TLS/;
const TLS_HINT =
  'If a corporate proxy or firewall inspects HTTPS, point Node at its CA certificate: NODE_EXTRA_CA_CERTS=/path/to/ca.pem.';

export function fromHttpError(err: ErrorLike & { status: number }): HttpFailure {
  const body = err.error as { error?: { type?: string; message?: string; details?: { error_code?: string } }; type?: string; message?: string } | undefined;
  const inner = body && typeof body === 'object' && body.error && typeof body.error === 'object' ? body.error : undefined;
  const failure: HttpFailure = { type: 'http', status: err.status, headers: err.headers ?? new Headers(), body };
  const errorType = inner?.type ?? (typeof body?.type === 'string' && body.type !== 'error' ? body.type : undefined);
  if (errorType) failure.errorType = errorType;
  const message = inner?.message ?? (typeof body === 'string' ? body : undefined);
  if (typeof message === 'string') failure.message = message;
  if (inner?.details?.error_code) failure.errorCode = inner.details.error_code;
  const requestId = err.requestID ?? err.headers?.get('request-id') ?? undefined;
  if (requestId) failure.requestId = requestId;
  const retry = retryAfterSeconds(err.headers);
  if (retry !== undefined) failure.retryAfterSeconds = retry;
  return failure;
}

/**
 * Classifies a thrown error. `deadlineHit` says whether authdoctor's own per-request deadline fired
 * (the SDK reports that as a user abort).
 */
export function classifyThrown(err: unknown, deadlineHit: boolean): Failure {
  const e = err as ErrorLike;
  if (e && typeof e.status === 'number' && e.status > 0) return fromHttpError(e as ErrorLike & { status: number });

  const chain = causes(err);
  const codes = chain.map((c) => c.code).filter((c): c is string => typeof c === 'string');
  const names = chain.map((c) => c.name ?? '');
  const text = chain.map((c) => c.message ?? '').join(' | ');

  if (chain.some((c) => c instanceof BodyTooLargeError || c.name === 'BodyTooLargeError')) {
    return { type: 'transport', code: 'unexpected_response', message: 'the response body was larger than authdoctor reads', retryable: false };
  }
  // Before the reset test: JSON.parse says "Unterminated string", which must not read as a
  // "terminated" (reset) connection and be retried.
  if (names.includes('SyntaxError')) {
    return { type: 'transport', code: 'unexpected_response', message: 'the response was not valid JSON', retryable: false };
  }
  if (deadlineHit || names.includes('APIConnectionTimeoutError') || codes.some((c) => /TIMEOUT/.test(c))) {
    return { type: 'transport', code: 'timeout', message: 'no complete answer within the timeout', hint: 'Check the network or raise --timeout.', retryable: false };
  }
  if (names.includes('APIUserAbortError') || names.includes('AbortError')) {
    return { type: 'transport', code: 'network_error', message: 'interrupted before an answer came', retryable: false };
  }
  const tls = codes.find((c) => TLS_CODE.test(c));
  if (tls) return { type: 'transport', code: 'tls_error', message: `TLS failure (${tls})`, hint: TLS_HINT, retryable: false };
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
    return { type: 'transport', code: 'network_error', message: 'the host name could not be resolved (DNS)', hint: 'Check the network connection, the base URL and any proxy settings.', retryable: false };
  }
  if (codes.includes('ECONNREFUSED')) {
    return { type: 'transport', code: 'network_error', message: 'connection refused', hint: 'Nothing answers at the base URL: check it, and any proxy settings.', retryable: false };
  }
  if (/proxy/i.test(text)) {
    return { type: 'transport', code: 'network_error', message: 'the proxy refused or failed the connection', hint: 'Check HTTPS_PROXY / NO_PROXY.', retryable: false };
  }
  if (codes.some((c) => c === 'ECONNRESET' || c === 'EPIPE' || c === 'UND_ERR_SOCKET' || c === 'UND_ERR_CLOSED') || /other side closed|socket hang up|\bterminated\b/i.test(text)) {
    return { type: 'transport', code: 'network_error', message: 'the connection was reset', hint: 'Usually a network blip: run again.', retryable: true };
  }
  if (names.includes('APIConnectionError') || names.includes('TypeError')) {
    const code = codes.find((c) => /^E[A-Z]+$|^UND_/.test(c));
    return { type: 'transport', code: 'network_error', message: code ? `connection failed (${code})` : 'connection failed', hint: 'Check the network connection and the base URL.', retryable: false };
  }
  throw err;
}
