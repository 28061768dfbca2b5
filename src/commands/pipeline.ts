// sources → profiles → checks → report: the pipeline `check`, `report` and `demo` share.
// Everything from the outside world comes in through `PipelineDeps`.

import { Scrubber } from '../credentials/scrub.js';
import { insecureReason } from '../net/base-url.js';
import { createFetch, DEFAULT_MAX_BODY_BYTES, type RequestRecord } from '../net/http.js';
import { cleartextProxyReason, proxyDispatcher, proxyInfo } from '../net/proxy.js';
import { discover, filterProfiles, resolveDeferred, selectSources } from '../profiles/index.js';
import { providerFor } from '../providers/index.js';
import { newProbeCaches, type ProbeContext } from '../providers/types.js';
import { buildReport } from '../report.js';
import { runProfiles } from '../run.js';
import type { Problem, Profile, ProfileReport, Report, SourceContext } from '../types.js';
import type { CheckArgs } from './args.js';

export interface PipelineDeps {
  env: Record<string, string | undefined>;
  home: string;
  platform: NodeJS.Platform;
  interactive: boolean;
  stdinText?: string;
  now: () => Date;
  signal?: AbortSignal;
  scrubber: Scrubber;
  onRequest?: (record: RequestRecord) => void;
  /** Called once the profiles to check are known (before any request). */
  onProfiles?: (profiles: readonly Profile[]) => void | Promise<void>;
  onProfileDone?: (report: ProfileReport, index: number) => void;
  /** An undici dispatcher for proxies, when one applies. */
  dispatcher?: unknown;
}

export interface Discovered {
  profiles: Profile[];
  problems: Problem[];
  searched: string[];
}

export function sourceContext(args: CheckArgs, deps: PipelineDeps): SourceContext {
  const options: SourceContext['options'] = { allowExec: args.allowExec, configExplicit: args.config !== undefined };
  if (args.config !== undefined) options.config = args.config;
  if (args.openclawDir !== undefined) options.openclawDir = args.openclawDir;
  if (args.claudeDir !== undefined) options.claudeDir = args.claudeDir;
  if (deps.stdinText !== undefined) options.stdinText = deps.stdinText;
  return { env: deps.env, home: deps.home, platform: deps.platform, now: deps.now(), interactive: deps.interactive, options };
}

/**
 * Finds and filters profiles, then resolves what runs a program (exec SecretRefs) for the profiles
 * kept only. Every secret found is added to the scrubber, filtered out or not.
 */
export async function discoverProfiles(args: CheckArgs, deps: PipelineDeps): Promise<Discovered> {
  const found = await discover(sourceContext(args, deps), selectSources(args.source, args.keyStdin));
  for (const p of found.profiles) if (p.secret) deps.scrubber.add(p.secret);
  const kept = await resolveDeferred(filterProfiles(found.profiles, { profile: args.profile, provider: args.provider }));
  for (const p of kept.profiles) if (p.secret) deps.scrubber.add(p.secret);
  return { profiles: kept.profiles, problems: [...found.problems, ...kept.problems], searched: found.searched ?? [] };
}

/** The base URL for a provider: the flag, else the provider's variable, else its default. */
export function baseUrlFor(providerId: string, args: Pick<CheckArgs, 'baseUrl'>, env: PipelineDeps['env']): { url: string; overridden: 'flag' | 'env' | null } {
  const provider = providerFor(providerId);
  if (args.baseUrl) return { url: args.baseUrl, overridden: 'flag' };
  const fromEnv = provider ? env[provider.baseUrlEnv] : undefined;
  if (fromEnv) return { url: fromEnv, overridden: 'env' };
  return { url: provider?.defaultBaseUrl ?? '', overridden: null };
}

export interface PipelineResult {
  report: Report;
  discovered: Discovered;
  baseUrl: string;
}

export async function runPipeline(args: CheckArgs, deps: PipelineDeps): Promise<PipelineResult> {
  const startedAt = deps.now();
  const discovered = await discoverProfiles(args, deps);
  await deps.onProfiles?.(discovered.profiles);
  const { url: baseUrl } = baseUrlFor('anthropic', args, deps.env);
  // HTTPS_PROXY & co.: undici is loaded only when a proxy applies to the base URL (start-up time).
  const proxy = args.offline ? undefined : proxyInfo(deps.env, baseUrl);
  const dispatcher = deps.dispatcher ?? (proxy?.used ? await proxyDispatcher(deps.env) : undefined);
  const probe: ProbeContext = {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    timeoutMs: args.timeout,
    fetch: createFetch({
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      ...(deps.onRequest ? { onRequest: deps.onRequest } : {}),
      ...(dispatcher ? { dispatcher } : {}),
    }),
    now: deps.now,
    env: deps.env,
    ...newProbeCaches(),
    ...(deps.signal ? { signal: deps.signal } : {}),
  };
  const insecure = args.offline ? undefined : (insecureReason(baseUrl) ?? cleartextProxyReason(deps.env, baseUrl));
  const profiles = await runProfiles(discovered.profiles, {
    checks: { offline: args.offline, quota: args.quota, inference: args.inference, ...(insecure ? { insecureBaseUrl: insecure } : {}) },
    probe,
    concurrency: args.concurrency,
    now: deps.now,
    ...(deps.onProfileDone ? { onProfileDone: deps.onProfileDone } : {}),
  });
  const report = buildReport(profiles, discovered.problems, startedAt, deps.now());
  if (proxy) report.proxy = proxy;
  return { report, discovered, baseUrl };
}
