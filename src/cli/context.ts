// What every command of the command line shares: output, exit codes, usage errors, Ctrl-C.

import type { CheckArgs } from '../commands/args.js';
import { checkArgs } from '../commands/args.js';
import type { PipelineDeps } from '../commands/pipeline.js';
import type { Scrubber } from '../credentials/scrub.js';
import { renderJsonError } from '../render/json.js';
import type { Output } from '../render/output.js';
import { UsageError } from '../types.js';
import { EXIT_INTERRUPTED } from '../verdict.js';

export const EXIT_USAGE = 2;

export interface CliContext {
  out: Output;
  scrubber: Scrubber;
  wantsJson: boolean;
  /** Aborted at the first Ctrl-C. */
  controller: AbortController;
  interrupted: boolean;
}

/** Prints a usage error the way CONTRACT.md says: one line on stderr, and the JSON error with --json. */
export function usageError(ctx: CliContext, raw: string): void {
  // One line: yargs spreads some messages (invalid choices) over several.
  const message = raw.replace(/\s*\n\s*/g, ' ').trim();
  if (ctx.wantsJson) ctx.out.stdout(renderJsonError(message, EXIT_USAGE));
  ctx.out.stderr(`authdoctor: ${message}\nRun "authdoctor --help" for usage.\n`);
  process.exitCode = EXIT_USAGE;
}

/** The process's own environment, clock and terminal, with the run's abort signal. */
export async function processDepsFor(ctx: CliContext, args: CheckArgs): Promise<PipelineDeps> {
  const { processDeps } = await import('../commands/check.js');
  return { ...(await processDeps(args, ctx.scrubber)), signal: ctx.controller.signal };
}

/**
 * A yargs handler that checks the flags, runs one command and sets the exit code: 130 after Ctrl-C
 * (a second Ctrl-C leaves at once), 2 for a usage error.
 */
export function handler(ctx: CliContext, command: (args: CheckArgs, raw: Record<string, unknown>) => Promise<number>) {
  return async (raw: Record<string, unknown>): Promise<void> => {
    const onSigint = () => {
      if (ctx.interrupted) process.exit(EXIT_INTERRUPTED);
      ctx.interrupted = true;
      ctx.controller.abort();
    };
    process.on('SIGINT', onSigint);
    try {
      const code = await command(checkArgs(raw), raw);
      process.exitCode = ctx.interrupted ? EXIT_INTERRUPTED : code;
    } catch (err) {
      if (err instanceof UsageError) return usageError(ctx, err.message);
      throw err;
    } finally {
      process.off('SIGINT', onSigint);
    }
  };
}
