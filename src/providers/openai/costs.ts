// Admin keys (`sk-admin-`): GET /organization/costs answers validity and quota at once. Daily
// buckets from the start of this UTC month; a month fits one page of 31, a second page is read when
// the API says there is more, and no further (CONTRACT.md; quota.ts costReportQuota).

import type { QuotaCode, ValidityCode } from '../../types.js';
import { sendHttp, type Exchange, type Refusal } from '../exchange.js';
import { describeHttp, finite, isObject, outcome, type Target } from '../outcomes.js';
import { bearer, validityFromExchange } from '../openai-style.js';
import { costReportQuota, monthToDate, type CostPage } from '../quota.js';
import type { ClassifiedCredential, ProbeContext, ProviderOutcome } from '../types.js';
import { isMissingScope } from './errors.js';
import { openaiMeta } from './meta.js';

const T: Target = { meta: openaiMeta, family: 'openai' };
const COSTS = 'GET /organization/costs';
const INVALID_HINT = 'The admin key was revoked or mistyped: create a new one at platform.openai.com (Organization settings → Admin keys).';

function costsPage(ctx: ProbeContext, c: ClassifiedCredential, page?: string): Promise<Exchange> {
  const start = Date.parse(monthToDate(ctx.now()).from) / 1000;
  return sendHttp(ctx, {
    method: 'GET',
    base: ctx.baseUrls.openai!,
    path: '/organization/costs',
    query: { start_time: start, bucket_width: '1d', limit: 31, ...(page ? { page } : {}) },
    headers: bearer(c.classification.value),
  });
}

/** `{ data: [{ results: [{ amount: { value, currency } }] }], has_more, next_page }`: currency units, currencies in upper case. */
export function parseCostPage(body: unknown): CostPage | null {
  if (!isObject(body) || !Array.isArray(body.data)) return null;
  const totals = new Map<string, number>();
  for (const bucket of body.data) {
    if (!isObject(bucket) || !Array.isArray(bucket.results)) continue;
    for (const r of bucket.results) {
      const amount = isObject(r) && isObject(r.amount) ? r.amount : undefined;
      const value = finite(amount?.value);
      if (value === null) continue;
      const currency = typeof amount?.currency === 'string' ? amount.currency.toUpperCase() : 'USD';
      totals.set(currency, (totals.get(currency) ?? 0) + value);
    }
  }
  const next = body.has_more === true && typeof body.next_page === 'string' && body.next_page ? body.next_page : null;
  return { totals, next };
}

export async function costValidity(ctx: ProbeContext, c: ClassifiedCredential): Promise<ProviderOutcome<ValidityCode>> {
  return validityFromExchange(await costsPage(ctx, c), COSTS, T, { invalidHint: INVALID_HINT, restricted: isMissingScope }, (d) => parseCostPage(d) !== null);
}

/** A restricted key's missing scope may come as a 401: it says so before the shared mapping reads the status. */
/** A restricted key's missing scope may come as a 401: it says so before the shared mapping reads the status. */
function missingScope(ex: Refusal): ProviderOutcome<QuotaCode> | undefined {
  const f = ex.failure;
  if (f.type !== 'http' || !isMissingScope(f.message ?? '')) return undefined;
  return outcome(ex, 'unsupported', 'scope_missing', `this key may not read costs (${describeHttp(f)})`, 'Use an admin key with the usage read permission, or see costs at platform.openai.com/usage.');
}

/** Month-to-date spend: the sum of the buckets. */
export function costQuota(ctx: ProbeContext, c: ClassifiedCredential): Promise<ProviderOutcome<QuotaCode>> {
  return costReportQuota({ what: COSTS, t: T, range: monthToDate(ctx.now()), fetchPage: (page) => costsPage(ctx, c, page), parsePage: parseCostPage, own: missingScope });
}
