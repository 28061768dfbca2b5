// The simulated MiniMax Token Plan API (providers.md, MiniMax's error codes, client fixtures):
// GET /v1/token_plan/remains → `base_resp.status_code` (0 = success) and `model_remains[]`, where
// `current_…_usage_count` is what is LEFT. Errors come in HTTP 200 bodies. Behaviours: ok (default),
// near_limit, limit_reached, counts_only (no `…_remaining_percent` fields), rate_limited (1002),
// server_error (1000), insufficient_balance (1008), unknown_code.

import type { SimContext, SimProvider, SimReply } from './server.js';
import { HOUR_MS } from './time.js';

function fail(code: number, msg: string): SimReply {
  return { status: 200, body: { base_resp: { status_code: code, status_msg: msg } } };
}

function remains(now: number, left: number, weeklyLeft: number, percents: boolean): SimReply {
  const start = Math.floor(now / (5 * HOUR_MS)) * 5 * HOUR_MS;
  const weekStart = now - 2 * 24 * HOUR_MS;
  const model = {
    model_name: 'MiniMax-M2',
    start_time: start,
    end_time: start + 5 * HOUR_MS,
    remains_time: start + 5 * HOUR_MS - now,
    current_interval_total_count: 1500,
    current_interval_usage_count: left,
    weekly_start_time: weekStart,
    weekly_end_time: weekStart + 7 * 24 * HOUR_MS,
    current_weekly_total_count: 15000,
    current_weekly_usage_count: weeklyLeft,
    ...(percents ? { current_interval_remaining_percent: Math.round((left / 1500) * 100), current_weekly_remaining_percent: Math.round((weeklyLeft / 15000) * 100) } : {}),
  };
  return { status: 200, body: { model_remains: [model], base_resp: { status_code: 0, status_msg: 'success' } } };
}

export const minimaxSim: SimProvider = {
  mount: 'minimax',
  handle({ req, key, now }: SimContext): SimReply {
    const route = `${req.method} ${req.path}`;
    if (route !== 'GET /v1/token_plan/remains') return { status: 404, body: { base_resp: { status_code: 1000, status_msg: `no route ${route}` } } };
    if (!key) return fail(2049, 'invalid api key');
    switch (key.behaviour) {
      case 'rate_limited':
        return fail(1002, 'rate limit exceeded(RPM)');
      case 'server_error':
        return fail(1000, 'unknown error');
      case 'insufficient_balance':
        return fail(1008, 'insufficient balance');
      case 'unknown_code':
        return fail(4242, 'something new');
      case 'near_limit':
        return remains(now, 180, 9000, true);
      case 'limit_reached':
        return remains(now, 0, 6000, true);
      case 'counts_only':
        return remains(now, 1200, 12000, false);
      default:
        return remains(now, 1125, 11000, true);
    }
  },
};
