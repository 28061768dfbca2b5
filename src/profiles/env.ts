import { PROVIDER_METAS } from '../providers/registry.js';
import type { ProviderMeta } from '../providers/types.js';
import type { ConfiguredUrl, Profile, Source, SourceContext } from '../types.js';

/**
 * The base URLs a program reading this environment would use for `provider`: each of its families'
 * variables that is set. Shared by the sources whose programs read them (env, stdin, Claude Code, Codex).
 */
export function environmentBaseUrls(meta: ProviderMeta, env: SourceContext['env']): Record<string, ConfiguredUrl> | undefined {
  const out: Record<string, ConfiguredUrl> = {};
  for (const [name, family] of Object.entries(meta.families)) {
    const value = family.env ? env[family.env]?.trim() : undefined;
    if (value) out[name] = { url: value, from: family.env!, env: true };
  }
  return Object.keys(out).length ? out : undefined;
}

export const envSource: Source = {
  type: 'env',
  async discover(ctx) {
    const profiles: Profile[] = [];
    for (const meta of PROVIDER_METAS) {
      const baseUrls = environmentBaseUrls(meta, ctx.env);
      for (const { name, metadata } of meta.envVars) {
        const value = ctx.env[name];
        // A variable that is set but empty is a classic mistake (`export ANTHROPIC_API_KEY=`): report it.
        if (value === undefined) continue;
        profiles.push({
          id: `env/${name}`,
          name,
          provider: meta.id,
          source: { type: 'env', location: name },
          secret: value,
          metadata: { ...metadata },
          ...(baseUrls ? { baseUrls } : {}),
        });
      }
    }
    const names = PROVIDER_METAS.flatMap((m) => m.envVars.map((v) => v.name));
    return { profiles, problems: [], searched: [`environment: ${names.join(', ')}`] };
  },
};
