// Turns whatever a request threw or answered into data: an HTTP answer the provider gave, or a
// transport failure. Shared by every provider; duck-typed on the Anthropic SDK's error shapes so
// that this file does not load the SDK.

import { BodyTooLargeError, ProxyConnectError, ResponseHeaders, type HeaderReader } from './http.js';

export interface HttpFailure {
  type: 'http';
  status: number;
  /** The provider's error type or status word (`authentication_error`, `PERMISSION_DENIED`). */
  errorType?: string;
  /** The provider's error message (as sent; scrub and sanitise before showing). */
  message?: string;
  /** A machine code: `invalid_api_key`, `enforced_spend_limit_reached`, Google's `API_KEY_INVALID`. */
  errorCode?: string;
  requestId?: string;
  retryAfterSeconds?: number;
  headers: HeaderReader;
  /** The parsed JSON body, or its text when it is not JSON. */
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

/** Seconds from `retry-after` / `retry-after-ms`, when present and sane. */
export function retryAfterSeconds(headers: HeaderReader | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms) / 1000);
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, Math.round((date - now) / 1000)) : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The error fields of the envelopes providers use:
 * `{ error: { type, message, code } }` (OpenAI, Anthropic, DeepSeek, Groq),
 * `{ error: { code: 400, message, status, details: [{ reason }] } }` (Google),
 * `{ error: "…", code: "…" }` (xAI), `{ detail: "…" }` or `{ message: "…" }` (Mistral and others),
 * `{ detail: { message, code } }` (ChatGPT's backend).
 */
export function errorEnvelope(body: unknown): Pick<HttpFailure, 'errorType' | 'message' | 'errorCode'> {
  if (typeof body === 'string') return body.trim() ? { message: body } : {};
  if (!isRecord(body)) return {};
  const inner = isRecord(body.error) ? body.error : isRecord(body.detail) ? body.detail : body;
  const out: Pick<HttpFailure, 'errorType' | 'message' | 'errorCode'> = {};
  const type = str(inner.type) ?? str(inner.status);
  if (type && type !== 'error') out.errorType = type;
  const message = str(inner.message) ?? str(body.error) ?? str(body.detail) ?? str(body.message);
  if (message) out.message = message;
  const details = inner.details;
  const reason = Array.isArray(details) ? details.map((d) => (isRecord(d) ? str(d.reason) : undefined)).find(Boolean) : undefined;
  const code = (isRecord(details) ? str(details.error_code) : undefined) ?? reason ?? str(inner.code) ?? str(body.code);
  if (code) out.errorCode = code;
  return out;
}

/** The provider's id for a request, under the name it uses (Anthropic's `request-id`, most others' `x-request-id`). */
export function requestIdOf(headers: HeaderReader): string | null {
  return headers.get('request-id') ?? headers.get('x-request-id');
}

/** An HTTP answer that is not a success, as data. */
export function httpFailure(status: number, headers: HeaderReader, body: unknown, requestId?: string | null): HttpFailure {
  const failure: HttpFailure = { type: 'http', status, headers, body, ...errorEnvelope(body) };
  const id = requestId ?? requestIdOf(headers);
  if (id) failure.requestId = id;
  const retry = retryAfterSeconds(headers);
  if (retry !== undefined) failure.retryAfterSeconds = retry;
  return failure;
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  hostname?: string;
  status?: number;
  headers?: HeaderReader;
  error?: unknown;
  requestID?: string | null;
  cause?: unknown;
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
const TLS_CA_HINT =
  'If a corporate proxy or firewall inspects HTTPS, point Node at its CA certificate: NODE_EXTRA_CA_CERTS=/path/to/ca.pem.';
const TLS_NAME_HINT = 'The certificate is for another host name: check the base URL (a typo, or an IP address where the name belongs).';
const TLS_EXPIRED_HINT = "The server's certificate has expired (or this machine's clock is wrong): check the date, then the base URL.";

function tlsFailure(code: string): TransportFailure {
  const hint = /ALTNAME|HOSTNAME_MISMATCH/.test(code) ? TLS_NAME_HINT : /EXPIRED|NOT_YET_VALID/.test(code) ? TLS_EXPIRED_HINT : TLS_CA_HINT;
  return { type: 'transport', code: 'tls_error', message: `TLS failure (${code})`, hint, retryable: false };
}

/**
 * Classifies a thrown error. `deadlineHit` says whether authdoctor's own per-request deadline fired
 * (an abort looks the same whoever asked for it).
 */
export function classifyThrown(err: unknown, deadlineHit: boolean): Failure {
  const e = err as ErrorLike;
  // The SDK's APIError: an HTTP answer with the parsed body in `error`.
  if (e && typeof e.status === 'number' && e.status > 0) {
    return httpFailure(e.status, e.headers ?? new ResponseHeaders({}), e.error, e.requestID);
  }

  const chain = causes(err);
  const codes = chain.map((c) => c.code).filter((c): c is string => typeof c === 'string');
  const names = chain.map((c) => c.name ?? '');
  const text = chain.map((c) => c.message ?? '').join(' | ');
  const host = chain.map((c) => c.hostname).find((h): h is string => typeof h === 'string');

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
  if (names.includes('APIUserAbortError') || names.includes('AbortError') || codes.includes('ABORT_ERR')) {
    return { type: 'transport', code: 'network_error', message: 'interrupted before an answer came', retryable: false };
  }
  // Before the proxy: through a tunnel, a TLS failure is the server's certificate (or an inspecting proxy's).
  // EPROTO: the TLS handshake failed at the protocol level, e.g. the server speaks plain HTTP.
  const tls = codes.find((c) => TLS_CODE.test(c)) ?? (codes.includes('EPROTO') ? 'EPROTO' : undefined);
  if (tls) return tlsFailure(tls);
  const proxy = chain.find((c): c is ProxyConnectError => c instanceof ProxyConnectError);
  if (proxy) {
    return {
      type: 'transport',
      code: 'network_error',
      message: `the proxy ${proxy.proxyHost} refused or failed the connection${codes[0] ? ` (${codes[0]})` : ''}`,
      hint: 'The proxy is the problem, not the provider: check HTTPS_PROXY / HTTP_PROXY and NO_PROXY.',
      retryable: false,
    };
  }
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
    return {
      type: 'transport',
      code: 'network_error',
      message: `the host name ${host ?? ''} could not be resolved (DNS)`.replace('  ', ' '),
      hint: 'Check the network connection, the base URL and any proxy settings.',
      retryable: false,
    };
  }
  if (codes.includes('ECONNREFUSED')) {
    return { type: 'transport', code: 'network_error', message: 'connection refused', hint: 'Nothing answers at the base URL: check it, and any proxy settings.', retryable: false };
  }
  if (codes.some((c) => c === 'ECONNRESET' || c === 'EPIPE' || c === 'UND_ERR_SOCKET' || c === 'UND_ERR_CLOSED') || /other side closed|socket hang up|\bterminated\b/i.test(text)) {
    return { type: 'transport', code: 'network_error', message: 'the connection was reset', hint: 'Usually a network blip: run again.', retryable: true };
  }
  const code = codes.find((c) => /^E[A-Z]+$|^UND_|^ERR_/.test(c));
  if (code || names.includes('APIConnectionError')) {
    return { type: 'transport', code: 'network_error', message: code ? `connection failed (${code})` : 'connection failed', hint: 'Check the network connection and the base URL.', retryable: false };
  }
  throw err;
}
