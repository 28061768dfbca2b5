// The simulated Gemini API (mount `google`, paths under /v1beta), from providers.md: Google's error
// envelope `{ error: { code, message, status, details: [{ reason }] } }`, where the reason decides.
// Behaviours: service_disabled, service_blocked, suspended (403), referrer_blocked (403),
// rate_limited (429 RESOURCE_EXHAUSTED), server_error (500).

import type { SimContext, SimProvider, SimReply } from './server.js';

const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';

function googleError(code: number, status: string, message: string, details: unknown[] = []): SimReply {
  return { status: code, body: { error: { code, message, status, details } } };
}

function reason(reason: string, metadata: Record<string, string> = {}): unknown {
  return { '@type': ERROR_INFO, reason, domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com', ...metadata } };
}

const INVALID = googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [reason('API_KEY_INVALID')]);

const MODELS = [
  { name: 'models/gemini-2.5-pro', supportedGenerationMethods: ['generateContent', 'countTokens'] },
  { name: 'models/gemini-2.0-flash', supportedGenerationMethods: ['generateContent', 'countTokens'] },
  { name: 'models/gemini-2.0-flash-lite', supportedGenerationMethods: ['generateContent', 'countTokens'] },
  { name: 'models/gemini-embedding-001', supportedGenerationMethods: ['embedContent'] },
].map((m) => ({ ...m, version: '001', displayName: m.name.slice(7) }));

function blocked(behaviour: string | undefined): SimReply | undefined {
  switch (behaviour) {
    case 'service_disabled':
      return googleError(403, 'PERMISSION_DENIED', 'Generative Language API has not been used in project 123456789 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/generativelanguage.googleapis.com/overview?project=123456789 then retry.', [reason('SERVICE_DISABLED', { consumer: 'projects/123456789' })]);
    case 'service_blocked':
      return googleError(403, 'PERMISSION_DENIED', 'Requests to this API generativelanguage.googleapis.com method google.ai.generativelanguage.v1beta.ModelService.ListModels are blocked.', [reason('API_KEY_SERVICE_BLOCKED')]);
    case 'suspended':
      return googleError(403, 'PERMISSION_DENIED', 'Permission denied: Consumer \'api_key:AIza…\' has been suspended.', [reason('CONSUMER_SUSPENDED')]);
    case 'referrer_blocked':
      return googleError(403, 'PERMISSION_DENIED', 'Requests from referer <empty> are blocked.', [reason('API_KEY_HTTP_REFERRER_BLOCKED')]);
    case 'rate_limited':
      return googleError(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.', [
        { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }] },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '27s' },
      ]);
    case 'server_error':
      return googleError(500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting');
    default:
      return undefined;
  }
}

export const googleSim: SimProvider = {
  mount: 'google',
  handle({ req, key }: SimContext): SimReply {
    if (!key) return INVALID;
    const refused = blocked(key.behaviour);
    if (refused) return refused;
    if (req.method === 'GET' && req.path === '/v1beta/models') {
      const size = Math.max(1, Math.min(Number(req.query.pageSize ?? 50), 1000));
      return { status: 200, body: { models: MODELS.slice(0, size), ...(size < MODELS.length ? { nextPageToken: 'Cg1tb2RlbHMvZ2VtaW5p' } : {}) } };
    }
    const generate = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(req.path);
    if (req.method === 'POST' && generate) {
      if (!MODELS.some((m) => m.name === `models/${generate[1]}`)) return googleError(404, 'NOT_FOUND', `models/${generate[1]} is not found for API version v1beta.`);
      return {
        status: 200,
        body: { candidates: [{ content: { parts: [{ text: 'Hi' }], role: 'model' }, finishReason: 'MAX_TOKENS', index: 0 }], usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 }, modelVersion: generate[1] },
      };
    }
    return googleError(404, 'NOT_FOUND', `Not found: ${req.method} ${req.path}`);
  },
};
