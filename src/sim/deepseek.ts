// The simulated DeepSeek API (providers.md): GET /user/balance, GET /models, POST /chat/completions.
// Behaviours: ok (default), empty_balance, rate_limited, server_error, insufficient_balance (402 on
// chat only, as a real key whose balance ran out between two calls), payment_required (402 on every
// request), forbidden (403 on every request).

import type { SimContext, SimProvider, SimReply } from './server.js';

const MODELS = { object: 'list', data: [{ id: 'deepseek-chat', object: 'model', owned_by: 'deepseek' }, { id: 'deepseek-reasoner', object: 'model', owned_by: 'deepseek' }] };

function error(status: number, message: string, type: string, code: string | null = null): SimReply {
  return { status, body: { error: { message, type, param: null, code } } };
}

function unknownKey(credential: string | null): SimReply {
  const tail = credential ? credential.slice(-4) : '';
  return error(401, `Authentication Fails, Your api key: ****${tail} is invalid`, 'authentication_error', 'invalid_request_error');
}

function balance(empty: boolean): SimReply {
  const info = (total: string, granted: string, topped: string) => ({ currency: 'USD', total_balance: total, granted_balance: granted, topped_up_balance: topped });
  return { status: 200, body: { is_available: !empty, balance_infos: [empty ? info('0.00', '0.00', '0.00') : info('12.40', '2.40', '10.00')] } };
}

export const deepseekSim: SimProvider = {
  mount: 'deepseek',
  handle({ req, key }: SimContext): SimReply {
    if (!key) return unknownKey(req.credential);
    switch (key.behaviour) {
      case 'rate_limited':
        return { ...error(429, 'Rate limit reached for requests', 'rate_limit_error'), headers: { 'retry-after': '20' } };
      case 'server_error':
        return error(500, 'Internal server error', 'server_error');
      case 'payment_required':
        return error(402, 'Insufficient Balance', 'unknown_error', 'invalid_request_error');
      case 'forbidden':
        return error(403, 'Forbidden', 'permission_error');
    }
    const route = `${req.method} ${req.path}`;
    switch (route) {
      case 'GET /user/balance':
        return balance(key.behaviour === 'empty_balance');
      case 'GET /models':
        return { status: 200, body: MODELS };
      case 'POST /chat/completions':
        if (key.behaviour === 'empty_balance' || key.behaviour === 'insufficient_balance') return error(402, 'Insufficient Balance', 'unknown_error', 'invalid_request_error');
        return { status: 200, body: { id: 'chatcmpl-sim', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'length' }], usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } } };
      default:
        return error(404, `Not found: ${route}`, 'invalid_request_error');
    }
  },
};
