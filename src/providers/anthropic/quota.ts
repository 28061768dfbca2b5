// The quota probe each credential kind actually supports (DESIGN.md, "which probe for which kind").

import type { CheckOutcome, QuotaCode } from '../../types.js';
import type { ClassifiedCredential, ProbeContext } from '../types.js';
import { parseCostReport } from './cost.js';
import { outcome, undecided, wrongShape } from '../outcomes.js';
import { costReportQuota, monthToDate, quotaFromExchange, windowsOutcome } from '../quota.js';
import { ANTHROPIC } from './outcomes.js';
import { parseRateLimits } from './ratelimits.js';
import type { Exchange } from '../exchange.js';
import { send, type Credential } from './request.js';
import { parseUsage, WINDOW_LABELS } from './usage.js';
import { MODELS_PROBE } from './validity.js';

export const USAGE_PROBE = { method: 'get', path: '/api/oauth/usage' } as const;
/** One page holds up to 31 daily buckets: a month. */
const COST_BUCKETS_PER_PAGE = '31';

/** anthropic-api.md: the usage endpoint is heavily rate-limited, so its 429 is common and harmless. */
const USAGE_THROTTLED_HINT = 'This endpoint is heavily rate-limited and says nothing about the token: try again later.';

const SCOPE_HINT =
  'This token has only the user:inference scope (typical of `claude setup-token`): it works for requests but cannot read usage. Sign in with `claude` (/login) for a token with user:profile to see usage, or check usage at claude.ai/settings/usage.';

function scopeMissing(ex?: Exchange): CheckOutcome<QuotaCode> {
  const summary = 'this token lacks the user:profile scope that the usage endpoint needs';
  const base = { status: 'unsupported' as const, code: 'scope_missing' as const, summary, hint: SCOPE_HINT };
  return ex ? outcome(ex, base.status, base.code, summary, SCOPE_HINT) : base;
}

/** Pay-per-use keys have no usage endpoint; the validity answer's rate-limit headers are what there is. */
async function apiKeyQuota(ctx: ProbeContext, cred: Credential): Promise<CheckOutcome<QuotaCode>> {
  // The validity probe already made this request: the run's cache answers without sending it again.
  const ex = await send(ctx, cred, MODELS_PROBE);
  const rateLimits = ex.ok ? parseRateLimits(ex.headers) : undefined;
  return {
    status: 'unsupported',
    code: 'no_quota_endpoint',
    summary: 'pay-per-use API keys have no usage or quota endpoint',
    hint: 'See spend and limits in the Console (Settings → Usage / Limits), or read them with an admin key.',
    ...(rateLimits ? { data: { rateLimits } } : {}),
  };
}

/**
 * `scopesUnknown`: a setup token whose scopes were not stored is probed to find out, and any 403
 * then means what DESIGN.md says it means for that kind: no usage scope.
 */
export function usageOutcome(ex: Exchange, scopesUnknown = false): CheckOutcome<QuotaCode> {
  const what = 'GET /api/oauth/usage';
  // Only a 403 that names a scope (or any, when the scopes are unknown) is the documented missing scope.
  if (!ex.ok && ex.failure.type === 'http' && ex.failure.status === 403) {
    const f = ex.failure;
    return scopesUnknown || f.errorCode === 'oauth_scope_insufficient' || /scope/i.test(f.message ?? '') ? scopeMissing(ex) : undecided(ex, what, ANTHROPIC);
  }
  const o = quotaFromExchange(ex, what, ANTHROPIC, (answer) => {
    const usage = parseUsage(answer.data);
    if (!usage) return wrongShape(answer, what, ANTHROPIC);
    return windowsOutcome(answer, usage.windows, usage.extraUsage ? { extraUsage: usage.extraUsage } : {}, { label: (w) => WINDOW_LABELS[w] ?? w });
  });
  return o.code === 'rate_limited' ? { ...o, hint: USAGE_THROTTLED_HINT } : o;
}

function costQuota(ctx: ProbeContext, cred: Credential): Promise<CheckOutcome<QuotaCode>> {
  const range = monthToDate(ctx.now());
  return costReportQuota({
    what: 'GET /v1/organizations/cost_report',
    t: ANTHROPIC,
    range,
    perUnit: 100,
    parsePage: parseCostReport,
    fetchPage: (page) => {
      const query = { starting_at: range.from, ending_at: range.to, bucket_width: '1d', limit: COST_BUCKETS_PER_PAGE, ...(page ? { page } : {}) };
      return send(ctx, cred, { method: 'get', path: '/v1/organizations/cost_report', query });
    },
  });
}

/** The quota probes there are; the capability table in index.ts assigns one to every kind. */
export type QuotaProbe = 'rate_limit_headers' | 'cost_report' | 'oauth_usage' | 'none';

export async function anthropicQuota(ctx: ProbeContext, c: ClassifiedCredential, cred: Credential, probe: QuotaProbe): Promise<CheckOutcome<QuotaCode>> {
  switch (probe) {
    case 'rate_limit_headers':
      return apiKeyQuota(ctx, cred);
    case 'cost_report':
      return costQuota(ctx, cred);
    case 'oauth_usage':
      // Known scopes without user:profile: the answer is known, so nothing is sent.
      if (c.metadata.scopes && !c.metadata.scopes.includes('user:profile')) return scopeMissing();
      return usageOutcome(await send(ctx, cred, USAGE_PROBE), c.classification.kind === 'setup_token' && !c.metadata.scopes);
    case 'none':
      return { status: 'unsupported', code: 'no_quota_endpoint', summary: 'this kind of credential has no quota endpoint' };
    default: {
      const never: never = probe;
      throw new Error(`unhandled quota probe ${String(never)}`);
    }
  }
}
