// The simulated DeepSeek API (providers.md): GET /user/balance, GET /models, POST /chat/completions.
// Behaviours: ok (default), empty_balance, rate_limited, server_error, insufficient_balance (402 on
// chat only, as a real key whose balance ran out between two calls), payment_required (402 on every
// request), forbidden (403 on every request).

import { chatCompletion, keyTail, modelList, openaiError, requestedModel } from './openai-style.js';
import type { SimContext, SimProvider, SimReply } from './server.js';

const MODELS = ['deepseek-chat', 'deepseek-reasoner'];

function balance(empty: boolean): SimReply {
  const info = (total: string, granted: string, topped: string) => ({ currency: 'USD', total_balance: total, granted_balance: granted, topped_up_balance: topped });
  return { status: 200, body: { is_available: !empty, balance_infos: [empty ? info('0.00', '0.00', '0.00') : info('12.40', '2.40', '10.00')] } };
}

export const deepseekSim: SimProvider = {
  mount: 'deepseek',
  handle({ req, key }: SimContext): SimReply {
    if (!key) return openaiError(401, `Authentication Fails, Your api key: ****${keyTail(req.credential)} is invalid`, 'authentication_error', 'invalid_request_error');
    switch (key.behaviour) {
      case 'rate_limited':
        return openaiError(429, 'Rate limit reached for requests', 'rate_limit_error', null, { 'retry-after': '20' });
      case 'server_error':
        return openaiError(500, 'Internal server error', 'server_error');
      case 'payment_required':
        return openaiError(402, 'Insufficient Balance', 'unknown_error', 'invalid_request_error');
      case 'forbidden':
        return openaiError(403, 'Forbidden', 'permission_error');
    }
    const route = `${req.method} ${req.path}`;
    switch (route) {
      case 'GET /user/balance':
        return balance(key.behaviour === 'empty_balance');
      case 'GET /models':
        return modelList(MODELS, 'deepseek');
      case 'POST /chat/completions':
        if (key.behaviour === 'empty_balance' || key.behaviour === 'insufficient_balance') return openaiError(402, 'Insufficient Balance', 'unknown_error', 'invalid_request_error');
        return chatCompletion(requestedModel(req.body));
      default:
        return openaiError(404, `Not found: ${route}`, 'invalid_request_error');
    }
  },
};
