// Shared pieces of turning an exchange with the API into a check outcome.

import { sanitize } from '../../render/sanitize.js';
import type { CheckOutcome, NetworkErrorCode } from '../../types.js';
import type { Failure, HttpFailure } from './failure.js';
import type { Answer, Exchange, Refusal } from './request.js';

/**
 * Server text is shown shortened, on one line and without control characters, in every output (a
 * summary printed by `jq -r` reaches a terminal too); the output layer scrubs secrets from it.
 */
export function serverText(message: string | undefined, max = 200): string | undefined {
  if (!message) return undefined;
  const flat = sanitize(message.replace(/\s+/g, ' ').trim(), max);
  if (/^<!doctype html|^<html/i.test(flat)) return 'an HTML page';
  return flat;
}

/** "HTTP 401 authentication_error: Invalid bearer token" */
export function describeHttp(f: HttpFailure): string {
  const text = serverText(f.message);
  const type = serverText(f.errorType, 80);
  return `HTTP ${f.status}${type ? ` ${type}` : ''}${text ? `: ${text}` : ''}`;
}

/** The fields every network outcome carries for a support engineer. */
export function evidence(ex: Exchange): Pick<CheckOutcome, 'httpStatus' | 'requestId' | 'retryAfterSeconds'> {
  const out: Pick<CheckOutcome, 'httpStatus' | 'requestId' | 'retryAfterSeconds'> = {};
  if (ex.ok) {
    out.httpStatus = ex.status;
    if (ex.requestId) out.requestId = ex.requestId;
  } else if (ex.failure.type === 'http') {
    out.httpStatus = ex.failure.status;
    if (ex.failure.requestId) out.requestId = ex.failure.requestId;
    if (ex.failure.retryAfterSeconds !== undefined) out.retryAfterSeconds = Math.ceil(ex.failure.retryAfterSeconds);
  }
  return out;
}

export function outcome<C extends string>(
  ex: Exchange,
  status: CheckOutcome['status'],
  code: C,
  summary: string,
  hint?: string,
  data?: Record<string, unknown>,
): CheckOutcome & { code: C } {
  return { status, code, summary, ...(hint ? { hint } : {}), ...evidence(ex), ...(data ? { data } : {}) } as CheckOutcome & { code: C };
}

const UNAVAILABLE_HINT = 'The provider is having trouble, not your credential: run again in a few minutes (status.anthropic.com).';

/**
 * What every probe says when it could not decide: transport failures, 5xx/529, redirects and
 * answers of the wrong shape. Never a `fail`: nothing here says the credential is bad.
 */
export function undecided(ex: Refusal, what: string): CheckOutcome & { code: NetworkErrorCode } {
  const f: Failure = ex.failure;
  if (f.type === 'transport') return outcome(ex, 'error', f.code, `${what}: ${f.message}`, f.hint);
  if (f.status >= 500) {
    const overloaded = f.status === 529 || f.errorType === 'overloaded_error';
    return outcome(ex, 'error', 'provider_unavailable', `${what}: ${overloaded ? 'the API is overloaded' : 'the API had an error'} (${describeHttp(f)})`, UNAVAILABLE_HINT);
  }
  if (f.status >= 300 && f.status < 400) {
    const location = f.headers.get('location');
    return outcome(
      ex,
      'error',
      'unexpected_response',
      `${what}: HTTP ${f.status} redirect${location ? ` to ${safeOrigin(location)}` : ''}, not followed (a credential is never sent to another address)`,
      'Check --base-url / ANTHROPIC_BASE_URL: it should be the API itself, e.g. https://api.anthropic.com.',
    );
  }
  return outcome(ex, 'error', 'unexpected_response', `${what}: unexpected answer (${describeHttp(f)})`, 'Check --base-url / ANTHROPIC_BASE_URL and any proxy in between.');
}

/** Shows where a redirect points without its path or query (which could carry anything). */
function safeOrigin(location: string): string {
  try {
    return new URL(location).origin;
  } catch {
    return 'another address';
  }
}

/** A 200 whose body is not what the API sends: a captive portal, a proxy page, a wrong base URL. */
export function wrongShape(ex: Answer, what: string): CheckOutcome & { code: 'unexpected_response' } {
  const kind = typeof ex.data === 'string' ? (serverText(ex.data) === 'an HTML page' ? 'an HTML page' : 'not JSON') : 'JSON of an unexpected shape';
  return outcome(
    ex,
    'error',
    'unexpected_response',
    `${what}: HTTP ${ex.status} but the body is ${kind}`,
    'Something other than the Anthropic API answered: check --base-url / ANTHROPIC_BASE_URL, proxies and captive portals.',
  );
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Matches the message the API sends for subscription tokens used outside Claude Code. */
export const CLAUDE_CODE_ONLY = /only authorized for use with Claude Code/i;
