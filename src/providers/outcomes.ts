// Turning an exchange with a provider into a check outcome: the parts every provider shares. Each
// provider maps its own error bodies; what no answer can say about a credential (transport failures,
// 5xx, redirects, pages from a CDN or a bot wall, bodies of the wrong shape) is decided here, the
// same way for all, and is never a `fail`.

import type { HttpFailure } from '../net/failure.js';
import { sanitize } from '../render/sanitize.js';
import type { CheckOutcome, NetworkErrorCode, Status } from '../types.js';
import type { Answer, Exchange, Refusal } from './exchange.js';
import type { ProviderMeta } from './types.js';

/** Who was asked: the provider and the base URL family its request went to (for hints). */
export interface Target {
  meta: Pick<ProviderMeta, 'displayName' | 'statusPage' | 'families'>;
  family: string;
}

/**
 * Server text is shown shortened, on one line and without control characters, in every output (a
 * summary printed by `jq -r` reaches a terminal too); the output layer scrubs secrets from it.
 */
export function serverText(message: string | undefined, max = 200): string | undefined {
  if (!message) return undefined;
  const flat = sanitize(message.replace(/\s+/g, ' ').trim(), max);
  if (isHtml(flat)) return 'an HTML page';
  return flat;
}

function isHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body)/i.test(text);
}

/** "HTTP 401 authentication_error: Invalid bearer token" */
export function describeHttp(f: HttpFailure): string {
  const text = serverText(f.message);
  const type = serverText(f.errorType, 80);
  return `HTTP ${f.status}${type ? ` ${type}` : ''}${text ? `: ${text}` : ''}`;
}

/** The fields every network outcome carries for a support engineer. */
function evidence(ex: Exchange): Pick<CheckOutcome, 'httpStatus' | 'requestId' | 'retryAfterSeconds'> {
  const out: Pick<CheckOutcome, 'httpStatus' | 'requestId' | 'retryAfterSeconds'> = {};
  if (ex.ok) {
    out.httpStatus = ex.status;
    if (ex.requestId) out.requestId = serverText(ex.requestId, 100)!;
  } else if (ex.failure.type === 'http') {
    out.httpStatus = ex.failure.status;
    if (ex.failure.requestId) out.requestId = serverText(ex.failure.requestId, 100)!;
    if (ex.failure.retryAfterSeconds !== undefined) out.retryAfterSeconds = Math.ceil(ex.failure.retryAfterSeconds);
  }
  return out;
}

/**
 * An outcome decided by an exchange. `requestMs` is how long the exchange took (retry included): the
 * run reports it as the check's time, so a check line and --verbose agree (ProviderOutcome).
 */
export function outcome<C extends string>(
  ex: Exchange,
  status: Status,
  code: C,
  summary: string,
  hint?: string,
  data?: Record<string, unknown>,
): CheckOutcome & { code: C; requestMs: number } {
  // A retried request's time is two requests and a wait: the summary says so, so the time reads right.
  const said = ex.retried ? `${summary} (sent twice: the first try failed)` : summary;
  return { status, code, summary: said, ...(hint ? { hint } : {}), ...evidence(ex), ...(data ? { data } : {}), requestMs: ex.durationMs } as CheckOutcome & { code: C; requestMs: number };
}

/** A 429: the credential was accepted and is throttled right now; never a verdict against it. */
export function throttled(ex: Refusal & { failure: HttpFailure }): CheckOutcome & { code: 'rate_limited' } {
  const after = ex.failure.retryAfterSeconds;
  return outcome(
    ex,
    'warn',
    'rate_limited',
    `accepted, but rate-limited right now (${describeHttp(ex.failure)})`,
    after !== undefined ? `Wait about ${Math.ceil(after)} s; the key itself is fine.` : 'Wait a little; the key itself is fine.',
  );
}

function baseUrlHint(t: Target): string {
  const family = t.meta.families[t.family];
  const example = family?.default ? `, e.g. ${family.default}` : '';
  const where = family?.env ? `--base-url / ${family.env}` : '--base-url or the profile’s base URL';
  return `Check ${where}: it should be the ${t.meta.displayName} API itself${example}.`;
}

/** A bot-protection page (Cloudflare's "Just a moment…") instead of an API answer. */
function isChallenge(status: number, headers: { get(name: string): string | null }, body: unknown): boolean {
  if (headers.get('cf-mitigated') === 'challenge') return true;
  if (typeof body !== 'string' || (status !== 200 && status !== 403 && status !== 429 && status !== 503)) return false;
  return /Just a moment\.\.\.|challenge-platform|cf-chl-|Attention Required! \| Cloudflare|captcha/i.test(body.slice(0, 20_000));
}

const CHALLENGE_HINT =
  'A bot-protection page answered instead of the API (often a VPN, a datacenter IP or a proxy): try from another network. Nothing here says the credential is bad.';

/**
 * What a provider's error mapping must check first: an answer that is a web page, not the API's
 * (a bot wall or a CDN error page), says nothing about the credential, whatever its status.
 */
export function pageInsteadOfApi(ex: Refusal, what: string, t: Target): (CheckOutcome & { code: NetworkErrorCode }) | undefined {
  const f = ex.failure;
  if (f.type !== 'http') return undefined;
  if (isChallenge(f.status, f.headers, f.body)) {
    return outcome(ex, 'error', 'blocked_by_challenge', `${what}: a bot-protection page (HTTP ${f.status}) answered instead of the ${t.meta.displayName} API`, CHALLENGE_HINT);
  }
  if (typeof f.body === 'string' && isHtml(f.body)) {
    return outcome(
      ex,
      'error',
      'provider_unavailable',
      `${what}: an HTML error page (HTTP ${f.status}) from something in front of the ${t.meta.displayName} API`,
      `A proxy, CDN or gateway answered, not the API: run again later, and ${baseUrlHint(t).replace(/^Check/, 'check')}`,
    );
  }
  return undefined;
}

/**
 * What every probe says when it could not decide: transport failures, 5xx/529, redirects and
 * answers nobody mapped. Never a `fail`: nothing here says the credential is bad.
 */
export function undecided(ex: Refusal, what: string, t: Target): CheckOutcome & { code: NetworkErrorCode } {
  const f = ex.failure;
  if (f.type === 'transport') return outcome(ex, 'error', f.code, `${what}: ${f.message}`, f.hint);
  const page = pageInsteadOfApi(ex, what, t);
  if (page) return page;
  if (f.status >= 500) {
    const overloaded = f.status === 529 || f.errorType === 'overloaded_error';
    const status = t.meta.statusPage ? ` (${t.meta.statusPage})` : '';
    return outcome(
      ex,
      'error',
      'provider_unavailable',
      `${what}: ${overloaded ? 'the API is overloaded' : 'the API had an error'} (${describeHttp(f)})`,
      `The provider is having trouble, not your credential: run again in a few minutes${status}.`,
    );
  }
  if (f.status >= 300 && f.status < 400) {
    const location = f.headers.get('location');
    return outcome(
      ex,
      'error',
      'unexpected_response',
      `${what}: HTTP ${f.status} redirect${location ? ` to ${safeOrigin(location)}` : ''}, not followed (a credential is never sent to another address)`,
      baseUrlHint(t),
    );
  }
  return outcome(ex, 'error', 'unexpected_response', `${what}: unexpected answer (${describeHttp(f)})`, `${baseUrlHint(t)} Check any proxy in between too.`);
}

/** Shows where a redirect points without its path or query (which could carry anything). */
function safeOrigin(location: string): string {
  try {
    return serverText(new URL(location).origin, 100)!;
  } catch {
    return 'another address';
  }
}

/** A 2xx whose body is not what the API sends: a captive portal, a proxy page, a bot wall, a wrong base URL. */
export function wrongShape(ex: Answer, what: string, t: Target): CheckOutcome & { code: 'unexpected_response' | 'blocked_by_challenge' } {
  if (isChallenge(ex.status, ex.headers, ex.data)) {
    return outcome(ex, 'error', 'blocked_by_challenge', `${what}: a bot-protection page answered instead of the ${t.meta.displayName} API`, CHALLENGE_HINT);
  }
  const kind = typeof ex.data === 'string' ? (isHtml(ex.data) ? 'an HTML page' : 'not JSON') : ex.data === undefined ? 'empty' : 'JSON of an unexpected shape';
  return outcome(
    ex,
    'error',
    'unexpected_response',
    `${what}: HTTP ${ex.status} but the body is ${kind}`,
    `Something other than the ${t.meta.displayName} API answered: ${baseUrlHint(t).replace(/^Check/, 'check')} Check proxies and captive portals too.`,
  );
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A finite number from a JSON number or numeric string (providers send balances as strings), else null. */
export function finite(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}
