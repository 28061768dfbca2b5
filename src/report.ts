import type { Problem, ProfileReport, Report } from './types.js';
import { version } from './version.js';
import { exitCodeOf, summarize } from './verdict.js';

export function buildReport(profiles: ProfileReport[], problems: Problem[], startedAt: Date, finishedAt: Date): Report {
  const summary = summarize(profiles);
  return {
    schemaVersion: 1,
    tool: { name: 'authdoctor', version: version() },
    startedAt: startedAt.toISOString(),
    durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
    exitCode: exitCodeOf(summary),
    summary,
    problems,
    profiles,
  };
}
