// CONTRACT.md, Library: "Options are the CLI flags in camelCase", plus `key`, `env` and `signal`.
// The library's options (src/index.ts) are a list of their own beside the flags the commands declare
// (src/cli/options.ts): this keeps the two the same, in both directions.

import ts from 'typescript';
import path from 'node:path';
import { expect, it } from 'vitest';
import { checkCommand, profilesCommand } from '../src/cli/commands.js';
import { camel, declaredOptions } from '../src/cli/fast-args.js';
import { ROOT } from './helpers/cli.js';

/** What only the command line has: output, terminal and stdin; and what only the library has. */
const CLI_ONLY = ['json', 'format', 'output', 'verbose', 'quiet', 'color', 'keyStdin'];
const LIBRARY_ONLY = ['key', 'env', 'signal'];

const entry = path.join(ROOT, 'src', 'index.ts');
const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true, types: [] });
const checker = program.getTypeChecker();
const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!);

/** The properties of an exported interface of src/index.ts, inherited ones included. */
function libraryOptions(name: 'CheckOptions' | 'DiscoverOptions'): string[] {
  const symbol = exported.find((s) => s.name === name)!;
  return checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)).map((p) => p.name);
}

function flags(command: typeof checkCommand): string[] {
  return [...declaredOptions(command.builder)!.keys()].map(camel).filter((f) => !CLI_ONLY.includes(f));
}

it('check() takes every flag of `check` in camelCase, and nothing else but key, env and signal', () => {
  expect(libraryOptions('CheckOptions').sort()).toEqual([...flags(checkCommand), ...LIBRARY_ONLY].sort());
});

it('discover() takes every flag of `profiles` in camelCase, and nothing else but key, env and signal', () => {
  expect(libraryOptions('DiscoverOptions').sort()).toEqual([...flags(profilesCommand), ...LIBRARY_ONLY].sort());
});
