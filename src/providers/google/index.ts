// Google Gemini API keys: GET /v1beta/models?pageSize=1 with x-goog-api-key proves a key. Google
// says what went wrong in `error.details[].reason`, not in the status: a bad key is a 400
// (API_KEY_INVALID), a key refused this API altogether a 403 (SERVICE_DISABLED …). Keys have no
// quota endpoint.

import { result, type Refine } from '../../credentials/classify.js';
import type { CheckOutcome, InferenceCode, ValidityCode } from '../../types.js';
import { sendHttp, type Exchange, type HttpSpec, type Refusal } from '../exchange.js';
import { describeHttp, isObject, outcome, wrongShape, type Target } from '../outcomes.js';
import { cheapestModel, inferenceFromExchange, validityFromExchange, type InferenceMapping } from '../openai-style.js';
import type { HttpFailure } from '../../net/failure.js';
import { everyKindAs, type KindCapability, noQuotaEndpoint, tableModule } from '../table.js';
import type { ClassifiedCredential, ProbeContext } from '../types.js';
import { googleMeta } from './meta.js';

const T: Target = { meta: googleMeta, family: 'google' };
const MODELS = 'GET /v1beta/models';
const INVALID_HINT = 'The key was deleted, restricted away or mistyped: check it at aistudio.google.com/apikey.';
/** The API is refused to this key's project altogether (CONTRACT.md: service_blocked). */
const BLOCKED = new Set(['SERVICE_DISABLED', 'API_KEY_SERVICE_BLOCKED', 'CONSUMER_SUSPENDED']);
/** The key's own restrictions (referrer, IP, app) refuse this caller: the key works where it is allowed. */
const RESTRICTED = /^API_KEY_(HTTP_REFERRER|IP_ADDRESS|ANDROID_APP|IOS_APP)_BLOCKED$/;

const refine: Refine = (c, shape) =>
  shape && !/^AIza[0-9A-Za-z_-]+$/.test(c.value)
    ? result('api_key', c.value, 'fail', 'malformed', 'looks like a damaged Google API key (characters a key never has)', 'Copy the whole key again.')
    : c;

function spec(ctx: ProbeContext, c: ClassifiedCredential, path: string, query?: HttpSpec['query'], body?: unknown): HttpSpec {
  return {
    method: body === undefined ? 'GET' : 'POST',
    base: ctx.baseUrls.google!,
    path,
    ...(query ? { query } : {}),
    headers: { 'x-goog-api-key': c.classification.value },
    ...(body === undefined ? {} : { body }),
  };
}

/** Google's answers that say more than their status; shared by validity and inference. */
function googleOwn(ex: Refusal & { failure: HttpFailure }): CheckOutcome<ValidityCode> | undefined {
  const f = ex.failure;
  if (f.errorCode === 'API_KEY_INVALID') return outcome(ex, 'fail', 'invalid_credential', `Google rejects this key (${describeHttp(f)})`, INVALID_HINT);
  if (f.errorCode && BLOCKED.has(f.errorCode)) {
    return outcome(
      ex,
      'fail',
      'service_blocked',
      `the key is accepted, but the Gemini API is refused to it (${f.errorCode}: ${describeHttp(f)})`,
      f.errorCode === 'SERVICE_DISABLED'
        ? 'Enable the Generative Language API in the key’s Google Cloud project (the message names the project), or create a key in AI Studio.'
        : f.errorCode === 'CONSUMER_SUSPENDED'
          ? 'The key’s Google Cloud project is suspended: see the Cloud console, or create a key in another project.'
          : 'The key’s API restrictions exclude the Generative Language API: allow it in the Cloud console (Credentials → the key → API restrictions).',
    );
  }
  if ((f.errorCode && RESTRICTED.test(f.errorCode)) || (f.status === 400 && /location is not supported/i.test(f.message ?? ''))) {
    return outcome(ex, 'warn', 'permission_denied', `the key works, but not from here (${describeHttp(f)})`, 'The key’s restrictions (referrer, IP address, app) or your region exclude this machine.');
  }
  return undefined;
}

const validity = async (ctx: ProbeContext, c: ClassifiedCredential) =>
  validityFromExchange(await sendHttp(ctx, spec(ctx, c, '/v1beta/models', { pageSize: 1 })), MODELS, T, { invalidHint: INVALID_HINT, own: googleOwn }, (d) => isObject(d) && Array.isArray(d.models));

/** Model ids (`gemini-2.0-flash-lite`) of a list that offer generateContent. */
export function generateModels(body: unknown): string[] | null {
  if (!isObject(body) || !Array.isArray(body.models)) return null;
  return body.models.flatMap((m) =>
    isObject(m) && typeof m.name === 'string' && Array.isArray(m.supportedGenerationMethods) && m.supportedGenerationMethods.includes('generateContent')
      ? [m.name.replace(/^models\//, '')]
      : [],
  );
}

const INFERENCE: InferenceMapping = {
  invalidHint: INVALID_HINT,
  // Google's reasons, as for validity; a key refused the API is no inference code of its own: permission_denied.
  own: (ex) => {
    const f = ex.failure;
    if (f.errorCode === 'API_KEY_INVALID') return outcome(ex, 'fail', 'invalid_credential', `Google rejects this key (${describeHttp(f)})`, INVALID_HINT);
    if (f.errorCode && (BLOCKED.has(f.errorCode) || RESTRICTED.test(f.errorCode))) {
      return outcome(ex, 'warn', 'permission_denied', `the key may not use the Gemini API from here (${describeHttp(f)})`, 'See the validity check above for what to change.');
    }
    return undefined;
  },
};

function generateOutcome(ex: Exchange, what: string): CheckOutcome<InferenceCode> {
  if (ex.ok) {
    if (!isObject(ex.data) || !Array.isArray(ex.data.candidates)) return wrongShape(ex, what, T);
    const u = isObject(ex.data.usageMetadata) ? ex.data.usageMetadata : {};
    const usage = Object.fromEntries(['promptTokenCount', 'candidatesTokenCount'].flatMap((k) => (typeof u[k] === 'number' ? [[k, u[k]]] : [])));
    return outcome(ex, 'pass', 'inference_ok', `${what} succeeded`, undefined, Object.keys(usage).length ? { usage } : undefined);
  }
  return inferenceFromExchange(ex, what, T, INFERENCE);
}

/** --inference: one output token of the cheapest model the key may call generateContent on. */
async function inference(ctx: ProbeContext, c: ClassifiedCredential): Promise<CheckOutcome<InferenceCode>> {
  const list = await sendHttp(ctx, spec(ctx, c, '/v1beta/models', { pageSize: 1000 }));
  const listWhat = `${MODELS} (to pick the cheapest model)`;
  if (!list.ok) return generateOutcome(list, listWhat);
  const ids = generateModels(list.data);
  if (!ids) return wrongShape(list, listWhat, T);
  const model = cheapestModel(ids);
  if (!model) return outcome(list, 'error', 'unexpected_response', 'the models list has no model to test with', 'Check which models this key may use.');
  const body = { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }], generationConfig: { maxOutputTokens: 1 } };
  const ex = await sendHttp(ctx, spec(ctx, c, `/v1beta/models/${encodeURIComponent(model)}:generateContent`, undefined, body));
  return generateOutcome(ex, `POST /v1beta/models/${model}:generateContent (maxOutputTokens 1)`);
}

const KEY: KindCapability = {
  family: 'google',
  validity,
  quota: noQuotaEndpoint('Gemini API keys have no usage or quota endpoint', 'See rate limits and usage in Google AI Studio (aistudio.google.com → Usage) or the Cloud console.'),
  inference,
};

const CAPABILITIES = everyKindAs(KEY);

export const google = tableModule(googleMeta, CAPABILITIES, refine);
