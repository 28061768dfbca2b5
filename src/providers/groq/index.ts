// Groq: OpenAI's API under /openai/v1. GET /models proves the key; Groq has no quota endpoint, but
// its `x-ratelimit-*` headers, where an answer carries them, say how much of the limits is left.

import { sendHttp } from '../exchange.js';
import type { Target } from '../outcomes.js';
import { chatInference, modelsSpec, validityFromExchange } from '../openai-style.js';
import { rateLimitsOf } from '../ratelimit-headers.js';
import { everyKindAs, type KindCapability, noQuotaEndpoint, tableModule } from '../table.js';
import type { ClassifiedCredential, ProbeContext } from '../types.js';
import { groqMeta } from './meta.js';

const T: Target = { meta: groqMeta, family: 'groq' };
const INVALID_HINT = 'The key was deleted or mistyped: create a new one at console.groq.com/keys.';

const models = (ctx: ProbeContext, c: ClassifiedCredential) => sendHttp(ctx, modelsSpec(ctx, T, c.classification.value));

const KEY: KindCapability = {
  family: 'groq',
  validity: async (ctx, c) => validityFromExchange(await models(ctx, c), 'GET /models', T, { invalidHint: INVALID_HINT }),
  // The validity request's answer (the run's cache makes it the same one) may carry the limits.
  quota: noQuotaEndpoint('Groq API keys have no usage or quota endpoint', undefined, async (ctx, c) => {
    const rateLimits = rateLimitsOf(await models(ctx, c), ctx.now());
    return rateLimits ? { rateLimits } : undefined;
  }),
  // Named, not picked from the list: by name alone `compound-mini` (an agent that may search the web)
  // would look cheapest, and Groq's 8B model is the one that costs least.
  inference: (ctx, c) => chatInference(ctx, T, c.classification.value, { invalidHint: INVALID_HINT }, 'llama-3.1-8b-instant'),
};

const CAPABILITIES = everyKindAs(KEY);

export const groq = tableModule(groqMeta, CAPABILITIES);
