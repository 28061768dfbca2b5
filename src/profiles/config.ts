// authdoctor's own profiles file, for keys that live nowhere else:
//   { "version": 1, "profiles": { "<name>": { "provider"?, "value" | "env" | "file", "kind"?, "expiresAt"?, "refreshable"?, "scopes"? } } }

import path from 'node:path';
import type { Problem, Profile, ProfileMetadata, Source, SourceContext } from '../types.js';
import { didYouMean } from '../did-you-mean.js';
import { providerMeta } from '../providers/registry.js';
import { UsageError } from '../types.js';
import { describeReadFailure, displayPath, expandHome, isRecord, parseStoreJson, readStoreFile } from './files.js';

export function defaultConfigPath(env: SourceContext['env'], home: string): string {
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(base, 'authdoctor', 'profiles.json');
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

/** The fields a profile entry may have (README); anything else is a typo worth saying so. */
const ENTRY_FIELDS = ['provider', 'value', 'env', 'file', 'kind', 'expiresAt', 'refreshable', 'scopes', 'baseUrl'] as const;
const TOP_FIELDS = ['version', 'profiles'] as const;

/** ` (did you mean "provider"?)`, or nothing. */
function meant(word: string, known: readonly string[]): string {
  const near = didYouMean(word, known);
  return near ? ` (did you mean ${near}?)` : '';
}

/** Fields that are not among `known`, each as a message naming it. */
function unknownFields(raw: Record<string, unknown>, known: readonly string[], what: string): Array<{ field: string; message: string }> {
  return Object.keys(raw)
    .filter((k) => !known.includes(k))
    .map((field) => ({ field, message: `${what}: unknown field "${field}"${meant(field, known)}; it was ignored` }));
}

interface Entry {
  profile?: Profile;
  problem?: string;
  /** Mistakes that do not stop the entry from being checked, each at its own pointer. */
  notes?: Array<{ field: string; message: string }>;
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
  if (!isRecord(raw)) return { problem: `profile "${name}" is not an object` };
  const notes = unknownFields(raw, ENTRY_FIELDS, `profile "${name}"`);
  const refs = (['value', 'env', 'file'] as const).filter((k) => raw[k] !== undefined);
  if (refs.length === 0) {
    return { problem: `profile "${name}" has none of "value", "env" or "file": add one (the key itself, a variable name, or a file path)`, notes };
  }
  if (refs.length > 1) return { problem: `profile "${name}" has ${refs.map((r) => `"${r}"`).join(' and ')}: keep only one`, notes };
  const ref = refs[0]!;
  const target = raw[ref];
  if (typeof target !== 'string') return { problem: `profile "${name}": "${ref}" must be a string`, notes };
  const expiresAt = parseExpiry(raw.expiresAt);
  if (expiresAt === 'invalid') return { problem: `profile "${name}": "expiresAt" must be a date or epoch milliseconds`, notes };
  if (raw.scopes !== undefined && !(Array.isArray(raw.scopes) && raw.scopes.every((s) => typeof s === 'string'))) {
    return { problem: `profile "${name}": "scopes" must be a list of strings`, notes };
  }

  const metadata: ProfileMetadata = {};
  if (expiresAt !== null) metadata.expiresAt = expiresAt;
  if (Array.isArray(raw.scopes)) metadata.scopes = raw.scopes as string[];
  if (typeof raw.refreshable === 'boolean') metadata.refreshable = raw.refreshable;
  const storedAs = typeof raw.kind === 'string' ? STORED_AS[raw.kind] : undefined;
  if (storedAs) metadata.storedAs = storedAs;
  else if (raw.kind !== undefined) {
    const kinds = Object.keys(STORED_AS);
    const shown = typeof raw.kind === 'string' ? `"${raw.kind}"` : JSON.stringify(raw.kind);
    const hint = typeof raw.kind === 'string' ? meant(raw.kind, kinds) : '';
    notes.push({ field: 'kind', message: `profile "${name}": "kind" ${shown} is not one of ${kinds.join(', ')}${hint}; the key's shape decides instead` });
  }

  if (raw.baseUrl !== undefined && typeof raw.baseUrl !== 'string') return { problem: `profile "${name}": "baseUrl" must be a string`, notes };
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
        metadata.looseFiles = [where];
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
          metadata.looseFiles = [profile.source.location];
        }
      } else {
        metadata.unresolved = `file ${displayPath(file, ctx.home)}: ${describeReadFailure(read, 'a secret')}`;
      }
      break;
    }
  }
  return { profile, notes };
}

export const configSource: Source = {
  type: 'config',
  async discover(ctx) {
    const explicit = ctx.options.configExplicit === true;
    const file = ctx.options.config ? path.resolve(expandHome(ctx.options.config, ctx.home)) : defaultConfigPath(ctx.env, ctx.home);
    const where = displayPath(file, ctx.home);
    const problems: Problem[] = [];
    const fail = (code: Problem['code'], message: string) => {
      // A file the user named and we cannot use is an input error (exit 2); the default one is a
      // finding, and still a place that was looked in.
      if (explicit) throw new UsageError(`--config ${where}: ${message}`);
      problems.push({ source: 'config', location: where, code, message });
      return { profiles: [], problems, searched: [`authdoctor profiles file: ${where} (could not be used: see the problem above)`] };
    };

    const read = await readStoreFile(file);
    const searched = [`authdoctor profiles file: ${where}`];
    if (read.kind === 'missing') return explicit ? fail('unreadable_store', 'file not found') : { profiles: [], problems, searched: [`${searched[0]} (not found)`] };
    if (read.kind !== 'ok') return fail('unreadable_store', describeReadFailure(read, 'a profiles file'));
    const parsed = parseStoreJson(read.text);
    if (!parsed.ok) return fail('malformed_store', parsed.message);
    const doc = parsed.value;
    if (!isRecord(doc) || !isRecord(doc.profiles)) return fail('malformed_store', 'expected {"version": 1, "profiles": {…}}');
    if (doc.version !== undefined && doc.version !== 1) return fail('unsupported_store', `version ${JSON.stringify(doc.version)} is not supported (expected 1)`);

    const profiles: Profile[] = [];
    const malformed = (pointer: string, message: string) => problems.push({ source: 'config', location: `${where}#${pointer}`, code: 'malformed_store', message });
    for (const { field, message } of unknownFields(doc, TOP_FIELDS, 'the profiles file')) malformed(`/${field}`, message);
    for (const [name, raw] of Object.entries(doc.profiles)) {
      const entry = await entryToProfile(name, raw, ctx, file, read.loosePermissions);
      if (entry.profile) profiles.push(entry.profile);
      if (entry.problem) malformed(`/profiles/${name}`, entry.problem);
      for (const note of entry.notes ?? []) malformed(`/profiles/${name}/${note.field}`, note.message);
    }
    return { profiles, problems, searched };
  },
};
