// The flags of the commands, as yargs declares them (for parsing, help and completion). What they
// may hold is checked in one place, src/commands/args.ts, shared with the library entry.

import type { Argv } from 'yargs';
import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, OUTPUT_FORMATS } from '../commands/args.js';
import { SOURCE_TYPES, type SourceType } from '../types.js';

/** `--json`, for the commands that have a JSON form (`report` is Markdown: it has none). */
export function jsonOption<T>(y: Argv<T>) {
  return y.option('json', { type: 'boolean', default: false, describe: 'Print JSON on stdout, and nothing else on stdout' });
}

/** `--quiet`, for the commands that print a report per profile (`check`, `demo`). */
export function quietOption<T>(y: Argv<T>) {
  return y.option('quiet', { type: 'boolean', default: false, describe: 'Only the profiles that need attention, with the reasons, and the summary line' });
}

/** `--color`, and `--no-color` to turn colour off, for every command that prints a report. */
export function colorOption<T>(y: Argv<T>) {
  return y.option('color', { type: 'boolean', default: true, describe: 'Colour output (--no-color or NO_COLOR turns it off)' });
}

/** Flags for commands that discover profiles (`profiles`, and the checking commands). */
export function discoveryOptions<T>(y: Argv<T>) {
  const discovery = y
    .option('profile', { type: 'string', array: true, default: [] as string[], requiresArg: true, describe: 'Only profiles whose id, alias or name is this, or whose id matches this glob; without a "/", also the last part of an id (anthropic:work) (repeatable)' })
    .option('provider', { type: 'string', array: true, default: [] as string[], requiresArg: true, describe: 'Only profiles of this provider, e.g. anthropic (repeatable)' })
    .option('source', { type: 'string', array: true, choices: SOURCE_TYPES as SourceType[], default: [] as SourceType[], requiresArg: true, describe: 'Only discover from these sources (repeatable)' })
    .option('key-stdin', { type: 'boolean', default: false, describe: 'Read one credential from stdin (id "stdin") and check only that one' })
    .option('config', { type: 'string', requiresArg: true, describe: "authdoctor's profiles file [default: $XDG_CONFIG_HOME/authdoctor/profiles.json or ~/.config/authdoctor/profiles.json]" })
    .option('allow-exec', { type: 'boolean', default: false, describe: 'Let exec SecretRefs run their configured command' })
    .option('openclaw-dir', { type: 'string', requiresArg: true, describe: 'openclaw state dir [default: $OPENCLAW_STATE_DIR or ~/.openclaw]' })
    .option('claude-dir', { type: 'string', requiresArg: true, describe: 'Claude Code config dir [default: $CLAUDE_CONFIG_DIR or ~/.claude]' })
    .option('codex-home', { type: 'string', requiresArg: true, describe: 'Codex CLI home [default: $CODEX_HOME or ~/.codex]' });
  return colorOption(discovery);
}

/** Flags for commands that run checks (`check`, `report`). */
export function checkOptions<T>(y: Argv<T>) {
  return discoveryOptions(y)
    .option('offline', { type: 'boolean', default: false, describe: 'Static checks only (format, expiry, permissions); send nothing' })
    .option('quota', { type: 'boolean', default: true, describe: 'Probe usage/quota (--no-quota skips it)' })
    .option('inference', { type: 'boolean', default: false, describe: 'Also send one tiny real request (may spend a few tokens)' })
    .option('base-url', { type: 'string', array: true, default: [] as string[], requiresArg: true, describe: "API base URL: <url> for Anthropic, or <family>=<url> (repeatable; families in README) [default: the provider's]" })
    .option('timeout', { type: 'number', default: DEFAULT_TIMEOUT_MS, requiresArg: true, describe: 'Per-request timeout in milliseconds' })
    .option('concurrency', { type: 'number', default: DEFAULT_CONCURRENCY, requiresArg: true, describe: 'Profiles checked at once' })
    .option('verbose', { type: 'boolean', default: false, describe: 'Show each request (method, path, status, time, request id) on stderr' });
}

/** Where `check` writes its report, and in which format. */
export function outputOptions<T>(y: Argv<T>) {
  return y
    .option('format', { type: 'string', choices: [...OUTPUT_FORMATS], requiresArg: true, describe: 'Output format: human (the default), json (as --json), openmetrics (for monitoring)' })
    .option('output', { type: 'string', requiresArg: true, describe: 'Write the output to this file instead of stdout, atomically: a reader never sees half of it' });
}
