import type { ProviderMeta } from '../types.js';

export const kimiCodingMeta: ProviderMeta = {
  id: 'kimi-coding',
  displayName: 'Kimi Code',
  families: { 'kimi-coding': { env: 'KIMI_BASE_URL', default: 'https://api.kimi.com/coding/v1' } },
  envVars: [{ name: 'KIMI_API_KEY' }],
  // openclaw has called it `kimi-code` and `kimi-coding`; current versions store `kimi`.
  openclawIds: ['kimi', 'kimi-code'],
  // A Kimi Code sign-in (openclaw's device login) stores a token of no fixed shape: index.ts reads the store.
  shapes: [{ test: /^sk-kimi-/, prefix: 'sk-kimi-', distinctive: true, kind: 'api_key', label: 'Kimi Code API key' }],
  otherShapes: 'unrecognized',
  load: () => import('./index.js').then((m) => m.kimiCoding),
};
