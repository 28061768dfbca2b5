import type { ProviderMeta } from '../types.js';

export const groqMeta: ProviderMeta = {
  id: 'groq',
  displayName: 'Groq',
  statusPage: 'groqstatus.com',
  families: { groq: { env: 'GROQ_BASE_URL', default: 'https://api.groq.com/openai/v1' } },
  envVars: [{ name: 'GROQ_API_KEY' }],
  shapes: [{ test: /^gsk_./, prefix: 'gsk_', distinctive: true, kind: 'api_key', label: 'Groq API key' }],
  otherShapes: 'unrecognized',
  load: () => import('./index.js').then((m) => m.groq),
};
