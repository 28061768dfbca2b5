import type { ProviderMeta } from '../types.js';

export const mistralMeta: ProviderMeta = {
  id: 'mistral',
  displayName: 'Mistral',
  families: { mistral: { env: 'MISTRAL_BASE_URL', default: 'https://api.mistral.ai/v1' } },
  envVars: [{ name: 'MISTRAL_API_KEY' }],
  // Mistral keys have no prefix (32 letters and digits): the slot decides. No shape is declared, so
  // a bare 32-character key on --key-stdin is not claimed by Mistral alone (CONTRACT.md: ask --provider).
  shapes: [],
  otherShapes: { kind: 'api_key', label: 'Mistral API key' },
  load: () => import('./index.js').then((m) => m.mistral),
};
