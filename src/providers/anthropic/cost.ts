// Admin keys: month-to-date spend from GET /v1/organizations/cost_report.

import { isObject } from '../outcomes.js';
import type { Spend } from '../quota.js';

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

/** The API reports cents as decimal strings; the result is in currency units. */
export function spendFrom(totals: Map<string, number>, range: { from: string; to: string }): Spend {
  const list = [...totals].map(([currency, cents]) => ({ amount: Math.round(cents) / 100, currency }));
  return { totals: list.length ? list : [{ amount: 0, currency: 'USD' }], ...range };
}
