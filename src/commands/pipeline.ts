// sources → profiles → checks → report: the pipeline `check`, `report` and `demo` share.
// Everything from the outside world comes in through `PipelineDeps`.

import { Scrubber } from '../credentials/scrub.js';
import { resolveEndpoints } from '../endpoints.js';
import { checkBaseUrl } from '../net/base-url.js';
import { createHttpClient, DEFAULT_MAX_BODY_BYTES, type RequestRecord } from '../net/http.js';
import { proxyInfo, proxySettings } from '../net/proxy.js';
import { discover, filterProfiles, resolveDeferred, selectSources } from '../profiles/index.js';
import { providerMeta } from '../providers/registry.js';
import { newProbeCaches, type RunContext } from '../providers/types.js';
import { buildReport } from '../report.js';
import { runProfiles } from '../run.js';
import { UsageError, type Problem, type Profile, type ProfileReport, type Report, type SourceContext } from '../types.js';
import { version } from '../version.js';
import type { CheckArgs } from './args.js';

export interface PipelineDeps {
  /** The environment the sources and checks read. */
  env: Record<string, string | undefined>;
  /**
   * The environment of the terminal output goes to (NO_COLOR, FORCE_COLOR, TERM, CI): the process's
   * own, even where `env` is replaced (the demo's sample environment). Default: `env`.
   */
  terminalEnv?: Record<string, string | undefined>;
  home: string;
  platform: NodeJS.Platform;
  interactive: () => boolean;
  stdinText?: string;
  now: () => Date;
  signal?: AbortSignal;
  scrubber: Scrubber;
  onRequest?: (record: RequestRecord) => void;
  /** Called once the profiles to check are known (before any request). */
  onProfiles?: (profiles: readonly Profile[]) => void | Promise<void>;
  onProfileDone?: (report: ProfileReport, index: number) => void;
}

export interface Discovered {
  profiles: Profile[];
  problems: Problem[];
  searched: string[];
  /** Every profile found, before --profile and --provider: what a filter that kept nothing missed. */
  unfiltered: Array<Pick<Profile, 'id' | 'provider'>>;
}

export function sourceContext(args: CheckArgs, deps: PipelineDeps): SourceContext {
  const options: SourceContext['options'] = { allowExec: args.allowExec, configExplicit: args.config !== undefined };
  if (args.config !== undefined) options.config = args.config;
  if (args.openclawDir !== undefined) options.openclawDir = args.openclawDir;
  if (args.claudeDir !== undefined) options.claudeDir = args.claudeDir;
  if (args.codexHome !== undefined) options.codexHome = args.codexHome;
  if (args.provider.length) options.provider = args.provider;
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
  const kept = await resolveDeferred(await filterProfiles(found.profiles, { profile: args.profile, provider: args.provider }));
  for (const p of kept.profiles) if (p.secret) deps.scrubber.add(p.secret);
  return {
    profiles: kept.profiles,
    problems: [...found.problems, ...kept.problems],
    searched: found.searched ?? [],
    unfiltered: found.profiles.map((p) => ({ id: p.id, provider: p.provider })),
  };
}

/** A bad base URL from the environment is an input error, like a bad flag (CONTRACT.md). */
function checkEnvironmentBaseUrls(profiles: readonly Profile[]): void {
  for (const p of profiles) {
    for (const [family, configured] of Object.entries(p.baseUrls ?? {})) {
      if (!configured.env) continue;
      const spec = providerMeta(p.checkedAs ?? p.provider)?.families[family];
      const checked = checkBaseUrl(configured.url, spec);
      if ('error' in checked) throw new UsageError(`${configured.from} ${checked.error}`);
    }
  }
}

export interface PipelineResult {
  report: Report;
  discovered: Discovered;
}

export async function runPipeline(args: CheckArgs, deps: PipelineDeps): Promise<PipelineResult> {
  const startedAt = deps.now();
  const discovered = await discoverProfiles(args, deps);
  const proxy = args.offline ? undefined : proxySettings(deps.env);
  if (!args.offline) checkEnvironmentBaseUrls(discovered.profiles);
  await deps.onProfiles?.(discovered.profiles);
  const http = createHttpClient({
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    ...(deps.onRequest ? { onRequest: deps.onRequest } : {}),
    ...(proxy ? { proxy } : {}),
  });
  const run: RunContext = {
    http,
    timeoutMs: args.timeout,
    now: deps.now,
    env: deps.env,
    userAgent: `authdoctor/${version()}`,
    ...newProbeCaches(),
    ...(deps.signal ? { signal: deps.signal } : {}),
  };
  // The base URL each profile's credential is sent to, for the report's proxy line.
  const destinations: string[] = [];
  let profiles: ProfileReport[];
  try {
    profiles = await runProfiles(discovered.profiles, {
      checks: { offline: args.offline, quota: args.quota, inference: args.inference },
      run,
      concurrency: args.concurrency,
      now: deps.now,
      endpoints: (profile, provider, classification) => {
        const where = resolveEndpoints(profile, provider, classification.kind, args.baseUrls, proxy);
        const family = provider.familyOf(classification.kind);
        if (family && where.baseUrls[family] && !where.insecure) destinations.push(where.baseUrls[family]);
        return where;
      },
      ...(deps.onProfileDone ? { onProfileDone: deps.onProfileDone } : {}),
    });
  } finally {
    // Every socket of the run ends here, idle keep-alive ones included: nothing outlives the run.
    http.close();
  }
  const report = buildReport(profiles, discovered.problems, startedAt, deps.now(), deps.signal?.aborted === true);
  const proxyLine = proxyInfo(proxy, destinations);
  if (proxyLine) report.proxy = proxyLine;
  return { report, discovered };
}
