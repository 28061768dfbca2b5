// Mistral: OpenAI's API shape. GET /models proves the key; API keys have no quota endpoint. A bad
// key is a 401 with `{"detail":"Unauthorized"}` or `{"message":"Unauthorized"}` (both read by errorEnvelope).

import { sendHttp } from '../exchange.js';
import type { Target } from '../outcomes.js';
import { chatInference, modelsSpec, validityFromExchange } from '../openai-style.js';
import { everyKindAs, type KindCapability, noQuotaEndpoint, tableModule } from '../table.js';
import { mistralMeta } from './meta.js';

const T: Target = { meta: mistralMeta, family: 'mistral' };
const INVALID_HINT = 'The key was deleted, expired or mistyped: create a new one at console.mistral.ai (API keys).';

const KEY: KindCapability = {
  family: 'mistral',
  validity: async (ctx, c) => validityFromExchange(await sendHttp(ctx, modelsSpec(ctx, T, c.classification.value)), 'GET /models', T, { invalidHint: INVALID_HINT }),
  quota: noQuotaEndpoint('Mistral API keys have no usage or quota endpoint', 'Usage and billing are in the console (console.mistral.ai).'),
  inference: (ctx, c) => chatInference(ctx, T, c.classification.value, { invalidHint: INVALID_HINT }),
};

const CAPABILITIES = everyKindAs(KEY);

export const mistral = tableModule(mistralMeta, CAPABILITIES);
