// MiniMax (Token Plan): one call answers validity and quota, spending nothing: GET /v1/token_plan/remains.
// Errors come as `base_resp.status_code` ≠ 0, usually in an HTTP 200 body.

import type { QuotaCode } from '../../types.js';
import { sendHttp, type Exchange } from '../exchange.js';
import { finite, isObject, serverText, type Target } from '../outcomes.js';
import { bearer } from '../openai-style.js';
import { durationName, envelopeQuota, envelopeValidity, isoTime, PLAN_INFERENCE, type BodyEnvelope, type BodyError, type BodyErrorClass, type PlanLimit } from '../plan.js';
import { round1, windowsOutcome, type UsageWindow } from '../quota.js';
import { everyKindAs, type KindCapability, signInFromStore, tableModule } from '../table.js';
import type { ClassifiedCredential, ProbeContext, ProviderOutcome } from '../types.js';
import { minimaxMeta } from './meta.js';

const T: Target = { meta: minimaxMeta, family: 'minimax' };
const REMAINS = 'GET /v1/token_plan/remains';
const HINTS = {
  invalid:
    'The key was deleted or mistyped, or it belongs to the other region: keys of platform.minimaxi.com (China) work only with MINIMAX_BASE_URL=https://api.minimaxi.com, keys of platform.minimax.io only with https://api.minimax.io.',
  billing: 'The account has no balance or plan left for this: top up or renew in the MiniMax console; the key itself is fine.',
};

/** Base URLs often name the inference API (`…/v1`, `…/anthropic`, `…/anthropic/v1`): the plan API is above it. */
export function remainsBase(base: string): string {
  return base.replace(/(\/anthropic)?(\/v1)?\/*$/, '');
}

function remains(ctx: ProbeContext, c: ClassifiedCredential): Promise<Exchange> {
  return sendHttp(ctx, { method: 'GET', base: remainsBase(ctx.baseUrls.minimax!), path: '/v1/token_plan/remains', headers: bearer(c.classification.value) });
}

/** MiniMax's error codes (platform.minimax.io, "Error Codes") by what their HTTP twin would mean. */
export function errorClass(code: number | null): BodyErrorClass {
  switch (code) {
    case 1004: // not authorized
    case 2049: // invalid api key
      return 'credential';
    case 1002: // rate limit (requests)
    case 1039: // rate limit (tokens)
      return 'rate_limit';
    case 1000: // unknown error: retry later
    case 1001: // request timeout
    case 1013: // internal service error
      return 'server';
    case 1008: // insufficient balance
      return 'billing';
    default:
      return 'other';
  }
}

export interface Remains {
  windows: UsageWindow[];
  limits: PlanLimit[];
}

/** The envelope, at the top level or under `data`. */
function envelope(body: Record<string, unknown>): Record<string, unknown> {
  return isObject(body.data) && ('model_remains' in body.data || 'base_resp' in body.data) ? body.data : body;
}

type Read = { ok: true; remains: Remains } | { ok: false; error: BodyError } | null;

/**
 * One window of one model. `current_…_usage_count` is what is LEFT (providers.md; clients disagree), so
 * used = total − left; `current_…_remaining_percent`, where sent, names its meaning and wins.
 */
function window(name: string, total: unknown, left: unknown, remainingPercent: unknown, resetsAt: string | null): { w: UsageWindow; l?: PlanLimit } | null {
  const t = finite(total);
  const r = finite(left);
  const pct = finite(remainingPercent);
  const counted = t !== null && t > 0 && r !== null;
  const usedPercent = pct !== null ? 100 - pct : counted ? ((t - r) / t) * 100 : null;
  if (usedPercent === null) return null;
  const w = { window: name, usedPercent: round1(Math.max(0, usedPercent)), resetsAt };
  return counted ? { w, l: { window: name, limit: t, used: Math.max(0, t - r), remaining: r } } : { w };
}

function modelWindows(m: Record<string, unknown>, i: number): Array<{ w: UsageWindow; l?: PlanLimit }> {
  const model = (typeof m.model_name === 'string' && serverText(m.model_name, 60)) || `model ${i + 1}`;
  const start = finite(m.start_time);
  const end = finite(m.end_time);
  // Epoch milliseconds, or seconds in an older shape.
  const perMinute = end !== null && end > 1e11 ? 60_000 : 60;
  const span = start !== null && end !== null && end > start ? durationName((end - start) / perMinute) : 'interval';
  const found = [
    window(`${model} ${span}`, m.current_interval_total_count, m.current_interval_usage_count, m.current_interval_remaining_percent, isoTime(m.end_time)),
    window(`${model} weekly`, m.current_weekly_total_count, m.current_weekly_usage_count, m.current_weekly_remaining_percent, isoTime(m.weekly_end_time)),
  ];
  return found.filter((x): x is NonNullable<typeof x> => x !== null);
}

/** `{ base_resp: { status_code, status_msg }, model_remains: [...] }`: the plan, an error, or (null) not this API. */
export function readBody(body: unknown): Read {
  if (!isObject(body)) return null;
  const env = envelope(body);
  const base = isObject(env.base_resp) ? env.base_resp : undefined;
  const code = base ? finite(base.status_code) : null;
  if (code !== null && code !== 0) {
    const message = typeof base!.status_msg === 'string' ? base!.status_msg : undefined;
    return { ok: false, error: { class: errorClass(code), code: String(code), ...(message ? { message } : {}) } };
  }
  if (!Array.isArray(env.model_remains)) return code === 0 ? { ok: true, remains: { windows: [], limits: [] } } : null;
  const found = env.model_remains.flatMap((m, i) => (isObject(m) ? modelWindows(m, i) : []));
  return { ok: true, remains: { windows: found.map((x) => x.w), limits: found.flatMap((x) => (x.l ? [x.l] : [])) } };
}

const ENVELOPE: BodyEnvelope<{ ok: true; remains: Remains }> = { what: REMAINS, t: T, hints: HINTS, readBody };

export function remainsQuota(ex: Exchange): ProviderOutcome<QuotaCode> {
  return envelopeQuota(ex, ENVELOPE, (answer, { remains: { windows, limits } }) =>
    windowsOutcome(answer, windows, limits.length ? { limits } : {}, { none: 'no Token Plan windows reported (no active plan?)' }),
  );
}

const PLAN: KindCapability = {
  family: 'minimax',
  validity: async (ctx, c) => envelopeValidity(await remains(ctx, c), ENVELOPE),
  // The validity probe made this request: the run's cache answers it.
  quota: async (ctx, c) => remainsQuota(await remains(ctx, c)),
  inference: PLAN_INFERENCE,
};

const CAPABILITIES = everyKindAs(PLAN);

// openclaw's MiniMax sign-in (`minimax-portal`) stores an OAuth access token.
export const minimax = tableModule(minimaxMeta, CAPABILITIES, signInFromStore('MiniMax sign-in (OAuth) token'));
