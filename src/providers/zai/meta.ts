import type { ProviderMeta } from '../types.js';

export const zaiMeta: ProviderMeta = {
  id: 'zai',
  displayName: 'Z.ai',
  families: { zai: { env: 'ZAI_BASE_URL', default: 'https://api.z.ai' } },
  envVars: [{ name: 'ZAI_API_KEY' }],
  openclawIds: ['z.ai', 'z-ai'],
  // Keys look like `<32 hex>.<16 characters>`; the slot decides, so another shape is tried as a key too.
  shapes: [{ test: /^[0-9a-f]{32}\.[A-Za-z0-9]{16}$/, prefix: '', distinctive: false, kind: 'api_key', label: 'Z.ai API key' }],
  otherShapes: { kind: 'api_key', label: 'Z.ai API key (GLM Coding Plan)' },
  load: () => import('./index.js').then((m) => m.zai),
};
