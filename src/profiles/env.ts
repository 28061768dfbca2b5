import type { Profile, ProfileMetadata, Source } from '../types.js';

/** The variables Anthropic tools read, with what the variable name tells about the credential. */
export const ANTHROPIC_ENV_VARS: ReadonlyArray<{ name: string; metadata: ProfileMetadata }> = [
  { name: 'ANTHROPIC_API_KEY', metadata: {} },
  { name: 'ANTHROPIC_AUTH_TOKEN', metadata: {} },
  { name: 'ANTHROPIC_OAUTH_TOKEN', metadata: {} },
  // Claude Code documents this variable for `claude setup-token` output.
  { name: 'CLAUDE_CODE_OAUTH_TOKEN', metadata: { storedAs: 'token' } },
  { name: 'ANTHROPIC_SETUP_TOKEN', metadata: { storedAs: 'token' } },
  { name: 'ANTHROPIC_ADMIN_KEY', metadata: { storedAs: 'admin_key' } },
  { name: 'ANTHROPIC_ADMIN_API_KEY', metadata: { storedAs: 'admin_key' } },
];

export const envSource: Source = {
  type: 'env',
  async discover(ctx) {
    const profiles: Profile[] = [];
    for (const { name, metadata } of ANTHROPIC_ENV_VARS) {
      const value = ctx.env[name];
      // A variable that is set but empty is a classic mistake (`export ANTHROPIC_API_KEY=`): report it.
      if (value === undefined) continue;
      profiles.push({
        id: `env/${name}`,
        name,
        provider: 'anthropic',
        source: { type: 'env', location: name },
        secret: value,
        metadata: { ...metadata },
      });
    }
    return { profiles, problems: [], searched: [`environment: ${ANTHROPIC_ENV_VARS.map((v) => v.name).join(', ')}`] };
  },
};
