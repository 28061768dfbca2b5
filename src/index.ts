// The library entry (CONTRACT.md, Library): `check --json` and `profiles --json` as functions that
// return the documents and print nothing. The flags go through checkArgs() and the run through
// runPipeline()/profilesReport(), exactly as for the command line: one code path.

import os from 'node:os';
import { checkArgs, type CheckArgs } from './commands/args.js';
import { runPipeline, type PipelineDeps } from './commands/pipeline.js';
import { profilesReport } from './commands/profiles.js';
import { Scrubber } from './credentials/scrub.js';
import { UsageError, type ProfilesReport, type Report, type SourceType } from './types.js';

export type {
  AnyCode,
  CheckId,
  CheckResult,
  CredentialInfo,
  CredentialKind,
  ExitCode,
  Problem,
  ProblemCode,
  ProfileListing,
  ProfileReport,
  ProfilesReport,
  ProfileSource,
  Report,
  SourceType,
  Status,
  Summary,
  Verdict,
} from './types.js';

/** What discover() and check() read: where to look, and which environment. */
export interface DiscoverOptions {
  /**
   * Only profiles whose id, alias or name is this, or whose id matches this glob; without a `/`, also
   * the last part of an id (`anthropic:work`) (`--profile`).
   */
  profile?: readonly string[];
  /** Only profiles of these providers (`--provider`). */
  provider?: readonly string[];
  /** Only discover from these sources (`--source`); with `key`, the sources to read besides it. */
  source?: readonly SourceType[];
  /** authdoctor's profiles file (`--config`). */
  config?: string;
  /** Let exec SecretRefs run their configured command (`--allow-exec`). */
  allowExec?: boolean;
  /** openclaw state dir (`--openclaw-dir`). */
  openclawDir?: string;
  /** Claude Code config dir (`--claude-dir`). */
  claudeDir?: string;
  /** Codex CLI home (`--codex-home`). */
  codexHome?: string;
  /** One credential to check instead of discovering, like `--key-stdin` (profile id `stdin`). */
  key?: string;
  /** The environment to read; default `process.env`. When given, `process.env` is never read. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Stops the run: what finished is returned, with `exitCode` 130. */
  signal?: AbortSignal;
}

/** The options of check(): the flags of `authdoctor check` in camelCase, plus `key`, `env`, `signal`. */
export interface CheckOptions extends DiscoverOptions {
  /** Static checks only; nothing is sent (`--offline`). */
  offline?: boolean;
  /** Probe usage/quota; `false` is `--no-quota`. */
  quota?: boolean;
  /** Also send one tiny real request (`--inference`): it may spend a few tokens. */
  inference?: boolean;
  /** Base URL: a string for Anthropic, or `{ family: url }` (`--base-url`). */
  baseUrl?: string | Readonly<Record<string, string>>;
  /** Per-request timeout in milliseconds (`--timeout`, default 10000). */
  timeout?: number;
  /** Profiles checked at once (`--concurrency`, default 8). */
  concurrency?: number;
}

type Kind = 'boolean' | 'string' | 'number' | 'strings' | 'baseUrl' | 'env' | 'signal';
const DISCOVER_OPTIONS: Record<keyof DiscoverOptions, Kind> = {
  profile: 'strings',
  provider: 'strings',
  source: 'strings',
  config: 'string',
  allowExec: 'boolean',
  openclawDir: 'string',
  claudeDir: 'string',
  codexHome: 'string',
  key: 'string',
  env: 'env',
  signal: 'signal',
};
const CHECK_OPTIONS: Record<keyof CheckOptions, Kind> = {
  ...DISCOVER_OPTIONS,
  offline: 'boolean',
  quota: 'boolean',
  inference: 'boolean',
  baseUrl: 'baseUrl',
  timeout: 'number',
  concurrency: 'number',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fits: Record<Kind, (v: unknown) => boolean> = {
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  strings: (v) => Array.isArray(v) && v.every((s) => typeof s === 'string'),
  baseUrl: (v) => typeof v === 'string' || (isRecord(v) && Object.values(v).every((s) => typeof s === 'string')),
  env: (v) => isRecord(v) && Object.values(v).every((s) => s === undefined || typeof s === 'string'),
  signal: (v) => v instanceof AbortSignal,
};

/**
 * Options → the flags checkArgs() takes. JavaScript callers get no type check: an unknown or
 * mistyped option (`offine: true` would send requests) is a usage error, not ignored.
 */
function toArgs(options: unknown, known: Record<string, Kind>): CheckArgs {
  if (options === undefined) options = {};
  if (!isRecord(options)) throw new UsageError('options must be an object');
  for (const [name, value] of Object.entries(options)) {
    const kind = known[name];
    if (kind === undefined) throw new UsageError(`unknown option "${name}"`);
    if (value !== undefined && !fits[kind](value)) throw new UsageError(`option "${name}" must be ${kind === 'strings' ? 'an array of strings' : kind === 'baseUrl' ? 'a URL or { family: url }' : `a ${kind}`}`);
  }
  const { key, env, signal, ...flags } = options;
  return checkArgs({ ...flags, json: true, keyStdin: key !== undefined });
}

/** The run's environment: the caller's, and then nothing is read from process.env (not even HOME). */
function depsFor(options: DiscoverOptions, scrubber: Scrubber): PipelineDeps {
  const env = options.env ?? process.env;
  const platform = process.platform;
  const home = (platform === 'win32' ? env.USERPROFILE : env.HOME) || (options.env ? userHome() : os.homedir());
  const deps: PipelineDeps = { env, home, platform, interactive: () => false, now: () => new Date(), scrubber };
  if (options.key !== undefined) deps.stdinText = options.key;
  if (options.signal) deps.signal = options.signal;
  return deps;
}

/** The account's home from the user database: os.homedir() would read HOME from process.env. */
function userHome(): string {
  try {
    return os.userInfo().homedir;
  } catch {
    return os.tmpdir();
  }
}

/** Runs `fn` with the secrets it may meet scrubbed from what it returns and from what it throws. */
async function scrubbed<T>(options: DiscoverOptions | undefined, known: Record<string, Kind>, fn: (args: CheckArgs, deps: PipelineDeps) => Promise<T>): Promise<T> {
  const scrubber = new Scrubber();
  if (typeof options?.key === 'string') scrubber.add(options.key);
  try {
    const args = toArgs(options, known);
    return scrubber.scrubDeep(await fn(args, depsFor(options ?? {}, scrubber)));
  } catch (err) {
    throw scrubbedError(err, scrubber);
  }
}

/**
 * What a failure says, with the secrets the run met scrubbed out (CONTRACT.md: never in an error
 * message, whatever happens). A copy: the original may carry more (a cause, fields) that could quote one.
 */
function scrubbedError(err: unknown, scrubber: Scrubber): Error {
  if (err instanceof UsageError) return new UsageError(scrubber.scrub(err.message));
  if (!(err instanceof Error)) return new Error(scrubber.scrub(String(err)));
  const copy = new Error(scrubber.scrub(err.message));
  copy.name = scrubber.scrub(err.name);
  copy.stack = scrubber.scrub(err.stack ?? '');
  return copy;
}

/** `authdoctor check --json`: discovers, checks, and returns the report. Nothing is printed. */
export function check(options?: CheckOptions): Promise<Report> {
  return scrubbed(options, CHECK_OPTIONS, async (args, deps) => (await runPipeline(args, deps)).report);
}

/** `authdoctor profiles --json`: what would be checked, without a request. Nothing is printed. */
export function discover(options?: DiscoverOptions): Promise<ProfilesReport> {
  return scrubbed(options, DISCOVER_OPTIONS, async (args, deps) => (await profilesReport(args, deps)).report);
}
