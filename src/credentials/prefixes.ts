// Known credential shapes, across providers. Anthropic's decide the kind; the others exist so that
// another provider's key pasted into an Anthropic slot is recognised (and never sent).

import type { CredentialKind } from '../types.js';

export interface AnthropicPrefix {
  prefix: string;
  kind: Exclude<CredentialKind, 'setup_token' | 'unknown'>;
  label: string;
}

/** Anthropic's prefixes. `sk-ant-oat01-` is an OAuth access token or a setup token: metadata decides. */
export const ANTHROPIC_PREFIXES: readonly AnthropicPrefix[] = [
  { prefix: 'sk-ant-api03-', kind: 'api_key', label: 'Anthropic API key' },
  { prefix: 'sk-ant-admin01-', kind: 'admin_key', label: 'Anthropic Admin API key' },
  { prefix: 'sk-ant-oat01-', kind: 'oauth_token', label: 'Anthropic OAuth access token' },
  { prefix: 'sk-ant-ort01-', kind: 'refresh_token', label: 'Anthropic OAuth refresh token' },
];

export interface ForeignPattern {
  /** Matched against the start of the trimmed secret. */
  test: RegExp;
  /** The part shown in a redacted value. */
  prefix: (secret: string) => string;
  provider: string;
}

const literal = (p: string) => () => p;

/** Other providers' keys, most specific first (`sk-` alone comes last: many providers use it). */
export const FOREIGN_PATTERNS: readonly ForeignPattern[] = [
  { test: /^sk-or-v\d+-/, prefix: (s) => /^sk-or-v\d+-/.exec(s)![0], provider: 'OpenRouter' },
  { test: /^sk-or-/, prefix: literal('sk-or-'), provider: 'OpenRouter' },
  { test: /^sk-proj-/, prefix: literal('sk-proj-'), provider: 'OpenAI' },
  { test: /^sk-svcacct-/, prefix: literal('sk-svcacct-'), provider: 'OpenAI' },
  { test: /^sk-admin-/, prefix: literal('sk-admin-'), provider: 'OpenAI' },
  { test: /^sk-kimi-/, prefix: literal('sk-kimi-'), provider: 'Kimi Code' },
  { test: /^sk-cp-/, prefix: literal('sk-cp-'), provider: 'MiniMax' },
  { test: /^AIza/, prefix: literal('AIza'), provider: 'Google' },
  { test: /^github_pat_/, prefix: literal('github_pat_'), provider: 'GitHub' },
  { test: /^gh[pousr]_/, prefix: (s) => s.slice(0, 4), provider: 'GitHub' },
  { test: /^gsk_/, prefix: literal('gsk_'), provider: 'Groq' },
  { test: /^xai-/, prefix: literal('xai-'), provider: 'xAI' },
  { test: /^hf_/, prefix: literal('hf_'), provider: 'Hugging Face' },
  { test: /^(AKIA|ASIA)[A-Z0-9]{12,}/, prefix: (s) => s.slice(0, 4), provider: 'AWS' },
  { test: /^sk-(?!ant-)/, prefix: literal('sk-'), provider: 'OpenAI-compatible (OpenAI, DeepSeek, Moonshot, …)' },
];

/** openclaw writes this inert marker while it refreshes an OAuth token. */
export const OPENCLAW_REFRESH_FENCE = 'openclaw-oauth-refresh-fence:v1:';
