// OpenRouter: GET /key answers validity and the key's own spending limit in one call, and says
// whether the key is a management key (which may not run inference but may read the account's
// credits). A per-key limit explains refusals no inference error names: quota shows it.

import type { CredentialKind, QuotaCode, ValidityCode } from '../../types.js';
import { sendHttp, type Exchange } from '../exchange.js';
import { finite, isObject, outcome, wrongShape, type Target } from '../outcomes.js';
import { bearer, chatInference, inferenceFromExchange, validityFromExchange, type InferenceMapping } from '../openai-style.js';
import { balanceOutcome, keyLimitOutcome, quotaFromExchange, type KeyLimit } from '../quota.js';
import { NEVER_SENT, notApplicable, tableModule, type KindCapability } from '../table.js';
import type { ClassifiedCredential, ProbeContext, ProviderOutcome } from '../types.js';
import { openrouterMeta } from './meta.js';

const T: Target = { meta: openrouterMeta, family: 'openrouter' };
const KEY = 'GET /key';
const CREDITS = 'GET /credits';
const INVALID_HINT = 'The key was deleted, disabled or mistyped: check it at openrouter.ai/settings/keys.';
/** OpenRouter's amounts are US dollars. */
const USD = 'USD';

const get = (path: string) => (ctx: ProbeContext, c: ClassifiedCredential): Promise<Exchange> =>
  sendHttp(ctx, { method: 'GET', base: ctx.baseUrls.openrouter!, path, headers: bearer(c.classification.value) });
const keyInfo = get('/key');
const credits = get('/credits');
const modelList = get('/models');

export interface KeyInfo {
  keyLimit: KeyLimit;
  /** A management (formerly "provisioning") key: admin endpoints only. */
  management: boolean;
}

/** `{ data: { limit, limit_remaining, limit_reset, usage, usage_daily, usage_weekly, usage_monthly, is_management_key } }`. */
export function parseKeyInfo(body: unknown): KeyInfo | null {
  if (!isObject(body) || !isObject(body.data)) return null;
  const d = body.data;
  const limit = finite(d.limit);
  const resetsEvery = typeof d.limit_reset === 'string' && d.limit_reset ? d.limit_reset : null;
  const total = finite(d.usage);
  // Older answers carry no limit_remaining: a limit that never resets has what total usage left of it.
  const remaining = finite(d.limit_remaining) ?? (limit !== null && resetsEvery === null && total !== null ? limit - total : null);
  return {
    keyLimit: { limit, remaining, resetsEvery, usage: { day: finite(d.usage_daily), week: finite(d.usage_weekly), month: finite(d.usage_monthly) }, currency: USD },
    management: d.is_management_key === true || d.is_provisioning_key === true,
  };
}

async function validity(ctx: ProbeContext, c: ClassifiedCredential): Promise<ProviderOutcome<ValidityCode>> {
  const ex = await keyInfo(ctx, c);
  const result = validityFromExchange(ex, KEY, T, { invalidHint: INVALID_HINT }, (d) => parseKeyInfo(d) !== null);
  const info = ex.ok ? parseKeyInfo(ex.data) : null;
  // Only the answer tells a management key from an inference key: the run takes the kind from here.
  if (info?.management) return { ...result, summary: `${result.summary} (a management key)`, credentialKind: 'admin_key' };
  return result;
}

async function keyLimitQuota(ctx: ProbeContext, c: ClassifiedCredential): Promise<ProviderOutcome<QuotaCode>> {
  // The validity probe made this request: the run's cache answers it.
  return quotaFromExchange(await keyInfo(ctx, c), KEY, T, (answer) => {
    const info = parseKeyInfo(answer.data);
    return info ? keyLimitOutcome(answer, info.keyLimit) : wrongShape(answer, KEY, T);
  });
}

/** `{ data: { total_credits, total_usage } }` → what is left. */
export function parseCredits(body: unknown): { total: number; used: number } | null {
  const d = isObject(body) && isObject(body.data) ? body.data : undefined;
  const total = finite(d?.total_credits);
  const used = finite(d?.total_usage);
  return total === null || used === null ? null : { total, used };
}

/**
 * A management key: the account's balance from GET /credits. Whether other keys may read it is
 * unconfirmed; were a management key refused, its own key limit from GET /key is still worth showing.
 */
async function balanceQuota(ctx: ProbeContext, c: ClassifiedCredential): Promise<ProviderOutcome<QuotaCode>> {
  const ex = await credits(ctx, c);
  if (!ex.ok && ex.failure.type === 'http' && (ex.failure.status === 401 || ex.failure.status === 403)) return keyLimitQuota(ctx, c);
  return quotaFromExchange(ex, CREDITS, T, (answer) => {
    const parsed = parseCredits(answer.data);
    if (!parsed) return wrongShape(answer, CREDITS, T);
    const amount = Math.round((parsed.total - parsed.used) * 1e6) / 1e6;
    return balanceOutcome(answer, [{ amount, currency: USD }]);
  });
}

export interface PricedModel {
  id: string;
  /** Dollars per token, prompt plus completion. */
  price: number;
}

/** The cheapest paid text model of GET /models: a free one would prove nothing about credit. */
export function cheapestPaidModel(body: unknown): string | undefined {
  if (!isObject(body) || !Array.isArray(body.data)) return undefined;
  const priced: PricedModel[] = body.data.flatMap((m) => {
    if (!isObject(m) || typeof m.id !== 'string' || !isObject(m.pricing)) return [];
    const arch = isObject(m.architecture) ? m.architecture : {};
    const outputs = Array.isArray(arch.output_modalities) ? arch.output_modalities : typeof arch.modality === 'string' ? [arch.modality.split('->')[1]] : ['text'];
    if (!outputs.includes('text')) return [];
    const price = (finite(m.pricing.prompt) ?? NaN) + (finite(m.pricing.completion) ?? NaN);
    return Number.isFinite(price) && price > 0 ? [{ id: m.id, price }] : [];
  });
  return priced.sort((a, b) => a.price - b.price || a.id.localeCompare(b.id))[0]?.id;
}

const INFERENCE: InferenceMapping = {
  invalidHint: INVALID_HINT,
  // 403 "Key limit exceeded (monthly limit)": the key's own cap, not the account's credit (402).
  spendLimit: (f) => f.status === 403 && /key limit exceeded/i.test(f.message ?? ''),
};

const API_KEY: KindCapability = {
  family: 'openrouter',
  validity,
  quota: keyLimitQuota,
  inference: async (ctx, c) => {
    const list = await modelList(ctx, c);
    if (!list.ok) return inferenceFromExchange(list, 'GET /models (to pick the cheapest model)', T, INFERENCE);
    const model = cheapestPaidModel(list.data);
    if (!model) return outcome(list, 'error', 'unexpected_response', 'the models list has no priced text model to test with', 'Check which models this key may use.');
    return chatInference(ctx, T, c.classification.value, INFERENCE, model);
  },
};

const CAPABILITIES = {
  api_key: API_KEY,
  admin_key: { family: 'openrouter', validity, quota: balanceQuota, inference: notApplicable('a management key cannot call completion endpoints') },
  oauth_token: API_KEY,
  setup_token: API_KEY,
  refresh_token: NEVER_SENT,
  unknown: API_KEY,
} as const satisfies Record<CredentialKind, KindCapability>;

export const openrouter = tableModule(openrouterMeta, CAPABILITIES);
