import type { ProviderMeta } from '../types.js';

export const anthropicMeta: ProviderMeta = {
  id: 'anthropic',
  displayName: 'Anthropic',
  statusPage: 'status.anthropic.com',
  families: { anthropic: { env: 'ANTHROPIC_BASE_URL', default: 'https://api.anthropic.com', versionInPaths: '/v1' } },
  envVars: [
    { name: 'ANTHROPIC_API_KEY' },
    { name: 'ANTHROPIC_AUTH_TOKEN' },
    { name: 'ANTHROPIC_OAUTH_TOKEN' },
    // Claude Code documents this variable for `claude setup-token` output.
    { name: 'CLAUDE_CODE_OAUTH_TOKEN', metadata: { storedAs: 'token' } },
    { name: 'ANTHROPIC_SETUP_TOKEN', metadata: { storedAs: 'token' } },
    { name: 'ANTHROPIC_ADMIN_KEY', metadata: { storedAs: 'admin_key' } },
    { name: 'ANTHROPIC_ADMIN_API_KEY', metadata: { storedAs: 'admin_key' } },
  ],
  // `sk-ant-oat01-` is an OAuth access token or a setup token: the store's metadata decides (index.ts).
  shapes: [
    { test: /^sk-ant-api03-/, prefix: 'sk-ant-api03-', distinctive: true, kind: 'api_key', label: 'Anthropic API key' },
    { test: /^sk-ant-admin01-/, prefix: 'sk-ant-admin01-', distinctive: true, kind: 'admin_key', label: 'Anthropic Admin API key' },
    { test: /^sk-ant-oat01-/, prefix: 'sk-ant-oat01-', distinctive: true, kind: 'oauth_token', label: 'Anthropic OAuth access token' },
    { test: /^sk-ant-ort01-/, prefix: 'sk-ant-ort01-', distinctive: true, kind: 'refresh_token', label: 'Anthropic OAuth refresh token' },
    { test: /^sk-ant-/, prefix: 'sk-ant-', distinctive: true, kind: 'unknown', label: 'an Anthropic credential of a shape authdoctor does not know' },
  ],
  otherShapes: 'unrecognized',
  load: () => import('./index.js').then((m) => m.anthropic),
};
