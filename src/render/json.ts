import type { Report } from '../types.js';

/**
 * JSON text that is safe on a terminal and still says exactly what the data says: JSON.stringify
 * escapes C0 but writes DEL and C1 raw (U+009B alone starts a terminal control sequence), so those are
 * written as `\u` escapes too. They can only stand inside strings, so the value parses back unchanged:
 * a profile id stays the id the store has, whatever it holds.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
}

/** The contract's JSON report, exactly: field order is the schema's. */
export function renderJson(report: Report): string {
  return toJson(report);
}

/** What `--json` prints for a usage error, so scripts always get JSON on stdout. */
export function renderJsonError(message: string, exitCode: number): string {
  return toJson({ schemaVersion: 1, error: { code: 'usage_error', message }, exitCode });
}
