// The normalised quota `data` every provider fills (src/providers/quota.ts: windows, balances, spend,
// keyLimit; a ChatGPT login's plan and credits), read back from a result and put in words for the
// human and Markdown renderers alike. Pure, and defensive: `data` is open-ended JSON.

import type { CheckResult } from '../types.js';
import { moneyText, type KeyLimit, type Money, type Spend, type UsageWindow } from '../providers/quota.js';

export { moneyText };

export interface Credits {
  hasCredits: boolean | null;
  unlimited: boolean | null;
  balance: number | null;
}

export interface QuotaData {
  windows: UsageWindow[];
  balances: Money[];
  spend?: Spend & { partial?: boolean };
  keyLimit?: KeyLimit;
  plan?: string;
  credits?: Credits;
}

/** The `data` fields this module presents; others are shown raw by whoever shows them. */
export const QUOTA_FIELDS: ReadonlySet<string> = new Set(['windows', 'balances', 'spend', 'partial', 'keyLimit', 'plan', 'credits']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isMoney = (m: unknown): m is Money => isObject(m) && num(m.amount) && (typeof m.currency === 'string' || m.currency === null);

export function quotaData(check: CheckResult | undefined): QuotaData {
  const d = check?.data ?? {};
  const out: QuotaData = {
    windows: Array.isArray(d.windows) ? d.windows.filter((w): w is UsageWindow => isObject(w) && typeof w.window === 'string' && num(w.usedPercent)) : [],
    balances: Array.isArray(d.balances) ? d.balances.filter(isMoney) : [],
  };
  if (isObject(d.spend) && Array.isArray(d.spend.totals)) out.spend = { ...(d.spend as unknown as Spend), totals: d.spend.totals.filter(isMoney), ...(d.partial === true ? { partial: true } : {}) };
  if (isObject(d.keyLimit) && isObject(d.keyLimit.usage)) out.keyLimit = d.keyLimit as unknown as KeyLimit;
  if (typeof d.plan === 'string' && d.plan) out.plan = d.plan;
  if (isObject(d.credits)) out.credits = d.credits as unknown as Credits;
  return out;
}

/** The words the provider's check put on a window (its summary says the same), else its name. */
export function windowLabel(w: UsageWindow): string {
  return typeof w.label === 'string' ? w.label : w.window;
}

/** "20.00 USD, resets monthly: 15.00 USD left", or "none" for a key without a limit. */
export function keyLimitText(k: KeyLimit): string {
  const money = (n: number) => moneyText({ amount: n, currency: k.currency });
  if (k.limit === null) return 'none';
  const every = k.resetsEvery ? `, resets ${k.resetsEvery}` : '';
  return `${money(k.limit)}${every}: ${k.remaining === null ? '?' : money(k.remaining)} left`;
}

/** "used 0.50 today, 3.50 this week, 5.00 this month", or undefined when nothing was reported. */
export function keyUsageText(k: KeyLimit): string | undefined {
  const parts = (
    [
      [k.usage.day, 'today'],
      [k.usage.week, 'this week'],
      [k.usage.month, 'this month'],
    ] as const
  ).flatMap(([v, when]) => (num(v) ? [`${moneyText({ amount: v, currency: k.currency })} ${when}`] : []));
  return parts.length ? `used ${parts.join(', ')}` : undefined;
}

/** "credits 12.50", "unlimited credits", "no credits"; undefined when the answer said nothing. */
export function creditsText(c: Credits): string | undefined {
  if (c.unlimited) return 'unlimited credits';
  if (c.hasCredits === false) return 'no credits';
  if (num(c.balance)) return `credits ${moneyText({ amount: c.balance, currency: null })}`;
  return undefined;
}

export function spendText(s: Spend & { partial?: boolean }): string {
  return `${s.totals.map(moneyText).join(' + ')}${s.partial ? ' (at least: more pages than were read)' : ''}`;
}
