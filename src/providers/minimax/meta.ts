import type { ProviderMeta } from '../types.js';

const CHINA = 'https://api.minimaxi.com';

export const minimaxMeta: ProviderMeta = {
  id: 'minimax',
  displayName: 'MiniMax',
  // Base URLs often name the inference API (`…/v1`, `…/anthropic`): index.ts keeps only the host part.
  families: { minimax: { env: 'MINIMAX_BASE_URL', default: 'https://api.minimax.io' } },
  envVars: [{ name: 'MINIMAX_API_KEY' }],
  // `minimax-portal` holds openclaw's MiniMax sign-in (OAuth); the `-cn` ids live in the China region,
  // whose API refuses keys of the global one (and the other way round).
  openclawIds: ['minimax-cn', 'minimax-portal', 'minimax-portal-cn'],
  openclawDefaultBaseUrls: { 'minimax-cn': CHINA, 'minimax-portal-cn': CHINA },
  shapes: [{ test: /^sk-cp-/, prefix: 'sk-cp-', distinctive: true, kind: 'api_key', label: 'MiniMax Token Plan key' }],
  otherShapes: { kind: 'api_key', label: 'MiniMax API key' },
  load: () => import('./index.js').then((m) => m.minimax),
};
