// GET /api/oauth/usage (undocumented): subscription windows and extra usage, normalised.

import { finite, isObject } from '../outcomes.js';
import { round1, type UsageWindow } from '../quota.js';


export interface ExtraUsage {
  enabled: boolean;
  /** In currency units (the API sends cents). */
  monthlyLimit: number | null;
  used: number | null;
  usedPercent: number | null;
  currency: string;
}

export interface Usage {
  windows: UsageWindow[];
  extraUsage?: ExtraUsage;
}

/** Known windows first, in this order; unknown ones (new keys appear over time) follow. */
const ORDER = ['five_hour', 'seven_day', 'seven_day_opus', 'seven_day_sonnet', 'seven_day_oauth_apps'];

export const WINDOW_LABELS: Record<string, string> = {
  five_hour: '5-hour',
  seven_day: '7-day',
  seven_day_opus: '7-day Opus',
  seven_day_sonnet: '7-day Sonnet',
  seven_day_oauth_apps: '7-day OAuth apps',
};


/**
 * `utilization` is a percentage (0–100); one client reads values ≤ 1 as fractions (unconfirmed).
 * Both are handled: when every reported value is ≤ 1 and at least one is fractional, the response is
 * read as fractions. A response of only 0s and 1s stays percent (the documented reading).
 */
export function percentScale(values: number[]): number {
  const fractional = values.length > 0 && values.every((v) => v <= 1) && values.some((v) => v > 0 && v < 1);
  return fractional ? 100 : 1;
}

export function parseUsage(body: unknown): Usage | null {
  if (!isObject(body)) return null;
  const raw: Array<{ window: string; utilization: number; resetsAt: string | null }> = [];
  const keys = Object.keys(body).sort((a, b) => rank(a) - rank(b));
  for (const key of keys) {
    const w = body[key];
    if (key === 'extra_usage' || !isObject(w)) continue;
    const utilization = finite(w.utilization);
    if (utilization === null) continue;
    raw.push({ window: key, utilization, resetsAt: typeof w.resets_at === 'string' ? w.resets_at : null });
  }
  const scale = percentScale(raw.map((w) => w.utilization));
  const usage: Usage = {
    windows: raw.map((w) => ({ window: w.window, usedPercent: round1(w.utilization * scale), resetsAt: w.resetsAt })),
  };
  const extra = body.extra_usage;
  if (isObject(extra)) {
    const limit = finite(extra.monthly_limit);
    const used = finite(extra.used_credits);
    const pct = finite(extra.utilization);
    usage.extraUsage = {
      enabled: extra.is_enabled === true,
      monthlyLimit: limit === null ? null : limit / 100,
      used: used === null ? null : used / 100,
      usedPercent: pct,
      currency: typeof extra.currency === 'string' ? extra.currency : 'USD',
    };
  }
  const hasAnything = usage.windows.length > 0 || usage.extraUsage !== undefined || ORDER.some((k) => k in body);
  return hasAnything ? usage : null;
}

function rank(key: string): number {
  const i = ORDER.indexOf(key);
  return i === -1 ? ORDER.length : i;
}
