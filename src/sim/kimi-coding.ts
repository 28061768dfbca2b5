// The simulated Kimi Code API (providers.md, openclaw's client): GET /usages → the weekly quota in
// `usage` and the 5-hour rate-limit window in `limits[]`. Behaviours: ok (default), near_limit,
// limit_reached, rate_limited, server_error. Mounted as `kimi-coding`; the default base URL's
// `/coding/v1` may come before the path.

import type { SimContext, SimProvider, SimReply } from './server.js';
import { HOUR_MS } from './time.js';

function error(status: number, message: string, type: string): SimReply {
  return { status, body: { error: { message, type } } };
}

function usages(now: number, weeklyUsed: number, fiveHourUsed: number): SimReply {
  const iso = (ms: number) => new Date(Math.ceil(ms / HOUR_MS) * HOUR_MS).toISOString();
  return {
    status: 200,
    body: {
      usage: { limit: '2048', used: String(weeklyUsed), remaining: String(2048 - weeklyUsed), resetTime: iso(now + 3 * 24 * HOUR_MS) },
      limits: [{ window: { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' }, detail: { limit: '200', remaining: String(200 - fiveHourUsed), resetTime: iso(now + 2 * HOUR_MS) } }],
    },
  };
}

export const kimiCodingSim: SimProvider = {
  mount: 'kimi-coding',
  handle({ req, key, now }: SimContext): SimReply {
    if (!key) return error(401, 'The API Key appears to be invalid or may have expired. Please verify your credentials and try again.', 'invalid_authentication_error');
    switch (key.behaviour) {
      case 'rate_limited':
        return { ...error(429, 'Your account reached max request rate, please try again later', 'rate_limit_reached_error'), headers: { 'retry-after': '30' } };
      case 'server_error':
        return error(500, 'Internal server error', 'server_error');
    }
    const route = `${req.method} ${req.path.replace(/^\/coding\/v1/, '')}`;
    if (route !== 'GET /usages') return error(404, `Not found: ${route}`, 'resource_not_found_error');
    switch (key.behaviour) {
      case 'near_limit':
        return usages(now, 900, 172);
      case 'limit_reached':
        return usages(now, 2048, 40);
      default:
        return usages(now, 369, 28);
    }
  },
};
