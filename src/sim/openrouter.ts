// The simulated OpenRouter API (mount `openrouter`, paths under /api/v1), from providers.md.
// Keys: `limit` (null: unlimited), `remaining`, `reset` (daily/weekly/monthly/null), `usage` (the
// month's spend), `management` (a management key), `credits` ({ total, used }); behaviours:
// rate_limited, server_error, negative_balance (402 on everything), no_credit (402 on chat), key_limit (403 "Key limit exceeded" on chat),
// credits_refused (GET /credits answers 403).

import { chatCompletion, requestedModel } from './openai-style.js';
import type { SimContext, SimProvider, SimReply } from './server.js';

function error(status: number, message: string): SimReply {
  return { status, body: { error: { message, code: status } } };
}

const MODELS = [
  { id: 'openai/gpt-4.1-nano', pricing: { prompt: '0.0000001', completion: '0.0000004' }, architecture: { modality: 'text->text', output_modalities: ['text'] } },
  { id: 'meta-llama/llama-3.2-1b-instruct', pricing: { prompt: '0.000000005', completion: '0.00000001' }, architecture: { modality: 'text->text', output_modalities: ['text'] } },
  { id: 'meta-llama/llama-3.3-8b-instruct:free', pricing: { prompt: '0', completion: '0' }, architecture: { modality: 'text->text', output_modalities: ['text'] } },
  { id: 'google/gemini-2.5-flash-image', pricing: { prompt: '0.0000003', completion: '0.0000025', image: '0.001' }, architecture: { modality: 'text+image->image', output_modalities: ['image'] } },
  { id: 'anthropic/claude-sonnet-4', pricing: { prompt: '0.000003', completion: '0.000015' }, architecture: { modality: 'text+image->text', output_modalities: ['text'] } },
];

function keyInfo(ctx: SimContext): SimReply {
  const k = ctx.key!;
  const limit = (k.limit as number | null | undefined) ?? null;
  const usage = (k.usage as number | undefined) ?? 1.25;
  return {
    status: 200,
    body: {
      data: {
        label: 'sk-or-v1-abc...xyz',
        limit,
        limit_remaining: limit === null ? null : ((k.remaining as number | undefined) ?? limit - usage),
        limit_reset: (k.reset as string | null | undefined) ?? null,
        usage,
        usage_daily: Math.min(usage, 0.5),
        usage_weekly: usage,
        usage_monthly: usage,
        is_free_tier: false,
        is_management_key: k.management === true,
        is_provisioning_key: k.management === true,
        expires_at: null,
      },
    },
  };
}

export const openrouterSim: SimProvider = {
  mount: 'openrouter',
  handle(ctx: SimContext): SimReply {
    const { req, key } = ctx;
    if (!key) return error(401, 'User not found.');
    switch (key.behaviour) {
      case 'rate_limited':
        return { ...error(429, 'Rate limit exceeded: limit_rpm/openrouter/key. High demand for this model; please retry shortly.'), headers: { 'retry-after': '10' } };
      case 'server_error':
        return error(500, 'Internal Server Error');
      case 'negative_balance':
        return error(402, 'Your account or API key has a negative credit balance. Add credits at https://openrouter.ai/settings/credits');
    }
    const route = `${req.method} ${req.path}`;
    switch (route) {
      case 'GET /api/v1/key':
        return keyInfo(ctx);
      case 'GET /api/v1/credits': {
        // Whether inference keys may read credits is unconfirmed (providers.md); the simulator refuses them.
        if (key.behaviour === 'credits_refused' || key.management !== true) return error(403, 'Only management keys can fetch credits');
        const c = (key.credits as { total: number; used: number } | undefined) ?? { total: 50, used: 12.5 };
        return { status: 200, body: { data: { total_credits: c.total, total_usage: c.used } } };
      }
      case 'GET /api/v1/models':
        return { status: 200, body: { data: MODELS } };
      case 'POST /api/v1/chat/completions':
        if (key.management === true) return error(401, 'Management keys cannot be used for completions');
        if (key.behaviour === 'no_credit') return error(402, 'Insufficient credits. Add more using https://openrouter.ai/settings/credits');
        if (key.behaviour === 'key_limit') return error(403, 'Key limit exceeded (monthly limit). Manage it using https://openrouter.ai/settings/keys');
        return chatCompletion(requestedModel(req.body));
      default:
        return error(404, `Not Found (${route})`);
    }
  },
};
