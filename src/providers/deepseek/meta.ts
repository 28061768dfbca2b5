import type { ProviderMeta } from '../types.js';

export const deepseekMeta: ProviderMeta = {
  id: 'deepseek',
  displayName: 'DeepSeek',
  statusPage: 'status.deepseek.com',
  families: { deepseek: { env: 'DEEPSEEK_BASE_URL', default: 'https://api.deepseek.com' } },
  envVars: [{ name: 'DEEPSEEK_API_KEY' }],
  // `sk-` and 32 hex characters; a bare `sk-` key of another length is tried anyway (shapes change).
  shapes: [
    { test: /^sk-[0-9a-f]{32}$/, prefix: 'sk-', distinctive: false, kind: 'api_key', label: 'DeepSeek API key' },
    { test: /^sk-[A-Za-z0-9_-]+$/, prefix: 'sk-', distinctive: false, kind: 'api_key', label: 'DeepSeek API key (an unusual length: tried anyway)' },
  ],
  otherShapes: 'unrecognized',
  load: () => import('./index.js').then((m) => m.deepseek),
};
