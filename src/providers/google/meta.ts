import type { ProviderMeta } from '../types.js';

export const googleMeta: ProviderMeta = {
  id: 'google',
  displayName: 'Google Gemini',
  statusPage: 'aistudio.google.com/status',
  families: { google: { env: 'GEMINI_BASE_URL', default: 'https://generativelanguage.googleapis.com', versionInPaths: '/v1beta' } },
  envVars: [{ name: 'GEMINI_API_KEY' }, { name: 'GOOGLE_API_KEY' }],
  // openclaw's Google plugin also keys Gemini API keys by `gemini` (its key table, its web search).
  // Its `google-gemini-cli` is a Google sign-in for another API, not a Gemini key: not this module.
  openclawIds: ['gemini'],
  // `AIza` and 35 characters; another length is tried anyway (the shape is Google's alone).
  shapes: [
    { test: /^AIza[0-9A-Za-z_-]{35}$/, prefix: 'AIza', distinctive: true, kind: 'api_key', label: 'Google API key' },
    { test: /^AIza/, prefix: 'AIza', distinctive: true, kind: 'api_key', label: 'Google API key (an unusual length: tried anyway)' },
  ],
  otherShapes: 'unrecognized',
  load: () => import('./index.js').then((m) => m.google),
};
