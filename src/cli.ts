// The command line: flags, help and exit codes. No logic of its own: each command is a function
// in src/commands/ that returns an exit code.

import { COMMAND_NAMES, COMMANDS, completionCommand, declare } from './cli/commands.js';
import { usageError, wantsJsonErrors, type CliContext } from './cli/context.js';
import { declaredOptions, fastParse } from './cli/fast-args.js';
import { Scrubber } from './credentials/scrub.js';
import { ownProcess } from './process-owner.js';
import { Output } from './render/output.js';
import { sanitize } from './render/sanitize.js';
import { UsageError } from './types.js';
import { version } from './version.js';

/** Thrown from yargs' fail handler once the usage error is printed, so that no command runs after it. */
class UsageReported extends Error {}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  ownProcess();
  const scrubber = new Scrubber();
  const out = new Output(scrubber);
  try {
    await run(argv, { out, scrubber, argv, commands: COMMAND_NAMES, wantsJson: wantsJsonErrors(argv), controller: new AbortController(), interrupted: false });
    // Output could not write what the run found (a full disk): that is the run's outcome.
    if (out.failed) process.exitCode = 2;
  } catch (err) {
    // A bug escaped every check's isolation. Its message may quote a secret the run discovered
    // (CONTRACT.md: never printed, whatever happens): it goes out through the run's scrubber, one line, no stack.
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    out.stderr(`authdoctor: internal error: ${sanitize(scrubber.scrub(what), 200)}\n`);
    process.exitCode = 2;
  }
}

/** Parses the command line and runs its command (or prints help, completion, a usage error). */
async function run(argv: string[], ctx: CliContext): Promise<void> {
  // A plain command line runs without yargs (cli/fast-args.ts); anything else goes through it.
  const named = COMMANDS.find((c) => c.names.includes(argv[0] ?? ''));
  const command = named ?? (argv.length === 0 || argv[0]!.startsWith('--') ? COMMANDS.find((c) => c.names.includes('$0')) : undefined);
  const options = command && declaredOptions(command.builder);
  const raw = options && fastParse(named ? argv.slice(1) : argv, options);
  if (command && raw) return command.run(ctx)(raw);

  // Loaded here, not at the top, so that the fast paths above do not pay for it.
  const { default: yargs } = await import('yargs');
  // `authdoctor --help | head`: a reader that stops early is not an error worth a stack trace. Output
  // handles that for what it prints; this covers what yargs prints itself (help, completion).
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  // The same width the build rendered --help at (bin/authdoctor.js).
  const width = Math.min(110, process.stdout.columns || 100);
  let cli = yargs(argv)
    .scriptName('authdoctor')
    .usage('$0 [command] [options]\n\nTells you exactly what is wrong (or right) with your AI-provider credentials.');
  for (const c of COMMANDS) cli = declare(cli, c, ctx);
  cli = completionCommand(cli)
    // Said, not left to the default: shell completion offers `--no-color` and `--no-quota` only then.
    .parserConfiguration({ 'boolean-negation': true })
    .strict()
    .version(version())
    .help()
    .alias('h', 'help')
    .alias('V', 'version')
    .wrap(width)
    // ASCII on purpose: a non-ASCII character makes the help layout load full Unicode width tables (~15 ms).
    .epilogue('Exit codes: 0 all work, 1 something is broken, 2 usage error, 3 could not verify, 4 nothing found.\nDocs: README.md (codes, JSON schema, privacy).')
    .fail((message, err) => {
      // yargs reports some usage errors (a flag missing its value) as a thrown YError, not a message.
      if (err && !(err instanceof UsageError) && err.name !== 'YError') throw err;
      usageError(ctx, err?.message ?? message);
      // yargs goes on to run the command after a custom fail handler returns (a bad --timeout then
      // still ran the checks and overwrote exit 2); throwing stops it.
      throw new UsageReported();
    });

  try {
    await cli.parseAsync();
  } catch (err) {
    if (!(err instanceof UsageReported)) throw err;
  }
}
