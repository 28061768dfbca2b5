// What the subscription-plan providers share (Kimi Code, z.ai, MiniMax, GitHub Copilot): one call
// answers validity and quota, some of them carry their errors in an HTTP 200 body, and --inference
// would spend the plan's own allowance. Each provider maps its own codes into the classes here.

import type { CheckOutcome, QuotaCode, ValidityCode } from '../types.js';
import type { Answer, Exchange } from './exchange.js';
import { validityFromExchange } from './openai-style.js';
import { finite, outcome, serverText, wrongShape, type Target } from './outcomes.js';
import { quotaFromExchange } from './quota.js';
import { notApplicable } from './table.js';

/** --inference for a plan credential: a test request would come out of the plan's own allowance. */
export const PLAN_INFERENCE = notApplicable('not sent: a test request would spend the plan’s own allowance');

/** `data.limits[]`: a plan window's absolute counts, where the provider gives them. */
export interface PlanLimit {
  window: string;
  limit: number;
  used: number;
  remaining: number;
}

/**
 * What an error carried in a 200 body means, as its HTTP twin would: the credential's own rejection
 * (401), throttling (429), server trouble (5xx), billing (402: authenticated, but the account may
 * not use the plan), or anything else, which says nothing about the credential.
 */
export type BodyErrorClass = 'credential' | 'rate_limit' | 'server' | 'billing' | 'other';

export interface BodyError {
  class: BodyErrorClass;
  code: string;
  message?: string;
}

function describe(e: BodyError): string {
  const text = serverText(e.message);
  return `code ${serverText(e.code, 20)}${text ? `: ${text}` : ''}`;
}

/** Validity from an error in a 200 body. Never `fail` unless the code names the credential. */
export function bodyErrorValidity(ex: Answer, e: BodyError, what: string, t: Target, hints: { invalid: string; billing: string }): CheckOutcome<ValidityCode> {
  const detail = `${what} answered HTTP ${ex.status} with an error in the body (${describe(e)})`;
  switch (e.class) {
    case 'credential':
      return outcome(ex, 'fail', 'invalid_credential', `rejected: ${detail}`, hints.invalid);
    case 'rate_limit':
      return outcome(ex, 'warn', 'rate_limited', `accepted, but rate-limited right now: ${detail}`, 'Wait a little; the key itself is fine.');
    case 'billing':
      return outcome(ex, 'warn', 'permission_denied', `authenticated, but the plan or balance blocks requests: ${detail}`, hints.billing);
    case 'server':
      return outcome(ex, 'error', 'provider_unavailable', `the API had an error: ${detail}`, `The provider is having trouble, not your credential: run again in a few minutes.`);
    default:
      return outcome(ex, 'error', 'unexpected_response', `${detail}; authdoctor does not know this code`, `Nothing here says the key is bad. If it persists, check the ${t.meta.displayName} console.`);
  }
}

/** Quota from the same answer, once validity passed or warned: only throttling and billing get here. */
export function bodyErrorQuota(ex: Answer, e: BodyError, what: string, hints: { billing: string }): CheckOutcome<QuotaCode> {
  if (e.class === 'rate_limit') return outcome(ex, 'error', 'rate_limited', `${what} is rate-limited right now (${describe(e)})`, 'Try again in a minute.');
  if (e.class === 'billing') return outcome(ex, 'warn', 'limit_reached', `the plan cannot be used now (${describe(e)})`, hints.billing);
  return outcome(ex, 'error', 'unexpected_response', `${what}: an error in the body (${describe(e)})`);
}

/** A plan API that carries its errors in a 200 body (z.ai, MiniMax), and how its provider reads one. */
export interface BodyEnvelope<S extends { ok: true }> {
  what: string;
  t: Target;
  hints: { invalid: string; billing: string };
  /** The plan, an error in the body, or (null) not this API's answer. */
  readBody: (body: unknown) => S | { ok: false; error: BodyError } | null;
}

/** Validity of such a call: a refusal as its status says, an answer as its body says. */
export function envelopeValidity<S extends { ok: true }>(ex: Exchange, e: BodyEnvelope<S>): CheckOutcome<ValidityCode> {
  if (!ex.ok) return validityFromExchange(ex, e.what, e.t, { invalidHint: e.hints.invalid });
  const read = e.readBody(ex.data);
  if (!read) return wrongShape(ex, e.what, e.t);
  return read.ok ? outcome(ex, 'pass', 'authenticated', `accepted by ${e.what}`) : bodyErrorValidity(ex, read.error, e.what, e.t, e.hints);
}

/** Quota from the same call: `plan` reads a successful body; refusals and errors in the body are mapped here. */
export function envelopeQuota<S extends { ok: true }>(ex: Exchange, e: BodyEnvelope<S>, plan: (answer: Answer, read: S) => CheckOutcome<QuotaCode>): CheckOutcome<QuotaCode> {
  return quotaFromExchange(ex, e.what, e.t, (answer) => {
    const read = e.readBody(answer.data);
    if (!read) return wrongShape(answer, e.what, e.t);
    return read.ok ? plan(answer, read) : bodyErrorQuota(answer, read.error, e.what, e.hints);
  });
}

/** A reset time as ISO 8601: epoch milliseconds or seconds (number or numeric string), or a date string. */
export function isoTime(v: unknown): string | null {
  const n = finite(v);
  let ms: number;
  if (n !== null) ms = n < 1e11 ? n * 1000 : n;
  else if (typeof v === 'string' && v.trim()) ms = Date.parse(v);
  else return null;
  // Outside ±100 years of now is not a reset time, whatever the unit.
  return Number.isFinite(ms) && Math.abs(ms - Date.now()) < 3.2e12 ? new Date(ms).toISOString() : null;
}

/** `5h` → `5-hour`: a name durationName made, in words; any other name as it is. */
export function durationLabel(name: string): string {
  const m = /^(\d+)([dhm])$/.exec(name);
  return m ? `${m[1]}-${{ d: 'day', h: 'hour', m: 'minute' }[m[2] as 'd' | 'h' | 'm']}` : name;
}

/** `5h`, `7d`, `45m` for a window of that many minutes. */
export function durationName(minutes: number): string {
  if (minutes > 0 && minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes > 0 && minutes % 60 === 0) return `${minutes / 60}h`;
  return `${Math.round(minutes)}m`;
}
