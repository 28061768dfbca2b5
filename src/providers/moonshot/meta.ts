import type { ProviderMeta } from '../types.js';

export const moonshotMeta: ProviderMeta = {
  id: 'moonshot',
  displayName: 'Moonshot',
  // Keys are bound to a region: platform.moonshot.ai keys work at api.moonshot.ai, platform.moonshot.cn
  // keys at api.moonshot.cn (MOONSHOT_BASE_URL). The other region answers 401.
  families: { moonshot: { env: 'MOONSHOT_BASE_URL', default: 'https://api.moonshot.ai/v1' } },
  envVars: [{ name: 'MOONSHOT_API_KEY' }],
  // openclaw normalises Moonshot's own org slug to its `moonshot` provider.
  openclawIds: ['moonshotai', 'moonshot-ai'],
  // `sk-` is shared with OpenAI and DeepSeek: the slot decides.
  shapes: [{ test: /^sk-[A-Za-z0-9_-]+$/, prefix: 'sk-', distinctive: false, kind: 'api_key', label: 'Moonshot API key' }],
  otherShapes: 'unrecognized',
  load: () => import('./index.js').then((m) => m.moonshot),
};
