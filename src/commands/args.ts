// The flags of CONTRACT.md as the commands receive them, and the one place they are checked: the
// command line and the library entry both build CheckArgs here, so both refuse the same input.

import { SOURCE_TYPES, UsageError, type SourceType } from '../types.js';
import { parseBaseUrlFlags } from './base-url-flags.js';

export const OUTPUT_FORMATS = ['human', 'json', 'openmetrics'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface CheckArgs {
  /** `--format`; `--json` is `--format json`. */
  format: OutputFormat;
  /** The same as `format === 'json'`. */
  json: boolean;
  /** `--output`: write the output to this file (atomically) instead of stdout. */
  output?: string;
  profile: string[];
  provider: string[];
  source: SourceType[];
  keyStdin: boolean;
  config?: string;
  allowExec: boolean;
  openclawDir?: string;
  claudeDir?: string;
  codexHome?: string;
  offline: boolean;
  quota: boolean;
  inference: boolean;
  /** `--base-url`, validated, by family (`anthropic` for a bare URL). */
  baseUrls: Record<string, string>;
  timeout: number;
  concurrency: number;
  verbose: boolean;
  quiet: boolean;
  color: boolean;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONCURRENCY = 8;
/** What a Node timer can hold; beyond it the timer fires at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;
export const MAX_CONCURRENCY = 1000;

const list = (v: unknown): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String));

/**
 * Flags as a parser hands them over (camelCase keys, loosely typed) → CheckArgs, or a UsageError
 * that says what is wrong. Flags a command does not have are simply absent.
 */
export function checkArgs(raw: Readonly<Record<string, unknown>>): CheckArgs {
  const timeout = raw.timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(raw.timeout);
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_MS) throw new UsageError(`--timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
  const concurrency = raw.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(raw.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) throw new UsageError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}`);
  const source = list(raw.source);
  const unknown = source.find((s) => !(SOURCE_TYPES as readonly string[]).includes(s));
  if (unknown !== undefined) throw new UsageError(`--source: unknown source "${unknown}" (sources: ${SOURCE_TYPES.join(', ')})`);
  if (raw.verbose === true && raw.quiet === true) throw new UsageError('--verbose and --quiet cannot be used together');
  const format = outputFormat(raw);
  if (raw.output !== undefined && (typeof raw.output !== 'string' || raw.output === '')) throw new UsageError('--output takes one file name');
  const baseUrl = raw.baseUrl;
  const args: CheckArgs = {
    format,
    json: format === 'json',
    profile: list(raw.profile),
    provider: list(raw.provider),
    source: source as SourceType[],
    keyStdin: raw.keyStdin === true,
    allowExec: raw.allowExec === true,
    offline: raw.offline === true,
    quota: raw.quota !== false,
    inference: raw.inference === true,
    baseUrls: parseBaseUrlFlags(typeof baseUrl === 'object' && baseUrl !== null && !Array.isArray(baseUrl) ? (baseUrl as Record<string, string>) : list(baseUrl)),
    timeout,
    concurrency,
    verbose: raw.verbose === true,
    quiet: raw.quiet === true,
    color: raw.color !== false,
  };
  for (const key of ['output', 'config', 'openclawDir', 'claudeDir', 'codexHome'] as const) {
    if (typeof raw[key] === 'string') args[key] = raw[key] as string;
  }
  return args;
}

/** `--format`, and `--json` as its shorthand: the two may agree, never disagree. */
function outputFormat(raw: Readonly<Record<string, unknown>>): OutputFormat {
  const format = raw.format ?? (raw.json === true ? 'json' : 'human');
  if (!OUTPUT_FORMATS.includes(format as OutputFormat)) throw new UsageError(`--format: unknown format "${String(format)}" (formats: ${OUTPUT_FORMATS.join(', ')})`);
  if (raw.json === true && format !== 'json') throw new UsageError(`--json is --format json: it cannot be used with --format ${String(format)}`);
  return format as OutputFormat;
}
