// A simulated OpenAI-compatible server (LiteLLM, vLLM, a gateway …) under its own base URL
// `<sim>/openai-compatible/v1`: GET /v1/models, POST /v1/chat/completions, OpenAI's error bodies.
// Behaviours: ok (default), rate_limited, server_error, not_a_list (200 with another JSON shape).

import { chatCompletion, modelList, openaiError, requestedModel } from './openai-style.js';
import type { SimContext, SimProvider, SimReply } from './server.js';

export const openaiCompatibleSim: SimProvider = {
  mount: 'openai-compatible',
  handle({ req, key }: SimContext): SimReply {
    if (!key) return openaiError(401, 'Authentication Error, Invalid proxy server token passed.', 'auth_error', '401');
    switch (key.behaviour) {
      case 'rate_limited':
        return openaiError(429, 'Rate limit exceeded', 'rate_limit_error', null, { 'retry-after': '5' });
      case 'server_error':
        return openaiError(502, 'upstream connect error', 'server_error');
    }
    const route = `${req.method} ${req.path}`;
    switch (route) {
      case 'GET /v1/models':
        return key.behaviour === 'not_a_list' ? { status: 200, body: { status: 'ok' } } : modelList(['llama-3.1-8b-instruct', 'qwen2.5-7b-instruct-mini'], 'vllm');
      case 'POST /v1/chat/completions':
        return chatCompletion(requestedModel(req.body));
      default:
        return openaiError(404, `Not found: ${route}`, 'not_found_error');
    }
  },
};
