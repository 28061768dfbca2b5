// `authdoctor demo`: the real `check` pipeline and renderers, run against sample profiles and
// simulated provider APIs on 127.0.0.1, so a new user sees every kind of result without a key and
// without anything leaving the machine.

import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { demoEnv, demoProfiles, demoProfilesFile, demoSimCredentials, demoSimKeys } from '../demo/profiles.js';
import type { Output } from '../render/output.js';
import { startAnthropicSim, type SimServer } from '../sim/anthropic.js';
import { SIM_PROVIDERS, simFamilyUrls } from '../sim/providers.js';
import { startProviderSim, type ProviderSimServer } from '../sim/server.js';
import type { ExitCode } from '../types.js';
import type { CheckArgs } from './args.js';
import { checkCommand } from './check.js';
import type { PipelineDeps } from './pipeline.js';

/** Enough delay that the progress display and the "print as each finishes" order are visible, yet the demo stays quick. */
const SIM_LATENCY_MS = 150;

export function demoBanner(where: string): string {
  return [
    'authdoctor demo — a SIMULATION.',
    `Sample profiles with fake keys made for this run, checked against simulated provider APIs on ${where}.`,
    'Nothing is sent off this machine and none of your own credentials are read.',
  ].join('\n');
}

function footer(checkExit: ExitCode): string {
  return (
    `On these sample profiles \`authdoctor check\` would exit ${checkExit}; the demo itself exits 0, as it only demonstrates.\n` +
    'Check your own credentials with `authdoctor check` (exit codes: 0 all work · 1 something broken · 3 could not verify · 4 none found).\n'
  );
}

/**
 * Runs the demo. `deps` supplies the clock, scrubber and abort signal; everything that could reach
 * the user's own credentials or the network (environment, home, stdin, proxy) is replaced.
 * Returns 0 once the run completed, whatever the sample's verdicts: the broken profiles are the point.
 */
export async function demoCommand(args: CheckArgs, deps: PipelineDeps, out: Output): Promise<ExitCode> {
  const profiles = demoProfiles(deps.now());
  const dir = await mkdtemp(path.join(os.tmpdir(), 'authdoctor-demo-'));
  // A second Ctrl-C leaves at once (process.exit), past the `finally` below: the sample file of fake
  // secrets is removed on the way out all the same.
  const removeOnExit = () => rmSync(dir, { recursive: true, force: true });
  process.on('exit', removeOnExit);
  let sim: SimServer | undefined;
  let others: ProviderSimServer | undefined;
  try {
    [sim, others] = await Promise.all([
      startAnthropicSim({ credentials: demoSimCredentials(profiles), latencyMs: SIM_LATENCY_MS }),
      startProviderSim({ providers: SIM_PROVIDERS, keys: demoSimKeys(profiles), latencyMs: SIM_LATENCY_MS }),
    ]);
    const config = path.join(dir, 'demo-profiles.json');
    // 0600: the demo file holds (fake) secrets and must not draw a loose-permissions warning.
    await writeFile(config, demoProfilesFile(profiles), { mode: 0o600 });
    // Built from what the demo's own flags set (how to show the run, and whether to add the inference
    // check) plus the run's defaults: what is checked, and where, is the demo's.
    const demoArgs: CheckArgs = {
      format: args.format,
      json: args.json,
      inference: args.inference,
      verbose: args.verbose,
      quiet: args.quiet,
      color: args.color,
      timeout: args.timeout,
      concurrency: args.concurrency,
      profile: [],
      provider: [],
      // Only the two sources the sample uses: openclaw or Claude Code stores of this machine are never read.
      source: ['env', 'config'],
      keyStdin: false,
      config,
      allowExec: false,
      offline: false,
      quota: true,
      baseUrls: simFamilyUrls(sim.url, others),
    };
    const demoDeps: PipelineDeps = {
      ...deps,
      env: demoEnv(profiles),
      // An empty home: even a source that ignored --source would find nothing of the user's there.
      home: path.join(dir, 'home'),
      interactive: () => false,
    };
    delete demoDeps.stdinText;

    const where = `127.0.0.1 (ports ${sim.port} and ${others.port})`;
    if (args.json) out.stderr(demoBanner(where) + '\n');
    const checkExit = await checkCommand(demoArgs, demoDeps, out, args.json ? undefined : demoBanner(where));
    if (!args.json && !args.quiet) out.stdout('\n' + footer(checkExit));
    return 0;
  } finally {
    await Promise.all([sim?.close(), others?.close()]);
    await rm(dir, { recursive: true, force: true });
    process.off('exit', removeOnExit);
  }
}
