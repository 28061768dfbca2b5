// Shared pieces of the fault suite: run `check` on one key against a base URL and pick out what
// the tests assert on (validity status and code, exit code, elapsed time, requests sent).

import { expect } from 'vitest';
import { fakeSecret, runCli, tempHome, type RunResult } from '../helpers/cli.js';

/**
 * The retry budget that `send` (src/providers/anthropic/request.ts) documents: at most one retry,
 * only for 5xx/529 and reset connections, after a wait of at most MAX_RETRY_WAIT_MS.
 */
export const MAX_RETRY_WAIT_MS = 2000;
/** Node start-up and the spawn on a loaded 2-core CI machine (every test file runs at once). */
export const SLACK_MS = 5000;

export interface Checked {
  run: RunResult;
  report: any;
  validity: any;
}

export async function checkKey(baseUrl: string, o: { timeout?: number; key?: string; env?: Record<string, string>; args?: string[] } = {}): Promise<Checked> {
  const { home, cleanup } = tempHome();
  try {
    const key = o.key ?? fakeSecret('sk-ant-api03-');
    const args = ['check', '--key-stdin', '--json', '--base-url', baseUrl, '--timeout', String(o.timeout ?? 3000), ...(o.args ?? [])];
    const run = await runCli(args, { home, stdin: key + '\n', ...(o.env ? { env: o.env } : {}) });
    let report: any;
    try {
      report = JSON.parse(run.stdout);
    } catch {
      throw new Error(`stdout is not JSON (exit ${run.code}): ${run.stdout.slice(0, 500)}\n${run.stderr.slice(0, 500)}`);
    }
    const validity = report.profiles?.[0]?.checks?.find((c: any) => c.id === 'validity');
    return { run, report, validity };
  } finally {
    cleanup();
  }
}

/** Worst case allowed: every attempt runs to the timeout, plus the one retry's wait, plus start-up. */
export function budgetMs(timeout: number, attempts: 1 | 2): number {
  return attempts * timeout + (attempts - 1) * MAX_RETRY_WAIT_MS + SLACK_MS;
}

export function expectUndecided(c: Checked, code: string): void {
  expect(c.validity, c.run.stderr).toBeDefined();
  expect(c.validity.status).toBe('error');
  expect(c.validity.code).toBe(code);
  expect(c.report.profiles[0].verdict).toBe('unknown');
  expect(c.run.code).toBe(3);
  expect(c.report.exitCode).toBe(3);
}
