// What the many providers that speak OpenAI's HTTP API share: a bearer key, `GET /models` to prove
// it, `POST /chat/completions` with one token for --inference, and error bodies shaped
// `{ error: { message, type, code } }`. A provider folder uses these and maps what is its own.

import type { HttpFailure } from '../net/failure.js';
import type { CheckOutcome, InferenceCode, ValidityCode } from '../types.js';
import { sendHttp, type Exchange, type HttpSpec, type Refusal } from './exchange.js';
import { describeHttp, isObject, outcome, pageInsteadOfApi, throttled, undecided, wrongShape, type Target } from './outcomes.js';
import type { ProbeContext } from './types.js';

export function bearer(value: string): Record<string, string> {
  return { authorization: `Bearer ${value}` };
}

/** `GET {base}/models` with a bearer key: the cheapest proof an OpenAI-style key works. */
export function modelsSpec(ctx: ProbeContext, t: Target, value: string): HttpSpec {
  return { method: 'GET', base: ctx.baseUrls[t.family]!, path: '/models', headers: bearer(value) };
}

/** The answer's shape that proves the API itself answered. */
function isModelList(data: unknown): boolean {
  return isObject(data) && Array.isArray(data.data);
}

export interface ValidityMapping {
  /** What "rejected" means for this kind, in words a person can act on. */
  invalidHint: string;
  /** A restricted key's missing scope (OpenAI's `Missing scopes: …`) is permission_denied, whatever the status. */
  restricted?: (message: string) => boolean;
  /** A provider's own answers, checked before the shared mapping (service_blocked, region hints …). */
  own?: (ex: Refusal & { failure: HttpFailure }) => CheckOutcome<ValidityCode> | undefined;
}

/**
 * Maps the answer to a validity probe. 401 is the credential itself; 403 and 402 are an
 * authenticated credential refused this request; 429 is throttled; the rest cannot decide.
 */
export function validityFromExchange(
  ex: Exchange,
  what: string,
  t: Target,
  m: ValidityMapping,
  accepts: (data: unknown) => boolean = isModelList,
): CheckOutcome<ValidityCode> {
  if (ex.ok) return accepts(ex.data) ? outcome(ex, 'pass', 'authenticated', `accepted by ${what}`) : wrongShape(ex, what, t);
  const f = ex.failure;
  if (f.type === 'transport') return undecided(ex, what, t);
  const page = pageInsteadOfApi(ex, what, t);
  if (page) return page;
  const own = m.own?.({ ...ex, failure: f });
  if (own) return own;
  if (m.restricted?.(f.message ?? '')) {
    return outcome(ex, 'warn', 'permission_denied', `authenticated, but this restricted key may not make ${what} (${describeHttp(f)})`, 'The key works; give it the permission named above if a tool needs this request.');
  }
  switch (f.status) {
    case 401:
      return outcome(ex, 'fail', 'invalid_credential', `rejected by ${what} (${describeHttp(f)})`, m.invalidHint);
    case 402:
      return outcome(ex, 'warn', 'permission_denied', `authenticated, but billing blocks requests (${describeHttp(f)})`, `Check billing and credits in your ${t.meta.displayName} account.`);
    case 403:
      return outcome(ex, 'warn', 'permission_denied', `authenticated, but ${what} was refused (${describeHttp(f)})`, 'The key works but lacks permission for this request; check its project, role or restrictions.');
    case 429:
      return throttled({ ...ex, failure: f });
    default:
      return undecided(ex, what, t);
  }
}

/** Model ids from an OpenAI-style list. */
export function modelIds(data: unknown): string[] | null {
  if (!isModelList(data)) return null;
  return (data as { data: unknown[] }).data.flatMap((m) => (isObject(m) && typeof m.id === 'string' ? [m.id] : []));
}

/** Words in model ids that mean "small and cheap", best first; chat models only. */
const CHEAP = ['nano', 'mini', 'ministral', '1b', '3b', 'flash-lite', 'lite', 'flash', 'small', 'haiku', 'instant', '8b', 'chat'];
const NOT_CHAT = /embed|whisper|tts|dall-e|image|audio|realtime|moderation|transcri|search|rerank|guard|vision-preview|ocr/i;

/** The cheapest-looking chat model of a list; names decide, as no list carries prices. */
export function cheapestModel(ids: readonly string[]): string | undefined {
  const chat = ids.filter((id) => !NOT_CHAT.test(id));
  // Whole words of the id only: `gemini` is no `mini`, `minimax` neither.
  const words = (id: string) => id.toLowerCase().split(/[-_./:]/);
  const rank = (id: string) => {
    const w = words(id);
    const i = CHEAP.findIndex((cheap) => (cheap.includes('-') ? id.toLowerCase().includes(cheap) : w.includes(cheap)));
    return i === -1 ? CHEAP.length : i;
  };
  return [...chat].sort((a, b) => rank(a) - rank(b) || a.length - b.length || a.localeCompare(b))[0];
}

export interface InferenceMapping {
  /** An answer meaning "no money left" (HTTP 402, OpenAI's `insufficient_quota`). */
  noCredit?: (f: HttpFailure) => boolean;
  /** An answer meaning a spend cap or key limit is used up. */
  spendLimit?: (f: HttpFailure) => boolean;
  /** A restricted key's missing scope: permission_denied, whatever the status (as for validity). */
  restricted?: (message: string) => boolean;
  /** A provider's own answers, checked before the shared mapping (as for validity). */
  own?: (ex: Refusal & { failure: HttpFailure }) => CheckOutcome<InferenceCode> | undefined;
  invalidHint: string;
}

export function inferenceFromExchange(ex: Exchange, what: string, t: Target, m: InferenceMapping): CheckOutcome<InferenceCode> {
  if (ex.ok) {
    if (!isObject(ex.data) || !Array.isArray(ex.data.choices)) return wrongShape(ex, what, t);
    const usage = isObject(ex.data.usage) ? ex.data.usage : {};
    const tokens = Object.fromEntries(['prompt_tokens', 'completion_tokens'].flatMap((k) => (typeof usage[k] === 'number' ? [[k, usage[k]]] : [])));
    return outcome(ex, 'pass', 'inference_ok', `${what} succeeded`, undefined, Object.keys(tokens).length ? { usage: tokens } : undefined);
  }
  const f = ex.failure;
  if (f.type === 'transport') return undecided(ex, what, t);
  const page = pageInsteadOfApi(ex, what, t);
  if (page) return page;
  const own = m.own?.({ ...ex, failure: f });
  if (own) return own;
  if (m.noCredit?.(f) ?? f.status === 402) {
    return outcome(ex, 'fail', 'credit_balance_too_low', `the key works but the account has no credit left (${describeHttp(f)})`, `Add credit in your ${t.meta.displayName} account.`);
  }
  if (m.spendLimit?.(f)) return outcome(ex, 'fail', 'spend_limit_reached', `a spend limit is reached (${describeHttp(f)})`, 'Raise the limit, or wait until it resets.');
  if (m.restricted?.(f.message ?? '')) {
    return outcome(ex, 'warn', 'permission_denied', `authenticated, but this restricted key may not run inference (${describeHttp(f)})`, 'Give the key the model request permission if a tool needs it.');
  }
  switch (f.status) {
    case 401:
      return outcome(ex, 'fail', 'invalid_credential', `rejected (${describeHttp(f)})`, m.invalidHint);
    case 403:
      return outcome(ex, 'warn', 'permission_denied', `authenticated, but inference was refused (${describeHttp(f)})`, 'Check the key’s model access and restrictions.');
    case 429:
      return throttled({ ...ex, failure: f });
    default:
      return undecided(ex, what, t);
  }
}

/**
 * --inference the OpenAI way: the cheapest chat model the provider lists, one token.
 * `model` skips the list when the provider has an obvious cheapest model.
 */
export async function chatInference(ctx: ProbeContext, t: Target, value: string, m: InferenceMapping, model?: string): Promise<CheckOutcome<InferenceCode>> {
  let chosen = model;
  if (!chosen) {
    const list = await sendHttp(ctx, modelsSpec(ctx, t, value));
    const what = 'GET /models (to pick the cheapest model)';
    if (!list.ok) return inferenceFromExchange(list, what, t, m);
    const ids = modelIds(list.data);
    if (!ids) return wrongShape(list, what, t);
    chosen = cheapestModel(ids);
    if (!chosen) return outcome(list, 'error', 'unexpected_response', 'the models list has no chat model to test with', 'Check which models this key may use.');
  }
  const spec: HttpSpec = {
    method: 'POST',
    base: ctx.baseUrls[t.family]!,
    path: '/chat/completions',
    headers: bearer(value),
    body: { model: chosen, max_tokens: 1, messages: [{ role: 'user', content: 'Hi' }] },
  };
  return inferenceFromExchange(await sendHttp(ctx, spec), `POST /chat/completions (${chosen}, max_tokens 1)`, t, m);
}
