// The commands of the command line, one declaration each: flags, help, and which function in
// src/commands/ runs it (loaded only when that command runs).

import type { Argv } from 'yargs';
import { handler, processDepsFor, type CliContext } from './context.js';
import { checkOptions, discoveryOptions } from './options.js';

export function checkCommand<T>(y: Argv<T>, ctx: CliContext): Argv<T> {
  return y.command(
    ['check', '$0'],
    'Find credentials and check each one: format, expiry, validity (no tokens spent), quota',
    (c) =>
      checkOptions(c)
        .example('$0', 'check every credential found (env, openclaw, Claude Code, Codex, profiles file)')
        .example('pbpaste | $0 check --key-stdin', 'check one key without storing it anywhere')
        .example('$0 check --json | jq .summary', 'machine-readable report; the exit code says the same')
        .example("$0 check --profile 'openclaw/*' --offline", 'only openclaw profiles, no network'),
    handler(ctx, async (args) => {
      const { checkCommand: run } = await import('../commands/check.js');
      return run(args, await processDepsFor(ctx, args), ctx.out);
    }),
  );
}

export function profilesCommand<T>(y: Argv<T>, ctx: CliContext): Argv<T> {
  return y.command(
    'profiles',
    'List the credentials found, redacted, without sending anything',
    (c) => discoveryOptions(c).example('$0 profiles --json', 'what would be checked, as JSON'),
    handler(ctx, async (args) => {
      const { profilesCommand: run } = await import('../commands/profiles.js');
      return run(args, await processDepsFor(ctx, args), ctx.out);
    }),
  );
}

export function reportCommand<T>(y: Argv<T>, ctx: CliContext): Argv<T> {
  return y.command(
    'report',
    'Run the checks and print a redacted Markdown triage report to paste into a support ticket',
    (c) =>
      checkOptions(c)
        .option('output', { type: 'string', requiresArg: true, describe: 'Write the report to this file instead of stdout' })
        .option('include-identity', { type: 'boolean', default: false, describe: 'Keep account email addresses in the report (replaced by default)' })
        .example('$0 report --output ticket.md', 'write the report to a file to attach to a ticket')
        .example("$0 report --profile 'openclaw/*' | pbcopy", 'report on openclaw profiles only, to the clipboard'),
    handler(ctx, async (args, raw) => {
      const { reportCommand: run } = await import('../commands/report.js');
      const report = { ...args, includeIdentity: raw.includeIdentity === true, ...(typeof raw.output === 'string' ? { output: raw.output } : {}) };
      return run(report, await processDepsFor(ctx, args), ctx.out);
    }),
  );
}

export function demoCommand<T>(y: Argv<T>, ctx: CliContext): Argv<T> {
  return y.command(
    'demo',
    'Run check on sample profiles against simulated provider APIs on 127.0.0.1: every kind of result, no key needed, nothing leaves this machine',
    (c) =>
      c
        .option('json', { type: 'boolean', default: false, describe: 'Print the JSON report on stdout, and nothing else on stdout' })
        .option('inference', { type: 'boolean', default: false, describe: 'Also show the opt-in inference check (simulated: nothing is spent)' })
        .option('verbose', { type: 'boolean', default: false, describe: 'Show each (loopback) request on stderr' })
        .option('quiet', { type: 'boolean', default: false, describe: 'Only the profiles that need attention, with the reasons, and the summary line' })
        .option('color', { type: 'boolean', default: true, describe: 'Colour output (--no-color or NO_COLOR turns it off)' })
        .example('$0 demo', 'see what a report looks like, with fake keys')
        .example("$0 demo --json | jq '.profiles[].verdict'", 'the JSON report that scripts read')
        .epilogue('The demo exits 0 even though some sample profiles are broken: it demonstrates. Its JSON "exitCode" is what check would exit with.'),
    handler(ctx, async (args) => {
      const { demoCommand: run } = await import('../commands/demo.js');
      return run(args, await processDepsFor(ctx, { ...args, keyStdin: false }), ctx.out);
    }),
  );
}
