// Moonshot (Kimi open platform): GET /users/me/balance answers validity and quota at once, spending
// nothing. Keys are bound to a region, and the answer names no currency: the region says it.

import type { CheckOutcome, QuotaCode, ValidityCode } from '../../types.js';
import { sendHttp, type Answer, type Exchange } from '../exchange.js';
import { finite, isObject, wrongShape, type Target } from '../outcomes.js';
import { bearer, chatInference, validityFromExchange } from '../openai-style.js';
import { bodyErrorValidity, type BodyError } from '../plan.js';
import { balanceOutcome, quotaFromExchange } from '../quota.js';
import { everyKindAs, type KindCapability, tableModule } from '../table.js';
import type { ClassifiedCredential, ProbeContext } from '../types.js';
import { moonshotMeta } from './meta.js';

const T: Target = { meta: moonshotMeta, family: 'moonshot' };
const BALANCE = 'GET /users/me/balance';
const BILLING_HINT = 'Top up the balance at the Moonshot console; the key itself is fine.';

interface Region {
  currency: string;
  console: string;
  /** The other region's API host: a key made there answers 401 here. */
  other: string;
  otherConsole: string;
}

const REGIONS: Readonly<Record<string, Region>> = {
  'api.moonshot.ai': { currency: 'USD', console: 'platform.moonshot.ai', other: 'api.moonshot.cn', otherConsole: 'platform.moonshot.cn' },
  'api.moonshot.cn': { currency: 'CNY', console: 'platform.moonshot.cn', other: 'api.moonshot.ai', otherConsole: 'platform.moonshot.ai' },
};

/** The region a base URL is, or undefined for any other host (a relay, a gateway, a simulator). */
export function regionOf(baseUrl: string): Region | undefined {
  try {
    return REGIONS[new URL(baseUrl).hostname];
  } catch {
    return undefined;
  }
}

export function invalidHint(baseUrl: string): string {
  const r = regionOf(baseUrl);
  if (!r) return 'The key was deleted or mistyped, or belongs to the other region (keys of platform.moonshot.ai work only at api.moonshot.ai, those of platform.moonshot.cn only at api.moonshot.cn).';
  return `Moonshot keys work only in their own region: a key made on ${r.otherConsole} needs MOONSHOT_BASE_URL=https://${r.other}/v1. Otherwise it was deleted or mistyped: create a new one at ${r.console}.`;
}

function balance(ctx: ProbeContext, c: ClassifiedCredential): Promise<Exchange> {
  return sendHttp(ctx, { method: 'GET', base: ctx.baseUrls.moonshot!, path: '/users/me/balance', headers: bearer(c.classification.value) });
}

export interface Balance {
  available: number;
  cash: number | null;
  voucher: number | null;
}

/** `{ code: 0, status: true, data: { available_balance, voucher_balance, cash_balance } }`; null for any other shape. */
export function parseBalance(body: unknown): Balance | null {
  if (!isObject(body) || !isObject(body.data) || bodyError(body)) return null;
  const available = finite(body.data.available_balance);
  return available === null ? null : { available, cash: finite(body.data.cash_balance), voucher: finite(body.data.voucher_balance) };
}

/** An error carried in a 200 body (`status: false` or a non-zero `code`): undocumented, so never a verdict on the key. */
function bodyError(body: Record<string, unknown>): boolean {
  return body.status === false || (body.code !== undefined && body.code !== 0 && body.code !== '0');
}

/** Moonshot documents no codes for these: each is one authdoctor does not know. */
function inBodyError(answer: Answer): BodyError | undefined {
  if (!isObject(answer.data) || !bodyError(answer.data)) return undefined;
  const message = typeof answer.data.message === 'string' ? answer.data.message : undefined;
  return { class: 'other', code: String(answer.data.code ?? '?'), ...(message ? { message } : {}) };
}

export async function moonshotValidity(ctx: ProbeContext, c: ClassifiedCredential): Promise<CheckOutcome<ValidityCode>> {
  const ex = await balance(ctx, c);
  const invalid = invalidHint(ctx.baseUrls.moonshot!);
  const odd = ex.ok ? inBodyError(ex) : undefined;
  // Every class but 'other' is unused here; bodyErrorValidity asks for their hints all the same.
  if (ex.ok && odd) return bodyErrorValidity(ex, odd, BALANCE, T, { invalid, billing: BILLING_HINT });
  return validityFromExchange(ex, BALANCE, T, { invalidHint: invalid }, (d) => parseBalance(d) !== null);
}

export async function moonshotQuota(ctx: ProbeContext, c: ClassifiedCredential): Promise<CheckOutcome & { code: QuotaCode }> {
  // The validity probe made this request: the run's cache answers it.
  return quotaFromExchange(await balance(ctx, c), BALANCE, T, (answer) => {
    // An error in the body never gets here: validity did not pass it.
    const b = parseBalance(answer.data);
    if (!b) return wrongShape(answer, BALANCE, T);
    const currency = regionOf(ctx.baseUrls.moonshot!)?.currency ?? null;
    const parts = { ...(b.cash !== null ? { cashBalance: b.cash } : {}), ...(b.voucher !== null ? { voucherBalance: b.voucher } : {}) };
    return balanceOutcome(answer, [{ amount: b.available, currency }], true, parts);
  });
}

const KEY: KindCapability = {
  family: 'moonshot',
  validity: moonshotValidity,
  quota: moonshotQuota,
  // Named, not picked from the list: no model name says "cheap", and moonshot-v1-8k costs least.
  inference: (ctx, c) =>
    chatInference(
      ctx,
      T,
      c.classification.value,
      {
        invalidHint: invalidHint(ctx.baseUrls.moonshot!),
        // Moonshot refuses inference on an empty balance with a 429 of this type, not a 402.
        noCredit: (f) => f.status === 402 || f.errorType === 'exceeded_current_quota_error',
      },
      'moonshot-v1-8k',
    ),
};

const CAPABILITIES = everyKindAs(KEY);

export const moonshot = tableModule(moonshotMeta, CAPABILITIES);
