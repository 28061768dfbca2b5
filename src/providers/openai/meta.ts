import { JWT_SHAPE } from '../../credentials/jwt.js';
import { isOpenAiJwt } from './claims.js';
import type { ProviderMeta } from '../types.js';

export const openaiMeta: ProviderMeta = {
  id: 'openai',
  displayName: 'OpenAI',
  statusPage: 'status.openai.com',
  // API keys go to the API; a ChatGPT/Codex login goes to ChatGPT's backend, which has its own host.
  families: {
    openai: { env: 'OPENAI_BASE_URL', default: 'https://api.openai.com/v1' },
    chatgpt: { env: 'CHATGPT_BASE_URL', default: 'https://chatgpt.com/backend-api' },
  },
  envVars: [{ name: 'OPENAI_API_KEY' }, { name: 'OPENAI_ADMIN_KEY' }],
  // openclaw stored Codex logins as `openai-codex` before renaming them to `openai`.
  openclawIds: ['openai-codex'],
  openclawFamilies: { openai: 'openai', 'openai-codex': 'chatgpt' },
  shapes: [
    { test: /^sk-proj-/, prefix: 'sk-proj-', distinctive: true, kind: 'api_key', label: 'OpenAI project API key' },
    { test: /^sk-svcacct-/, prefix: 'sk-svcacct-', distinctive: true, kind: 'api_key', label: 'OpenAI service account key' },
    { test: /^sk-admin-/, prefix: 'sk-admin-', distinctive: true, kind: 'admin_key', label: 'OpenAI Admin API key' },
    { test: /^sk-[A-Za-z0-9]{48}$/, prefix: 'sk-', distinctive: false, kind: 'api_key', label: 'OpenAI API key (legacy user key)' },
    // Other services issue JWTs too: only a token whose claims name OpenAI is OpenAI's alone; any
    // other JWT may still be a login here (index.ts reads its claims), but it rules nothing out elsewhere.
    { test: { test: isOpenAiJwt }, prefix: '', distinctive: true, kind: 'oauth_token', label: 'ChatGPT/Codex login token' },
    { test: JWT_SHAPE, prefix: '', distinctive: false, kind: 'oauth_token', label: 'ChatGPT/Codex login token' },
    { test: /^sk-[A-Za-z0-9_-]+$/, prefix: 'sk-', distinctive: false, kind: 'api_key', label: 'OpenAI API key (an unusual shape: tried anyway)' },
  ],
  otherShapes: 'unrecognized',
  load: () => import('./index.js').then((m) => m.openai),
};
