// Runs the checks for many profiles: concurrently, each check isolated, results in input order.

import { CHECKS } from './checks/index.js';
import type { CheckOptions, CheckInput } from './checks/types.js';
import type { Classification } from './credentials/classify.js';
import { storedExpiryIso } from './credentials/expiry.js';
import { redact } from './credentials/redact.js';
import { providerFor } from './providers/index.js';
import type { ProbeContext } from './providers/types.js';
import type { CheckId, CheckOutcome, CheckResult, Profile, ProfileReport } from './types.js';
import { CHECK_IDS } from './types.js';
import { verdictOf } from './verdict.js';

export interface RunOptions {
  checks: CheckOptions;
  probe: ProbeContext;
  concurrency: number;
  now: () => Date;
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

function base(profile: Profile): Pick<ProfileReport, 'id' | 'name' | 'provider' | 'source'> {
  return { id: profile.id, name: profile.name, provider: profile.provider, source: profile.source };
}

/** A profile of a provider without a module: listed with its reason, never silently dropped. */
function skippedProfile(profile: Profile): ProfileReport {
  const reason = `authdoctor has no ${profile.provider} provider module yet`;
  return {
    ...base(profile),
    credential: credentialInfo(profile, { ...UNRESOLVED, kind: 'unknown' }),
    verdict: 'skipped',
    skipReason: reason,
    checks: CHECK_IDS.map((id) => ({ id, status: 'skip', code: 'provider_not_supported', summary: reason, durationMs: 0 })),
  };
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

export async function checkProfile(profile: Profile, options: RunOptions): Promise<ProfileReport> {
  const provider = providerFor(profile.provider);
  if (!provider) return skippedProfile(profile);
  const now = options.now();
  let classification: Classification = UNRESOLVED;
  const results: Partial<Record<CheckId, CheckResult>> = {};
  const checks: CheckResult[] = [];
  try {
    if (profile.secret !== null) classification = provider.classify(profile.secret, profile.metadata);
  } catch (err) {
    classification = { ...UNRESOLVED, ...crashed('format', err), warnings: [] } as Classification;
  }
  for (const check of CHECKS) {
    const input: CheckInput = { profile, provider, classification, results, options: options.checks, probe: options.probe, now };
    // process.hrtime, not performance.now(): the global `performance` loads perf_hooks on first use
    // (~1 ms of start-up), and an offline run would use it for nothing else.
    const started = process.hrtime.bigint();
    let outcome: CheckOutcome;
    try {
      const raw = await check.run(input);
      outcome = raw.data === undefined ? raw : { ...raw, data: boundedData(raw.data) as Record<string, unknown> };
    } catch (err) {
      outcome = crashed(check.id, err);
    }
    const result: CheckResult = { id: check.id, ...outcome, durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6) };
    results[check.id] = result;
    checks.push(result);
  }
  return { ...base(profile), credential: credentialInfo(profile, classification), verdict: verdictOf(checks), checks };
}

/** The value a provider would test; a classifier that throws is that profile's format error, not the run's. */
function comparableValue(p: Profile, secret: string): string {
  const provider = providerFor(p.provider);
  try {
    if (provider) return provider.classify(secret, p.metadata).value;
  } catch {
    // checkProfile reports the crash as that profile's format internal_error.
  }
  return secret.trim();
}

/** Profiles that hold the same secret, so a reader sees that two entries are one key. */
export function sameSecretGroups(profiles: readonly Profile[]): Map<string, string[]> {
  const byValue = new Map<string, string[]>();
  for (const p of profiles) {
    if (!p.secret) continue;
    const value = comparableValue(p, p.secret);
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

/** Checks every profile, at most `concurrency` at once; results come back in input order. */
export async function runProfiles(profiles: readonly Profile[], options: RunOptions): Promise<ProfileReport[]> {
  const reports: ProfileReport[] = new Array(profiles.length);
  const same = sameSecretGroups(profiles);
  let next = 0;
  const worker = async () => {
    while (next < profiles.length) {
      const index = next++;
      if (options.probe.signal?.aborted) return;
      const report = await checkProfile(profiles[index]!, options);
      const twins = same.get(report.id);
      if (twins) report.sameSecretAs = twins;
      reports[index] = report;
      options.onProfileDone?.(report, index);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, profiles.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return reports.filter((r): r is ProfileReport => r !== undefined);
}
