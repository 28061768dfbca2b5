// The simulated GitHub API for Copilot (providers.md, Copilot clients): GET /copilot_internal/user →
// plan and `quota_snapshots`. Behaviours: ok (default: individual plan, premium requests partly
// used, chat and completions unlimited), unlimited, near_limit, overage_billed, overage_refused,
// free_plan (the older `monthly_quotas` shape), no_copilot (404), rate_limited (403 with
// x-ratelimit-remaining: 0), forbidden (403). Mounted as `github`.

import type { SimContext, SimProvider, SimReply } from './server.js';

const DOCS = 'https://docs.github.com/rest';

function error(status: number, message: string, headers?: Record<string, string>): SimReply {
  return { status, body: { message, documentation_url: DOCS, status: String(status) }, ...(headers ? { headers } : {}) };
}

function snapshot(id: string, entitlement: number, remaining: number, overagePermitted = false): Record<string, unknown> {
  const unlimited = entitlement === 0;
  return {
    quota_id: id,
    entitlement,
    remaining,
    quota_remaining: remaining,
    percent_remaining: unlimited ? 100 : Math.round((remaining / entitlement) * 1000) / 10,
    unlimited,
    overage_permitted: overagePermitted,
    overage_count: remaining < 0 ? -remaining : 0,
    timestamp_utc: new Date().toISOString(),
  };
}

function nextMonth(now: number): string {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

function user(now: number, plan: string, premium: Record<string, unknown>): SimReply {
  const reset = nextMonth(now);
  return {
    status: 200,
    body: {
      login: 'octo-sim',
      access_type_sku: `${plan}_sim`,
      copilot_plan: plan,
      chat_enabled: true,
      quota_reset_date: reset,
      quota_reset_date_utc: `${reset}T00:00:00.000Z`,
      quota_snapshots: { chat: snapshot('chat', 0, 0), completions: snapshot('completions', 0, 0), premium_interactions: premium },
    },
  };
}

export const githubCopilotSim: SimProvider = {
  mount: 'github',
  handle({ req, key, now }: SimContext): SimReply {
    if (!key) return error(401, 'Bad credentials');
    const route = `${req.method} ${req.path}`;
    if (route !== 'GET /copilot_internal/user') return error(404, 'Not Found');
    switch (key.behaviour) {
      case 'no_copilot':
        return error(404, 'Not Found');
      case 'rate_limited':
        return error(403, 'API rate limit exceeded for user ID 1.', { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(now / 1000) + 600) });
      case 'forbidden':
        return error(403, 'Resource not accessible by personal access token');
      case 'unlimited':
        return user(now, 'enterprise', snapshot('premium_interactions', 0, 0));
      case 'near_limit':
        return user(now, 'individual', snapshot('premium_interactions', 300, 45));
      case 'overage_billed':
        return user(now, 'business', snapshot('premium_interactions', 300, -27, true));
      case 'overage_refused':
        return user(now, 'individual', snapshot('premium_interactions', 300, 0, false));
      case 'free_plan':
        return {
          status: 200,
          body: { copilot_plan: 'free', access_type_sku: 'free_limited_copilot', monthly_quotas: { chat: 50, completions: 2000 }, limited_user_quotas: { chat: 12, completions: 1500 }, limited_user_reset_date: nextMonth(now) },
        };
      default:
        return user(now, 'individual', snapshot('premium_interactions', 300, 228));
    }
  },
};
