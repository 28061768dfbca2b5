// Values openclaw stores where a secret would be that are no secret at all (its
// src/agents/model-auth-markers.ts and the plugin manifests' `nonSecretAuthMarkers`): Ollama's
// local setup stores `ollama-local`, LM Studio without a token `lmstudio-local`. Sending one
// would test nothing, and judging one as a malformed key would call a working setup broken.

const LOCAL = 'openclaw’s marker for a local server that takes no key';

const MARKERS: Readonly<Record<string, string>> = {
  'ollama-local': LOCAL,
  'lmstudio-local': LOCAL,
  'custom-local': LOCAL,
  'codex-app-server': 'openclaw’s marker for a login the Codex app server holds',
  'gcp-vertex-credentials': 'openclaw’s marker for Google Cloud credentials (ADC), which authdoctor does not check',
  'minimax-oauth': 'openclaw’s marker for a MiniMax sign-in stored in another profile',
  'claude-agent-sdk': 'openclaw’s marker for a login the Claude Agent SDK holds',
  'secretref-managed': 'openclaw’s marker for a secret a SecretRef supplies at run time',
  AWS_BEARER_TOKEN_BEDROCK: 'openclaw’s marker for AWS credentials from the AWS SDK chain, which authdoctor does not check',
  AWS_ACCESS_KEY_ID: 'openclaw’s marker for AWS credentials from the AWS SDK chain, which authdoctor does not check',
  AWS_PROFILE: 'openclaw’s marker for AWS credentials from the AWS SDK chain, which authdoctor does not check',
};

/** extensions/copilot-proxy/index.ts stores `n/a`: the proxy takes no key and openclaw sends none. */
const PROVIDER_MARKERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'copilot-proxy': { 'n/a': 'the Copilot Proxy extension’s placeholder: the local proxy takes no key' },
};

/** Why a stored value is one of openclaw's non-secret markers, or undefined when it may be a secret. */
export function nonSecretMarker(value: string, provider: string): string | undefined {
  const v = value.trim();
  const why = Object.hasOwn(MARKERS, v) ? MARKERS[v] : PROVIDER_MARKERS[provider]?.[v];
  if (why) return `the store holds ${why} (“${v}”), not a credential: there is nothing to check`;
  // `oauth:<provider>` points at an OAuth profile of that provider, checked on its own.
  if (/^oauth:[a-z0-9._-]+$/i.test(v)) return `the store holds openclaw’s pointer “${v}” to an OAuth login, not a credential: that login is checked where it is stored`;
  return undefined;
}
