// Admin keys: month-to-date spend from GET /v1/organizations/cost_report.

import { isObject } from './outcomes.js';

export interface Spend {
  /** Per currency, in currency units (the API reports cents as decimal strings). */
  totals: Array<{ currency: string; amount: number }>;
  from: string;
  to: string;
}

export function monthToDate(now: Date): { from: string; to: string } {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return { from: from.toISOString(), to: now.toISOString() };
}

/** Adds one page of buckets into running totals (cents). Returns false when the page has the wrong shape. */
export function addCostPage(body: unknown, totals: Map<string, number>): boolean {
  if (!isObject(body) || !Array.isArray(body.data)) return false;
  for (const bucket of body.data) {
    if (!isObject(bucket) || !Array.isArray(bucket.results)) continue;
    for (const r of bucket.results) {
      if (!isObject(r)) continue;
      const cents = Number(r.amount);
      if (!Number.isFinite(cents)) continue;
      const currency = typeof r.currency === 'string' ? r.currency : 'USD';
      totals.set(currency, (totals.get(currency) ?? 0) + cents);
    }
  }
  return true;
}

export function nextPage(body: unknown): string | null {
  return isObject(body) && body.has_more === true && typeof body.next_page === 'string' ? body.next_page : null;
}

export function spendFrom(totals: Map<string, number>, range: { from: string; to: string }): Spend {
  const list = [...totals].map(([currency, cents]) => ({ currency, amount: Math.round(cents) / 100 }));
  return { totals: list.length ? list : [{ currency: 'USD', amount: 0 }], ...range };
}

export function spendSummary(spend: Spend): string {
  return `month-to-date spend ${spend.totals.map((t) => `${t.amount.toFixed(2)} ${t.currency}`).join(' + ')}`;
}
