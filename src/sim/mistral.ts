// The simulated Mistral API (providers.md): GET /v1/models, POST /v1/chat/completions. A key Mistral
// does not know gets 401 `{"detail":"Unauthorized"}`; a `revoked` one the other body Mistral sends,
// `{"message":"Unauthorized","request_id":…}`. Behaviours: ok (default), revoked, rate_limited, server_error.

import { chatCompletion, modelList, requestedModel } from './openai-style.js';
import { requestId, type SimContext, type SimProvider, type SimReply } from './server.js';

const MODELS = ['mistral-large-latest', 'mistral-small-latest', 'ministral-3b-latest', 'mistral-embed', 'mistral-moderation-latest'];

export const mistralSim: SimProvider = {
  mount: 'mistral',
  handle({ req, key }: SimContext): SimReply {
    if (!key) return { status: 401, body: { detail: 'Unauthorized' } };
    switch (key.behaviour) {
      case 'revoked':
        return { status: 401, body: { message: 'Unauthorized', request_id: requestId() } };
      case 'rate_limited':
        return { status: 429, body: { message: 'Requests rate limit exceeded', request_id: requestId() }, headers: { 'retry-after': '3' } };
      case 'server_error':
        return { status: 500, body: { object: 'error', message: 'Internal server error', type: 'internal_server_error', code: '3000' } };
    }
    const route = `${req.method} ${req.path}`;
    switch (route) {
      case 'GET /v1/models':
        return modelList(MODELS, 'mistralai');
      case 'POST /v1/chat/completions':
        return chatCompletion(requestedModel(req.body));
      default:
        return { status: 404, body: { detail: 'Not Found' } };
    }
  },
};
