// The parser of plain command lines (src/cli/fast-args.ts) must read every line it takes exactly as
// yargs reads it, and leave every other line to yargs.

import { describe, expect, it } from 'vitest';
import yargs from 'yargs';
import { COMMANDS, type CliCommand } from '../src/cli/commands.js';
import { declaredOptions, fastParse } from '../src/cli/fast-args.js';
import { checkArgs } from '../src/commands/args.js';

/** What a command receives from yargs for these words, or the error yargs (or checkArgs) gives. */
function viaYargs(command: CliCommand, words: string[]): unknown {
  try {
    const parsed = (command.builder(yargs(words).strict().exitProcess(false).fail((msg, err) => {
      throw err ?? new Error(msg);
    })) as ReturnType<typeof yargs>).parseSync();
    if (parsed._.length) return 'positional';
    return outcome(parsed);
  } catch (err) {
    return `error`;
  }
}

function outcome(raw: Record<string, unknown>): unknown {
  try {
    return { args: checkArgs(raw), includeIdentity: raw.includeIdentity === true };
  } catch (err) {
    return `usage: ${(err as Error).message}`;
  }
}

const WORDS = [
  '--json', '--offline', '--no-quota', '--quota', '--inference', '--profile', 'x', '--profile=openclaw/*', '--provider', 'anthropic',
  '--source', 'env', '--source=config', '--source', 'nowhere', '--timeout', '5000', '--timeout=abc', '--concurrency', '3', '--concurrency=0',
  '--base-url', 'https://h.example', '--base-url=openai=https://o.example/v1', '--config', 'p.json', '--key-stdin', '--no-color', '--color',
  '--verbose', '--quiet', '--allow-exec', '--openclaw-dir', '/oc', '--claude-dir=/cc', '--codex-home', '-h', '--help', '--', 'extra',
  '--unknown', '--json=false', '--timeout', '', '--output', 'r.md', '--include-identity', '--no-inference', '-V', '--profile=',
  '--format', 'openmetrics', '--format=json', '--format', 'xml', '--output=m.prom',
];

function* lines(count: number): Generator<string[]> {
  let seed = 12345;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < count; i++) yield Array.from({ length: Math.floor(next() * 6) }, () => WORDS[Math.floor(next() * WORDS.length)]!);
}

describe('plain command lines without yargs', () => {
  it('reads each line it takes as yargs does, for every command', () => {
    let taken = 0;
    for (const command of COMMANDS) {
      const options = declaredOptions(command.builder);
      expect(options, command.names[0]).toBeDefined();
      for (const words of lines(1500)) {
        const raw = fastParse(words, options!);
        if (!raw) continue;
        taken++;
        expect(outcome(raw), `${command.names[0]} ${words.join(' ')}`).toEqual(viaYargs(command, words));
      }
    }
    // The test compares something: plenty of lines are taken.
    expect(taken).toBeGreaterThan(1000);
  });

  it('takes the lines people type, and leaves help, errors and anything odd to yargs', () => {
    const check = declaredOptions(COMMANDS[0]!.builder)!;
    for (const words of [[], ['--json'], ['--offline', '--json', '--profile', 'openclaw/*', '--profile', 'env/X'], ['--base-url', 'openai=https://o.example/v1', '--timeout=5000'], ['--no-quota', '--source', 'env']]) {
      expect(fastParse(words, check), words.join(' ')).toBeDefined();
    }
    for (const words of [['--help'], ['-h'], ['--json', 'extra'], ['--profile', 'a', 'b'], ['--source', 'nowhere'], ['--timeout'], ['--timeout', '1e3'], ['--json', '--json'], ['--json=true'], ['--format', 'xml'], ['--'], ['-V']]) {
      expect(fastParse(words, check), words.join(' ')).toBeUndefined();
    }
  });

  it('gives up on a builder that does more than declare options', () => {
    expect(declaredOptions((y) => y.option('json', { type: 'boolean' }).conflicts('json', 'quiet'))).toBeUndefined();
  });
});
