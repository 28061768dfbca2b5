// The simulated Moonshot API (providers.md), one region (the mount stands for api.moonshot.ai):
// GET /v1/users/me/balance, GET /v1/models, POST /v1/chat/completions. Behaviours: ok (default),
// empty_balance (0 left; chat refused with Moonshot's 429 exceeded_current_quota_error),
// other_region (a key of api.moonshot.cn: 401 here), body_error (HTTP 200, an error in the body),
// rate_limited, server_error. A key's `balance` sets what is available.

import { chatCompletion, modelList, openaiError, requestedModel } from './openai-style.js';
import type { SimContext, SimProvider, SimReply } from './server.js';

const INVALID = openaiError(401, 'Invalid Authentication', 'invalid_authentication_error');

function balance(available: number): SimReply {
  const voucher = Math.min(Math.max(available, 0), 46.58);
  return {
    status: 200,
    body: { code: 0, data: { available_balance: available, voucher_balance: voucher, cash_balance: Math.round((available - voucher) * 100) / 100 }, scode: '0x0', status: true },
  };
}

export const moonshotSim: SimProvider = {
  mount: 'moonshot',
  handle({ req, key }: SimContext): SimReply {
    if (!key || key.behaviour === 'other_region') return INVALID;
    switch (key.behaviour) {
      case 'rate_limited':
        return openaiError(429, 'Your account org-sim request reached max request: 3, please try again after 1 seconds', 'rate_limit_reached_error');
      case 'server_error':
        return openaiError(500, 'server error', 'server_error');
    }
    const available = key.behaviour === 'empty_balance' ? 0 : typeof key.balance === 'number' ? key.balance : 49.58;
    const route = `${req.method} ${req.path}`;
    switch (route) {
      case 'GET /v1/users/me/balance':
        if (key.behaviour === 'body_error') return { status: 200, body: { code: 5, message: 'internal balance service error', scode: '0x5', status: false } };
        return balance(available);
      case 'GET /v1/models':
        return modelList(['moonshot-v1-8k', 'moonshot-v1-32k', 'kimi-k2-turbo-preview', 'kimi-latest'], 'moonshot');
      case 'POST /v1/chat/completions':
        if (available <= 0) {
          return openaiError(429, 'Your account org-sim is suspended, please check your plan and billing details', 'exceeded_current_quota_error');
        }
        return chatCompletion(requestedModel(req.body));
      default:
        return openaiError(404, `Not found: ${route}`, 'resource_not_found_error');
    }
  },
};
