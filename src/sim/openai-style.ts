// Answers the providers that speak OpenAI's API share, for their simulators: the error envelope,
// a models list, a one-token chat completion.

import type { SimReply } from './server.js';

export function openaiError(status: number, message: string, type: string, code: string | null = null, headers?: Record<string, string>): SimReply {
  return { status, body: { error: { message, type, param: null, code } }, ...(headers ? { headers } : {}) };
}

export function modelList(ids: readonly string[], ownedBy: string): SimReply {
  return { status: 200, body: { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: ownedBy })) } };
}

export function chatCompletion(model: unknown): SimReply {
  return {
    status: 200,
    body: {
      id: 'chatcmpl-sim',
      object: 'chat.completion',
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'length' }],
      usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
    },
  };
}

/** The last four characters, as providers echo a key they refuse (`xa***Ab12`). */
export function keyTail(credential: string | null): string {
  return credential ? credential.slice(-4) : '';
}

/** The request body's `model`, for replies that echo it. */
export function requestedModel(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
}
