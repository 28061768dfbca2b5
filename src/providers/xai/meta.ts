import type { ProviderMeta } from '../types.js';

export const xaiMeta: ProviderMeta = {
  id: 'xai',
  displayName: 'xAI',
  families: { xai: { env: 'XAI_BASE_URL', default: 'https://api.x.ai/v1' } },
  envVars: [{ name: 'XAI_API_KEY' }],
  // openclaw's xAI plugin accepts `x-ai` for it (providerAuthAliases).
  openclawIds: ['x-ai'],
  shapes: [{ test: /^xai-./, prefix: 'xai-', distinctive: true, kind: 'api_key', label: 'xAI API key' }],
  otherShapes: 'unrecognized',
  load: () => import('./index.js').then((m) => m.xai),
};
