// A ChatGPT/Codex login: GET {chatgpt}/wham/usage with the access token and the ChatGPT account id
// answers validity and quota at once (the plan's 5-hour and weekly windows, its credits), spending
// nothing. The Codex CLI and openclaw own the login: it is never refreshed here.

import type { QuotaCode, ValidityCode } from '../../types.js';
import { sendHttp, type Exchange } from '../exchange.js';
import { describeHttp, finite, isObject, outcome, wrongShape, type Target } from '../outcomes.js';
import { bearer, validityFromExchange } from '../openai-style.js';
import { durationLabel, durationName } from '../plan.js';
import { quotaFromExchange, round1, windowsOutcome, type UsageWindow } from '../quota.js';
import type { ClassifiedCredential, ProbeContext, ProviderOutcome } from '../types.js';
import { chatgptLogin } from './login.js';
import { openaiMeta } from './meta.js';

const T: Target = { meta: openaiMeta, family: 'chatgpt' };
const USAGE = 'GET /wham/usage';
const SIGN_IN_AGAIN = 'Sign in again in the app that owns this login (`codex login`, or openclaw’s login for this profile).';

/** The account id sent as ChatGPT-Account-Id: the one stored beside the token, else the token's own. */
export function accountIds(c: ClassifiedCredential): { stored?: string; token?: string; mismatch: boolean } {
  const stored = c.metadata.accountId?.trim() || undefined;
  const token = chatgptLogin(c.classification.value)?.accountId;
  return { ...(stored ? { stored } : {}), ...(token ? { token } : {}), mismatch: stored !== undefined && token !== undefined && stored !== token };
}

/**
 * openclaw's configured base for its ChatGPT logins is the Codex inference API (`…/backend-api/codex`);
 * the usage endpoint lives beside it, under `…/backend-api`.
 */
export function usageBase(base: string): string {
  return base.replace(/\/codex\/?$/, '');
}

function usage(ctx: ProbeContext, c: ClassifiedCredential): Promise<Exchange> {
  const { stored, token } = accountIds(c);
  const account = stored ?? token;
  return sendHttp(ctx, {
    method: 'GET',
    base: usageBase(ctx.baseUrls.chatgpt!),
    path: '/wham/usage',
    headers: { ...bearer(c.classification.value), ...(account ? { 'chatgpt-account-id': account } : {}) },
  });
}

export interface Credits {
  hasCredits: boolean | null;
  unlimited: boolean | null;
  balance: number | null;
}

export interface WhamUsage {
  windows: UsageWindow[];
  plan: string | null;
  credits: Credits | null;
  /** The API's own word that a limit is reached, whatever the percentages say. */
  limitReached: boolean;
}

/** `18000` → `5h`, `604800` → `7d`: the window's length names it. */
export function windowName(seconds: number | null, fallback: string): string {
  return seconds === null || seconds <= 0 ? fallback : durationName(seconds / 60);
}

function window(raw: unknown, fallback: string, now: Date): UsageWindow | null {
  if (!isObject(raw)) return null;
  const used = finite(raw.used_percent);
  if (used === null) return null;
  const resetAt = finite(raw.reset_at);
  const after = finite(raw.reset_after_seconds);
  const resetsAt = resetAt !== null ? new Date(resetAt * 1000) : after !== null ? new Date(now.getTime() + after * 1000) : null;
  return {
    window: windowName(finite(raw.limit_window_seconds), fallback),
    usedPercent: round1(used),
    resetsAt: resetsAt && !Number.isNaN(resetsAt.getTime()) ? resetsAt.toISOString().replace(/\.000Z$/, 'Z') : null,
  };
}

/**
 * `{ plan_type, rate_limit: { allowed, limit_reached, primary_window, secondary_window }, credits:
 * { has_credits, unlimited, balance } }`; null when the body has none of it (not this API).
 */
export function parseWhamUsage(body: unknown, now: Date): WhamUsage | null {
  if (!isObject(body) || (!isObject(body.rate_limit) && typeof body.plan_type !== 'string')) return null;
  const rl = isObject(body.rate_limit) ? body.rate_limit : {};
  const windows = [window(rl.primary_window, '5h', now), window(rl.secondary_window, '7d', now)].filter((w): w is UsageWindow => w !== null);
  const c = isObject(body.credits) ? body.credits : undefined;
  const bool = (v: unknown) => (typeof v === 'boolean' ? v : null);
  return {
    windows,
    plan: typeof body.plan_type === 'string' && body.plan_type ? body.plan_type : null,
    credits: c ? { hasCredits: bool(c.has_credits), unlimited: bool(c.unlimited), balance: finite(c.balance) } : null,
    limitReached: rl.limit_reached === true || rl.allowed === false,
  };
}

export async function chatgptValidity(ctx: ProbeContext, c: ClassifiedCredential): Promise<ProviderOutcome<ValidityCode>> {
  if (accountIds(c).mismatch) {
    return {
      status: 'fail',
      code: 'account_mismatch',
      summary: 'the ChatGPT account id stored beside this token is not the account the token was issued for; nothing was sent',
      hint: `The login file mixes two sign-ins. ${SIGN_IN_AGAIN}`,
    };
  }
  const ex = await usage(ctx, c);
  return validityFromExchange(
    ex,
    USAGE,
    T,
    {
      invalidHint: `The ChatGPT login is no longer valid. ${SIGN_IN_AGAIN}`,
      // A 403 from ChatGPT's backend that is no bot wall (checked first) refuses this request, not the login.
      own: (r) => {
        const f = r.failure;
        if (f.status !== 401) return undefined;
        if (f.errorCode === 'token_expired') {
          return outcome(r, 'fail', 'invalid_credential', `ChatGPT says the login token has expired (${describeHttp(f)})`, `Run Codex once (it renews its login), or: ${SIGN_IN_AGAIN}`);
        }
        if (f.errorCode === 'token_invalidated' || f.errorCode === 'token_revoked') {
          return outcome(r, 'fail', 'invalid_credential', `ChatGPT invalidated this login (${describeHttp(f)}): signed out, or signed in elsewhere`, SIGN_IN_AGAIN);
        }
        return undefined;
      },
    },
    (d) => parseWhamUsage(d, ctx.now()) !== null,
  );
}

export async function chatgptQuota(ctx: ProbeContext, c: ClassifiedCredential): Promise<ProviderOutcome<QuotaCode>> {
  // The validity probe made this request: the run's cache answers it.
  return quotaFromExchange(await usage(ctx, c), USAGE, T, (answer) => {
    const parsed = parseWhamUsage(answer.data, ctx.now());
    if (!parsed) return wrongShape(answer, USAGE, T);
    const data: Record<string, unknown> = { plan: parsed.plan, ...(parsed.credits ? { credits: parsed.credits } : {}) };
    const result = windowsOutcome(answer, parsed.windows, data, { label: durationLabel, prefix: parsed.plan ? `ChatGPT ${parsed.plan} plan: ` : '' });
    if (parsed.limitReached && result.code !== 'limit_reached') {
      return { ...result, status: 'warn', code: 'limit_reached', summary: `ChatGPT says a usage limit is reached (${result.summary})`, hint: 'Codex requests are refused until the window resets, or until credits are added.' };
    }
    return result;
  });
}
