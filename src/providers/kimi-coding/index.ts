// Kimi Code (the Kimi coding plan): one call answers validity and quota, spending nothing: GET /usages.

import type { QuotaCode } from '../../types.js';
import { sendHttp, type Exchange } from '../exchange.js';
import { finite, isObject, serverText, wrongShape, type Target } from '../outcomes.js';
import { bearer, validityFromExchange } from '../openai-style.js';
import { durationLabel, durationName, isoTime, PLAN_INFERENCE, type PlanLimit } from '../plan.js';
import { quotaFromExchange, round1, windowsOutcome, type UsageWindow } from '../quota.js';
import { everyKindAs, type KindCapability, signInFromStore, tableModule } from '../table.js';
import type { ClassifiedCredential, ProbeContext, ProviderOutcome } from '../types.js';
import { kimiCodingMeta } from './meta.js';

const T: Target = { meta: kimiCodingMeta, family: 'kimi-coding' };
const USAGES = 'GET /usages';
const INVALID_HINT = 'The key was revoked or mistyped (or the sign-in expired): create a new key in the Kimi Code console, or sign in again.';

/** openclaw's Kimi base URL is the Anthropic-style `…/coding`: the usage API lives under its /v1. */
export function usagesPath(base: string): string {
  return /\/coding\/*$/.test(base) ? '/v1/usages' : '/usages';
}

function usages(ctx: ProbeContext, c: ClassifiedCredential): Promise<Exchange> {
  const base = ctx.baseUrls['kimi-coding']!;
  return sendHttp(ctx, { method: 'GET', base, path: usagesPath(base), headers: bearer(c.classification.value) });
}

export interface KimiUsage {
  windows: UsageWindow[];
  limits: PlanLimit[];
}

const MINUTES: Record<string, number> = { MINUTE: 1, HOUR: 60, DAY: 1440, WEEK: 10080 };

/** `{ duration: 300, timeUnit: "TIME_UNIT_MINUTE" }` → `5h`. */
function windowName(w: Record<string, unknown>): string | undefined {
  const duration = finite(w.duration);
  const timeUnit = typeof w.timeUnit === 'string' ? w.timeUnit.toUpperCase() : '';
  const unit = Object.keys(MINUTES).find((u) => timeUnit.includes(u));
  return duration !== null && duration > 0 && unit ? durationName(duration * MINUTES[unit]!) : undefined;
}

/** One `{ limit, used, remaining, resetTime }` row; `used` is derived from `remaining` when absent. */
function row(name: string, r: Record<string, unknown>): { window: UsageWindow; limit: PlanLimit } | null {
  const limit = finite(r.limit);
  const remaining = finite(r.remaining);
  const used = finite(r.used) ?? (limit !== null && remaining !== null ? limit - remaining : null);
  if (limit === null || limit <= 0 || used === null) return null;
  return {
    window: { window: name, usedPercent: round1((used / limit) * 100), resetsAt: isoTime(r.resetTime ?? r.reset_time ?? r.resetAt) },
    limit: { window: name, limit, used, remaining: remaining ?? limit - used },
  };
}

/**
 * `{ usage: { limit, used, remaining, resetTime }, limits: [{ window: { duration, timeUnit }, detail: {…} }] }`:
 * `usage` is the weekly quota, `limits[]` the shorter rate-limit windows. A `usages: { limit_5h: { used_ratio } }`
 * map (seen in one client's tests only) is read too. Null when the body is neither.
 */
export function parseUsages(data: unknown): KimiUsage | null {
  if (!isObject(data) || !(isObject(data.usage) || Array.isArray(data.limits) || isObject(data.usages))) return null;
  const out: KimiUsage = { windows: [], limits: [] };
  const add = (r: ReturnType<typeof row>) => {
    if (!r) return;
    out.windows.push(r.window);
    out.limits.push(r.limit);
  };
  (Array.isArray(data.limits) ? data.limits : []).forEach((item, i) => {
    if (!isObject(item)) return;
    const detail = isObject(item.detail) ? item.detail : item;
    const label = [item.name, item.title, detail.name].find((v): v is string => typeof v === 'string');
    const name = windowName(isObject(item.window) ? item.window : item) ?? windowName(detail) ?? serverText(label, 40) ?? `limit ${i + 1}`;
    add(row(name, detail));
  });
  if (isObject(data.usage)) add(row(windowName(data.usage) ?? '7d', data.usage));
  if (isObject(data.usages)) {
    for (const [key, value] of Object.entries(data.usages)) {
      const ratio = isObject(value) ? finite(value.used_ratio) : null;
      const name = serverText(key.replace(/^limit_/, ''), 40) ?? 'limit';
      if (ratio !== null) out.windows.push({ window: name, usedPercent: round1(ratio * 100), resetsAt: isoTime(isObject(value) ? value.reset_time : undefined) });
    }
  }
  return out;
}

export function usagesQuota(ex: Exchange): ProviderOutcome<QuotaCode> {
  return quotaFromExchange(ex, USAGES, T, (answer) => {
    const usage = parseUsages(answer.data);
    if (!usage) return wrongShape(answer, USAGES, T);
    return windowsOutcome(answer, usage.windows, usage.limits.length ? { limits: usage.limits } : {}, { label: durationLabel, none: 'the plan reports no usage windows' });
  });
}

const PLAN: KindCapability = {
  family: 'kimi-coding',
  validity: async (ctx, c) => validityFromExchange(await usages(ctx, c), USAGES, T, { invalidHint: INVALID_HINT }, (d) => parseUsages(d) !== null),
  // The validity probe made this request: the run's cache answers it.
  quota: async (ctx, c) => usagesQuota(await usages(ctx, c)),
  inference: PLAN_INFERENCE,
};

const CAPABILITIES = everyKindAs(PLAN);

// openclaw's device login stores the Kimi Code sign-in as OAuth or as a token.
export const kimiCoding = tableModule(kimiCodingMeta, CAPABILITIES, signInFromStore('Kimi Code sign-in token', ['oauth', 'token']));
