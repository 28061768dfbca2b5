// The bundle in dist/ (scripts/build.mjs): what loads at start-up, and the exactness of the one
// shortcut the build takes. Needs `npm run build` first, like every test that spawns the CLI.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempHome } from './helpers/cli.js';

const DIST = path.join(ROOT, 'dist');
const { home, cleanup } = tempHome();
afterAll(cleanup);

/** Files of dist/ that load with `file`, before any of its code runs: its static imports, transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(path.join(DIST, file), 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"\.\/([^"]+)";?$|^import\s*"\.\/([^"]+)";?$/gm)) {
    staticClosure((m[1] ?? m[2])!, seen);
  }
  return seen;
}

/** The chunk that `import('…')` of a command module became, found by its name. */
function chunkNamed(prefix: string): string {
  const found = readdirSync(DIST).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.js'));
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** Whether any of the files holds code of this package (esbuild marks each module with its path). */
function holds(files: Iterable<string>, pkg: string): boolean {
  return [...files].some((f) => readFileSync(path.join(DIST, f), 'utf8').includes(`// node_modules/${pkg}/`));
}

describe('dist bundle', () => {
  it('loads no heavy dependency at start-up: yargs, chalk, ora and the SDK come only when a command needs them', () => {
    const startup = staticClosure('cli.js');
    for (const pkg of ['yargs', 'chalk', 'ora', '@anthropic-ai/sdk']) expect(holds(startup, pkg), pkg).toBe(false);
    // The markers exist where the code does, so the test above can fail.
    expect(holds(readdirSync(DIST), 'yargs')).toBe(true);
    expect(holds(readdirSync(DIST), '@anthropic-ai/sdk')).toBe(true);
  });

  it('check (and so check --offline) does not load the SDK until a request is sent', () => {
    const check = staticClosure(chunkNamed('check'));
    expect(holds(check, '@anthropic-ai/sdk')).toBe(false);
    expect(holds(check, 'ora')).toBe(false);
  });

  it('keeps nothing stale from earlier builds', () => {
    const all = new Set(readdirSync(DIST));
    const reachable = new Set<string>();
    for (const entry of ['cli.js', 'sim.js']) for (const f of staticClosure(entry)) reachable.add(f);
    // Every file is either reachable statically or a dynamic import target of some file.
    const text = [...all].map((f) => readFileSync(path.join(DIST, f), 'utf8')).join('\n');
    for (const m of text.matchAll(/import\("\.\/([^"]+)"\)/g)) for (const f of staticClosure(m[1]!)) reachable.add(f);
    expect([...all].filter((f) => !reachable.has(f))).toEqual([]);
  });

  it('answers --version without yargs exactly as yargs does', async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const fast = await runCli(['--version'], { home });
    const short = await runCli(['-V'], { home });
    // Two arguments take the yargs path.
    const viaYargs = await runCli(['--version', '--no-color'], { home });
    for (const r of [fast, short, viaYargs]) {
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
    }
    expect(fast.stdout).toBe(`${pkg.version}\n`);
    expect(short.stdout).toBe(fast.stdout);
    expect(viaYargs.stdout).toBe(fast.stdout);
  });
});

describe('string-width shortcut of the build', () => {
  // scripts/build.mjs answers printable-ASCII strings with their length instead of loading
  // string-width. That is exact only if every installed copy of string-width agrees.
  const copies = [path.join(ROOT, 'node_modules')]
    .flatMap((nm) => [nm, ...readdirSync(nm).flatMap((d) => (d.startsWith('@') ? readdirSync(path.join(nm, d)).map((s) => path.join(nm, d, s)) : [path.join(nm, d)])).map((p) => path.join(p, 'node_modules'))])
    .map((nm) => path.join(nm, 'string-width'))
    .filter((dir) => existsSync(path.join(dir, 'package.json')));

  it('finds the copies yargs and ora use', () => {
    expect(copies.length).toBeGreaterThan(0);
  });

  it('each copy measures printable ASCII as one column per character, whatever the options', async () => {
    const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
    const samples = ['', ...ascii, ascii.join(''), '  --config  authdoctor [command] [options]  [string] [default: []]', '#*0123456789'];
    for (const dir of copies) {
      const main = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { exports?: { default?: string }; main?: string }).exports?.default ?? 'index.js';
      const { default: stringWidth } = (await import(pathToFileURL(path.join(dir, main)).href)) as { default: (s: string, o?: object) => number };
      for (const options of [undefined, { ambiguousIsNarrow: false }, { countAnsiEscapeCodes: true }]) {
        for (const s of samples) expect(stringWidth(s, options), `${dir}: ${JSON.stringify(s)}`).toBe(s.length);
      }
    }
  });
});
