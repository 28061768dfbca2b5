// Parses openclaw's credential JSON (the SQLite cells and the legacy files share it) into
// normalised entries, following openclaw's own normalisation (agents/auth-profiles/persisted.ts
// and legacy-flat-credential.ts in its sources) so authdoctor sees the credentials openclaw
// sees. Pure: parsed JSON in, entries out. No secret ever goes into an issue message.

import { pointerOf } from './json-pointer.js';
import { coerceSecretRef, type RefDefaults, type SecretRef } from './ref-shape.js';
import { isRecord, nonBlank } from '../files.js';

export type CredentialType = 'api_key' | 'token' | 'oauth';

export interface StoredCredential {
  profileId: string;
  /** Where the entry sits inside the store's JSON (an RFC 6901 pointer). */
  pointer: string;
  type: CredentialType;
  provider: string;
  /** The stored secret (api key, token, OAuth access token), exactly as stored. */
  literal?: string;
  ref?: SecretRef;
  /** Why the stored value cannot be a secret (e.g. a number in the key field). */
  invalid?: string;
  /** openclaw's expiry: absent, epoch ms, or 0 when the stored value makes the token ineligible. */
  expires?: number;
  hasRefresh: boolean;
  email?: string;
  subscriptionType?: string;
  /** The account an OAuth login belongs to (ChatGPT's account id for Codex logins). */
  accountId?: string;
}

export interface UsageStats {
  cooldownUntil?: number;
  disabledUntil?: number;
  disabledReason?: string;
}

export interface EntryIssue {
  pointer: string;
  profileId: string;
  message: string;
}

export type StoreParse =
  | { kind: 'ok'; credentials: StoredCredential[]; usage: Map<string, UsageStats>; issues: EntryIssue[] }
  | { kind: 'unsupported'; message: string }
  | { kind: 'malformed'; message: string };

/** The store format version authdoctor understands (openclaw's AUTH_STORE_VERSION). */
export const STORE_VERSION = 1;

function finiteNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** openclaw keeps a positive finite expiry and turns anything else that is present into 0. */
function normalizeExpires(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
}

function declaredType(raw: Record<string, unknown>): string | undefined {
  const type = typeof raw.type === 'string' ? raw.type : raw.type === undefined && typeof raw.mode === 'string' ? raw.mode : undefined;
  return type === 'apiKey' ? 'api_key' : type;
}

/** Legacy files may omit the type; openclaw infers it from the fields present. */
function inferredType(raw: Record<string, unknown>): string | undefined {
  if (raw.key !== undefined || raw.apiKey !== undefined || raw.api_key !== undefined || raw.keyRef !== undefined) return 'api_key';
  if (raw.token !== undefined || raw.tokenRef !== undefined) return 'token';
  if (typeof raw.access === 'string') return 'oauth';
  return undefined;
}

type SecretField = Pick<StoredCredential, 'literal' | 'ref' | 'invalid'>;

function nonStringSecret(value: unknown, what: string, defaults: RefDefaults | undefined): SecretField {
  const ref = coerceSecretRef(value, defaults);
  return ref ? { ref } : { invalid: `the stored ${what} is not a string` };
}

/** api_key: an explicit keyRef wins over a literal key (openclaw drops the key at load). */
function apiKeyField(raw: Record<string, unknown>, defaults: RefDefaults | undefined): SecretField {
  const explicit = coerceSecretRef(raw.keyRef, defaults);
  if (explicit) return { ref: explicit };
  const value = raw.key !== undefined ? raw.key : raw.apiKey !== undefined ? raw.apiKey : raw.api_key;
  if (typeof value === 'string') return { literal: value };
  if (value === undefined || value === null) return {};
  return nonStringSecret(value, 'key', defaults);
}

/** token: a non-blank literal token wins; the tokenRef is the fallback (openclaw's runtime order). */
function tokenField(raw: Record<string, unknown>, defaults: RefDefaults | undefined): SecretField {
  const value = raw.token;
  if (nonBlank(value)) return { literal: value };
  const explicit = coerceSecretRef(raw.tokenRef, defaults);
  if (explicit) return { ref: explicit };
  if (typeof value === 'string') return { literal: value };
  if (value === undefined || value === null) return {};
  return nonStringSecret(value, 'token', defaults);
}

function accessField(raw: Record<string, unknown>): SecretField {
  if (typeof raw.access === 'string') return { literal: raw.access };
  if (raw.access === undefined || raw.access === null) return {};
  // OAuth tokens are never SecretRefs in openclaw; anything else is broken.
  return { invalid: 'the stored OAuth access token is not a string' };
}

interface EntryContext {
  profileId: string;
  pointer: string;
  fallbackProvider?: string;
  inferType: boolean;
  defaults?: RefDefaults;
}

/** One stored entry → a credential, an issue worth reporting, or null (not a credential). */
function normalizeEntry(raw: unknown, at: EntryContext): StoredCredential | EntryIssue | null {
  if (!isRecord(raw)) return { pointer: at.pointer, profileId: at.profileId, message: 'this profile is not a JSON object, so openclaw ignores it' };
  const type = declaredType(raw) ?? (at.inferType ? inferredType(raw) : undefined);
  // Other types (e.g. "aws-sdk" markers) hold no secret and openclaw ignores them too.
  if (type !== 'api_key' && type !== 'token' && type !== 'oauth') return null;
  const provider = (nonBlank(raw.provider) ? raw.provider : at.fallbackProvider ?? '').trim().toLowerCase();
  if (!provider) return { pointer: at.pointer, profileId: at.profileId, message: 'this profile names no provider, so openclaw ignores it' };
  const field = type === 'api_key' ? apiKeyField(raw, at.defaults) : type === 'token' ? tokenField(raw, at.defaults) : accessField(raw);
  const credential: StoredCredential = {
    profileId: at.profileId,
    pointer: at.pointer,
    type,
    provider,
    ...field,
    hasRefresh: type === 'oauth' && nonBlank(raw.refresh),
  };
  if (type !== 'api_key') {
    const expires = normalizeExpires(raw.expires);
    if (expires !== undefined) credential.expires = expires;
  }
  if (nonBlank(raw.email)) credential.email = raw.email;
  if (nonBlank(raw.subscriptionType)) credential.subscriptionType = raw.subscriptionType;
  if (type === 'oauth' && nonBlank(raw.accountId)) credential.accountId = raw.accountId.trim();
  return credential;
}

function isIssue(v: StoredCredential | EntryIssue): v is EntryIssue {
  return 'message' in v;
}

/** usageStats from a store or state object: cooldowns and disabled reasons, for triage notes. */
export function parseUsage(raw: unknown): Map<string, UsageStats> {
  const usage = new Map<string, UsageStats>();
  const stats = isRecord(raw) ? raw.usageStats : undefined;
  if (!isRecord(stats)) return usage;
  for (const [id, entry] of Object.entries(stats)) {
    if (!isRecord(entry)) continue;
    const u: UsageStats = {};
    const cooldown = finiteNumber(entry.cooldownUntil);
    const disabled = finiteNumber(entry.disabledUntil);
    if (cooldown !== undefined) u.cooldownUntil = cooldown;
    if (disabled !== undefined) u.disabledUntil = disabled;
    if (nonBlank(entry.disabledReason)) u.disabledReason = entry.disabledReason;
    if (Object.keys(u).length > 0) usage.set(id, u);
  }
  return usage;
}

function checkVersion(version: unknown): string | undefined {
  if (version === undefined || Number(version) === STORE_VERSION) return undefined;
  const shown = typeof version === 'number' || typeof version === 'string' ? JSON.stringify(version) : 'an unexpected value';
  return `store version ${shown} is not one authdoctor understands (it reads version ${STORE_VERSION})`;
}

function collect(entries: Array<StoredCredential | EntryIssue | null>, usage: Map<string, UsageStats>): StoreParse {
  const credentials: StoredCredential[] = [];
  const issues: EntryIssue[] = [];
  for (const e of entries) {
    if (e === null) continue;
    if (isIssue(e)) issues.push(e);
    else credentials.push(e);
  }
  return { kind: 'ok', credentials, usage, issues };
}

/**
 * The credential store `{version, profiles: {id: credential}}` (auth-profiles.json and the
 * SQLite cells). With `allowFlat`, also the flat legacy shape `{"<provider>": {apiKey|key…}}`
 * that old auth-profiles.json files have, which openclaw imports as `<provider>:default`.
 */
export function parseProfileStore(raw: unknown, opts: { allowFlat: boolean; defaults?: RefDefaults }): StoreParse {
  if (!isRecord(raw)) return { kind: 'malformed', message: 'the store is not a JSON object' };
  if (!('profiles' in raw)) {
    if (!opts.allowFlat) return { kind: 'malformed', message: 'the store has no "profiles" object' };
    return parseFlatStore(raw, opts.defaults);
  }
  const versionProblem = checkVersion(raw.version);
  if (versionProblem) return { kind: 'unsupported', message: versionProblem };
  if (!isRecord(raw.profiles)) return { kind: 'malformed', message: '"profiles" is not a JSON object' };
  const entries = Object.entries(raw.profiles).map(([profileId, entry]) =>
    normalizeEntry(entry, { profileId, pointer: pointerOf('profiles', profileId), inferType: false, defaults: opts.defaults }),
  );
  return collect(entries, parseUsage(raw));
}

/** `{"<provider>": {credential}}` → `<provider>:default` (legacy auth-profiles.json and auth.json). */
export function parseFlatStore(raw: unknown, defaults?: RefDefaults): StoreParse {
  if (!isRecord(raw)) return { kind: 'malformed', message: 'the file is not a JSON object' };
  const entries = Object.entries(raw)
    .filter(([, entry]) => isRecord(entry))
    .map(([provider, entry]) =>
      normalizeEntry(entry, {
        profileId: `${provider}:default`,
        pointer: pointerOf(provider),
        fallbackProvider: provider,
        inferType: true,
        defaults,
      }),
    );
  return collect(entries, new Map());
}

/** `credentials/oauth.json`: `{"<provider>": {access, refresh, expires, …}}` → `<provider>:default` OAuth. */
export function parseOAuthFile(raw: unknown): StoreParse {
  if (!isRecord(raw)) return { kind: 'malformed', message: 'the file is not a JSON object' };
  const entries = Object.entries(raw)
    .filter(([, entry]) => isRecord(entry))
    .map(([provider, entry]) =>
      normalizeEntry(
        { ...(entry as Record<string, unknown>), type: 'oauth' },
        { profileId: `${provider}:default`, pointer: pointerOf(provider), fallbackProvider: provider, inferType: false },
      ),
    );
  return collect(entries, new Map());
}
