import type { ProviderMeta } from '../types.js';

/**
 * Any server that speaks OpenAI's API (Together, NVIDIA, Hugging Face's router, LiteLLM, vLLM,
 * LM Studio, Ollama …), at the profile's own base URL: a profiles-file `baseUrl`, or, for an openclaw
 * provider without a module of its own, its `models.providers.<id>.baseUrl` or openclaw's built-in
 * base URL for it (src/profiles/openclaw/builtin-providers.ts; Profile.checkedAs).
 */
export const openaiCompatibleMeta: ProviderMeta = {
  id: 'openai-compatible',
  displayName: 'OpenAI-compatible server',
  // No default and no environment variable: without the profile's own base URL nothing is sent.
  families: { 'openai-compatible': { env: null, default: null } },
  envVars: [],
  shapes: [],
  // A gateway may take any key, another provider's included (LiteLLM forwards them).
  otherShapes: { kind: 'api_key', label: 'key for an OpenAI-compatible server (any shape)', foreign: 'allowed' },
  load: () => import('./index.js').then((m) => m.openaiCompatible),
};
