import { MAX_SECRET_LENGTH, trimCredential } from '../credentials/classify.js';
import { jwtClaims, jwtExpiryMs } from '../credentials/jwt.js';
import { UsageError, type DiscoveryResult, type Problem, type Profile, type Source, type SourceContext, type SourceType } from '../types.js';
import { claudeCodeSource } from './claude-code.js';
import { codexSource } from './codex.js';
import { configSource } from './config.js';
import { envSource } from './env.js';
import { openclawSource } from './openclaw/index.js';
import { stdinSource } from './stdin.js';

/** Every source, in the order profiles are listed. */
export const SOURCES: readonly Source[] = [envSource, stdinSource, configSource, openclawSource, claudeCodeSource, codexSource];

/**
 * Which sources to read: `--source` wins; `--key-stdin` alone means "only this key"; otherwise every
 * source except stdin.
 */
export function selectSources(requested: readonly SourceType[] | undefined, keyStdin: boolean): SourceType[] {
  if (requested && requested.length) return keyStdin ? [...new Set<SourceType>([...requested, 'stdin'])] : [...requested];
  if (keyStdin) return ['stdin'];
  return SOURCES.map((s) => s.type).filter((t) => t !== 'stdin');
}

export async function discover(ctx: SourceContext, types: readonly SourceType[], sources: readonly Source[] = SOURCES): Promise<DiscoveryResult> {
  const chosen = sources.filter((s) => types.includes(s.type));
  const results = await Promise.all(chosen.map((s) => discoverIsolated(s, ctx)));
  const profiles = uniqueIds(results.flatMap((r) => r.profiles)).map(withTokenExpiry);
  return { profiles, problems: results.flatMap((r) => r.problems), searched: results.flatMap((r) => r.searched ?? []) };
}

/**
 * One source's failure never hides another's credentials (DESIGN.md): a source that throws
 * becomes a `problems` entry. Usage errors (an unusable --config) still stop the run.
 */
async function discoverIsolated(source: Source, ctx: SourceContext): Promise<DiscoveryResult> {
  try {
    return await source.discover(ctx);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return {
      profiles: [],
      problems: [{ source: source.type, location: source.type, code: 'unreadable_store', message: `reading this source failed unexpectedly (a bug in authdoctor): ${message.slice(0, 200)}` }],
    };
  }
}

/**
 * A token that is a JWT carries its own expiry (`exp`): the provider stops taking it then, whatever
 * a store recorded beside it (CONTRACT.md, Providers).
 */
function withTokenExpiry(p: Profile): Profile {
  if (!p.secret || p.secret.length > MAX_SECRET_LENGTH + 64) return p;
  const expiresAt = jwtExpiryMs(jwtClaims(trimCredential(p.secret)));
  return expiresAt === null ? p : { ...p, metadata: { ...p.metadata, expiresAt } };
}

/** Ids are unique in a run; a clash (two stores naming the same profile) gets a `#2` suffix. */
function uniqueIds(profiles: Profile[]): Profile[] {
  const seen = new Map<string, number>();
  return profiles.map((p) => {
    const n = (seen.get(p.id) ?? 0) + 1;
    seen.set(p.id, n);
    return n === 1 ? p : { ...p, id: `${p.id}#${n}` };
  });
}

/**
 * Resolves the secrets discovery left for later (Profile.deferred: they run a program), for the
 * profiles the filters kept only. One at a time, as openclaw does: helpers such as password-manager
 * CLIs may prompt or lock.
 */
export async function resolveDeferred(profiles: readonly Profile[]): Promise<{ profiles: Profile[]; problems: Problem[] }> {
  const resolved: Profile[] = [];
  const problems: Problem[] = [];
  for (const { deferred, ...profile } of profiles) {
    if (!deferred) {
      resolved.push(profile);
      continue;
    }
    const { secret, metadata, unresolved } = await deferred();
    // Its JWT's expiry, as discover() gives every secret it found itself.
    resolved.push(withTokenExpiry({ ...profile, secret, metadata }));
    if (unresolved) problems.push({ source: profile.source.type, location: profile.source.location, code: 'unresolved_ref', message: unresolved });
  }
  return { profiles: resolved, problems };
}

/**
 * `--profile`: an exact id or name, or a glob on the id; an alias (another id of the same store
 * entry) counts as an id. A glob also selects everything under a matching prefix, so `openclaw/*`
 * selects `openclaw/main/anthropic:default`. A pattern without a `/` also matches the last part of
 * an id, the name a store gives the credential: `anthropic:work` selects `openclaw/work/anthropic:work`.
 */
export async function profileMatcher(patterns: readonly string[]): Promise<(p: Profile) => boolean> {
  if (patterns.length === 0) return () => true;
  // Loaded here, not at the top: only --profile needs it, and evaluating it cost every run start-up time.
  const { default: picomatch } = await import('picomatch');
  const matchers = patterns.map((pat) => {
    const glob = picomatch(pat, { dot: true });
    const bare = !pat.includes('/');
    return (id: string) => {
      if (pat === id) return true;
      const parts = id.split('/');
      if (bare && (pat === parts[parts.length - 1] || glob(parts[parts.length - 1]!))) return true;
      return parts.some((_, i) => glob(parts.slice(0, i + 1).join('/')));
    };
  });
  return (p) => patterns.includes(p.name) || [p.id, ...(p.aliases ?? [])].some((id) => matchers.some((m) => m(id)));
}

export async function filterProfiles(profiles: Profile[], filters: { profile?: readonly string[]; provider?: readonly string[] }): Promise<Profile[]> {
  const byPattern = await profileMatcher(filters.profile ?? []);
  const providers = filters.provider ?? [];
  // `--provider openai-compatible` also selects the openclaw profiles checked as one.
  const byProvider = (p: Profile) => providers.length === 0 || providers.includes(p.provider) || (p.checkedAs !== undefined && providers.includes(p.checkedAs));
  return profiles.filter((p) => byPattern(p) && byProvider(p));
}
