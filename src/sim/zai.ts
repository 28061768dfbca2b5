// The simulated z.ai monitor API (providers.md, z.ai's plugin, captured client fixtures):
// GET /api/monitor/usage/quota/limit answers HTTP 200 whatever happened, with `success` and `code` in
// the body. Behaviours: ok (default), near_limit, limit_reached, no_plan, rate_limited (code 1302),
// server_error (code 500), plan_expired (code 1309), unknown_code, bare_key_only (the key is accepted
// only without `Bearer`, as z.ai's own plugin sends it).

import type { SimContext, SimProvider, SimReply } from './server.js';
import { HOUR_MS } from './time.js';

function fail(code: number, msg: string): SimReply {
  return { status: 200, body: { code, msg, success: false } };
}

function quota(now: number, fiveHour: number, weekly: number, tools: number): SimReply {
  const limits = [
    { type: 'TOKENS_LIMIT', unit: 3, number: 5, percentage: fiveHour, nextResetTime: now + 2 * HOUR_MS },
    { type: 'TOKENS_LIMIT', unit: 6, number: 1, percentage: weekly, nextResetTime: now + 4 * 24 * HOUR_MS },
    { type: 'TIME_LIMIT', unit: 5, number: 1, usage: 1000, currentValue: tools * 10, remaining: 1000 - tools * 10, percentage: tools, nextResetTime: now + 20 * 24 * HOUR_MS },
  ];
  return { status: 200, body: { code: 200, msg: 'Operation successful', data: { limits, level: 'pro' }, success: true } };
}

export const zaiSim: SimProvider = {
  mount: 'zai',
  handle({ req, key, now }: SimContext): SimReply {
    const route = `${req.method} ${req.path}`;
    if (route !== 'GET /api/monitor/usage/quota/limit') return { status: 404, body: { timestamp: now, status: 404, error: 'Not Found', path: req.path } };
    if (!key || (key.behaviour === 'bare_key_only' && req.via !== 'authorization')) return fail(1000, 'Authentication failed: token expired or incorrect');
    switch (key.behaviour) {
      case 'rate_limited':
        return fail(1302, 'High concurrency usage of this API, please reduce concurrency or contact customer service to increase limits');
      case 'server_error':
        return fail(500, 'Internal error');
      case 'plan_expired':
        return fail(1309, 'Your GLM Coding Plan package has expired');
      case 'unknown_code':
        return fail(4242, 'Something new');
      case 'no_plan':
        return { status: 200, body: { code: 200, msg: 'Operation successful', data: { limits: [] }, success: true } };
      case 'near_limit':
        return quota(now, 86, 40, 12);
      case 'limit_reached':
        return quota(now, 100, 71, 12);
      default:
        return quota(now, 25, 9, 22);
    }
  },
};
