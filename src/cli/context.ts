// What every command of the command line shares: output, exit codes, usage errors, Ctrl-C.

import type { CheckArgs } from '../commands/args.js';
import { checkArgs } from '../commands/args.js';
import type { PipelineDeps } from '../commands/pipeline.js';
import type { Scrubber } from '../credentials/scrub.js';
import { renderJsonError } from '../render/json.js';
import type { Output } from '../render/output.js';
import { didYouMean } from '../did-you-mean.js';
import { camel } from './fast-args.js';
import { UsageError } from '../types.js';
import { EXIT_INTERRUPTED } from '../verdict.js';

export const EXIT_USAGE = 2;

export interface CliContext {
  out: Output;
  scrubber: Scrubber;
  /** The arguments as typed, for what yargs' parsed form no longer shows. */
  argv: readonly string[];
  /** Every command's name (cli/commands.ts), to tell a mistyped command from a flag. */
  commands: readonly string[];
  wantsJson: boolean;
  /** Aborted at the first Ctrl-C. */
  controller: AbortController;
  interrupted: boolean;
}

/**
 * Whether a usage error is also printed as the JSON error document on stdout: with `--json` or
 * `--format json`, but not with `--output`, where stdout stays empty whatever happens (the report's
 * reader reads the file; the message is on stderr). Read from the raw arguments: the error may be in parsing them.
 */
export function wantsJsonErrors(argv: readonly string[]): boolean {
  // `--json=yes` asks for JSON too (and is then refused): its usage error comes as JSON.
  const json = argv.some((a, i) => a === '--json' || (a.startsWith('--json=') && a !== '--json=false') || a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
  return json && !argv.some((a) => a === '--output' || a.startsWith('--output='));
}

/**
 * yargs' "Unknown arguments: base-url, baseUrl" as a person needs it: each flag once, as typed
 * (`--base-url`), and which command does not take it; a word that is no command says so.
 */
export function unknownArguments(message: string, argv: readonly string[], commands: readonly string[]): string {
  const m = /^Unknown arguments?: (.*)$/.exec(message);
  if (!m) return message;
  const command = argv.find((a) => commands.includes(a)) ?? 'check';
  const flags: string[] = [];
  const words: string[] = [];
  // yargs names a flag as typed and again in camelCase: both are the same flag.
  const sameFlag = (word: string, name: string) => camel(word.replace(/^-+(no-)?/, '').split('=')[0]!) === camel(name);
  for (const name of m[1]!.split(', ')) {
    const typed = argv.find((a) => a.replace(/^-+/, '').split('=')[0] === name || sameFlag(a, name));
    const flag = typed?.startsWith('-') ? typed.split('=')[0]! : undefined;
    // `--no-color=no`: yargs takes a negated switch with a value for an unknown flag.
    if (flag?.startsWith('--no-') && typed!.includes('=')) return `${flag} is a switch and takes no value: write ${flag}`;
    if (flag) {
      if (!flags.includes(flag)) flags.push(flag);
    } else if (!argv.some((a) => a.startsWith('-') && sameFlag(a, name))) {
      if (!words.includes(name)) words.push(name);
    }
  }
  const parts: string[] = [];
  if (flags.length) parts.push(`${command} does not take ${flags.join(', ')} (see authdoctor ${command} --help)`);
  for (const w of words) {
    const near = didYouMean(w, commands);
    parts.push(`"${w}" is not a command${near ? ` (did you mean ${near}?)` : ''}: the commands are ${commands.join(', ')}`);
  }
  return parts.join('; ') || message;
}

/**
 * A switch given a value it cannot have (`--json=yes`): yargs reads any such value as false, which
 * would silently do the opposite of what was asked.
 */
export function checkSwitchValues(argv: readonly string[], parsed: Readonly<Record<string, unknown>>): void {
  for (const arg of argv) {
    if (arg === '--') return;
    const m = /^--(no-)?([a-z][a-z0-9-]*)=(.*)$/.exec(arg);
    if (!m) continue;
    if (typeof parsed[camel(m[2]!)] !== 'boolean' && typeof parsed[m[2]!] !== 'boolean') continue;
    if (m[3] !== 'true' && m[3] !== 'false') throw new UsageError(`--${m[1] ?? ''}${m[2]} is a switch and takes no value ("${m[3]}"): write --${m[2]} or --no-${m[2]}`);
  }
}

/** Prints a usage error the way CONTRACT.md says: one line on stderr, and the JSON error with --json. */
export function usageError(ctx: CliContext, raw: string): void {
  // One line: yargs spreads some messages (invalid choices) over several.
  const message = unknownArguments(raw.replace(/\s*\n\s*/g, ' ').trim(), ctx.argv, ctx.commands);
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
      checkSwitchValues(ctx.argv, raw);
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
