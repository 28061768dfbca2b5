import type { ProviderMeta } from '../types.js';

export const githubCopilotMeta: ProviderMeta = {
  id: 'github-copilot',
  displayName: 'GitHub Copilot',
  statusPage: 'githubstatus.com',
  families: { github: { env: 'GITHUB_API_URL', default: 'https://api.github.com' } },
  // Only Copilot's own variable: GH_TOKEN and GITHUB_TOKEN are rarely a Copilot user's token (CONTRACT.md).
  envVars: [{ name: 'COPILOT_GITHUB_TOKEN' }],
  // openclaw's configured base URL for Copilot is the inference API (githubcopilot.com), not the GitHub API.
  followsOpenclawBaseUrl: false,
  shapes: [
    { test: /^gho_/, prefix: 'gho_', distinctive: true, kind: 'oauth_token', label: 'GitHub OAuth token' },
    { test: /^ghu_/, prefix: 'ghu_', distinctive: true, kind: 'oauth_token', label: 'GitHub App user token' },
    { test: /^github_pat_/, prefix: 'github_pat_', distinctive: true, kind: 'oauth_token', label: 'GitHub fine-grained personal access token' },
    // Shapes Copilot's own apps never hold: tried anyway, as GitHub decides what they may read.
    { test: /^ghp_/, prefix: 'ghp_', distinctive: true, kind: 'oauth_token', label: 'GitHub classic personal access token (Copilot’s apps do not use these; tried anyway)' },
    { test: /^ghs_/, prefix: 'ghs_', distinctive: true, kind: 'oauth_token', label: 'GitHub App installation token (not a user’s; tried anyway)' },
    { test: /^ghr_/, prefix: 'ghr_', distinctive: true, kind: 'refresh_token', label: 'GitHub App refresh token' },
  ],
  otherShapes: 'unrecognized',
  load: () => import('./index.js').then((m) => m.githubCopilot),
};
