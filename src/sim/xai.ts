// The simulated xAI API (providers.md): GET /v1/api-key, GET /v1/models, POST /v1/chat/completions.
// A key xAI does not know gets a 400, not a 401. Behaviours: ok (default), api_key_blocked,
// api_key_disabled, team_blocked (flags of the /api-key answer), blocked_403 (a block told by a 403
// instead), odd_flags (flags that are not booleans), unknown_400 (a 400 about something else),
// rate_limited, server_error, no_credits (403 on chat).

import { chatCompletion, keyTail, modelList, requestedModel } from './openai-style.js';
import type { SimContext, SimProvider, SimReply } from './server.js';

function xaiError(status: number, code: string, error: string): SimReply {
  return { status, body: { code, error } };
}

function keyInfo(credential: string, behaviour: string | undefined): SimReply {
  const flag = (name: string) => (behaviour === 'odd_flags' ? 'no' : behaviour === name);
  return {
    status: 200,
    body: {
      redacted_api_key: `xai-…${keyTail(credential)}`,
      user_id: 'u-sim',
      name: 'sim key',
      create_time: '2026-01-01T00:00:00Z',
      modify_time: '2026-01-01T00:00:00Z',
      team_id: 't-sim',
      acls: ['api-key:model:*', 'api-key:endpoint:*'],
      api_key_id: 'k-sim',
      team_blocked: flag('team_blocked'),
      api_key_blocked: flag('api_key_blocked'),
      api_key_disabled: flag('api_key_disabled'),
    },
  };
}

export const xaiSim: SimProvider = {
  mount: 'xai',
  handle({ req, key }: SimContext): SimReply {
    if (!key) {
      return xaiError(400, 'Client specified an invalid argument', `Incorrect API key provided: xa***${keyTail(req.credential)}. You can obtain an API key from https://console.x.ai.`);
    }
    switch (key.behaviour) {
      case 'rate_limited':
        return { ...xaiError(429, 'Too many requests', 'Rate limit exceeded for requests. Please slow down.'), headers: { 'retry-after': '12' } };
      case 'server_error':
        return xaiError(500, 'Internal error', 'The service is temporarily unavailable.');
      case 'blocked_403':
        return xaiError(403, 'The caller does not have permission to execute the specified operation', 'Your API key is blocked.');
      case 'unknown_400':
        return xaiError(400, 'Client specified an invalid argument', 'Unsupported header: x-something.');
    }
    const route = `${req.method} ${req.path}`;
    switch (route) {
      case 'GET /v1/api-key':
        return keyInfo(req.credential!, key.behaviour);
      case 'GET /v1/models':
        return modelList(['grok-4', 'grok-3-mini', 'grok-2-image-1212'], 'xai');
      case 'POST /v1/chat/completions':
        if (key.behaviour === 'no_credits') {
          return xaiError(403, 'The caller does not have permission to execute the specified operation', 'Your newly created team doesn\'t have any credits yet. You can purchase credits on https://console.x.ai.');
        }
        return chatCompletion(requestedModel(req.body));
      default:
        return xaiError(404, 'Not found', `No route ${route}`);
    }
  },
};
