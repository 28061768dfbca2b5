// Runs the checks for many profiles: concurrently, each check isolated, results in input order.

import { CHECKS } from './checks/index.js';
import type { CheckInput, CheckOptions, InsecureBaseUrl } from './checks/types.js';
import type { Classification } from './credentials/classify.js';
import { storedExpiryIso } from './credentials/expiry.js';
import { redact } from './credentials/redact.js';
import { loadProviders, providerMeta } from './providers/registry.js';
import type { ProbeContext, ProviderModule, ProviderOutcome, RunContext } from './providers/types.js';
import type { CheckId, CheckOutcome, CheckResult, Profile, ProfileReport } from './types.js';
import { CHECK_IDS } from './types.js';
import { verdictOf } from './verdict.js';

/** Where one profile's requests go, decided once its kind is known. */
export interface ProfileEndpoints {
  baseUrls: Record<string, string>;
  /** The base URL its kind is sent to, when it is not the provider's default. */
  endpoint?: string;
  /** Why nothing may be sent there, when nothing may. */
  insecure?: InsecureBaseUrl;
}

export interface RunOptions {
  checks: Omit<CheckOptions, 'insecureBaseUrl'>;
  run: RunContext;
  concurrency: number;
  now: () => Date;
  endpoints: (profile: Profile, provider: ProviderModule, classification: Classification) => ProfileEndpoints;
  /** Called as each profile finishes (index into the input list), for progress and streaming output. */
  onProfileDone?: (report: ProfileReport, index: number) => void;
}

const UNRESOLVED: Classification = { kind: 'unknown', value: '', status: 'error', code: 'unresolved_ref', summary: 'unresolved', warnings: [] };

function credentialInfo(profile: Profile, classification: Classification): ProfileReport['credential'] {
  return {
    kind: classification.kind,
    redacted: profile.secret === null ? '' : redact(profile.secret),
    expiresAt: storedExpiryIso(profile.metadata.expiresAt),
    scopes: profile.metadata.scopes ?? null,
  };
}

function base(profile: Profile): Pick<ProfileReport, 'id' | 'name' | 'provider' | 'source' | 'aliases'> {
  return { id: profile.id, name: profile.name, provider: profile.provider, source: profile.source, ...(profile.aliases?.length ? { aliases: profile.aliases } : {}) };
}

/** A profile nothing can check: listed with its reason, never silently dropped. */
function skippedProfile(profile: Profile): ProfileReport {
  const reason =
    profile.uncheckable ?? `authdoctor has no ${profile.provider} provider module, and no base URL is configured to check it as an OpenAI-compatible server`;
  return {
    ...base(profile),
    credential: credentialInfo(profile, { ...UNRESOLVED, kind: 'unknown' }),
    verdict: 'skipped',
    skipReason: reason,
    checks: CHECK_IDS.map((id) => ({ id, status: 'skip', code: 'provider_not_supported', summary: reason, durationMs: 0 })),
  };
}

/** What a check that the run's abort (Ctrl-C) stopped or never started says: nothing about the credential. */
const INTERRUPTED_SUMMARY = 'not finished: the run was interrupted';

function interruptedCheck(id: CheckId): CheckResult {
  return { id, status: 'skip', code: 'interrupted', summary: INTERRUPTED_SUMMARY, durationMs: 0 };
}

/** A profile the run never started before it was interrupted: listed, never silently dropped. */
function interruptedProfile(profile: Profile, provider: ProviderModule | undefined): ProfileReport {
  if (!provider || profile.uncheckable) return skippedProfile(profile);
  const checks = CHECK_IDS.map(interruptedCheck);
  return { ...base(profile), credential: credentialInfo(profile, classifySafely(profile, provider)), verdict: verdictOf(checks), checks };
}

/** Deeper than any data a check means to report; what a server nests deeper is cut. */
const MAX_DATA_DEPTH = 16;
const TOO_DEEP = '[nested too deep]';

/**
 * A check's data as plain JSON values nested at most MAX_DATA_DEPTH deep. Made inside the check's
 * isolation, so odd server data is at worst that check's error, and every later walk over results
 * (scrubbing, encoding, rendering, a library caller's own) meets bounded data.
 */
export function boundedData(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return undefined;
  if (depth >= MAX_DATA_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((v: unknown) => boundedData(v, depth + 1) ?? null);
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]) => {
      const b = boundedData(v, depth + 1);
      return b === undefined ? [] : [[k, b]];
    }),
  );
}

function crashed(id: CheckId, err: unknown): CheckOutcome {
  const message = err instanceof Error ? err.message : String(err);
  return {
    status: 'error',
    code: 'internal_error',
    summary: `the ${id} check crashed: ${message.slice(0, 200)}`,
    hint: 'This is a bug in authdoctor; please report it with this output. Other checks and profiles are unaffected.',
  };
}

/** The module that checks a profile: its own provider's, or the one it is checked as. */
export function moduleFor(profile: Profile, modules: ReadonlyMap<string, ProviderModule>): ProviderModule | undefined {
  const meta = providerMeta(profile.checkedAs ?? profile.provider);
  return meta ? modules.get(meta.id) : undefined;
}

/** A classifier that throws is that profile's format error, not the run's. */
export function classifySafely(profile: Profile, provider: ProviderModule): Classification {
  if (profile.secret === null) return UNRESOLVED;
  try {
    return provider.classify(profile.secret, profile.metadata);
  } catch (err) {
    return { ...UNRESOLVED, ...crashed('format', err), warnings: [] } as Classification;
  }
}

export async function checkProfile(profile: Profile, provider: ProviderModule | undefined, options: RunOptions): Promise<ProfileReport> {
  if (!provider || profile.uncheckable) return skippedProfile(profile);
  const now = options.now();
  let classification = classifySafely(profile, provider);
  const where = options.endpoints(profile, provider, classification);
  const probe: ProbeContext = { ...options.run, baseUrls: where.baseUrls };
  const checkOptions: CheckOptions = { ...options.checks, ...(where.insecure ? { insecureBaseUrl: where.insecure } : {}) };
  const results: Partial<Record<CheckId, CheckResult>> = {};
  const checks: CheckResult[] = [];
  const signal = options.run.signal;
  for (const check of CHECKS) {
    if (signal?.aborted) {
      checks.push((results[check.id] = interruptedCheck(check.id)));
      continue;
    }
    const input: CheckInput = { profile, provider, classification, results, options: checkOptions, probe, now };
    // process.hrtime, not performance.now(): the global `performance` loads perf_hooks on first use
    // (~1 ms of start-up), and an offline run would use it for nothing else.
    const started = process.hrtime.bigint();
    let outcome: ProviderOutcome<string>;
    try {
      const raw = (await check.run(input)) as ProviderOutcome<string>;
      outcome = raw.data === undefined ? raw : { ...raw, data: boundedData(raw.data) as Record<string, unknown> };
    } catch (err) {
      outcome = crashed(check.id, err);
    }
    // A request cut short by the abort fails as any transport failure would; it says nothing about
    // the credential, only that the run stopped.
    if (signal?.aborted && outcome.status === 'error') {
      checks.push((results[check.id] = interruptedCheck(check.id)));
      continue;
    }
    // A kind only the provider's answer reveals (an OpenRouter management key) replaces the shape's.
    const { credentialKind, requestMs, ...rest } = outcome;
    if (credentialKind) classification = { ...classification, kind: credentialKind };
    const durationMs = Math.round(requestMs ?? Number(process.hrtime.bigint() - started) / 1e6);
    const result = { id: check.id, ...rest, durationMs } as CheckResult;
    results[check.id] = result;
    checks.push(result);
  }
  return {
    ...base(profile),
    credential: credentialInfo(profile, classification),
    ...(where.endpoint ? { endpoint: where.endpoint } : {}),
    verdict: verdictOf(checks),
    checks,
  };
}

/** Profiles that hold the same secret, so a reader sees that two entries are one key. */
export function sameSecretGroups(profiles: readonly Profile[], modules: ReadonlyMap<string, ProviderModule>): Map<string, string[]> {
  const byValue = new Map<string, string[]>();
  for (const p of profiles) {
    if (!p.secret) continue;
    const provider = moduleFor(p, modules);
    const value = provider ? classifySafely(p, provider).value : p.secret.trim();
    if (!value) continue;
    const key = `${p.provider}\0${value}`;
    byValue.set(key, [...(byValue.get(key) ?? []), p.id]);
  }
  const out = new Map<string, string[]>();
  for (const ids of byValue.values()) {
    if (ids.length < 2) continue;
    for (const id of ids) out.set(id, ids.filter((other) => other !== id));
  }
  return out;
}

/** Loads the provider modules these profiles need: only those (start-up time). */
export function modulesFor(profiles: readonly Profile[]): Promise<Map<string, ProviderModule>> {
  return loadProviders(profiles.map((p) => p.checkedAs ?? p.provider));
}

/**
 * Checks every profile, at most `concurrency` at once; results come back in input order. After an
 * abort (Ctrl-C) every profile is still there: the ones not finished say so (code `interrupted`).
 */
export async function runProfiles(profiles: readonly Profile[], options: RunOptions): Promise<ProfileReport[]> {
  const modules = await modulesFor(profiles);
  const reports: ProfileReport[] = new Array(profiles.length);
  const same = sameSecretGroups(profiles, modules);
  const finish = (index: number, report: ProfileReport) => {
    const twins = same.get(report.id);
    if (twins) report.sameSecretAs = twins;
    reports[index] = report;
    options.onProfileDone?.(report, index);
  };
  let next = 0;
  const worker = async () => {
    while (next < profiles.length) {
      const index = next++;
      if (options.run.signal?.aborted) return;
      finish(index, await checkProfile(profiles[index]!, moduleFor(profiles[index]!, modules), options));
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, profiles.length));
  await Promise.all(Array.from({ length: workers }, worker));
  profiles.forEach((profile, index) => {
    if (!reports[index]) finish(index, interruptedProfile(profile, moduleFor(profile, modules)));
  });
  return reports;
}
