// Where openclaw keeps its state, resolved as openclaw does (config/paths.ts in its sources):
// $OPENCLAW_STATE_DIR, else `<$OPENCLAW_HOME or home>/.openclaw`, else an existing legacy dir
// (.clawdbot, .moldbot, .moltbot). `--openclaw-dir` means "look only here": then the env
// overrides for the config file, the OAuth dir and the main agent dir are not consulted.

import { statSync } from 'node:fs';
import path from 'node:path';
import type { SourceContext } from '../../types.js';
import { expandHome } from '../files.js';

const STATE_DIRNAME = '.openclaw';
const LEGACY_STATE_DIRNAMES = ['.clawdbot', '.moldbot', '.moltbot'];
const CONFIG_FILENAMES = ['openclaw.json', 'clawdbot.json', 'moldbot.json', 'moltbot.json'];

export interface OpenclawPaths {
  stateDir: string;
  /** True when the state dir came from --openclaw-dir. */
  explicit: boolean;
  configFile: string;
  /** Holds the legacy `oauth.json` (`$OPENCLAW_OAUTH_DIR`, else `<stateDir>/credentials`). */
  oauthDir: string;
  /** The main agent's dir, home of the older shared SQLite store and the main JSON stores. */
  mainAgentDir: string;
  stateDatabase: string;
}

export type Exists = (p: string) => Promise<boolean>;

/**
 * Whether something is there, asked synchronously: a stat of a local path costs microseconds, and
 * most runs find no openclaw at all, which then costs no asynchronous file operation (Node would
 * start its thread pool and load fs/promises for it: ~3 ms of a short run). Any error means no.
 */
export const pathExists: Exists = async (p) => {
  try {
    return statSync(p, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
};

function envValue(ctx: SourceContext, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = ctx.env[name]?.trim();
    if (v) return v;
  }
  return undefined;
}

/** The home openclaw expands `~` to: $OPENCLAW_HOME when set. */
export function openclawHome(ctx: SourceContext): string {
  const configured = envValue(ctx, 'OPENCLAW_HOME');
  return configured ? path.resolve(expandHome(configured, ctx.home)) : ctx.home;
}

/** openclaw's resolveUserPath: `~` expansion, then absolute. */
export function userPath(p: string, ctx: SourceContext): string {
  return path.resolve(expandHome(p.trim(), openclawHome(ctx)));
}

async function firstExisting(candidates: string[], exists: Exists): Promise<string | undefined> {
  for (const c of candidates) if (await exists(c)) return c;
  return undefined;
}

export async function resolveOpenclawPaths(ctx: SourceContext, exists: Exists = pathExists): Promise<OpenclawPaths> {
  const explicitDir = ctx.options.openclawDir?.trim();
  const envDir = envValue(ctx, 'OPENCLAW_STATE_DIR', 'CLAWDBOT_STATE_DIR');
  let stateDir: string;
  if (explicitDir) {
    stateDir = path.resolve(expandHome(explicitDir, ctx.home));
  } else if (envDir) {
    stateDir = userPath(envDir, ctx);
  } else {
    const base = openclawHome(ctx);
    const current = path.join(base, STATE_DIRNAME);
    const legacy = (await exists(current)) ? undefined : await firstExisting(LEGACY_STATE_DIRNAMES.map((d) => path.join(base, d)), exists);
    stateDir = legacy ?? current;
  }
  const explicit = Boolean(explicitDir);
  const envOnly = (...names: string[]) => (explicit ? undefined : envValue(ctx, ...names));

  const configOverride = envOnly('OPENCLAW_CONFIG_PATH', 'CLAWDBOT_CONFIG_PATH');
  const configCandidates = CONFIG_FILENAMES.map((f) => path.join(stateDir, f));
  const configFile = configOverride
    ? userPath(configOverride, ctx)
    : ((await firstExisting(configCandidates, exists)) ?? configCandidates[0]!);

  const oauthOverride = envOnly('OPENCLAW_OAUTH_DIR');
  const agentOverride = envOnly('OPENCLAW_AGENT_DIR');
  return {
    stateDir,
    explicit,
    configFile,
    oauthDir: oauthOverride ? userPath(oauthOverride, ctx) : path.join(stateDir, 'credentials'),
    mainAgentDir: agentOverride ? userPath(agentOverride, ctx) : path.join(stateDir, 'agents', 'main', 'agent'),
    stateDatabase: path.join(stateDir, 'state', 'openclaw.sqlite'),
  };
}
