import type { ProviderMeta } from '../types.js';

export const openrouterMeta: ProviderMeta = {
  id: 'openrouter',
  displayName: 'OpenRouter',
  statusPage: 'status.openrouter.ai',
  families: { openrouter: { env: 'OPENROUTER_BASE_URL', default: 'https://openrouter.ai/api/v1' } },
  envVars: [{ name: 'OPENROUTER_API_KEY' }],
  // Inference keys and management keys look alike: GET /key says which one it is (index.ts).
  shapes: [
    { test: /^sk-or-v1-/, prefix: 'sk-or-v1-', distinctive: true, kind: 'api_key', label: 'OpenRouter API key' },
    { test: /^sk-or-/, prefix: 'sk-or-', distinctive: true, kind: 'api_key', label: 'OpenRouter key of a version authdoctor does not know (tried anyway)' },
  ],
  otherShapes: 'unrecognized',
  load: () => import('./index.js').then((m) => m.openrouter),
};
