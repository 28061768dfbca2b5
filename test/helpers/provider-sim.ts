// End-to-end runs of the built CLI against the simulated provider APIs (src/sim/server.ts): a
// fresh temporary HOME per run unless the test gives one (with its stores), and the JSON report
// validated against the published schema.

import { expect } from 'vitest';
import type { CheckResult, ProfileReport, Report } from '../../src/types.js';
import { runCli, tempHome, type RunResult } from './cli.js';
import { schemaErrors } from './schema.js';

export interface Checked {
  run: RunResult;
  report: Report;
  profile(id: string): ProfileReport;
  /** `status/code` per check of a profile: what the tests assert on. */
  codes(id: string): Record<string, string>;
  check(id: string, check: CheckResult['id']): CheckResult;
}

/** `--base-url <family>=<url>` for each family (src/sim/providers.ts simFamilyUrls). */
export function baseUrlFlags(urls: Record<string, string>): string[] {
  return Object.entries(urls).flatMap(([family, url]) => ['--base-url', `${family}=${url}`]);
}

export interface CheckJsonOptions {
  stdin?: string;
  /** The HOME to run in (the test's stores); a temporary empty one when absent. */
  home?: string;
}

/** Runs `authdoctor check --json` with these variables and parses the report. */
export async function checkJson(args: string[], env: Record<string, string>, o: CheckJsonOptions = {}): Promise<Checked> {
  const temp = o.home === undefined ? tempHome() : undefined;
  const home = o.home ?? temp!.home;
  try {
    const run = await runCli(['check', '--json', ...args], { home, env, ...(o.stdin !== undefined ? { stdin: o.stdin } : {}) });
    let report: Report;
    try {
      report = JSON.parse(run.stdout) as Report;
    } catch {
      throw new Error(`stdout is not JSON (exit ${run.code}): ${run.stdout.slice(0, 300)}\n${run.stderr.slice(0, 500)}`);
    }
    expect(schemaErrors(report), run.stdout.slice(0, 2000)).toBe('');
    expect(report.exitCode).toBe(run.code);
    const profile = (id: string) => {
      const p = report.profiles.find((x) => x.id === id);
      expect(p, `${id} in ${report.profiles.map((x) => x.id).join(', ')}`).toBeDefined();
      return p!;
    };
    return {
      run,
      report,
      profile,
      codes: (id) => Object.fromEntries(profile(id).checks.map((c) => [c.id, `${c.status}/${c.code}`])),
      check: (id, check) => profile(id).checks.find((c) => c.id === check)!,
    };
  } finally {
    temp?.cleanup();
  }
}
