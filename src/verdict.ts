import type { CheckResult, ExitCode, ProfileReport, Summary, Verdict } from './types.js';

/** CONTRACT.md: broken if any check fails; works if validity passed or warned; else unknown. */
export function verdictOf(checks: readonly CheckResult[]): Exclude<Verdict, 'skipped'> {
  if (checks.some((c) => c.status === 'fail')) return 'broken';
  const validity = checks.find((c) => c.id === 'validity');
  if (validity && (validity.status === 'pass' || validity.status === 'warn')) return 'works';
  return 'unknown';
}

/** "1 works", "6 work": a count of working profiles, in agreement with its number. */
export function worksCount(n: number): string {
  return `${n} ${n === 1 ? 'works' : 'work'}`;
}

/**
 * CONTRACT.md (--quiet): a profile needs attention when it is broken, unknown, or has a warning. The
 * human report's --quiet keeps only these; the Markdown report shows these unfolded.
 */
export function needsAttention(profile: Pick<ProfileReport, 'verdict' | 'checks'>): boolean {
  return profile.verdict === 'broken' || profile.verdict === 'unknown' || profile.checks.some((c) => c.status === 'warn');
}

/** A profile some of whose checks the run's interruption left unfinished. */
export function isInterrupted(profile: Pick<ProfileReport, 'checks'>): boolean {
  return profile.checks.some((c) => c.code === 'interrupted');
}

export function summarize(profiles: readonly Pick<ProfileReport, 'verdict'>[]): Summary {
  const summary: Summary = { profiles: profiles.length, works: 0, broken: 0, unknown: 0, skipped: 0 };
  for (const p of profiles) summary[p.verdict]++;
  return summary;
}

/** CONTRACT.md: the run was interrupted (SIGINT), whatever finished. */
export const EXIT_INTERRUPTED = 130;

/** Exit codes of CONTRACT.md. Skipped profiles do not count; a run with nothing checkable is 4. */
export function exitCodeOf(summary: Summary, interrupted = false): ExitCode {
  if (interrupted) return EXIT_INTERRUPTED;
  if (summary.profiles - summary.skipped === 0) return 4;
  if (summary.broken > 0) return 1;
  if (summary.unknown > 0) return 3;
  return 0;
}
