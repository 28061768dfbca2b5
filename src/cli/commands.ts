// The commands of the command line, one declaration each: flags, help, and which function in
// src/commands/ runs it (loaded only when that command runs). yargs reads these declarations, and
// so does the parser of plain command lines (fast-args.ts), through the same builders.

import type { Argv } from 'yargs';
import { handler, processDepsFor, type CliContext } from './context.js';
import { checkOptions, colorOption, discoveryOptions, jsonOption, outputOptions, quietOption } from './options.js';

export interface CliCommand {
  /** The name, and `$0` for the default command. */
  names: string[];
  describe: string;
  builder: (y: Argv) => Argv;
  run: (ctx: CliContext) => (raw: Record<string, unknown>) => Promise<void>;
}

/** Declares a command to yargs. */
export function declare<T>(y: Argv<T>, command: CliCommand, ctx: CliContext): Argv<T> {
  return y.command(command.names, command.describe, command.builder as unknown as (y: Argv<T>) => Argv<T>, command.run(ctx));
}

export const checkCommand: CliCommand = {
  names: ['check', '$0'],
  describe: 'Find credentials and check each one: format, expiry, validity (no tokens spent), quota',
  builder: (c) =>
    outputOptions(quietOption(jsonOption(checkOptions(c))))
      .example('$0', 'check every credential found (env, openclaw, Claude Code, Codex, profiles file)')
      .example('pbpaste | $0 check --key-stdin', 'check one key without storing it anywhere')
      .example('$0 check --json | jq .summary', 'machine-readable report; the exit code says the same')
      .example("$0 check --profile 'openclaw/*' --offline", 'only openclaw profiles, no network')
      .example('$0 check --format openmetrics', 'metrics for Prometheus (README: Monitoring)'),
  run: (ctx) =>
    handler(ctx, async (args) => {
      const { checkCommand: run } = await import('../commands/check.js');
      return run(args, await processDepsFor(ctx, args), ctx.out);
    }),
};

export const profilesCommand: CliCommand = {
  names: ['profiles'],
  describe: 'List the credentials found, redacted, without sending anything',
  builder: (c) => jsonOption(discoveryOptions(c)).example('$0 profiles --json', 'what would be checked, as JSON'),
  run: (ctx) =>
    handler(ctx, async (args) => {
      const { profilesCommand: run } = await import('../commands/profiles.js');
      return run(args, await processDepsFor(ctx, args), ctx.out);
    }),
};

export const reportCommand: CliCommand = {
  names: ['report'],
  describe: 'Run the checks and print a redacted Markdown triage report to paste into a support ticket',
  builder: (c) =>
    checkOptions(c)
      // Not in the help: the report is Markdown. Declared so that `report --json` is told where JSON is.
      .option('json', { type: 'boolean', default: false, hidden: true })
      .option('output', { type: 'string', requiresArg: true, describe: 'Write the report to this file instead of stdout' })
      .option('include-identity', { type: 'boolean', default: false, describe: 'Keep account email addresses in the report (replaced by default)' })
      .example('$0 report --output ticket.md', 'write the report to a file to attach to a ticket')
      .example("$0 report --profile 'openclaw/*' | pbcopy", 'report on openclaw profiles only, to the clipboard'),
  run: (ctx) =>
    handler(ctx, async (args, raw) => {
      const { reportCommand: run } = await import('../commands/report.js');
      return run({ ...args, includeIdentity: raw.includeIdentity === true }, await processDepsFor(ctx, args), ctx.out);
    }),
};

export const demoCommand: CliCommand = {
  names: ['demo'],
  describe: 'Run check on sample profiles against simulated provider APIs on 127.0.0.1: every kind of result, no key needed, nothing leaves this machine',
  builder: (c) =>
    colorOption(
      quietOption(
        c
          .option('json', { type: 'boolean', default: false, describe: 'Print the JSON report on stdout, and nothing else on stdout' })
          .option('inference', { type: 'boolean', default: false, describe: 'Also show the opt-in inference check (simulated: nothing is spent)' })
          .option('verbose', { type: 'boolean', default: false, describe: 'Show each (loopback) request on stderr' }),
      ),
    )
      .example('$0 demo', 'see what a report looks like, with fake keys')
      .example("$0 demo --json | jq '.profiles[].verdict'", 'the JSON report that scripts read')
      .epilogue('The demo exits 0 even though some sample profiles are broken: it demonstrates. Its JSON "exitCode" is what check would exit with.'),
  run: (ctx) =>
    handler(ctx, async (args) => {
      const { demoCommand: run } = await import('../commands/demo.js');
      return run(args, await processDepsFor(ctx, args), ctx.out);
    }),
};

/** The commands that run checks or list profiles; `completion` is declared apart (completionCommand). */
export const COMMANDS: readonly CliCommand[] = [checkCommand, profilesCommand, reportCommand, demoCommand];

const COMPLETION = 'completion';

/** Every command's name, as typed, `completion` included. */
export const COMMAND_NAMES: readonly string[] = [...COMMANDS.flatMap((c) => c.names.filter((n) => n !== '$0')), COMPLETION];

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof COMPLETION_SHELLS)[number];

/** The shell a completion script is for when none is named: the one the user runs, as yargs tells them apart. */
function currentShell(env: NodeJS.ProcessEnv): Shell {
  if (env.SHELL?.includes('zsh') || env.ZSH_NAME?.includes('zsh')) return 'zsh';
  return env.SHELL?.includes('fish') ? 'fish' : 'bash';
}

/**
 * Prints yargs' completion script for `shell`. yargs picks its template from SHELL and ZSH_NAME when
 * an instance is made, so a fresh instance is made with those saying the shell asked for.
 */
async function printCompletionScript(shell: Shell): Promise<void> {
  const { default: yargs } = await import('yargs');
  const saved = { SHELL: process.env.SHELL, ZSH_NAME: process.env.ZSH_NAME };
  process.env.SHELL = `/bin/${shell}`;
  delete process.env.ZSH_NAME;
  try {
    // The script names `authdoctor completion` (the default command name) and calls `authdoctor`.
    yargs([]).scriptName('authdoctor').showCompletionScript();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export function completionCommand<T>(y: Argv<T>): Argv<T> {
  return y.command(
    `${COMPLETION} [shell]`,
    'Print a shell completion script: authdoctor completion >> ~/.bashrc',
    (c) =>
      c
        .positional('shell', { type: 'string', choices: COMPLETION_SHELLS, describe: 'The shell [default: the one in $SHELL]' })
        .example('$0 completion >> ~/.bashrc', 'complete commands and flags in bash')
        .example('$0 completion zsh > "${fpath[1]}/_authdoctor"', 'in zsh')
        .example('$0 completion fish > ~/.config/fish/completions/authdoctor.fish', 'in fish'),
    async (raw) => printCompletionScript((raw.shell as Shell | undefined) ?? currentShell(process.env)),
  );
}
