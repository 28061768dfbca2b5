// GitHub Copilot: one call answers validity and quota, spending nothing: GET /copilot_internal/user,
// with the token as `Authorization: token …` and the editor headers Copilot's own clients send.

import { result, type Refine } from '../../credentials/classify.js';
import type { HttpFailure } from '../../net/failure.js';
import type { QuotaCode, ValidityCode } from '../../types.js';
import { sendHttp, type Answer, type Exchange, type Refusal } from '../exchange.js';
import { describeHttp, finite, isObject, outcome, serverText, wrongShape, type Target } from '../outcomes.js';
import { validityFromExchange } from '../openai-style.js';
import { isoTime, PLAN_INFERENCE } from '../plan.js';
import { quotaFromExchange, round1, windowsOutcome, type UsageWindow } from '../quota.js';
import { everyKindAs, type KindCapability, tableModule } from '../table.js';
import type { ClassifiedCredential, ProbeContext, ProviderOutcome } from '../types.js';
import { githubCopilotMeta } from './meta.js';

const T: Target = { meta: githubCopilotMeta, family: 'github' };
const USER = 'GET /copilot_internal/user';
const INVALID_HINT = 'GitHub says the token is bad (revoked, expired, or mistyped): sign in again (`gh auth login`, or the Copilot app’s login) and store the new token.';
const NO_COPILOT_HINT =
  'This GitHub account has no Copilot (or this token may not see it): check github.com/settings/copilot. Classic (ghp_) and app installation (ghs_) tokens often cannot read Copilot; use the token of a Copilot sign-in.';

function user(ctx: ProbeContext, c: ClassifiedCredential): Promise<Exchange> {
  return sendHttp(ctx, {
    method: 'GET',
    base: ctx.baseUrls.github!,
    path: '/copilot_internal/user',
    headers: { authorization: `token ${c.classification.value}`, 'editor-version': 'vscode/1.96.2', 'x-github-api-version': '2025-04-01' },
  });
}

/** GitHub's rate limit is a 403 or 429 with `x-ratelimit-remaining: 0` (or a secondary limit's retry-after). */
export function isRateLimit(f: HttpFailure): boolean {
  if (f.status !== 403 && f.status !== 429) return false;
  return f.status === 429 || f.headers.get('x-ratelimit-remaining') === '0' || f.headers.get('retry-after') !== null || /rate limit/i.test(f.message ?? '');
}

/** A 404 from the GitHub API itself (`{ message: "Not Found", documentation_url }`), not from something else at that URL. */
function isGitHubNotFound(f: HttpFailure): boolean {
  return f.status === 404 && isObject(f.body) && typeof f.body.message === 'string';
}

function own(ex: Refusal & { failure: HttpFailure }) {
  const f = ex.failure;
  if (isRateLimit(f)) {
    const reset = isoTime(f.headers.get('x-ratelimit-reset'));
    const when = reset ? ` (${reset})` : '';
    return outcome<ValidityCode>(ex, 'warn', 'rate_limited', `accepted, but GitHub’s rate limit is reached (${describeHttp(f)})`, `Wait for the limit to reset${when}; the token itself is fine.`);
  }
  if (isGitHubNotFound(f)) return outcome<ValidityCode>(ex, 'fail', 'service_blocked', `no Copilot for this account: ${USER} answered ${describeHttp(f)}`, NO_COPILOT_HINT);
  return undefined;
}

/** One of `quota_snapshots`: a monthly allowance, or unlimited. */
export interface CopilotQuota {
  quota: string;
  entitlement: number | null;
  remaining: number | null;
  unlimited: boolean;
  /** Past the allowance: billed as overage, refused, or null when GitHub does not say. */
  overage: 'billed' | 'refused' | null;
  overageCount: number | null;
}

export interface CopilotUsage {
  plan: string | null;
  resetsAt: string | null;
  quotas: CopilotQuota[];
  windows: UsageWindow[];
}

const NAMES: Record<string, string> = { premium_interactions: 'premium', chat: 'chat', completions: 'completions' };
const LABELS: Record<string, string> = { premium: 'premium requests' };
const label = (w: string) => LABELS[w] ?? w;

function usedPercent(s: Record<string, unknown>, entitlement: number | null, remaining: number | null): number | null {
  // A negative remainder is overage: more than 100 % used.
  if (entitlement !== null && entitlement > 0 && remaining !== null) return ((entitlement - remaining) / entitlement) * 100;
  const left = finite(s.percent_remaining);
  return left === null ? null : 100 - left;
}

/**
 * `copilot_plan`, `quota_reset_date(_utc)`, `quota_snapshots.{premium_interactions, chat, completions}.
 * {entitlement, remaining, percent_remaining, unlimited, overage_permitted, overage_count}`; the free
 * plan's older `monthly_quotas` (allowances) and `limited_user_quotas` (what is left) are read too.
 * Null when the body is none of these.
 */
export function parseUser(data: unknown): CopilotUsage | null {
  if (!isObject(data)) return null;
  const snapshots = isObject(data.quota_snapshots) ? data.quota_snapshots : undefined;
  const monthly = isObject(data.monthly_quotas) ? data.monthly_quotas : undefined;
  if (!snapshots && !monthly && typeof data.copilot_plan !== 'string' && typeof data.access_type_sku !== 'string') return null;
  const plan = typeof data.copilot_plan === 'string' ? (serverText(data.copilot_plan, 40) ?? null) : null;
  const resetsAt = isoTime(data.quota_reset_date_utc) ?? isoTime(data.quota_reset_date) ?? isoTime(data.limited_user_reset_date);
  const quotas: CopilotQuota[] = [];
  const windows: UsageWindow[] = [];
  const add = (key: string, s: Record<string, unknown>, entitlement: number | null, remaining: number | null) => {
    const quota = NAMES[key] ?? serverText(key, 40) ?? 'quota';
    const unlimited = s.unlimited === true;
    const overage = typeof s.overage_permitted === 'boolean' ? (s.overage_permitted ? 'billed' : 'refused') : null;
    quotas.push({ quota, entitlement, remaining, unlimited, overage, overageCount: finite(s.overage_count) });
    const used = unlimited ? null : usedPercent(s, entitlement, remaining);
    if (used !== null) windows.push({ window: quota, usedPercent: round1(used), resetsAt });
  };
  const keys = Object.keys(snapshots ?? monthly ?? {}).sort((a, b) => rank(a) - rank(b));
  for (const key of keys) {
    if (snapshots) {
      const s = snapshots[key];
      if (isObject(s)) add(key, s, finite(s.entitlement), finite(s.remaining));
    } else {
      const left = isObject(data.limited_user_quotas) ? finite(data.limited_user_quotas[key]) : null;
      add(key, {}, finite(monthly![key]), left);
    }
  }
  return { plan, resetsAt, quotas, windows };
}

function rank(key: string): number {
  const i = Object.keys(NAMES).indexOf(key);
  return i === -1 ? 99 : i;
}

/** The fullest window decides; past 100 % the hint says whether GitHub bills or refuses what comes next. */
export function usageOutcome(ex: Answer, u: CopilotUsage): ProviderOutcome<QuotaCode> {
  const data = { plan: u.plan, quotas: u.quotas };
  const unlimited = u.quotas.filter((q) => q.unlimited).map((q) => label(q.quota));
  const plan = `Copilot${u.plan ? ` ${u.plan}` : ''}`;
  const also = unlimited.length ? `unlimited ${unlimited.join(', ')}` : '';
  const o = windowsOutcome(ex, u.windows, data, { label, prefix: `${plan}${also ? `, ${also}` : ''}: `, none: `${plan}: ${also || 'no quotas reported'}` });
  if (o.code !== 'limit_reached') return o;
  const worst = u.windows.reduce((a, w) => (w.usedPercent > a.usedPercent ? w : a));
  const q = u.quotas.find((x) => x.quota === worst.window);
  if (q?.overage) {
    const resets = u.resetsAt ? ` on ${u.resetsAt.slice(0, 10)}` : '';
    const count = q.overageCount ? ` (${q.overageCount} so far)` : '';
    o.hint =
      q.overage === 'billed'
        ? `The monthly allowance is used up: further ${label(q.quota)} are billed as overage${count}. It resets${resets || ' next month'}.`
        : `The monthly allowance is used up and overage is off: ${label(q.quota)} are refused until it resets${resets}, or until paid overage is enabled in GitHub’s Copilot settings.`;
  }
  return o;
}

function validity(ex: Exchange): ProviderOutcome<ValidityCode> {
  return validityFromExchange(ex, USER, T, { invalidHint: INVALID_HINT, own }, (d) => parseUser(d) !== null);
}

export function userQuota(ex: Exchange): ProviderOutcome<QuotaCode> {
  // GitHub's rate limit may be a 403: checked before the shared mapping calls a 403 a missing scope.
  if (!ex.ok && ex.failure.type === 'http' && isRateLimit(ex.failure)) return outcome(ex, 'error', 'rate_limited', `${USER}: GitHub’s rate limit is reached`, 'Try again once it resets.');
  return quotaFromExchange(ex, USER, T, (answer) => {
    const u = parseUser(answer.data);
    return u ? usageOutcome(answer, u) : wrongShape(answer, USER, T);
  });
}

/** A refresh token (`ghr_`) can call nothing: never sent. */
const refine: Refine = (c, shape) =>
  shape?.kind === 'refresh_token'
    ? result(
        'refresh_token',
        c.value,
        'fail',
        'refresh_token_not_access_token',
        'this is a GitHub App refresh token, not a token that can call the API; it was not sent',
        'Store the access token (ghu_…/gho_…) of the Copilot sign-in; the refresh token belongs to the app that owns the login.',
      )
    : c;

const TOKEN: KindCapability = {
  family: 'github',
  validity: async (ctx, c) => validity(await user(ctx, c)),
  // The validity probe made this request: the run's cache answers it.
  quota: async (ctx, c) => userQuota(await user(ctx, c)),
  inference: PLAN_INFERENCE,
};

const CAPABILITIES = everyKindAs(TOKEN);

export const githubCopilot = tableModule(githubCopilotMeta, CAPABILITIES, refine);
