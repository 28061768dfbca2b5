// Admin keys: month-to-date spend from GET /v1/organizations/cost_report (quota.ts costReportQuota reads the pages).

import { isObject } from '../outcomes.js';
import type { CostPage } from '../quota.js';

/** One page: cents per currency (the API sends decimal strings), and the next page's token. Null for another shape. */
export function parseCostReport(body: unknown): CostPage | null {
  if (!isObject(body) || !Array.isArray(body.data)) return null;
  const totals = new Map<string, number>();
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
  return { totals, next: body.has_more === true && typeof body.next_page === 'string' ? body.next_page : null };
}
