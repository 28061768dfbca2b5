// Any server that speaks OpenAI's API, at the profile's own base URL: GET {baseUrl}/models proves the
// key, nothing says what is left of it. Every outcome says `data.checkedAs`, because for an openclaw
// profile the report's `provider` stays openclaw's id (CONTRACT.md, "More providers").

import type { HttpFailure } from '../../net/failure.js';
import type { CheckOutcome, ProfileMetadata, ValidityCode } from '../../types.js';
import { sendHttp, type Refusal } from '../exchange.js';
import { describeHttp, outcome, type Target } from '../outcomes.js';
import { chatInference, modelsSpec, validityFromExchange } from '../openai-style.js';
import { everyKindAs, type KindCapability, noQuotaEndpoint, type Probe, tableModule } from '../table.js';
import { openaiCompatibleMeta } from './meta.js';

const T: Target = { meta: openaiCompatibleMeta, family: 'openai-compatible' };
const WHAT = 'GET /models';
const INVALID_HINT = 'The server refused the key: check the key its operator gave you, and that the base URL is the server’s OpenAI-compatible API (often ending in /v1).';

/** True when the owning app declares that it speaks another API than OpenAI's to this server. */
export function speaksOtherApi(metadata: ProfileMetadata): boolean {
  return metadata.api !== undefined && !/^openai/i.test(metadata.api);
}

/**
 * A server the owning app talks to with another API (openclaw's `anthropic-messages`, …) may refuse
 * an OpenAI-style request for its form alone: its 401 or 403 says nothing about the key.
 */
function otherApiRefusal(metadata: ProfileMetadata) {
  return (ex: Refusal & { failure: HttpFailure }): CheckOutcome<ValidityCode> | undefined => {
    if (!speaksOtherApi(metadata) || (ex.failure.status !== 401 && ex.failure.status !== 403)) return undefined;
    return outcome(
      ex,
      'error',
      'unexpected_response',
      `${WHAT}: ${describeHttp(ex.failure)}, from a server configured for the ${metadata.api} API, not OpenAI's: this does not say whether the key works`,
      'authdoctor checks only OpenAI-compatible servers here; test this key with the program that uses it.',
    );
  };
}

/** Adds `checkedAs` to whatever a probe returns. */
function tagged<C extends string>(probe: Probe<C>): Probe<C> {
  return async (ctx, c) => {
    const o = await probe(ctx, c);
    return { ...o, data: { ...o.data, checkedAs: openaiCompatibleMeta.id } };
  };
}

const KEY: KindCapability = {
  family: T.family,
  validity: tagged(async (ctx, c) =>
    validityFromExchange(await sendHttp(ctx, modelsSpec(ctx, T, c.classification.value)), WHAT, T, { invalidHint: INVALID_HINT, own: otherApiRefusal(c.metadata) }),
  ),
  quota: tagged(noQuotaEndpoint('an OpenAI-compatible server has no standard usage or quota endpoint')),
  inference: tagged((ctx, c) => chatInference(ctx, T, c.classification.value, { invalidHint: INVALID_HINT })),
};

const CAPABILITIES = everyKindAs(KEY);

export const openaiCompatible = tableModule(openaiCompatibleMeta, CAPABILITIES);
