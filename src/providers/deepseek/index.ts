// DeepSeek: one call answers validity and quota, spending nothing: GET /user/balance.

import type { QuotaCode } from '../../types.js';
import { sendHttp, type Exchange } from '../exchange.js';
import { finite, isObject, wrongShape, type Target } from '../outcomes.js';
import { bearer, chatInference, validityFromExchange } from '../openai-style.js';
import { balanceOutcome, quotaFromExchange, type Money } from '../quota.js';
import { everyKindAs, type KindCapability, tableModule } from '../table.js';
import type { ClassifiedCredential, ProbeContext, ProviderOutcome } from '../types.js';
import { deepseekMeta } from './meta.js';

const T: Target = { meta: deepseekMeta, family: 'deepseek' };
const BALANCE = 'GET /user/balance';
const INVALID_HINT = 'The key was deleted or mistyped: create a new one at platform.deepseek.com (API keys).';

/** DeepSeek documents `https://api.deepseek.com/v1` as its OpenAI-style base URL too; the balance lives at the root. */
export function balanceBase(base: string): string {
  return base.replace(/\/v1\/?$/, '');
}

function balance(ctx: ProbeContext, c: ClassifiedCredential): Promise<Exchange> {
  return sendHttp(ctx, { method: 'GET', base: balanceBase(ctx.baseUrls.deepseek!), path: '/user/balance', headers: bearer(c.classification.value) });
}

interface Balance {
  available: boolean;
  balances: Money[];
}

/** `{ is_available, balance_infos: [{ currency, total_balance, … }] }`; amounts arrive as strings. */
export function parseBalance(data: unknown): Balance | null {
  if (!isObject(data) || typeof data.is_available !== 'boolean' || !Array.isArray(data.balance_infos)) return null;
  const balances = data.balance_infos.flatMap((b) => {
    const amount = isObject(b) ? finite(b.total_balance) : null;
    return amount === null ? [] : [{ amount, currency: isObject(b) && typeof b.currency === 'string' ? b.currency : null }];
  });
  return { available: data.is_available, balances };
}

export function balanceQuota(ex: Exchange): ProviderOutcome<QuotaCode> {
  return quotaFromExchange(ex, BALANCE, T, (answer) => {
    const parsed = parseBalance(answer.data);
    return parsed ? balanceOutcome(answer, parsed.balances, parsed.available) : wrongShape(answer, BALANCE, T);
  });
}

/** A key, whatever its shape says: the balance call answers validity and quota at once. */
const KEY: KindCapability = {
  family: 'deepseek',
  validity: async (ctx, c) => validityFromExchange(await balance(ctx, c), BALANCE, T, { invalidHint: INVALID_HINT }, (d) => parseBalance(d) !== null),
  // The validity probe made this request: the run's cache answers it.
  quota: async (ctx, c) => balanceQuota(await balance(ctx, c)),
  // DeepSeek lists two models; deepseek-chat is the cheaper.
  inference: (ctx, c) => chatInference(ctx, T, c.classification.value, { invalidHint: INVALID_HINT }, 'deepseek-chat'),
};

const CAPABILITIES = everyKindAs(KEY);

export const deepseek = tableModule(deepseekMeta, CAPABILITIES);
