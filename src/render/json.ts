import type { Report } from '../types.js';

/** The contract's JSON report, exactly: field order is the schema's. */
export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/** What `--json` prints for a usage error, so scripts always get JSON on stdout. */
export function renderJsonError(message: string, exitCode: number): string {
  return JSON.stringify({ schemaVersion: 1, error: { code: 'usage_error', message }, exitCode }, null, 2) + '\n';
}
