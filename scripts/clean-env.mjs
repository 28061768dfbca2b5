// The environment of a user with no credentials, for the scripts that run the built CLI (smoke.mjs,
// bench.mjs): without every variable that names a credential, a store or a base URL, a proxy, or
// options for Node or colours. Plain .mjs, so the list cannot be derived from the TypeScript
// provider registry: test/scripts-env.test.ts checks it against the registry instead.

const SCRUBBED = new RegExp(
  '^(' +
    [
      // Every provider's keys and base URLs.
      'ANTHROPIC_', 'CLAUDE_', 'OPENAI_', 'CHATGPT_', 'OPENROUTER_', 'GEMINI_', 'GOOGLE_', 'DEEPSEEK_', 'XAI_', 'GROQ_',
      'MISTRAL_', 'MOONSHOT_', 'KIMI_', 'MINIMAX_', 'ZAI_', 'COPILOT_', 'GITHUB_API_URL$',
      // Where the stores are.
      'OPENCLAW_', 'CLAWDBOT_', 'CODEX_HOME$', 'XDG_CONFIG_HOME$',
      'HTTPS?_PROXY$', 'ALL_PROXY$', 'NO_PROXY$',
      'NODE_OPTIONS$', 'FORCE_COLOR$', 'NO_COLOR$',
    ].join('|') +
    ')',
  'i',
);

/** `env` without any of those variables. */
export function withoutUserSettings(env) {
  return Object.fromEntries(Object.entries(env).filter(([name, value]) => value !== undefined && !SCRUBBED.test(name)));
}
