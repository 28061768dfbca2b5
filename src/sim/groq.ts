// The simulated Groq API (providers.md): GET /openai/v1/models, POST /openai/v1/chat/completions.
// Behaviours: ok (default), rate_limited (429 with x-ratelimit-* headers), server_error. A key with
// `rateLimitHeaders: true` gets the x-ratelimit-* headers on every answer.

import { chatCompletion, modelList, openaiError, requestedModel } from './openai-style.js';
import type { SimContext, SimProvider, SimReply } from './server.js';

const MODELS = ['llama-3.1-8b-instant', 'llama-3.3-70b-versatile', 'groq/compound-mini', 'whisper-large-v3', 'meta-llama/llama-guard-4-12b'];

function limitHeaders(remainingRequests: number): Record<string, string> {
  return {
    'x-ratelimit-limit-requests': '14400',
    'x-ratelimit-limit-tokens': '6000',
    'x-ratelimit-remaining-requests': String(remainingRequests),
    'x-ratelimit-remaining-tokens': '5994',
    'x-ratelimit-reset-requests': '2m59.56s',
    'x-ratelimit-reset-tokens': '7.66s',
  };
}

function withHeaders(reply: SimReply, headers: Record<string, string> | undefined): SimReply {
  return headers ? { ...reply, headers: { ...reply.headers, ...headers } } : reply;
}

export const groqSim: SimProvider = {
  mount: 'groq',
  handle({ req, key }: SimContext): SimReply {
    if (!key) return openaiError(401, 'Invalid API Key', 'invalid_request_error', 'invalid_api_key');
    if (key.behaviour === 'rate_limited') {
      return openaiError(429, 'Rate limit reached for model `llama-3.1-8b-instant` on requests per day (RPD): Limit 14400, Used 14400.', 'requests', 'rate_limit_exceeded', {
        'retry-after': '7',
        ...limitHeaders(0),
      });
    }
    if (key.behaviour === 'server_error') return openaiError(500, 'Internal Server Error', 'internal_server_error');
    const headers = key.rateLimitHeaders ? limitHeaders(14370) : undefined;
    const route = `${req.method} ${req.path}`;
    switch (route) {
      case 'GET /openai/v1/models':
        return withHeaders(modelList(MODELS, 'groq'), headers);
      case 'POST /openai/v1/chat/completions':
        return withHeaders(chatCompletion(requestedModel(req.body)), headers);
      default:
        return openaiError(404, `Unknown request URL: ${route}`, 'invalid_request_error', 'unknown_url');
    }
  },
};
