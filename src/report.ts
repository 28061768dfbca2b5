import type { Problem, ProfileReport, Report } from './types.js';
import { version } from './version.js';
import { exitCodeOf, summarize } from './verdict.js';

/** `interrupted`: the run was aborted (Ctrl-C); its exit code is 130 whatever finished. */
export function buildReport(profiles: ProfileReport[], problems: Problem[], startedAt: Date, finishedAt: Date, interrupted = false): Report {
  const summary = summarize(profiles);
  return {
    schemaVersion: 1,
    tool: { name: 'authdoctor', version: version() },
    startedAt: startedAt.toISOString(),
    durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
    exitCode: exitCodeOf(summary, interrupted),
    summary,
    problems,
    profiles,
  };
}
