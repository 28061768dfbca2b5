// `authdoctor report`: the checks of `check`, rendered as a Markdown triage report for a support
// ticket, with what the checks alone do not say: environment, base URL, proxy variables, clock skew.

import os from 'node:os';
import type { RequestRecord } from '../net/http.js';
import { scrubIdentity } from '../render/identity.js';
import { renderMarkdown, type ClockSkew, type MarkdownContext, type ProfileExtras } from '../render/markdown.js';
import type { Output } from '../render/output.js';
import { NO_PROGRESS, startProgress } from '../render/progress.js';
import { UsageError, type ExitCode, type Profile } from '../types.js';
import { version } from '../version.js';
import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, type CheckArgs } from './args.js';
import { BARE_URL_FAMILY } from './base-url-flags.js';
import { requestLine } from './check.js';
import { writeOutput } from './output-file.js';
import { runPipeline, type PipelineDeps } from './pipeline.js';

export interface ReportArgs extends CheckArgs {
  /** Keep email addresses (they are replaced otherwise). */
  includeIdentity: boolean;
}

/** Names only: values of proxy variables often carry a user and password. */
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy'];

/** The `Date` header has whole seconds, truncated: the server's clock was somewhere in the next second. */
const DATE_RESOLUTION_MS = 1000;

export interface SkewSample {
  /** The server's `Date` header. */
  date: string;
  /** Local wall clock when the response headers arrived. */
  receivedAtMs: number;
  /** From sending the request to the response headers. */
  durationMs: number;
}

/** Beyond this, expiry decisions (ours and the owning app's) are off by more than a refresh margin. */
export const CLOCK_SKEW_LIMIT_MS = 60_000;

/**
 * Provider clock minus local clock, from the responses' `Date` headers: each against the local
 * midpoint of its request (the server stamped it somewhere in between); the median of all, so one
 * slow response does not decide.
 */
export function measureClockSkew(samples: readonly SkewSample[]): ClockSkew | null {
  const skews: number[] = [];
  for (const s of samples) {
    const server = Date.parse(s.date);
    if (Number.isNaN(server)) continue;
    skews.push(server + DATE_RESOLUTION_MS / 2 - (s.receivedAtMs - s.durationMs / 2));
  }
  if (skews.length === 0) return null;
  skews.sort((a, b) => a - b);
  const mid = skews.length >> 1;
  const median = skews.length % 2 ? skews[mid]! : (skews[mid - 1]! + skews[mid]!) / 2;
  return { skewMs: Math.round(median), samples: skews.length, flagged: Math.abs(median) > CLOCK_SKEW_LIMIT_MS };
}

/**
 * The flags that change what was checked, so the reader knows what the report covers; as typed, so
 * the run can be repeated (a base URL too: the Base URLs row shows the same).
 */
export function flagsOf(args: CheckArgs): string[] {
  const flags: string[] = [];
  if (args.offline) flags.push('--offline');
  if (!args.quota) flags.push('--no-quota');
  if (args.inference) flags.push('--inference');
  if (args.keyStdin) flags.push('--key-stdin');
  if (args.allowExec) flags.push('--allow-exec');
  for (const p of args.profile) flags.push(`--profile ${p}`);
  for (const p of args.provider) flags.push(`--provider ${p}`);
  for (const s of args.source) flags.push(`--source ${s}`);
  if (args.config !== undefined) flags.push('--config');
  if (args.openclawDir !== undefined) flags.push('--openclaw-dir');
  if (args.claudeDir !== undefined) flags.push('--claude-dir');
  if (args.codexHome !== undefined) flags.push('--codex-home');
  for (const [family, url] of Object.entries(args.baseUrls)) flags.push(`--base-url ${family === BARE_URL_FAMILY ? url : `${family}=${url}`}`);
  if (args.timeout !== DEFAULT_TIMEOUT_MS) flags.push(`--timeout ${args.timeout}`);
  if (args.concurrency !== DEFAULT_CONCURRENCY) flags.push(`--concurrency ${args.concurrency}`);
  return flags;
}

function extrasOf(profiles: readonly Profile[]): Record<string, ProfileExtras> {
  const extras: Record<string, ProfileExtras> = {};
  for (const p of profiles) {
    const e: ProfileExtras = {};
    if (p.metadata.subscriptionType) e.subscriptionType = p.metadata.subscriptionType;
    if (p.metadata.email) e.email = p.metadata.email;
    const notes = [...(p.metadata.notes ?? [])];
    if (p.metadata.unresolved) notes.unshift(`unresolved: ${p.metadata.unresolved}`);
    if (notes.length) e.notes = notes;
    extras[p.id] = e;
  }
  return extras;
}

function userNames(env: PipelineDeps['env']): string[] {
  const names = [env.USER, env.LOGNAME, env.USERNAME].filter((n): n is string => !!n);
  try {
    names.push(os.userInfo().username);
  } catch {
    // No passwd entry (some containers): the environment's names are all there is.
  }
  return names;
}

export async function reportCommand(args: ReportArgs, deps: PipelineDeps, out: Output): Promise<ExitCode> {
  if (args.json) throw new UsageError('report renders Markdown; for JSON use "authdoctor check --json"');
  const samples: SkewSample[] = [];
  let progress = NO_PROGRESS;
  let finished = 0;
  let total = 0;

  const { report, discovered } = await runPipeline(args, {
    ...deps,
    onRequest: (r: RequestRecord) => {
      if (r.date) samples.push({ date: r.date, receivedAtMs: deps.now().getTime(), durationMs: r.durationMs });
      if (args.verbose) progress.print(() => out.stderr(requestLine(r)));
    },
    onProfiles: async (profiles) => {
      total = profiles.length;
      if (total > 0) progress = await startProgress(total, process.stderr, deps.terminalEnv ?? deps.env, args.color);
    },
    onProfileDone: () => progress.tick(++finished, total),
  });
  progress.stop();

  const ctx: MarkdownContext = {
    version: version(),
    generatedAt: deps.now(),
    os: `${deps.platform} ${os.release()}`,
    arch: process.arch,
    node: process.version,
    baseUrlFlags: args.baseUrls,
    // The pipeline decides whether a proxy applied to the base URL (NO_PROXY included); it reports
    // nothing when only NO_PROXY or ALL_PROXY is set, which is still worth naming here.
    proxyVariables: report.proxy?.variables ?? PROXY_VARIABLES.filter((v) => deps.env[v]),
    proxyUsed: report.proxy?.used ?? false,
    clockSkew: args.offline ? null : measureClockSkew(samples),
    flags: flagsOf(args),
    extras: extrasOf(discovered.profiles),
    includeIdentity: args.includeIdentity,
    searched: discovered.searched,
    unfiltered: discovered.unfiltered.map((p) => p.id),
  };
  // Secrets go before rendering as well as after: Markdown escaping puts a backslash before `*`, `[`,
  // `<` or `|`, which splits a secret holding them into runs the scrubber no longer recognises.
  const markdown = out.scrub(
    scrubIdentity(renderMarkdown(out.scrubber.scrubDeep(report), out.scrubber.scrubDeep(ctx)), {
      homes: [deps.home, os.homedir()],
      userNames: userNames(deps.env),
      includeIdentity: args.includeIdentity,
    }),
  );

  if (args.output === undefined) {
    out.stdout(markdown);
  } else {
    out.stderr(`Report written to ${await writeOutput(args.output, markdown, deps.home)} (exit ${report.exitCode}).\n`);
  }
  return report.exitCode;
}
