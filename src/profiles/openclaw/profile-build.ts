// Turns an agent's effective credential into the Profile the checks see. It records what the
// store says (type, expiry, refresh token present, cooldowns) and resolves SecretRefs; deciding
// what the secret is and whether it works is left to the checks.

import { providerMeta } from '../../providers/registry.js';
import type { Profile, ProfileMetadata } from '../../types.js';
import type { EffectiveCredential } from './layers.js';
import { describeRef, envTemplateName } from './ref-shape.js';
import type { RefResolver } from './secret-refs.js';
import type { UsageStats } from './store-parse.js';

export interface BuiltProfile {
  profile: Profile;
  /** Set when a SecretRef could not or may not be resolved: becomes an `unresolved_ref` problem. */
  unresolvedRef?: string;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** openclaw's usage stats worth a line in a triage report: active cooldowns and disables. */
export function usageNotes(usage: UsageStats | undefined, now: Date): string[] {
  if (!usage) return [];
  const notes: string[] = [];
  const t = now.getTime();
  if (usage.cooldownUntil !== undefined && usage.cooldownUntil > t) notes.push(`openclaw has it in cooldown until ${iso(usage.cooldownUntil)}`);
  const reason = usage.disabledReason ? ` (reason: ${usage.disabledReason})` : '';
  if (usage.disabledUntil !== undefined && usage.disabledUntil > t) notes.push(`openclaw disabled it until ${iso(usage.disabledUntil)}${reason}`);
  else if (usage.disabledUntil === undefined && usage.disabledReason) notes.push(`openclaw disabled it${reason}`);
  return notes;
}

/** Where openclaw sends a provider's requests, and which provider module checks them. */
export interface ProviderRouting {
  /** `models.providers.<id>.baseUrl` of openclaw's config. */
  baseUrls: ReadonlyMap<string, string>;
  /** Shown as where a base URL came from. */
  configFile: string;
}

/**
 * openclaw's provider id as authdoctor's (`openai-codex` → `openai`), and the base URL openclaw's
 * config gives it; an id authdoctor has no module for stays as it is (the report says so).
 */
export function routeProvider(openclawId: string, routing: ProviderRouting): Pick<Profile, 'provider' | 'ownBaseUrl' | 'baseUrls'> {
  const meta = providerMeta(openclawId);
  const configured = routing.baseUrls.get(openclawId);
  if (!meta) return { provider: openclawId };
  if (!configured) return { provider: meta.id };
  const url = { url: configured, from: `${routing.configFile} models.providers.${openclawId}.baseUrl` };
  // A provider with several families names the one this openclaw id configures: an OpenAI API base
  // URL never receives a ChatGPT login, whatever the profile holds.
  const family = meta.openclawFamilies?.[openclawId];
  return family ? { provider: meta.id, baseUrls: { [family]: url } } : { provider: meta.id, ownBaseUrl: url };
}

export async function buildProfile(
  agentId: string,
  effective: EffectiveCredential,
  resolveRef: RefResolver,
  now: Date,
  routing: ProviderRouting,
): Promise<BuiltProfile> {
  const c = effective.credential;
  const notes: string[] = [];
  const metadata: ProfileMetadata = { storedAs: c.type, refreshable: c.hasRefresh };
  if (c.type !== 'api_key') metadata.expiresAt = c.expires ?? null;
  if (c.expires === 0) notes.push('openclaw treats this token as ineligible: its stored expiry is 0 or not a valid time');
  if (c.email) metadata.email = c.email;
  if (c.subscriptionType) metadata.subscriptionType = c.subscriptionType;
  if (c.accountId) metadata.accountId = c.accountId;

  let secret: string | null = null;
  let unresolvedRef: string | undefined;
  // openclaw resolves a literal `${NAME}` (and its shorthands) from its environment at run time, so
  // such a value is an env reference, not a broken key: resolve it the same way, never send the text.
  const envName = c.ref === undefined && c.literal !== undefined ? envTemplateName(c.literal) : undefined;
  const ref = c.ref ?? (envName ? ({ source: 'env', provider: 'default', id: envName } as const) : undefined);
  if (ref) {
    const resolved = await resolveRef(ref);
    const what = c.ref ? `SecretRef ${describeRef(ref)}` : `the stored text \${${envName}} (an environment reference openclaw resolves at run time)`;
    if (resolved.ok) {
      secret = resolved.secret;
      notes.push(`secret from ${what} (${resolved.via})`);
      if (resolved.fromFile) metadata.fromFile = true;
      if (resolved.loosePermissions) metadata.loosePermissions = resolved.loosePermissions;
    } else {
      unresolvedRef = `${what}: ${resolved.reason}`;
      metadata.unresolved = unresolvedRef;
    }
  } else if (c.literal !== undefined) {
    secret = c.literal;
    if (c.loosePermissions) {
      metadata.loosePermissions = c.loosePermissions;
      metadata.secretFile = c.location.replace(/#.*$/, '');
    }
  } else {
    metadata.unresolved = c.invalid ?? (c.type === 'oauth' ? 'no OAuth access token is stored' : `no ${c.type === 'api_key' ? 'key' : 'token'} is stored`);
  }

  notes.push(...usageNotes(effective.usage, now));
  for (const location of effective.overrides) notes.push(`overrides the entry at ${location}`);
  if (notes.length > 0) metadata.notes = notes;

  const name = `${agentId}/${c.profileId}`;
  const profile: Profile = {
    id: `openclaw/${name}`,
    name,
    ...routeProvider(c.provider, routing),
    source: { type: 'openclaw', location: c.location },
    secret,
    metadata,
  };
  return unresolvedRef ? { profile, unresolvedRef } : { profile };
}
