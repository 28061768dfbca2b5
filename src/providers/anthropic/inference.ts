// The opt-in inference check: one real request with max_tokens 1 to the cheapest model offered.
// It may spend a few tokens, which is why it only runs with --inference.

import type { CheckOutcome, InferenceCode } from '../../types.js';
import type { ProbeContext } from '../types.js';
import type { Exchange } from '../exchange.js';
import { describeHttp, isObject, outcome, pageInsteadOfApi, throttled, undecided, wrongShape } from '../outcomes.js';
import { ANTHROPIC, CLAUDE_CODE_ONLY } from './outcomes.js';
import { send, type Credential } from './request.js';

interface ModelInfo {
  id: string;
  created_at?: string;
}

const FAMILY_COST = ['haiku', 'sonnet', 'opus'];

/** Cheapest first: Haiku before Sonnet before Opus, and within a family the oldest (older Haikus cost less). */
export function cheapestModel(models: ModelInfo[]): string | undefined {
  const rank = (m: ModelInfo) => {
    const i = FAMILY_COST.findIndex((f) => m.id.includes(f));
    return i === -1 ? FAMILY_COST.length : i;
  };
  return [...models].sort((a, b) => rank(a) - rank(b) || (a.created_at ?? '').localeCompare(b.created_at ?? ''))[0]?.id;
}

function modelsOf(data: unknown): ModelInfo[] | null {
  if (!isObject(data) || !Array.isArray(data.data)) return null;
  return data.data.filter((m): m is ModelInfo => isObject(m) && typeof m.id === 'string');
}

const TOKEN_COUNTS = ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'] as const;

/** The token counts of an answer's `usage`, as numbers: nothing else of the server's object is kept. */
function tokenCounts(usage: unknown): Record<string, number> | undefined {
  if (!isObject(usage)) return undefined;
  const counts = TOKEN_COUNTS.flatMap((k) => (typeof usage[k] === 'number' && Number.isFinite(usage[k]) ? [[k, usage[k]] as const] : []));
  return counts.length ? Object.fromEntries(counts) : undefined;
}

/** `model` is the model tested, or undefined when the models list (to pick one) was what failed. */
export function inferenceOutcome(ex: Exchange, model: string | undefined): CheckOutcome<InferenceCode> {
  const what = model ? `POST /v1/messages (${model}, max_tokens 1)` : 'GET /v1/models (to pick the cheapest model)';
  if (ex.ok) {
    if (!isObject(ex.data) || ex.data.type !== 'message') return wrongShape(ex, what, ANTHROPIC);
    const usage = tokenCounts(ex.data.usage);
    return outcome(ex, 'pass', 'inference_ok', `a 1-token request to ${model} succeeded`, undefined, { model, ...(usage ? { usage } : {}) });
  }
  const f = ex.failure;
  if (f.type === 'transport') return undecided(ex, what, ANTHROPIC);
  const page = pageInsteadOfApi(ex, what, ANTHROPIC);
  if (page) return page;
  const message = f.message ?? '';
  if (CLAUDE_CODE_ONLY.test(message)) {
    return outcome(ex, 'warn', 'permission_denied', `authenticated, but restricted to Claude Code (${describeHttp(f)})`, 'Subscription tokens only run inference inside Claude Code; use an API key for other tools.');
  }
  if ((f.status === 400 && /credit balance/i.test(message)) || f.status === 402) {
    return outcome(ex, 'fail', 'credit_balance_too_low', `the key works but the account has no credit (${describeHttp(f)})`, 'Add credits in the Console: Plans & Billing.');
  }
  if (f.status === 429 && (f.errorCode === 'enforced_spend_limit_reached' || /usage limits/i.test(message))) {
    return outcome(ex, 'fail', 'spend_limit_reached', `the spend limit is reached (${describeHttp(f)})`, 'Raise the spend limit in the Console (Settings → Limits) or wait for the date the message gives.');
  }
  switch (f.status) {
    case 401:
      return outcome(ex, 'fail', 'invalid_credential', `rejected (${describeHttp(f)})`, 'The credential was refused for inference: create a new key or sign in again.');
    case 403:
      return outcome(ex, 'warn', 'permission_denied', `authenticated, but inference was refused (${describeHttp(f)})`, 'Check the key’s workspace and model access.');
    case 429:
      return throttled({ ...ex, failure: f });
    default:
      return undecided(ex, what, ANTHROPIC);
  }
}

export async function anthropicInference(ctx: ProbeContext, cred: Credential): Promise<CheckOutcome<InferenceCode>> {
  const list = await send(ctx, cred, { method: 'get', path: '/v1/models', query: { limit: 1000 } });
  if (!list.ok) return inferenceOutcome(list, undefined);
  const models = modelsOf(list.data);
  if (!models) return wrongShape(list, 'GET /v1/models', ANTHROPIC);
  const model = cheapestModel(models);
  if (!model) return outcome(list, 'error', 'unexpected_response', 'the models list is empty: no model to test with', 'Check the key’s workspace model access in the Console.');
  const ex = await send(ctx, cred, {
    method: 'post',
    path: '/v1/messages',
    body: { model, max_tokens: 1, messages: [{ role: 'user', content: 'Hi' }] },
  });
  return inferenceOutcome(ex, model);
}
