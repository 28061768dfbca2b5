// authdoctor's own profiles file, for keys that live nowhere else:
//   { "version": 1, "profiles": { "<name>": { "provider"?, "value" | "env" | "file", "kind"?, "expiresAt"?, "refreshable"?, "scopes"? } } }

import path from 'node:path';
import type { Problem, Profile, ProfileMetadata, Source, SourceContext } from '../types.js';
import { providerMeta } from '../providers/registry.js';
import { UsageError } from '../types.js';
import { displayPath, expandHome, parseStoreJson, readStoreFile } from './files.js';

export function defaultConfigPath(env: SourceContext['env'], home: string): string {
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(base, 'authdoctor', 'profiles.json');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `expiresAt` may be epoch milliseconds or an ISO date. */
function parseExpiry(v: unknown): number | null | 'invalid' {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isFinite(t) ? t : 'invalid';
  }
  return 'invalid';
}

const STORED_AS: Record<string, ProfileMetadata['storedAs']> = {
  oauth_token: 'oauth',
  setup_token: 'token',
  api_key: 'api_key',
  admin_key: 'admin_key',
};

interface Entry {
  profile?: Profile;
  problem?: string;
}

/** Turns one entry into a profile, resolving env and file references. Never throws. */
async function entryToProfile(
  name: string,
  raw: unknown,
  ctx: SourceContext,
  configFile: string,
  configLoose: string | undefined,
): Promise<Entry> {
  const where = displayPath(configFile, ctx.home);
  if (!isObject(raw)) return { problem: `profile "${name}" is not an object` };
  const refs = (['value', 'env', 'file'] as const).filter((k) => raw[k] !== undefined);
  if (refs.length !== 1) return { problem: `profile "${name}" needs exactly one of "value", "env" or "file"` };
  const ref = refs[0]!;
  const target = raw[ref];
  if (typeof target !== 'string') return { problem: `profile "${name}": "${ref}" must be a string` };
  const expiresAt = parseExpiry(raw.expiresAt);
  if (expiresAt === 'invalid') return { problem: `profile "${name}": "expiresAt" must be a date or epoch milliseconds` };
  if (raw.scopes !== undefined && !(Array.isArray(raw.scopes) && raw.scopes.every((s) => typeof s === 'string'))) {
    return { problem: `profile "${name}": "scopes" must be a list of strings` };
  }

  const metadata: ProfileMetadata = {};
  if (expiresAt !== null) metadata.expiresAt = expiresAt;
  if (Array.isArray(raw.scopes)) metadata.scopes = raw.scopes as string[];
  if (typeof raw.refreshable === 'boolean') metadata.refreshable = raw.refreshable;
  const storedAs = typeof raw.kind === 'string' ? STORED_AS[raw.kind] : undefined;
  if (storedAs) metadata.storedAs = storedAs;

  if (raw.baseUrl !== undefined && typeof raw.baseUrl !== 'string') return { problem: `profile "${name}": "baseUrl" must be a string` };
  const provider = typeof raw.provider === 'string' ? raw.provider : 'anthropic';
  const profile: Profile = {
    id: `config/${name}`,
    name,
    provider: providerMeta(provider)?.id ?? provider,
    source: { type: 'config', location: `${where}#/profiles/${name}` },
    secret: null,
    metadata,
    ...(typeof raw.baseUrl === 'string' ? { ownBaseUrl: { url: raw.baseUrl, from: `${where}#/profiles/${name}/baseUrl` } } : {}),
  };
  switch (ref) {
    case 'value':
      profile.secret = target;
      if (configLoose) {
        metadata.loosePermissions = configLoose;
        metadata.secretFile = where;
      }
      break;
    case 'env':
      profile.source.location = target;
      if (ctx.env[target] === undefined) metadata.unresolved = `environment variable ${target} is not set`;
      else profile.secret = ctx.env[target]!;
      break;
    case 'file': {
      // A relative path means relative to the profiles file, wherever authdoctor is run from.
      const file = path.resolve(path.dirname(configFile), expandHome(target, ctx.home));
      profile.source.location = displayPath(file, ctx.home);
      const read = await readStoreFile(file);
      if (read.kind === 'ok') {
        profile.secret = read.text;
        metadata.fromFile = true;
        if (read.loosePermissions) {
          metadata.loosePermissions = read.loosePermissions;
          metadata.secretFile = profile.source.location;
        }
      } else {
        metadata.unresolved = `file ${displayPath(file, ctx.home)}: ${read.kind === 'unreadable' ? read.message : read.kind.replace('_', ' ')}`;
      }
      break;
    }
  }
  return { profile };
}

export const configSource: Source = {
  type: 'config',
  async discover(ctx) {
    const explicit = ctx.options.configExplicit === true;
    const file = ctx.options.config ? path.resolve(expandHome(ctx.options.config, ctx.home)) : defaultConfigPath(ctx.env, ctx.home);
    const where = displayPath(file, ctx.home);
    const problems: Problem[] = [];
    const fail = (code: Problem['code'], message: string) => {
      // A file the user named and we cannot use is an input error (exit 2); the default one is a finding.
      if (explicit) throw new UsageError(`--config ${where}: ${message}`);
      problems.push({ source: 'config', location: where, code, message });
      return { profiles: [], problems };
    };

    const read = await readStoreFile(file);
    const searched = [`authdoctor profiles file: ${where}`];
    if (read.kind === 'missing') return explicit ? fail('unreadable_store', 'file not found') : { profiles: [], problems, searched };
    if (read.kind !== 'ok') {
      return fail('unreadable_store', read.kind === 'unreadable' ? read.message : read.kind === 'too_large' ? `too large (${read.size} bytes)` : 'not a regular file');
    }
    const parsed = parseStoreJson(read.text);
    if (!parsed.ok) return fail('malformed_store', parsed.message);
    const doc = parsed.value;
    if (!isObject(doc) || !isObject(doc.profiles)) return fail('malformed_store', 'expected {"version": 1, "profiles": {…}}');
    if (doc.version !== undefined && doc.version !== 1) return fail('unsupported_store', `version ${JSON.stringify(doc.version)} is not supported (expected 1)`);

    const profiles: Profile[] = [];
    for (const [name, raw] of Object.entries(doc.profiles)) {
      const entry = await entryToProfile(name, raw, ctx, file, read.loosePermissions);
      if (entry.profile) profiles.push(entry.profile);
      if (entry.problem) problems.push({ source: 'config', location: `${where}#/profiles/${name}`, code: 'malformed_store', message: entry.problem });
    }
    return { profiles, problems, searched };
  },
};
