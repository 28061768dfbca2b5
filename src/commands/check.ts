import os from 'node:os';
import { Scrubber } from '../credentials/scrub.js';
import type { RequestRecord } from '../net/http.js';
import { renderClosing, renderProfile, type HumanOptions } from '../render/human.js';
import { renderJson } from '../render/json.js';
import { Output } from '../render/output.js';
import { sanitize } from '../render/sanitize.js';
import { NO_PROGRESS, startProgress } from '../render/progress.js';
import { colorEnabled, isTerminal, palette } from '../render/terminal.js';
import type { ExitCode, ProfileReport } from '../types.js';
import { needsAttention } from '../verdict.js';
import type { CheckArgs } from './args.js';
import { runPipeline, type PipelineDeps } from './pipeline.js';
import { readCredentialFromStdin } from './stdin.js';

/** The default dependencies of a real run: this process's environment, clock and terminal. */
export async function processDeps(args: CheckArgs, scrubber: Scrubber): Promise<PipelineDeps> {
  const deps: PipelineDeps = {
    env: process.env,
    terminalEnv: process.env,
    home: os.homedir(),
    platform: process.platform,
    // Asked only if a source needs it (the macOS Keychain), and without building process.stdin.
    interactive: () => isTerminal(0),
    now: () => new Date(),
    scrubber,
  };
  if (args.keyStdin) deps.stdinText = await readCredentialFromStdin();
  return deps;
}

/** One --verbose line per request (shared with `report`); Output scrubs it like everything else. */
export function requestLine(r: RequestRecord): string {
  const outcome = r.status ?? sanitize(r.error ?? 'failed');
  return `→ ${r.method} ${sanitize(r.url)} ${outcome} ${Math.round(r.durationMs)} ms${r.requestId ? ` ${sanitize(r.requestId)}` : ''}\n`;
}

/**
 * Runs `check` and prints its report, or with `--output` writes it to that file (nothing of it on
 * stdout); returns the exit code. Shared with `demo`.
 */
export async function checkCommand(args: CheckArgs, deps: PipelineDeps, out: Output, banner?: string): Promise<ExitCode> {
  const human: HumanOptions = {
    // A file (--output) is no terminal; FORCE_COLOR still forces colour there, as for `> file`.
    palette: await palette(colorEnabled(args.color, deps.terminalEnv ?? deps.env, { isTTY: args.output === undefined && isTerminal(1) })),
    quiet: args.quiet,
    flaggedEndpoints: new Set(Object.values(args.baseUrls)),
  };
  const streaming = args.format === 'human';
  // A file gets its text at once, at the end; stdout as each profile finishes.
  const collected: string[] = [];
  const emit = args.output === undefined ? (text: string) => out.stdout(text) : (text: string) => void collected.push(text);
  let progress = NO_PROGRESS;
  const done: (ProfileReport | undefined)[] = [];
  let printed = 0;
  let finished = 0;
  let total = 0;

  if (banner && streaming) emit(banner + '\n\n');
  if (args.verbose) {
    deps = {
      ...deps,
      onRequest: (r) => progress.print(() => out.stderr(requestLine(r))),
    };
  }

  const { report, discovered } = await runPipeline(args, {
    ...deps,
    onProfiles: async (profiles) => {
      total = profiles.length;
      // isTerminal(2) first: most runs are not on a terminal and need not build process.stderr at all.
      if (streaming && !args.quiet && total > 0 && isTerminal(2)) progress = await startProgress(total, process.stderr, deps.terminalEnv ?? deps.env, args.color);
    },
    onProfileDone: (profile, index) => {
      finished++;
      progress.tick(finished, total);
      if (!streaming) return;
      // Print in input order as soon as every earlier profile has finished: stable output, early feedback.
      done[index] = profile;
      while (done[printed]) {
        const p = done[printed++]!;
        if (args.quiet && !needsAttention(p)) continue;
        progress.print(() => emit(renderProfile(p, human) + '\n\n'));
      }
    },
  });
  progress.stop();

  if (args.format === 'json') {
    // Scrubbed before encoding too: JSON escapes `"` and `\\`, which would split such a secret.
    emit(renderJson(out.scrubber.scrubDeep(report)));
  } else if (args.format === 'openmetrics') {
    // Scrubbed before escaping, as for JSON.
    const { renderOpenMetrics } = await import('../render/openmetrics.js');
    emit(renderOpenMetrics(out.scrubber.scrubDeep(report)));
  } else {
    emit(renderClosing(report, human, { searched: discovered.searched, found: discovered.unfiltered, filters: args }));
  }
  if (args.output !== undefined) {
    const { writeOutput } = await import('./output-file.js');
    const where = await writeOutput(args.output, out.scrub(collected.join('')), deps.home);
    if (!args.quiet) out.stderr(`Report written to ${where} (exit ${report.exitCode}).\n`);
  }
  return report.exitCode;
}
