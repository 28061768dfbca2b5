// Quota results in the shapes CONTRACT.md fixes for every provider, and the thresholds that turn
// them into `near_limit` / `limit_reached` the same way everywhere. Renderers (human, Markdown,
// OpenMetrics) read these `data` fields; providers only fill them.

import type { CheckOutcome, QuotaCode } from '../types.js';
import type { Answer, Exchange, Refusal } from './exchange.js';
import { describeHttp, outcome, pageInsteadOfApi, undecided, wrongShape, type Target } from './outcomes.js';

const NEAR_LIMIT_PERCENT = 80;
const LIMIT_PERCENT = 100;

/** `data.windows[]`: a usage window of a plan. `usedPercent` above 100 is overage. */
export interface UsageWindow {
  window: string;
  usedPercent: number;
  resetsAt: string | null;
  /** The name in words where it differs (`5-hour` for `five_hour`): what summaries and renderers show. */
  label?: string;
}

/** `data.balances[]`, `data.spend.totals[]`: an amount of money; `currency` null when the provider does not say. */
export interface Money {
  amount: number;
  currency: string | null;
}

/** `data.keyLimit`: a per-key spending limit (`limit` null = unlimited) and what is used of it. */
export interface KeyLimit {
  limit: number | null;
  remaining: number | null;
  /** `daily`, `weekly`, `monthly`, or null when it never resets. */
  resetsEvery: string | null;
  usage: { day: number | null; week: number | null; month: number | null };
  currency: string | null;
}

/** `data.spend`: money spent in a period (admin cost reports), per currency. */
export interface Spend {
  totals: Money[];
  from: string;
  to: string;
}

/** From the first instant of this UTC month to now. */
export function monthToDate(now: Date): { from: string; to: string } {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return { from: from.toISOString(), to: now.toISOString() };
}

export function spendSummary(spend: Spend): string {
  return `month-to-date spend ${spend.totals.map(moneyText).join(' + ')}`;
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** "5-hour 23 % used, 7-day 61 % used" */
function windowsSummary(windows: readonly UsageWindow[], label: (w: string) => string = (w) => w): string {
  return windows.map((w) => `${label(w.window)} ${round1(w.usedPercent)} % used`).join(', ');
}

/** How a provider words its windows. */
export interface WindowsWording {
  /** A window's name in words (`5-hour`); the name itself by default. */
  label?: (window: string) => string;
  /** Before the list of windows: the plan, what is unlimited. */
  prefix?: string;
  /** The whole summary when no window is reported (what that may mean differs by provider). */
  none?: string;
}

/** The fullest window decides: ≥ 100 % limit_reached, ≥ 80 % near_limit, else pass `usage` (no window too). */
export function windowsOutcome(ex: Exchange, windows: readonly UsageWindow[], data: Record<string, unknown>, wording: WindowsWording = {}): CheckOutcome & { code: QuotaCode } {
  const { label = (w: string) => w, prefix = '', none = `${prefix}no usage windows reported` } = wording;
  const worst = windows.reduce<UsageWindow | undefined>((a, w) => (!a || w.usedPercent > a.usedPercent ? w : a), undefined);
  const summary = windows.length ? `${prefix}${windowsSummary(windows, label)}` : none;
  const named = windows.map((w) => (label(w.window) === w.window ? w : { ...w, label: label(w.window) }));
  const full = { windows: named, ...data };
  const resets = worst?.resetsAt ? `; resets ${worst.resetsAt}` : '';
  if (worst && worst.usedPercent >= LIMIT_PERCENT) {
    return outcome(ex, 'warn', 'limit_reached', `${label(worst.window)} limit reached (${summary})`, `Requests are refused until the window resets${resets}.`, full);
  }
  if (worst && worst.usedPercent >= NEAR_LIMIT_PERCENT) {
    return outcome(ex, 'warn', 'near_limit', `near the ${label(worst.window)} limit (${summary})`, `Slow down or wait for the reset${resets}.`, full);
  }
  return outcome(ex, 'pass', 'usage', summary, undefined, full);
}

export function moneyText(m: Money): string {
  // Cents, except for amounts too small to show in cents (OpenRouter reports fractions of a cent).
  const amount = m.amount === 0 || Math.abs(m.amount) >= 0.01 ? m.amount.toFixed(2) : m.amount.toPrecision(2);
  return m.currency ? `${amount} ${m.currency}` : amount;
}

/** A prepaid balance: `limit_reached` at or below zero (or when the provider says it is unusable). */
export function balanceOutcome(ex: Exchange, balances: readonly Money[], usable = true, data: Record<string, unknown> = {}): CheckOutcome & { code: QuotaCode } {
  const text = balances.length ? balances.map(moneyText).join(' + ') : 'no balance reported';
  const full = { balances, ...data };
  if (!usable || (balances.length > 0 && balances.every((b) => b.amount <= 0))) {
    return outcome(ex, 'warn', 'limit_reached', `balance ${text}: requests will be refused until it is topped up`, 'Top up the balance in the provider’s console; the key itself is fine.', full);
  }
  return outcome(ex, 'pass', 'balance', `balance ${text}`, undefined, full);
}

/** A per-key limit: used share ≥ 100 % limit_reached, ≥ 80 % near_limit, else pass `key_limit`. */
export function keyLimitOutcome(ex: Exchange, keyLimit: KeyLimit, data: Record<string, unknown> = {}): CheckOutcome & { code: QuotaCode } {
  const full = { keyLimit, ...data };
  const money = (n: number) => moneyText({ amount: n, currency: keyLimit.currency });
  if (keyLimit.limit === null) {
    const used = keyLimit.usage.month ?? keyLimit.usage.week ?? keyLimit.usage.day;
    return outcome(ex, 'pass', 'key_limit', `no spending limit on this key${used !== null ? ` (${money(used)} used this month)` : ''}`, undefined, full);
  }
  const remaining = keyLimit.remaining ?? keyLimit.limit;
  const usedPercent = keyLimit.limit > 0 ? round1(((keyLimit.limit - remaining) / keyLimit.limit) * 100) : 100;
  const every = keyLimit.resetsEvery ? ` (resets ${keyLimit.resetsEvery})` : '';
  const summary = `key limit ${money(keyLimit.limit)}${every}, ${money(remaining)} left (${usedPercent} % used)`;
  if (remaining <= 0 || usedPercent >= LIMIT_PERCENT) {
    return outcome(ex, 'warn', 'limit_reached', `key limit used up: ${summary}`, `Requests with this key are refused until the limit ${keyLimit.resetsEvery ? 'resets' : 'is raised'}: raise it in the provider’s key settings.`, full);
  }
  if (usedPercent >= NEAR_LIMIT_PERCENT) return outcome(ex, 'warn', 'near_limit', `near the key limit: ${summary}`, 'Raise the key’s limit before it runs out.', full);
  return outcome(ex, 'pass', 'key_limit', summary, undefined, full);
}

/**
 * Quota from an exchange: `read` when it was answered. Quota runs only once validity passed or
 * warned, so a refusal says something about quota, never about the credential: throttled (429), no
 * credit or plan allowance left (402), not allowed to read it (403); anything else, and a page from
 * something in front of the API, what `undecided` says.
 */
export function quotaFromExchange(ex: Exchange, what: string, t: Target, read: (answer: Answer) => CheckOutcome & { code: QuotaCode }): CheckOutcome & { code: QuotaCode } {
  return ex.ok ? read(ex) : refusedQuota(ex, what, t);
}

function refusedQuota(ex: Refusal, what: string, t: Target): CheckOutcome & { code: QuotaCode } {
  const f = ex.failure;
  if (f.type === 'transport' || pageInsteadOfApi(ex, what, t)) return undecided(ex, what, t);
  switch (f.status) {
    case 429:
      return outcome(ex, 'error', 'rate_limited', `${what} is rate-limited right now (${describeHttp(f)})`, 'Try again in a minute.');
    case 402:
      return outcome(ex, 'warn', 'limit_reached', `no credit or plan allowance left (${describeHttp(f)})`, `Top up or renew in your ${t.meta.displayName} account; the credential itself is fine.`);
    case 403:
      return outcome(ex, 'unsupported', 'scope_missing', `this credential may not read its usage, balance or limits (${describeHttp(f)})`, 'The credential works; reading its quota needs a permission or role it does not have.');
    default:
      return undecided(ex, what, t);
  }
}

/** One page of an admin cost report: the amount per currency, in the report's own unit, and the next page's token. */
export interface CostPage {
  totals: Map<string, number>;
  next: string | null;
}

/** A month of daily buckets fits one page of 31; a second page is the most a month can need. */
const COST_PAGES_MAX = 2;

export interface CostReport {
  what: string;
  t: Target;
  /** The period the pages cover, as the request asked for it. */
  range: { from: string; to: string };
  /** The first page when `page` is undefined, else the one a `next` token names. */
  fetchPage: (page: string | undefined) => Promise<Exchange>;
  /** Null for a body that is no page of the report. */
  parsePage: (body: unknown) => CostPage | null;
  /** The report's amounts per currency unit: 100 where it counts cents. */
  perUnit?: number;
  /** A provider's own reading of a refusal, before the shared one. */
  own?: (ex: Refusal) => (CheckOutcome & { code: QuotaCode }) | undefined;
}

/**
 * Spend over the report's range: the sum of the buckets of at most COST_PAGES_MAX pages. With more,
 * what is shown is a lower bound, and the summary and `partial` say so.
 */
export async function costReportQuota(r: CostReport): Promise<CheckOutcome & { code: QuotaCode }> {
  const totals = new Map<string, number>();
  let page: string | undefined;
  let last: Answer | undefined;
  let more = false;
  for (let i = 0; i < COST_PAGES_MAX; i++) {
    const ex = await r.fetchPage(page);
    if (!ex.ok) return r.own?.(ex) ?? refusedQuota(ex, r.what, r.t);
    const parsed = r.parsePage(ex.data);
    if (!parsed) return wrongShape(ex, r.what, r.t);
    for (const [currency, amount] of parsed.totals) totals.set(currency, (totals.get(currency) ?? 0) + amount);
    last = ex;
    more = parsed.next !== null;
    if (!parsed.next) break;
    page = parsed.next;
  }
  // Rounded to cents in the report's own unit: 1334.5 cents is 13.35, where 13.345 would round down.
  const toCents = 100 / (r.perUnit ?? 1);
  const list = [...totals].map(([currency, amount]) => ({ amount: Math.round(amount * toCents) / 100, currency }));
  const spend: Spend = { totals: list.length ? list : [{ amount: 0, currency: 'USD' }], ...r.range };
  const partial = more ? ` (at least: the report has more than ${COST_PAGES_MAX} pages)` : '';
  return outcome(last!, 'pass', 'cost_report', `${spendSummary(spend)}${partial}`, undefined, { spend, ...(more ? { partial: true } : {}) });
}
