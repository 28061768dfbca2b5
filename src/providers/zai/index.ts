// Z.ai (GLM Coding Plan): one call answers validity and quota, spending nothing:
// GET /api/monitor/usage/quota/limit. It answers HTTP 200 whatever happened; `success` and `code`
// in the body say whether it worked.

import type { QuotaCode } from '../../types.js';
import { sendHttp, type Exchange } from '../exchange.js';
import { finite, isObject, serverText, type Target } from '../outcomes.js';
import { envelopeQuota, envelopeValidity, isoTime, PLAN_INFERENCE, type BodyEnvelope, type BodyError, type BodyErrorClass, type PlanLimit } from '../plan.js';
import { round1, windowsOutcome, type UsageWindow } from '../quota.js';
import { everyKindAs, type KindCapability, tableModule } from '../table.js';
import type { ClassifiedCredential, ProbeContext, ProviderOutcome } from '../types.js';
import { zaiMeta } from './meta.js';

const T: Target = { meta: zaiMeta, family: 'zai' };
const QUOTA = 'GET /api/monitor/usage/quota/limit';
const HINTS = {
  invalid: 'The key was deleted or mistyped: create a new one at z.ai (API keys). A key of the China site (open.bigmodel.cn) needs ZAI_BASE_URL=https://open.bigmodel.cn.',
  billing: 'The GLM Coding Plan has expired or the account is in arrears: renew or top up at z.ai; the key itself is fine.',
};

/**
 * The monitor API sits at the root of the host; a base URL that names the inference API
 * (`…/api/coding/paas/v4`, `…/api/anthropic`, as openclaw and Anthropic-style setups store it) is cut there.
 */
export function monitorBase(base: string): string {
  const url = new URL(base);
  const cut = `${url.pathname.replace(/\/+$/, '')}/`.indexOf('/api/');
  return cut === -1 ? base : url.origin + url.pathname.slice(0, cut);
}

/** z.ai's business codes (docs.z.ai, "Errors") by what their HTTP twin would mean. */
export function errorClass(code: number | null): BodyErrorClass {
  if (code === null) return 'other';
  // 1001 says no credential arrived at all: nothing about this one.
  if (code === 401 || code === 1000 || (code >= 1002 && code <= 1004)) return 'credential';
  if (code === 429 || (code >= 1302 && code <= 1305)) return 'rate_limit';
  if ((code >= 500 && code < 600) || code === 1234) return 'server';
  // 1113: the account is in arrears; 1309: the coding plan has expired.
  if (code === 1113 || code === 1309) return 'billing';
  return 'other';
}

export interface ZaiQuota {
  windows: UsageWindow[];
  limits: PlanLimit[];
  plan: string | null;
}

/** The API's `unit` codes: 3 hours, 6 weeks, 1 days; 5 is the monthly tool window (`1 × 5`). */
const UNITS: Record<number, string> = { 1: 'd', 3: 'h', 5: 'mo', 6: 'w' };
const TYPES: Record<string, string> = { TOKENS_LIMIT: 'tokens', TIME_LIMIT: 'tools', CREDIT_LIMIT: 'credits' };

function windowName(l: Record<string, unknown>): string {
  const type = typeof l.type === 'string' ? (TYPES[l.type] ?? serverText(l.type.toLowerCase(), 30) ?? 'limit') : 'limit';
  const number = finite(l.number);
  const unit = finite(l.unit);
  if (number === null || unit === null) return type;
  return `${type}_${number}${UNITS[unit] ?? `×${unit}`}`;
}

/** `data.limits[].{type, unit, number, percentage (used), nextResetTime}`, with counts where given. */
export function parseQuota(data: unknown): ZaiQuota {
  const out: ZaiQuota = { windows: [], limits: [], plan: null };
  if (!isObject(data)) return out;
  const plan = [data.planName, data.plan, data.level].find((v): v is string => typeof v === 'string' && v !== '');
  out.plan = plan ? (serverText(plan, 60) ?? null) : null;
  for (const l of Array.isArray(data.limits) ? data.limits : []) {
    if (!isObject(l)) continue;
    const total = finite(l.usage);
    const used = finite(l.currentValue);
    const percent = finite(l.percentage) ?? (total && used !== null ? (used / total) * 100 : null);
    // A window without a percentage is left out, never shown as 0 %.
    if (percent === null) continue;
    const name = windowName(l);
    out.windows.push({ window: name, usedPercent: round1(percent), resetsAt: isoTime(l.nextResetTime) });
    if (total !== null && used !== null) out.limits.push({ window: name, limit: total, used, remaining: finite(l.remaining) ?? total - used });
  }
  return out;
}

type Read = { ok: true; data: unknown } | { ok: false; error: BodyError } | null;

/** `{ code, msg, success, data }`: success, an error in the body, or (null) not this API's answer. */
export function readBody(body: unknown): Read {
  if (!isObject(body)) return null;
  const code = finite(body.code);
  if (body.success === true || (body.success === undefined && (code === 200 || code === 0) && 'data' in body)) return { ok: true, data: body.data };
  if (body.success === false || (code !== null && code !== 200 && code !== 0)) {
    const message = typeof body.msg === 'string' ? body.msg : typeof body.message === 'string' ? body.message : undefined;
    return { ok: false, error: { class: errorClass(code), code: code === null ? String(body.code ?? '?') : String(code), ...(message ? { message } : {}) } };
  }
  return null;
}

/** A credential rejection, in the body or in the status: worth trying the key without `Bearer`. */
function rejected(ex: Exchange): boolean {
  if (ex.ok) {
    const read = readBody(ex.data);
    return read !== null && !read.ok && read.error.class === 'credential';
  }
  return ex.failure.type === 'http' && ex.failure.status === 401;
}

/**
 * Sends the key as a bearer token (openclaw, most clients), and when that is rejected once more bare,
 * as z.ai's own plugin sends it: which of the two the API wants is not documented.
 */
async function monitor(ctx: ProbeContext, c: ClassifiedCredential): Promise<Exchange> {
  const key = c.classification.value;
  const send = (authorization: string) => sendHttp(ctx, { method: 'GET', base: monitorBase(ctx.baseUrls.zai!), path: '/api/monitor/usage/quota/limit', headers: { authorization } });
  const first = await send(`Bearer ${key}`);
  if (!rejected(first)) return first;
  const second = await send(key);
  const accepted = second.ok && readBody(second.data)?.ok === true;
  return accepted || rejected(second) ? second : first;
}

const ENVELOPE: BodyEnvelope<{ ok: true; data: unknown }> = { what: QUOTA, t: T, hints: HINTS, readBody };

export function quotaOutcome(ex: Exchange): ProviderOutcome<QuotaCode> {
  return envelopeQuota(ex, ENVELOPE, (answer, read) => {
    const q = parseQuota(read.data);
    const data = { plan: q.plan, ...(q.limits.length ? { limits: q.limits } : {}) };
    const prefix = q.plan ? `${q.plan} plan: ` : '';
    return windowsOutcome(answer, q.windows, data, { label: (w) => w.replace('_', ' '), prefix, none: `${prefix}no usage windows reported (no active GLM Coding Plan?)` });
  });
}

const PLAN: KindCapability = {
  family: 'zai',
  validity: async (ctx, c) => envelopeValidity(await monitor(ctx, c), ENVELOPE),
  // The validity probe made these requests: the run's cache answers them.
  quota: async (ctx, c) => quotaOutcome(await monitor(ctx, c)),
  inference: PLAN_INFERENCE,
};

const CAPABILITIES = everyKindAs(PLAN);

export const zai = tableModule(zaiMeta, CAPABILITIES);
