// The bundle in dist/ (scripts/build.mjs): what loads at start-up, and the exactness of the one
// shortcut the build takes. Needs `npm run build` first, like every test that spawns the CLI.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, ROOT, runCli, tempHome } from './helpers/cli.js';

const DIST = path.join(ROOT, 'dist');
const { home, cleanup } = tempHome();
afterAll(cleanup);

/** What `import()` of a chunk became in the CommonJS build: a require deferred to a later tick. */
const DEFERRED_REQUIRE = /Promise\.resolve\(\)\.then\(\(\)=>__toESM\(require\("\.\/([^"]+)"\)/g;

/** Files of dist/ that load with `file`, before any of its code runs: its static imports (now requires), transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(path.join(DIST, file), 'utf8').replace(DEFERRED_REQUIRE, '');
  // The build minifies: `var import_chunk_X=require("./chunk-X.cjs"),…`; the ES entry re-exports with `from"./…"`.
  for (const m of text.matchAll(/(?:\brequire\(|\bfrom\s*)["']\.\/([^"']+)["']/g)) staticClosure(m[1]!, seen);
  return seen;
}

/** The chunk that `import('…')` of a command module became, found by its name. */
function chunkNamed(prefix: string): string {
  const found = readdirSync(DIST).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.cjs'));
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** Whether any of the files holds code of this package (the build marks each module with its path: `/*! node_modules/… *\/`). */
function holds(files: Iterable<string>, pkg: string): boolean {
  return [...files].some((f) => readFileSync(path.join(DIST, f), 'utf8').includes(`/*! node_modules/${pkg}/`));
}

describe('dist bundle', () => {
  it('loads no heavy dependency at start-up: yargs, chalk, ora and the SDK come only when a command needs them', () => {
    const startup = staticClosure('cli.cjs');
    for (const pkg of ['yargs', 'chalk', 'ora', '@anthropic-ai/sdk']) expect(holds(startup, pkg), pkg).toBe(false);
    // The markers exist where the code does, and the closure follows requires, so the test above can fail.
    expect(holds(readdirSync(DIST).filter((f) => f.endsWith('.cjs')), 'yargs')).toBe(true);
    expect(holds(readdirSync(DIST).filter((f) => f.endsWith('.cjs')), '@anthropic-ai/sdk')).toBe(true);
    expect(startup.size).toBeGreaterThan(5);
  });

  it('check does not load the SDK until a request is sent, nor ora or yargs until a terminal or an unusual command line needs them', () => {
    const check = staticClosure(chunkNamed('check'));
    expect(holds(check, '@anthropic-ai/sdk')).toBe(false);
    expect(holds(check, 'ora')).toBe(false);
    expect(holds(check, 'yargs')).toBe(false);
  });

  it('keeps nothing stale from earlier builds', () => {
    // The declarations (dist/types/, schema.d.ts) are the library's and help.json bin/authdoctor.js's,
    // written by the build each time.
    const all = new Set(readdirSync(DIST).filter((f) => f !== 'types' && f !== 'help.json' && !/\.d\.c?ts$/.test(f)));
    const reachable = new Set<string>();
    for (const entry of ['cli.cjs', 'index.js', 'sim.cjs', 'schema.js']) for (const f of staticClosure(entry)) reachable.add(f);
    // Every file is either reachable statically or a deferred (dynamic import) target of some file.
    const text = [...all].map((f) => readFileSync(path.join(DIST, f), 'utf8')).join('\n');
    for (const m of text.matchAll(DEFERRED_REQUIRE)) for (const f of staticClosure(m[1]!)) reachable.add(f);
    // Files read beside the code (sql.js's WebAssembly): `new URL("./file", import.meta.url)`.
    for (const m of text.matchAll(/new URL\("\.\/([^"]+)",__authdoctorMeta\.url\)/g)) reachable.add(m[1]!);
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

describe('start-up shortcuts of the build (issue 7)', () => {
  const helpArgs = (width: number) => {
    // The terminal width yargs lays the help out for, as a TTY of that many columns would give it.
    const preload = path.join(home, `columns-${width}.mjs`);
    writeFileSync(preload, `Object.defineProperty(process.stdout, 'columns', { value: ${width} });\n`);
    return { home, env: { NODE_OPTIONS: `--import=${pathToFileURL(preload).href}` } };
  };

  it('prints --help rendered at build time exactly as yargs renders it, at each width it was rendered for', async () => {
    const rendered = readFileSync(path.join(DIST, 'help.json'), 'utf8');
    for (const width of [80, 100, 110]) {
      const fast = await runCli(['--help'], helpArgs(width));
      const short = await runCli(['-h'], helpArgs(width));
      // Two arguments, or a locale the build did not render for, take the yargs path.
      const viaYargs = await runCli(['--help', '--help'], helpArgs(width));
      const otherLocale = await runCli(['--help'], { ...helpArgs(width), env: { ...helpArgs(width).env, LC_ALL: 'de_DE.UTF-8' } });
      for (const r of [fast, short, viaYargs, otherLocale]) {
        expect(r.code).toBe(0);
        expect(r.stderr).toBe('');
      }
      expect(viaYargs.stdout).toContain('authdoctor [command] [options]');
      expect(fast.stdout).toBe(viaYargs.stdout);
      expect(short.stdout).toBe(viaYargs.stdout);
      expect(otherLocale.stdout).toBe(viaYargs.stdout);
      // The text of this width is in help.json, so the fast path answered it.
      expect(JSON.parse(rendered)[width]).toBe(viaYargs.stdout);
    }
    // A width it was not rendered for goes through yargs, and still lays out at that width.
    const narrow = await runCli(['--help'], helpArgs(60));
    expect(narrow.code).toBe(0);
    expect(Math.max(...narrow.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(60);
  });

  it('ships CommonJS only, beside the one ES-module entry of the library; no import() or import.meta left', () => {
    const code = readdirSync(DIST).filter((n) => /\.c?js$/.test(n));
    expect(code.filter((n) => n.endsWith('.js')).sort()).toEqual(['index.js', 'schema.js']);
    for (const f of code.filter((n) => n.endsWith('.cjs'))) {
      // Strict, as the ES module it was, after the hash of its content that bin/code-cache.js names entries by.
      const [first, ...rest] = readFileSync(path.join(DIST, f), 'utf8').split('\n');
      const body = rest.join('\n');
      expect(first, f).toBe(`/*authdoctor:${createHash('sha256').update(body).digest('hex').slice(0, 16)}*/`);
      expect(body.startsWith("'use strict';\n"), f).toBe(true);
      // Comments aside (`/*! node_modules/… */` markers) and strings aside (the SDK quotes `import('node:buffer')` in a message).
      const text = readFileSync(path.join(DIST, f), 'utf8').replace(/\/\*![^*]*\*\//g, '').replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
      expect(/\bimport\(|import\.meta|^import\s|^export\s/m.test(text), f).toBe(false);
    }
  });

  it('reads Node built-ins with process.getBuiltinModule, and node:tty, fs/promises, child_process and crypto only when called', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    for (const f of readdirSync(DIST).filter((n) => n.endsWith('.cjs'))) {
      // What `import()` of a built-in became (loaded when that code runs) and the file's URL (made when read) aside.
      const text = readFileSync(path.join(DIST, f), 'utf8')
        .replace(/Promise\.resolve\(\)\.then\(\(\)=>__toESM\(require\("[^"]+"\)\)\)/g, '')
        .replace('{ get url() { return require("node:url")', '');
      for (const m of text.matchAll(/\brequire\("([^"]+)"\)/g)) expect(builtins.has(m[1]!), `${f}: ${m[1]}`).toBe(false);
    }
    expect(readFileSync(path.join(DIST, chunkNamed('yargs')), 'utf8')).toContain('globalThis.process.getBuiltinModule("node:fs")');
    const startup = [...staticClosure('cli.cjs'), ...staticClosure(chunkNamed('check'))].map((f) => readFileSync(path.join(DIST, f), 'utf8')).join('\n');
    expect(startup).toContain('(...args)=>globalThis.process.getBuiltinModule("node:tty").isatty(...args)');
    expect(startup).not.toMatch(/getBuiltinModule\("node:tty"\)[,;]/);
    expect(startup).toContain('(...args)=>globalThis.process.getBuiltinModule("node:fs/promises").open(...args)');
    expect(startup).not.toMatch(/getBuiltinModule\("node:(fs\/promises|child_process|crypto)"\)[,;]/);
  });

  it("patches yargs' guess of the app root to the package folder (no walk up from the working directory)", () => {
    // If a yargs update changes its platform shim, the build leaves it alone and this fails.
    expect(readFileSync(path.join(DIST, chunkNamed('yargs')), 'utf8')).toMatch(/mainFilename:fileURLToPath\(new URL\("\.\.",__authdoctorMeta\.url\)\)/);
  });

  it('check --offline with one key and no store loads no ES-module loader, fs/promises, net, tty or stream of Node', () => {
    // Each is a few ms of a short run (BENCHMARKS.md). A CommonJS preload records what Node loaded;
    // the test's usual ES-module preload would itself load the loader, so this run goes without it
    // and with every base URL on this machine's discard port instead: nothing can leave the machine.
    // A home of its own: the first run starts with an empty compile cache and fills it, the second reads it.
    const { home, cleanup } = tempHome();
    try {
      const record = path.join(home, 'modules.txt');
      const preload = path.join(home, 'record-modules.cjs');
      writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(record)}, process.moduleLoadList.join('\\n')));\n`);
      const env = cleanEnv(home, { ANTHROPIC_API_KEY: 'sk-ant-api03-' + 'B'.repeat(93) + 'AA', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' });
      delete env.NODE_OPTIONS;
      // What bare node loads is no one's cost (Node 24 sets part of its ES-module loader up for any script).
      spawnSync(process.execPath, ['-r', preload, '-e', ''], { env, cwd: home });
      const bare = new Set(readFileSync(record, 'utf8').split('\n'));
      for (const run of [1, 2]) {
        // The first run writes the code cache, the second reads it.
        const r = spawnSync(process.execPath, ['-r', preload, BIN, 'check', '--offline', '--json'], { env, cwd: home, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        expect(r.status, r.stderr).toBe(3);
        expect(JSON.parse(r.stdout).summary.profiles).toBe(1);
        const loaded = readFileSync(record, 'utf8').split('\n').filter((m) => !bare.has(m));
        for (const m of ['internal/modules/esm/module_job', 'fs/promises', 'net', 'tty', 'stream', 'child_process', 'crypto']) expect(loaded, `run ${run}: ${m}`).not.toContain(`NativeModule ${m}`);
        // The recording works: what the run does need is there.
        expect(loaded).toContain('NativeModule os');
      }
    } finally {
      cleanup();
    }
  });

  it('check --offline with a --profile glob still filters (picomatch loads on demand)', async () => {
    const key = 'sk-ant-api03-' + 'A'.repeat(93) + 'AA';
    const match = await runCli(['check', '--offline', '--json', '--profile', 'env/*'], { home, env: { ANTHROPIC_API_KEY: key } });
    const none = await runCli(['check', '--offline', '--json', '--profile', 'openclaw/*'], { home, env: { ANTHROPIC_API_KEY: key } });
    expect(JSON.parse(match.stdout).summary.profiles).toBe(1);
    expect(JSON.parse(none.stdout).summary.profiles).toBe(0);
    expect(none.code).toBe(4);
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
