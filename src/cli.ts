// The command line: flags, help and exit codes. No logic of its own: each command is a function
// in src/commands/ that returns an exit code.

import type { Argv } from 'yargs';
import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, type CheckArgs } from './commands/args.js';
import { parseBaseUrlFlags } from './commands/base-url-flags.js';
import { Scrubber } from './credentials/scrub.js';
import { renderJsonError } from './render/json.js';
import { Output } from './render/output.js';
import { SOURCE_TYPES, UsageError, type SourceType } from './types.js';
import { version } from './version.js';

const EXIT_USAGE = 2;
const EXIT_INTERRUPTED = 130;
const MAX_TIMEOUT_MS = 2_147_483_647;

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

/** Flags for commands that discover profiles (`profiles`, and the checking commands). */
function discoveryOptions<T>(y: Argv<T>) {
  return y
    .option('json', { type: 'boolean', default: false, describe: 'Print JSON on stdout, and nothing else on stdout' })
    .option('profile', { type: 'string', array: true, default: [] as string[], requiresArg: true, describe: 'Only profiles whose id or name is this, or whose id matches this glob (repeatable)' })
    .option('provider', { type: 'string', array: true, default: [] as string[], requiresArg: true, describe: 'Only profiles of this provider, e.g. anthropic (repeatable)' })
    .option('source', { type: 'string', array: true, choices: SOURCE_TYPES as SourceType[], default: [] as SourceType[], requiresArg: true, describe: 'Only discover from these sources (repeatable)' })
    .option('key-stdin', { type: 'boolean', default: false, describe: 'Read one credential from stdin (id "stdin") and check only that one' })
    .option('config', { type: 'string', requiresArg: true, describe: "authdoctor's profiles file [default: $XDG_CONFIG_HOME/authdoctor/profiles.json or ~/.config/authdoctor/profiles.json]" })
    .option('allow-exec', { type: 'boolean', default: false, describe: 'Let exec SecretRefs run their configured command' })
    .option('openclaw-dir', { type: 'string', requiresArg: true, describe: 'openclaw state dir [default: $OPENCLAW_STATE_DIR or ~/.openclaw]' })
    .option('claude-dir', { type: 'string', requiresArg: true, describe: 'Claude Code config dir [default: $CLAUDE_CONFIG_DIR or ~/.claude]' })
    .option('codex-home', { type: 'string', requiresArg: true, describe: 'Codex CLI home [default: $CODEX_HOME or ~/.codex]' })
    .option('color', { type: 'boolean', default: true, describe: 'Colour output (--no-color or NO_COLOR turns it off)' });
}

/** Flags for commands that run checks (`check`, `report`, `demo`). */
function checkOptions<T>(y: Argv<T>) {
  return discoveryOptions(y)
    .option('offline', { type: 'boolean', default: false, describe: 'Static checks only (format, expiry, permissions); send nothing' })
    .option('quota', { type: 'boolean', default: true, describe: 'Probe usage/quota (--no-quota skips it)' })
    .option('inference', { type: 'boolean', default: false, describe: 'Also send one tiny real request (may spend a few tokens)' })
    .option('base-url', { type: 'string', array: true, default: [] as string[], requiresArg: true, describe: "API base URL: <url> for Anthropic, or <family>=<url> (repeatable; families in README) [default: the provider's]" })
    .option('timeout', { type: 'number', default: DEFAULT_TIMEOUT_MS, requiresArg: true, describe: 'Per-request timeout in milliseconds' })
    .option('concurrency', { type: 'number', default: DEFAULT_CONCURRENCY, requiresArg: true, describe: 'Profiles checked at once' })
    .option('verbose', { type: 'boolean', default: false, describe: 'Show each request (method, path, status, time, request id) on stderr' })
    .option('quiet', { type: 'boolean', default: false, describe: 'Only the summary line and failures' })
    .check((argv) => {
      // The upper bound is what a Node timer can hold; beyond it the timer fires at once.
      if (!Number.isInteger(argv.timeout) || argv.timeout < 1 || argv.timeout > MAX_TIMEOUT_MS) throw new UsageError(`--timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
      if (!Number.isInteger(argv.concurrency) || argv.concurrency < 1 || argv.concurrency > 1000) throw new UsageError('--concurrency must be a whole number from 1 to 1000');
      parseBaseUrlFlags((argv.baseUrl as string[] | undefined) ?? []);
      if (argv.verbose && argv.quiet) throw new UsageError('--verbose and --quiet cannot be used together');
      return true;
    });
}

type Parsed = Record<string, unknown>;

function toCheckArgs(a: Parsed): CheckArgs {
  const args: CheckArgs = {
    json: a.json === true,
    profile: (a.profile as string[] | undefined) ?? [],
    provider: (a.provider as string[] | undefined) ?? [],
    source: (a.source as SourceType[] | undefined) ?? [],
    keyStdin: a.keyStdin === true,
    allowExec: a.allowExec === true,
    offline: a.offline === true,
    quota: a.quota !== false,
    inference: a.inference === true,
    timeout: (a.timeout as number | undefined) ?? DEFAULT_TIMEOUT_MS,
    baseUrls: parseBaseUrlFlags(((a.baseUrl as string[] | undefined) ?? []).map(String)),
    concurrency: (a.concurrency as number | undefined) ?? DEFAULT_CONCURRENCY,
    verbose: a.verbose === true,
    quiet: a.quiet === true,
    color: a.color !== false,
  };
  for (const key of ['config', 'openclawDir', 'claudeDir', 'codexHome'] as const) {
    if (typeof a[key] === 'string') args[key] = a[key] as string;
  }
  return args;
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const scrubber = new Scrubber();
  const out = new Output(scrubber);
  // `authdoctor check | head`: a reader that stops early is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
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
  const wantsJson = argv.includes('--json');
  const controller = new AbortController();
  let interrupted = false;

  const usageError = (raw: string) => {
    // One line: yargs spreads some messages (invalid choices) over several.
    const message = raw.replace(/\s*\n\s*/g, ' ').trim();
    if (wantsJson) out.stdout(renderJsonError(message, EXIT_USAGE));
    out.stderr(`authdoctor: ${message}\nRun "authdoctor --help" for usage.\n`);
    process.exitCode = EXIT_USAGE;
  };

  const run = (command: (args: CheckArgs) => Promise<number>) => async (a: Parsed) => {
    const args = toCheckArgs(a);
    const onSigint = () => {
      // First Ctrl-C: stop sending, print what finished. Second: leave at once.
      if (interrupted) process.exit(EXIT_INTERRUPTED);
      interrupted = true;
      controller.abort();
    };
    process.on('SIGINT', onSigint);
    try {
      const code = await command(args);
      process.exitCode = interrupted ? EXIT_INTERRUPTED : code;
    } catch (err) {
      if (err instanceof UsageError) return usageError(err.message);
      throw err;
    } finally {
      process.off('SIGINT', onSigint);
    }
  };

  const withDeps = async (args: CheckArgs) => {
    const { processDeps } = await import('./commands/check.js');
    return { ...(await processDeps(args, scrubber)), signal: controller.signal };
  };

  const cli = yargs(argv)
    .scriptName('authdoctor')
    .usage('$0 [command] [options]\n\nTells you exactly what is wrong (or right) with your AI-provider credentials.')
    .command(
      ['check', '$0'],
      'Find credentials and check each one: format, expiry, validity (no tokens spent), quota',
      (y) =>
        checkOptions(y)
          .example('$0', 'check every credential found (env, openclaw, Claude Code, profiles file)')
          .example('pbpaste | $0 check --key-stdin', 'check one key without storing it anywhere')
          .example('$0 check --json | jq .summary', 'machine-readable report; the exit code says the same')
          .example("$0 check --profile 'openclaw/*' --offline", 'only openclaw profiles, no network'),
      run(async (args) => {
        const { checkCommand } = await import('./commands/check.js');
        return checkCommand(args, await withDeps(args), out);
      }),
    )
    .command(
      'profiles',
      'List the credentials found, redacted, without sending anything',
      (y) => discoveryOptions(y).example('$0 profiles --json', 'what would be checked, as JSON'),
      run(async (args) => {
        const { profilesCommand } = await import('./commands/profiles.js');
        return profilesCommand(args, await withDeps(args), out);
      }),
    )
    .command(
      'report',
      'Run the checks and print a redacted Markdown triage report to paste into a support ticket',
      (y) =>
        checkOptions(y)
          .option('output', { type: 'string', requiresArg: true, describe: 'Write the report to this file instead of stdout' })
          .option('include-identity', { type: 'boolean', default: false, describe: 'Keep account email addresses in the report (replaced by default)' })
          .example('$0 report --output ticket.md', 'write the report to a file to attach to a ticket')
          .example("$0 report --profile 'openclaw/*' | pbcopy", 'report on openclaw profiles only, to the clipboard'),
      (a) =>
        run(async (args) => {
          const { reportCommand } = await import('./commands/report.js');
          const report = { ...args, includeIdentity: a.includeIdentity === true, ...(typeof a.output === 'string' ? { output: a.output } : {}) };
          return reportCommand(report, await withDeps(args), out);
        })(a),
    )
    .command(
      'demo',
      'Run check on sample profiles against a simulated Anthropic API on 127.0.0.1: every kind of result, no key needed, nothing leaves this machine',
      (y) =>
        y
          .option('json', { type: 'boolean', default: false, describe: 'Print the JSON report on stdout, and nothing else on stdout' })
          .option('inference', { type: 'boolean', default: false, describe: 'Also show the opt-in inference check (simulated: nothing is spent)' })
          .option('verbose', { type: 'boolean', default: false, describe: 'Show each (loopback) request on stderr' })
          .option('quiet', { type: 'boolean', default: false, describe: 'Only the summary line and failures' })
          .option('color', { type: 'boolean', default: true, describe: 'Colour output (--no-color or NO_COLOR turns it off)' })
          .check((argv) => {
            if (argv.verbose && argv.quiet) throw new UsageError('--verbose and --quiet cannot be used together');
            return true;
          })
          .example('$0 demo', 'see what a report looks like, with fake keys')
          .example("$0 demo --json | jq '.profiles[].verdict'", 'the JSON report that scripts read')
          .epilogue('The demo exits 0 even though some sample profiles are broken: it demonstrates. Its JSON "exitCode" is what check would exit with.'),
      run(async (args) => {
        const { demoCommand } = await import('./commands/demo.js');
        return demoCommand(args, await withDeps({ ...args, keyStdin: false }), out);
      }),
    )
    .completion('completion', 'Print a shell completion script (bash/zsh): authdoctor completion >> ~/.bashrc')
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
      usageError(err?.message ?? message);
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
