// Turns an agent's effective credential into the Profile the checks see. It records what the
// store says (type, expiry, refresh token present, cooldowns) and resolves SecretRefs (one that runs
// a program only once the filters have chosen the profile: Profile.deferred); deciding
// what the secret is and whether it works is left to the checks.

import { providerMeta } from '../../providers/registry.js';
import type { ConfiguredUrl, DeferredSecret, Profile, ProfileMetadata } from '../../types.js';
import { looseMetadata } from '../files.js';
import { openaiStyleBuiltin, uncheckableBuiltin } from './builtin-providers.js';
import type { ConfiguredProvider } from './config.js';
import type { EffectiveCredential } from './layers.js';
import { nonSecretMarker } from './markers.js';
import { describeRef, envTemplateName, type SecretRef } from './ref-shape.js';
import type { RefResolution, RefResolver } from './secret-refs.js';
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

/** What openclaw's store says about an entry as one agent sees it, worth a line in a report. */
export function entryNotes(effective: EffectiveCredential, now: Date): string[] {
  const notes: string[] = [];
  if (effective.credential.expires === 0) notes.push('openclaw treats this token as ineligible: its stored expiry is 0 or not a valid time');
  notes.push(...usageNotes(effective.usage, now));
  for (const location of effective.overrides) notes.push(`overrides the entry at ${location}`);
  return notes;
}

/**
 * One entry of a shared store, seen by one more agent: listed once (CONTRACT.md), so this agent's id
 * becomes an alias of the profile, and what this agent's own state says about it is added as a note.
 */
export function addAgentView(profile: Profile, agentId: string, effective: EffectiveCredential, now: Date): void {
  profile.aliases = [...(profile.aliases ?? []), `openclaw/${agentId}/${effective.credential.profileId}`];
  const seen = new Set(profile.metadata.notes ?? []);
  const own = entryNotes(effective, now).filter((n) => !seen.has(n));
  // The metadata object itself, not a copy: a deferred resolution (exec) spreads it when it runs.
  if (own.length) profile.metadata.notes = [...(profile.metadata.notes ?? []), ...own.map((n) => `for agent ${agentId}: ${n}`)];
}

/** Where openclaw sends a provider's requests, and which provider module checks them. */
export interface ProviderRouting {
  /** `models.providers.<id>` of openclaw's config. */
  providers: ReadonlyMap<string, ConfiguredProvider>;
  /** Shown as where a base URL came from. */
  configFile: string;
}

export type Route = Pick<Profile, 'provider' | 'ownBaseUrl' | 'baseUrls' | 'checkedAs' | 'uncheckable'> & { api?: string };

/**
 * A provider without a module of its own: checked as `openai-compatible` at the base URL openclaw's
 * config gives it, else at openclaw's built-in one when openclaw speaks OpenAI's API there; else
 * unchecked, with the reason when openclaw's sources give one (its `provider` stays openclaw's id).
 */
function routeWithoutModule(openclawId: string, id: string, configured: ConfiguredUrl | undefined, api: string | undefined): Route {
  if (configured) return { provider: openclawId, checkedAs: 'openai-compatible', ownBaseUrl: configured, ...(api ? { api } : {}) };
  const builtin = openaiStyleBuiltin(id);
  if (builtin) {
    const ownBaseUrl = { url: builtin.baseUrl, from: `openclaw's built-in default for ${openclawId}` };
    return { provider: openclawId, checkedAs: 'openai-compatible', ownBaseUrl, ...(api ? { api } : {}) };
  }
  const why = uncheckableBuiltin(id);
  return why ? { provider: openclawId, uncheckable: why } : { provider: openclawId };
}

/**
 * openclaw's provider id as authdoctor's (`openai-codex` → `openai`), and the base URL openclaw's
 * config gives it. openclaw compares provider ids in lower case, and so does this.
 */
export function routeProvider(openclawId: string, routing: ProviderRouting): Route {
  const id = openclawId.trim().toLowerCase();
  const meta = providerMeta(id);
  const [exact, lower] = [routing.providers.get(openclawId), routing.providers.get(id)];
  const configuredRaw = exact?.baseUrl ?? lower?.baseUrl;
  const api = exact?.api ?? lower?.api;
  const from = `${routing.configFile} models.providers.${openclawId}.baseUrl`;
  if (!meta) return routeWithoutModule(openclawId, id, configuredRaw ? { url: configuredRaw, from } : undefined, api);
  // Copilot's configured base URL is its inference host, not the API its probe asks: not followed.
  const configured = meta.followsOpenclawBaseUrl === false ? undefined : configuredRaw;
  const regional = meta.openclawDefaultBaseUrls?.[id];
  const own = configured ? { url: configured, from } : regional ? { url: regional, from: `openclaw's default for ${id}` } : undefined;
  // A provider with several families names the one this openclaw id configures: an OpenAI API base
  // URL never receives a ChatGPT login, whatever the profile holds.
  const family = meta.openclawFamilies?.[id];
  const route: Route = { provider: meta.id };
  if (own && family) route.baseUrls = { [family]: own };
  else if (own) route.ownBaseUrl = own;
  if (configured && api) route.api = api;
  return route;
}

/** The secret and metadata a ref's resolution gives; `base` is what the store says besides. */
function settle(resolved: RefResolution, what: string, base: ProfileMetadata): DeferredSecret {
  if (!resolved.ok) {
    const unresolved = `${what}: ${resolved.reason}`;
    return { secret: null, metadata: { ...base, unresolved }, unresolved };
  }
  const metadata: ProfileMetadata = { ...base, notes: [`secret from ${what} (${resolved.via})`, ...(base.notes ?? [])] };
  if (resolved.fromFile) metadata.fromFile = true;
  if (resolved.loose) Object.assign(metadata, looseMetadata(resolved.loose));
  return { secret: resolved.secret, metadata };
}

/**
 * `defer(ref)` says whether resolving a ref must wait until the filters have chosen the profile (it
 * runs a program): the profile then carries `deferred` instead of a secret.
 */
export async function buildProfile(
  agentId: string,
  effective: EffectiveCredential,
  resolveRef: RefResolver,
  now: Date,
  routing: ProviderRouting,
  defer: (ref: SecretRef) => boolean = () => false,
): Promise<BuiltProfile> {
  const c = effective.credential;
  const metadata: ProfileMetadata = { storedAs: c.type, refreshable: c.hasRefresh };
  if (c.type !== 'api_key') metadata.expiresAt = c.expires ?? null;
  if (c.email) metadata.email = c.email;
  if (c.subscriptionType) metadata.subscriptionType = c.subscriptionType;
  if (c.accountId) metadata.accountId = c.accountId;
  const notes = entryNotes(effective, now);
  if (notes.length > 0) metadata.notes = notes;

  const name = `${agentId}/${c.profileId}`;
  const { api, ...route } = routeProvider(c.provider, routing);
  if (api) metadata.api = api;
  const profile: Profile = {
    id: `openclaw/${name}`,
    name,
    ...route,
    source: { type: 'openclaw', location: c.location },
    secret: null,
    metadata,
  };

  // openclaw resolves a literal `${NAME}` (and its shorthands) from its environment at run time, so
  // such a value is an env reference, not a broken key: resolve it the same way, never send the text.
  const envName = c.ref === undefined && c.literal !== undefined ? envTemplateName(c.literal) : undefined;
  const ref: SecretRef | undefined = c.ref ?? (envName ? { source: 'env', provider: 'default', id: envName } : undefined);
  if (ref) {
    const what = c.ref ? `SecretRef ${describeRef(ref)}` : `the stored text \${${envName}} (an environment reference openclaw resolves at run time)`;
    if (defer(ref)) return { profile: { ...profile, deferred: async () => settle(await resolveRef(ref), what, metadata) } };
    const { secret, metadata: settled, unresolved } = settle(await resolveRef(ref), what, metadata);
    const resolved = { ...profile, secret, metadata: settled };
    return unresolved ? { profile: resolved, unresolvedRef: unresolved } : { profile: resolved };
  }
  // A marker is openclaw's word that no secret is stored here: nothing to send, nothing to hide.
  const marker = c.literal === undefined ? undefined : nonSecretMarker(c.literal, route.provider);
  if (marker) return { profile: { ...profile, uncheckable: marker } };
  if (c.literal !== undefined) {
    profile.secret = c.literal;
    if (c.loose) Object.assign(metadata, looseMetadata(c.loose));
  } else {
    metadata.unresolved = c.invalid ?? (c.type === 'oauth' ? 'no OAuth access token is stored' : `no ${c.type === 'api_key' ? 'key' : 'token'} is stored`);
  }
  return { profile };
}
