// Plain command lines without yargs. Loading and setting up yargs cost more start-up time than all
// of `check --offline`'s own work; most runs are `authdoctor`, `check --json`, `--offline
// --profile x`. This parser reads the options the commands declare (the same builders yargs reads,
// run on a recorder) and takes a command line only when every word is one it understands exactly as
// yargs would: anything else (help, completion, a typo, an error, a short flag, a value it is unsure
// of) returns undefined and goes to yargs, which decides and words the error. test/fast-args.test.ts
// compares both on many command lines.

import type { Argv, Options } from 'yargs';
import type { CliCommand } from './commands.js';

/** The options a builder declares (`.option(name, …)`), or undefined if it does anything but declare options and examples. */
export function declaredOptions(builder: CliCommand['builder']): Map<string, Options> | undefined {
  const options = new Map<string, Options>();
  let understood = true;
  const recorder: object = new Proxy(
    {},
    {
      get: (_, method) => (...args: unknown[]) => {
        if (method === 'option' && typeof args[0] === 'string' && typeof args[1] === 'object' && args[1] !== null) options.set(args[0], args[1] as Options);
        else if (method !== 'example' && method !== 'epilogue') understood = false;
        return recorder;
      },
    },
  );
  builder(recorder as Argv);
  return understood ? options : undefined;
}

/** A flag's name as yargs hands it over: `base-url` → `baseUrl`. */
export const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The words after the command → the flags as yargs would hand them over (camelCase keys), or undefined: ask yargs. */
export function fastParse(words: readonly string[], options: ReadonlyMap<string, Options>): Record<string, unknown> | undefined {
  const raw: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(word);
    if (!m) return undefined;
    let name = m[1]!;
    const inline = m[2];
    let opt = options.get(name);
    let value: unknown;
    if (!opt && name.startsWith('no-') && options.get(name.slice(3))?.type === 'boolean' && inline === undefined) {
      name = name.slice(3);
      opt = options.get(name);
      value = false;
    } else if (opt?.type === 'boolean') {
      if (inline !== undefined) return undefined;
      value = true;
    } else if (opt?.type === 'string' || opt?.type === 'number') {
      const text = inline ?? words[++i];
      // A missing value, one that looks like a flag, or an empty one: yargs' rules there are its own.
      if (text === undefined || text === '' || text.startsWith('-')) return undefined;
      if (opt.type === 'number' && !/^[0-9]{1,10}$/.test(text)) return undefined;
      if (opt.choices && !(opt.choices as readonly unknown[]).includes(text)) return undefined;
      value = opt.type === 'number' ? Number(text) : text;
    } else {
      return undefined;
    }
    if (!opt) return undefined;
    const key = camel(name);
    if (opt.array) {
      raw[key] = [...((raw[key] as unknown[] | undefined) ?? []), value];
    } else {
      // Given twice: yargs makes an array of it, which its checks then judge.
      if (seen.has(key)) return undefined;
      raw[key] = value;
    }
    seen.add(key);
  }
  return raw;
}
