// OpenAI: API keys prove themselves with GET /models; admin keys with the cost report they exist
// for; a ChatGPT/Codex login with the usage endpoint of ChatGPT's backend (chatgpt.ts). Each kind
// gets only the probe it can answer.

import { result, type Refine } from '../../credentials/classify.js';
import type { CredentialKind } from '../../types.js';
import { sendHttp, type Exchange } from '../exchange.js';
import type { Target } from '../outcomes.js';
import { chatInference, modelIds, modelsSpec, validityFromExchange, cheapestModel } from '../openai-style.js';
import { rateLimitsOf } from '../ratelimit-headers.js';
import { NEVER_SENT, noQuotaEndpoint, notApplicable, tableModule, type KindCapability } from '../table.js';
import type { ClassifiedCredential, ProbeContext } from '../types.js';
import { chatgptQuota, chatgptValidity } from './chatgpt.js';
import { costQuota, costValidity } from './costs.js';
import { isMissingScope, isNoCredit } from './errors.js';
import { chatgptLogin } from './login.js';
import { openaiMeta } from './meta.js';

const T: Target = { meta: openaiMeta, family: 'openai' };
const KEY_INVALID = 'The key was revoked, deleted or mistyped: create a new one at platform.openai.com (API keys).';
/** What --inference uses when the models list cannot be read (a key restricted to inference). */
const FALLBACK_MODEL = 'gpt-4o-mini';
/** The random part of a real key is long; a shorter one is a fragment. */
const MIN_BODY_LENGTH = 20;

const refine: Refine = (c, shape, meta) => {
  // A login its store calls OAuth but of no shape known here: tried as what the store says, a ChatGPT
  // login, never as an API key against the API.
  if (!shape) return meta.storedAs === 'oauth' && c.kind === 'unknown' ? { ...c, kind: 'oauth_token', summary: 'an OAuth token of a shape authdoctor does not know; tried anyway as a ChatGPT login' } : c;
  if (shape.kind === 'oauth_token') {
    const login = chatgptLogin(c.value);
    if (!login) {
      return result('oauth_token', c.value, 'fail', 'malformed', 'looks like a login token (JWT), but its contents cannot be read; it was not sent', 'Copy the whole token again; it may have been cut off.');
    }
    if (!login.openai) {
      return {
        ...result('oauth_token', c.value, 'warn', 'unrecognized_prefix', 'a login token (JWT) that does not say it comes from OpenAI’s sign-in; tried anyway as a ChatGPT login'),
        hint: 'A ChatGPT/Codex login token carries the https://api.openai.com/auth claim; check that this is the access token of a ChatGPT sign-in.',
      };
    }
    return login.plan ? { ...c, summary: `${c.summary} (ChatGPT ${login.plan} plan)` } : c;
  }
  if (shape.distinctive) {
    const body = c.value.slice(shape.prefix.length);
    if (body.length < MIN_BODY_LENGTH || !/^[A-Za-z0-9_-]+$/.test(body)) {
      return result(shape.kind, c.value, 'fail', 'malformed', `looks like a truncated or damaged ${shape.label}`, 'Copy the whole key again; it may have been cut off.');
    }
  }
  return c;
};

const models = (ctx: ProbeContext, c: ClassifiedCredential): Promise<Exchange> => sendHttp(ctx, modelsSpec(ctx, T, c.classification.value));

/** The x-ratelimit-* headers of the models answer (made by validity: the cache answers), when it had any. */
async function rateLimitData(ctx: ProbeContext, c: ClassifiedCredential): Promise<Record<string, unknown> | undefined> {
  const rateLimits = rateLimitsOf(await models(ctx, c), ctx.now());
  return rateLimits ? { rateLimits } : undefined;
}

/**
 * The cheapest chat model the key lists. Reasoning models are left out: with one output token they
 * refuse the request (400) instead of answering, which would say nothing about the key.
 */
export function inferenceModel(ids: readonly string[] | null): string {
  const plain = (ids ?? []).filter((id) => /^gpt-[34]/.test(id));
  return cheapestModel(plain) ?? FALLBACK_MODEL;
}

const KEY: KindCapability = {
  family: 'openai',
  validity: async (ctx, c) => validityFromExchange(await models(ctx, c), 'GET /models', T, { invalidHint: KEY_INVALID, restricted: isMissingScope }),
  quota: noQuotaEndpoint(
    'pay-per-use API keys have no usage or quota endpoint',
    'See usage and limits at platform.openai.com/usage, or read the organization’s spend with an admin key (sk-admin-…).',
    rateLimitData,
  ),
  inference: async (ctx, c) => {
    const list = await models(ctx, c);
    const model = inferenceModel(list.ok ? modelIds(list.data) : null);
    return chatInference(ctx, T, c.classification.value, { invalidHint: KEY_INVALID, noCredit: isNoCredit, restricted: isMissingScope }, model);
  },
};

const CAPABILITIES = {
  api_key: KEY,
  admin_key: { family: 'openai', validity: costValidity, quota: costQuota, inference: notApplicable('an admin key can only call the organization’s admin endpoints, not models') },
  oauth_token: {
    family: 'chatgpt',
    validity: chatgptValidity,
    quota: chatgptQuota,
    inference: notApplicable('a ChatGPT login would spend the plan’s own allowance: not sent'),
  },
  // OpenAI has no setup tokens; nothing classifies as one, and were it to, it would be tried as a key.
  setup_token: KEY,
  refresh_token: NEVER_SENT,
  unknown: KEY,
} as const satisfies Record<CredentialKind, KindCapability>;

export const openai = tableModule(openaiMeta, CAPABILITIES, refine);
