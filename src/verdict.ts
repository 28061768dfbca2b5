import type { CheckResult, ExitCode, ProfileReport, Summary, Verdict } from './types.js';

/** CONTRACT.md: broken if any check fails; works if validity passed or warned; else unknown. */
export function verdictOf(checks: readonly CheckResult[]): Exclude<Verdict, 'skipped'> {
  if (checks.some((c) => c.status === 'fail')) return 'broken';
  const validity = checks.find((c) => c.id === 'validity');
  if (validity && (validity.status === 'pass' || validity.status === 'warn')) return 'works';
  return 'unknown';
}

export function summarize(profiles: readonly Pick<ProfileReport, 'verdict'>[]): Summary {
  const summary: Summary = { profiles: profiles.length, works: 0, broken: 0, unknown: 0, skipped: 0 };
  for (const p of profiles) summary[p.verdict]++;
  return summary;
}

/** Exit codes of CONTRACT.md. Skipped profiles do not count; a run with nothing checkable is 4. */
export function exitCodeOf(summary: Summary): ExitCode {
  if (summary.profiles - summary.skipped === 0) return 4;
  if (summary.broken > 0) return 1;
  if (summary.unknown > 0) return 3;
  return 0;
}
