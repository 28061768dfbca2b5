// xAI: GET /api-key describes the key itself, blocks included, and spends nothing. A bad key is a
// 400 ("Incorrect API key provided"), not a 401. Balances need a separate management key.

import type { HttpFailure } from '../../net/failure.js';
import type { CheckOutcome, CredentialKind, ValidityCode } from '../../types.js';
import { sendHttp, type Exchange, type Refusal } from '../exchange.js';
import { describeHttp, isObject, outcome, type Target } from '../outcomes.js';
import { bearer, chatInference, validityFromExchange, type InferenceMapping } from '../openai-style.js';
import { everyKindAs, type KindCapability, noQuotaEndpoint, notApplicable, signInFromStore, tableModule } from '../table.js';
import type { ClassifiedCredential, ProbeContext } from '../types.js';
import { xaiMeta } from './meta.js';

const T: Target = { meta: xaiMeta, family: 'xai' };
const WHAT = 'GET /api-key';
const INVALID_HINT = 'The key was deleted or mistyped: create a new one at console.x.ai (API Keys).';

/** The flags /api-key sets when xAI refuses the key altogether, and what to do about each. */
const BLOCKS = {
  api_key_disabled: 'The key is disabled: enable it again at console.x.ai (API Keys), or use another key.',
  api_key_blocked: 'xAI has blocked this key: create a new one at console.x.ai, or ask xAI support why.',
  team_blocked: 'xAI has blocked the key’s team (often billing or a policy matter): check the team at console.x.ai.',
} as const;
type Block = keyof typeof BLOCKS;

function apiKey(ctx: ProbeContext, c: ClassifiedCredential): Promise<Exchange> {
  return sendHttp(ctx, { method: 'GET', base: ctx.baseUrls.xai!, path: '/api-key', headers: bearer(c.classification.value) });
}

/**
 * The blocks an /api-key answer reports, or null when the body does not describe a key. Only a flag
 * that is literally `true` blocks: an odd value never turns a working key into a failure.
 */
export function parseKeyInfo(data: unknown): { blocks: Block[] } | null {
  if (!isObject(data)) return null;
  const flags = Object.keys(BLOCKS) as Block[];
  const describesKey = typeof data.redacted_api_key === 'string' || typeof data.api_key_id === 'string' || flags.some((f) => typeof data[f] === 'boolean');
  return describesKey ? { blocks: flags.filter((f) => data[f] === true) } : null;
}

/** "Incorrect API key provided: xa***12 …": the 400 xAI gives a key it does not know. */
export function isBadKeyMessage(message: string | undefined): boolean {
  return /incorrect api key|invalid api key|api key (is )?(invalid|not valid)/i.test(message ?? '');
}

function blocked(ex: Exchange, blocks: readonly Block[], how: string): CheckOutcome<ValidityCode> {
  return outcome(ex, 'fail', 'service_blocked', `accepted, but xAI refuses this key (${how})`, BLOCKS[blocks[0]!], { blocks: [...blocks] });
}

type HttpRefusal = Refusal & { failure: HttpFailure };

/** What /api-key refusing the credential itself (a 401, or the 400 xAI gives a key it does not know) means for this kind. */
type Rejection = (ex: HttpRefusal) => CheckOutcome<ValidityCode>;

const keyRejected: Rejection = (ex) => outcome(ex, 'fail', 'invalid_credential', `rejected by ${WHAT} (${describeHttp(ex.failure)})`, INVALID_HINT);

/**
 * An xAI sign-in (openclaw's xAI login stores an OAuth token, not an `xai-` key). Whether /api-key
 * accepts such a token is not documented, so a refusal there says nothing sure about it: unknown,
 * never `invalid_credential` for a login that may well work where its app sends it.
 */
const signInRejected: Rejection = (ex) =>
  outcome(
    ex,
    'error',
    'unexpected_response',
    `${WHAT} does not accept this sign-in token (${describeHttp(ex.failure)}); that endpoint is for API keys, so this says nothing sure about the login`,
    'Check the login where its app uses it (openclaw), or check an xai- API key instead.',
  );

function own(rejected: Rejection) {
  return (ex: HttpRefusal): CheckOutcome<ValidityCode> | undefined => {
    const f = ex.failure;
    if (f.status === 401 || (f.status === 400 && isBadKeyMessage(f.message))) return rejected(ex);
    // Single-source: blocks are documented as flags of a 200 answer; a 403 that says so is read the same way.
    if (f.status === 403 && /\b(key|team)\b[^.]*\b(blocked|disabled)\b/i.test(f.message ?? '')) {
      const block: Block = /team/i.test(f.message!) ? 'team_blocked' : /disabled/i.test(f.message!) ? 'api_key_disabled' : 'api_key_blocked';
      return blocked(ex, [block], describeHttp(f));
    }
    return undefined;
  };
}

function validityAs(rejected: Rejection) {
  return async (ctx: ProbeContext, c: ClassifiedCredential): Promise<CheckOutcome<ValidityCode>> => {
    const ex = await apiKey(ctx, c);
    const info = ex.ok ? parseKeyInfo(ex.data) : null;
    if (info && info.blocks.length > 0) return blocked(ex, info.blocks, info.blocks.join(', '));
    return validityFromExchange(ex, WHAT, T, { invalidHint: INVALID_HINT, own: own(rejected) }, (d) => parseKeyInfo(d) !== null);
  };
}

const INFERENCE: InferenceMapping = {
  invalidHint: INVALID_HINT,
  // A team without credits is refused with a 403 that says so.
  noCredit: (f) => f.status === 402 || (f.status === 403 && /credits?\b/i.test(f.message ?? '') && !/spending limit/i.test(f.message ?? '')),
  spendLimit: (f) => /spending limit/i.test(f.message ?? ''),
};

const KEY: KindCapability = {
  family: 'xai',
  validity: validityAs(keyRejected),
  quota: noQuotaEndpoint('xAI API keys have no usage or balance endpoint', 'Balances need a separate xAI management key (console.x.ai); --inference proves the team has credits.'),
  inference: (ctx, c) => chatInference(ctx, T, c.classification.value, INFERENCE),
};

const SIGN_IN: KindCapability = {
  ...KEY,
  validity: validityAs(signInRejected),
  quota: noQuotaEndpoint('an xAI sign-in has no usage endpoint authdoctor can read'),
  inference: notApplicable('an xAI sign-in is not sent for inference: whether the API accepts it is not known'),
};

const CAPABILITIES = { ...everyKindAs(KEY), oauth_token: SIGN_IN } as const satisfies Record<CredentialKind, KindCapability>;

export const xai = tableModule(xaiMeta, CAPABILITIES, signInFromStore('xAI sign-in token (OAuth)'));
