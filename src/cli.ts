// The command line: flags, help and exit codes. No logic of its own: each command is a function
// in src/commands/ that returns an exit code.

import { checkCommand, completionCommand, demoCommand, profilesCommand, reportCommand } from './cli/commands.js';
import { usageError, wantsJsonErrors, type CliContext } from './cli/context.js';
import { Scrubber } from './credentials/scrub.js';
import { Output } from './render/output.js';
import { UsageError } from './types.js';
import { version } from './version.js';

/**
 * `--help` as rendered by yargs at build time, as JSON: text by terminal width (scripts/build.mjs). Undefined when
 * not built by it (tests run src/ directly), and then yargs renders it.
 */
declare const __AUTHDOCTOR_HELP__: string | undefined;

/** The help text yargs would print for `--help` alone, if the build rendered it for this width and locale. */
function prerenderedHelp(width: number, env: NodeJS.ProcessEnv): string | undefined {
  if (typeof __AUTHDOCTOR_HELP__ === 'undefined') return undefined;
  // yargs picks its locale from these, in this order; the build rendered the English text.
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || 'en_US';
  if (!/^(en|C|POSIX)([_.@-]|$)/i.test(locale)) return undefined;
  // A JSON string, parsed only here: an object literal would become a chunk of its own, loaded by every run.
  return (JSON.parse(__AUTHDOCTOR_HELP__) as Record<string, string | undefined>)[String(width)];
}

/** Thrown from yargs' fail handler once the usage error is printed, so that no command runs after it. */
class UsageReported extends Error {}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const scrubber = new Scrubber();
  const out = new Output(scrubber);
  // `authdoctor check | head`: a reader that stops early is not an error worth a stack trace. Output
  // stops writing there and the run ends as it would have, with its own exit code; this covers what
  // yargs prints itself (help, completion).
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  // `--version` alone is answered without yargs, which costs more to load and set up than all of
  // Node's own start-up budget for this command; the line printed is the one yargs would print.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    out.stdout(`${version()}\n`);
    return;
  }
  // The same width yargs gets from .wrap() below.
  const width = Math.min(110, process.stdout.columns || 100);
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    const help = prerenderedHelp(width, process.env);
    if (help !== undefined) {
      out.stdout(help);
      return;
    }
  }
  // Loaded here, not at the top, so that the fast paths above do not pay for it.
  const { default: yargs } = await import('yargs');
  const ctx: CliContext = { out, scrubber, argv, wantsJson: wantsJsonErrors(argv), controller: new AbortController(), interrupted: false };

  let cli = yargs(argv)
    .scriptName('authdoctor')
    .usage('$0 [command] [options]\n\nTells you exactly what is wrong (or right) with your AI-provider credentials.');
  for (const command of [checkCommand, profilesCommand, reportCommand, demoCommand]) cli = command(cli, ctx);
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

  // When a command is named (`authdoctor check`), yargs renders the whole help text as the handler
  // starts (cacheHelpMessage, ~6 ms), to show it if the handler later fails. Our fail handler never
  // shows help, so that text is never used. Guarded: if a yargs version lacks the hook, nothing changes.
  const usage = (cli as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } })
    .getInternalMethods?.()
    .getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;

  try {
    await cli.parseAsync();
  } catch (err) {
    if (!(err instanceof UsageReported)) throw err;
  }
}
