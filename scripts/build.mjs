// Bundles the CLI into dist/ with esbuild. Why a bundle: Node resolves and compiles every file of
// node_modules one by one at start-up (yargs alone is ~100 ms of that); one file loads in a few ms.
// Type-checking stays with tsc (the "build" script), which also writes the library's declarations
// into .types/ for shipDeclarations below; esbuild only strips types.
//
// Code splitting keeps each `await import(...)` in src/ a separate chunk, so a plain `check` never
// loads yargs, `check --offline` never loads the SDK or any provider's network code, and `--json`
// never loads ora.
//
// The chunks ship as CommonJS (.cjs), made from esbuild's split ES-module output one file at a time
// (postProcess): Node 20 reads every ES module through its asynchronous loader, ~6 ms of each run
// before any code of ours, and only CommonJS can use a code cache there (bin/code-cache.js).
// Import's live bindings survive as esbuild's export getters; `import()` becomes a deferred require.
// dist/index.js, the library's ES-module entry, re-exports dist/index.cjs (one instance for both).

import { build, transformSync } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');

// The package has no runtime dependencies: everything is bundled. sql.js's WebAssembly is copied
// into dist/ under this name and read from there (src/profiles/openclaw/sqlite-reader.ts), not
// looked for beside sql.js's own script, which the bundle moved away from.
const require = createRequire(import.meta.url);
const SQL_WASM = { from: require.resolve('sql.js/dist/sql-wasm.wasm'), name: 'sql-wasm.wasm' };

// string-width (used by yargs' help layout and by ora) builds an Intl.Segmenter and a large Unicode
// regex when its module loads: ~30 ms, half of what `--help` would otherwise cost. Every import of it
// is routed through a wrapper that answers printable-ASCII strings itself (each such character is
// exactly one column in every string-width version; checked by test/build.test.ts) and only loads
// the real module, each importer's own version, the first time a string needs it. esbuild evaluates
// a require()d ESM module lazily, on that first require.
const PRINTABLE_ASCII = String.raw`/^[\x20-\x7e]*$/`;
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await b.resolve('string-width', { kind: args.kind, resolveDir: args.resolveDir, pluginData: { real: true } });
      if (real.errors.length) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      resolveDir: path.dirname(args.path),
      loader: 'js',
      contents: `
        const printableAscii = ${PRINTABLE_ASCII};
        let real;
        export default function stringWidth(string, options) {
          if (typeof string === 'string' && printableAscii.test(string)) return string.length;
          real ??= require(${JSON.stringify(args.path)}).default;
          return real(string, options);
        }`,
    }));
  },
};

// yargs guesses the application's root (for its default version, before ours replaces it) from
// where its own file sits: the part of the path before "node_modules". Bundled into dist/, that
// guess falls back to the user's working directory, so every run through yargs (help of a command,
// each TAB of shell completion, a usage error) walked up from there reading directories and read
// whatever package.json it met (a project's): ~1 ms a run. The bundle's own root, the folder above
// dist/, is what the guess meant. If the shim's text changes in a yargs update, nothing is patched
// and the build says so.
const YARGS_ROOT_GUESS = 'mainFilename: mainFilename || process.cwd(),';
const yargsAppRoot = {
  name: 'yargs-app-root',
  setup(b) {
    b.onLoad({ filter: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(YARGS_ROOT_GUESS)) return { contents: text, loader: 'js', warnings: [{ text: "yargs' platform shim changed: its app-root guess is left as is" }] };
      return { contents: text.replace(YARGS_ROOT_GUESS, "mainFilename: fileURLToPath(new URL('..', import.meta.url)),"), loader: 'js' };
    });
  },
};

// sql.js is an Emscripten CommonJS script that, on Node, builds its .wasm path from __dirname as it
// loads. An ES module has no __dirname. The path is never used (sqlite-reader.ts hands sql.js the
// bytes, read from dist/), so a name of the script's new folder is enough to let it load.
const sqlJsDirname = {
  name: 'sql-js-dirname',
  setup(b) {
    b.onLoad({ filter: /[\\/]sql\.js[\\/]dist[\\/]sql-wasm\.js$/ }, (args) => ({
      contents: `var __filename = "./sql-wasm.js", __dirname = ".";\n${readFileSync(args.path, 'utf8')}`,
      loader: 'js',
    }));
  },
};

// The proxy agents log through `debug`, which reads DEBUG and every DEBUG_* variable of the process
// environment and, when asked to, writes to stderr past the scrubber (a proxy URL with its
// password). Nothing of authdoctor's prints that way and the library reads only the environment
// it is given, so `debug` is replaced by a logger that logs nothing.
const silentDebug = {
  name: 'silent-debug',
  setup(b) {
    b.onResolve({ filter: /^debug$/ }, () => ({ path: 'debug', namespace: 'silent-debug' }));
    b.onLoad({ filter: /.*/, namespace: 'silent-debug' }, () => ({
      loader: 'js',
      contents: 'module.exports = function createDebug() { const log = () => {}; log.enabled = false; log.extend = createDebug; return log; };',
    }));
  },
};

// The Anthropic SDK reads its settings from the process environment (ANTHROPIC_CUSTOM_HEADERS,
// ANTHROPIC_LOG, the OpenTelemetry switches, a default key). authdoctor passes the SDK everything it
// uses, read from the run's own environment (src/providers/anthropic/request.ts): the library's
// `env` option must be the only environment a run reads. If the SDK's helper moves, the build fails.
const sdkReadsNoEnv = {
  name: 'sdk-reads-no-env',
  setup(b) {
    b.onLoad({ filter: /[\\/]@anthropic-ai[\\/]sdk[\\/]internal[\\/]utils[\\/]env\.mjs$/ }, (args) => {
      if (!readFileSync(args.path, 'utf8').includes('export const readEnv = (env) =>')) return { errors: [{ text: "the Anthropic SDK's readEnv changed: check what it reads" }] };
      return { contents: 'export const readEnv = (_name) => undefined;', loader: 'js' };
    });
  },
};

// Node's global Headers comes with the whole of Node's fetch implementation (undici), loaded on first
// use: ~20 ms of every run that sends an Anthropic request, only for the SDK's header maps (requests
// go through node:http, src/net/http.ts). Inside the SDK's modules, `Headers` is therefore the small
// class of src/net/light-headers.ts, imported in place of the global. A module that binds the name
// itself fails the build, so an SDK update cannot silently mix the two.
const lightHeaders = path.join(root, 'src', 'net', 'light-headers.ts');
const sdkLightHeaders = {
  name: 'sdk-light-headers',
  setup(b) {
    b.onLoad({ filter: /[\\/]@anthropic-ai[\\/]sdk[\\/].*\.mjs$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!/\bHeaders\b/.test(text.replace(/[A-Za-z_$]Headers\b|\bHeaders[A-Za-z_$]/g, ''))) return undefined;
      if (/\b(class|const|let|var|function)\s+Headers\b|import[^;]*[{,\s]Headers\b/.test(text)) {
        return { errors: [{ text: `${path.basename(args.path)} binds the name Headers itself: check scripts/build.mjs's sdk-light-headers` }] };
      }
      return { contents: `import { LightHeaders as Headers } from ${JSON.stringify(lightHeaders)};\n${text}`, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

const options = {
  absWorkingDir: root,
  // dist/sim.cjs: the simulated API (it ships anyway, inside `demo`), loadable by scripts/bench.mjs.
  // dist/index.cjs: the library entry (package.json `exports`).
  entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts', sim: 'src/sim/anthropic.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Chunks sit beside cli.js, not in a subfolder: version.ts finds package.json at `../` from
  // whichever file of dist/ it ends up in.
  chunkNames: '[name]-[hash]',
  sourcemap: false,
  // Minified after bundling, in postProcess (below).
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [lazyStringWidth, yargsAppRoot, sqlJsDirname, silentDebug, sdkReadsNoEnv, sdkLightHeaders],
  write: false,
};

// `import { x } from 'node:fs'` in an ES module makes Node build an ESM facade of the built-in, and
// the facade reads every export once, so lazy getters (fs.promises, fs.ReadStream, …) load their
// modules. esbuild cannot emit externals as require(), and routing them through bundled CommonJS
// shims costs more than it saves (one tiny chunk per built-in, each a file to load). So, after
// bundling, each chunk's static imports of built-ins become `const { x } =
// process.getBuiltinModule("node:fs")` at the top of the chunk, where ESM hoists imports anyway:
// only the names used are read. Measured with DEFERRED below: ~2 ms of `check --offline`. Nothing
// but imports of built-ins is rewritten, and an import this code does not understand fails the build.
const BUILTINS = new Set(builtinModules);
// Built-ins that `check --offline` imports but rarely needs: each named import listed here becomes a
// function that loads the module on its first call. child_process (exec refs, the macOS keychain)
// and crypto (Claude Code's keychain service name) cost ~2 ms each to load. Any other name is read
// eagerly. (yargs' node:assert was deferred too while yargs ran on every command; now that it loads
// only for help, completion and errors, deferring it gained nothing measurable.)
const DEFERRED = {
  'node:child_process': { spawn: (req) => `(...args) => ${req}.spawn(...args)` },
  'node:crypto': { createHash: (req) => `(...args) => ${req}.createHash(...args)` },
  // node:tty brings node:net and the stream stack (~3 ms); src/render/terminal.ts asks it only about
  // character devices, so a run on pipes and files never loads it.
  'node:tty': { isatty: (req) => `(...args) => ${req}.isatty(...args)` },
  // fs/promises brings readline, watchers and the stream stack (~1 ms), and a run that finds no store
  // makes no asynchronous file operation at all (src/profiles/files.ts).
  'node:fs/promises': Object.fromEntries(
    ['open', 'lstat', 'stat', 'readdir', 'readFile', 'realpath', 'mkdtemp', 'rm', 'writeFile', 'rename', 'unlink'].map((name) => [name, (req) => `(...args) => ${req}.${name}(...args)`]),
  ),
};
const IMPORT = /^import ([^;"]+?) from "((?:node:)?[a-z0-9_/]+)";\n|^import "((?:node:)?[a-z0-9_/]+)";\n/gm;
function requireBuiltins(code, file) {
  const hoisted = [];
  const out = code.replace(IMPORT, (statement, clause, from, bare) => {
    const spec = from ?? bare;
    if (!BUILTINS.has(spec.replace(/^node:/, ''))) return statement;
    const id = spec.startsWith('node:') ? spec : `node:${spec}`;
    // globalThis: a chunk may itself bind `process` (`import process from "node:process"`).
    const req = `globalThis.process.getBuiltinModule(${JSON.stringify(id)})`;
    if (bare) return hoisted.push(`${req};`), '';
    const m = /^(?:([\w$]+)(?:, )?)?(?:\* as ([\w$]+)|\{([^}]*)\})?$/.exec(clause.trim());
    if (!m) throw new Error(`${file}: unexpected import of a built-in: ${statement.trim()}`);
    const [, def, ns, named] = m;
    for (const whole of [def, ns]) if (whole) hoisted.push(`const ${whole} = ${req};`);
    if (named) {
      const parts = named.split(',').map((p) => p.trim()).filter(Boolean).map((p) => {
        const [name, local = name] = p.split(/\s+as\s+/);
        if (name === 'default') return hoisted.push(`const ${local} = ${req};`), null;
        const deferred = DEFERRED[id]?.[name];
        if (deferred) return hoisted.push(`const ${local} = ${deferred(req)};`), null;
        return name === local ? name : `${name}: ${local}`;
      });
      const props = parts.filter(Boolean);
      if (props.length) hoisted.push(`const { ${props.join(', ')} } = ${req};`);
    }
    return '';
  });
  if (!hoisted.length) return code;
  return hoisted.join('\n') + '\n' + out;
}

// Whitespace and syntax minification: V8 compiles each chunk that loads, and fewer bytes to scan
// saved ~3 ms of `check --offline` (measured). Names are kept (no identifier minification), so
// error names and the few stack frames anyone sees stay readable. The `// node_modules/pkg/…`
// markers esbuild writes before each module are kept as /*! … */ comments: test/build.test.ts reads
// them to check what each chunk holds.
//
// The same pass turns the chunk into CommonJS (see the top of this file). `import.meta.url` becomes
// the file's own URL, made only when read. Any warning (an `import.meta` it could not map) fails the build.
// Each file stays in strict mode, as the ES module it was, and starts with a hash of its content,
// which bin/code-cache.js names its entries after (V8 itself compares only a source's length).
const META = 'const __authdoctorMeta = { get url() { return require("node:url").pathToFileURL(__filename).href; } };\n';
function postProcess(file) {
  const name = path.basename(file.path);
  const code = requireBuiltins(file.text, name).replace(/^\/\/ ((?:node_modules|src)\/\S+)$/gm, '/*! $1 */');
  const { code: out, warnings } = transformSync(code, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__authdoctorMeta.url' },
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'inline',
    logLevel: 'silent',
  });
  if (warnings.length) throw new Error(`build: ${name}: ${warnings.map((w) => w.text).join('; ')}`);
  const body = `'use strict';\n${out.includes('__authdoctorMeta') ? META : ''}${out}`;
  return `/*authdoctor:${createHash('sha256').update(body).digest('hex').slice(0, 16)}*/\n${body}`;
}

// `authdoctor --help`: yargs spends ~20 ms building its instance and laying out the text, for a
// text that depends only on the terminal width (and on the locale, which this bundle cannot change:
// yargs finds no translation files next to it). So the build renders it with the bundle itself, for
// the widths below, into dist/help.json, and bin/authdoctor.js prints the rendered text for
// `--help`/`-h` alone at one of those widths and an English or unset locale; anything else goes
// through yargs as before. test/build.test.ts compares both at each width. 100: output to a pipe or
// file; 110: terminals of 110 columns or more; 80: the classic default terminal.
const HELP_WIDTHS = [80, 100, 110];
function renderHelp() {
  const home = mkdtempSync(path.join(os.tmpdir(), 'authdoctor-build-'));
  try {
    const cli = pathToFileURL(path.join(outdir, 'cli.cjs')).href;
    const texts = {};
    for (const width of HELP_WIDTHS) {
      const script = `Object.defineProperty(process.stdout, 'columns', { value: ${width} }); const { main } = await import(${JSON.stringify(cli)}); await main(['--help']);`;
      texts[width] = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: home, env: { PATH: process.env.PATH ?? '', HOME: home }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      if (!texts[width].includes('authdoctor [command]')) throw new Error(`build: rendering --help at width ${width} printed no help`);
    }
    return texts;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

// The version too: reading package.json at run time cost ~1 ms (node:url, a file, a parse) of every run.
const define = {
  __AUTHDOCTOR_SQL_WASM__: JSON.stringify(`./${SQL_WASM.name}`),
  __AUTHDOCTOR_VERSION__: JSON.stringify(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version),
};
const result = await build({ ...options, define });

// Other runs (tests of other engineers, a second build) may start the CLI while this build writes:
// each file is replaced by a rename, so a reader sees the old file or the new one, never half of one.
// Then what no longer belongs to the build (older chunks, tsc's former per-file tree) is removed, so
// it neither ships nor gets loaded by mistake.
const written = new Set();
/** Writes dist/<name> by a rename. */
function emit(name, contents) {
  const file = path.join(outdir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.${process.pid}.tmp`, contents);
  renameSync(`${file}.${process.pid}.tmp`, file);
  written.add(name.split('/')[0]);
}
for (const file of result.outputFiles) emit(path.relative(outdir, file.path), file.path.endsWith('.cjs') ? postProcess(file) : file.contents);
// The library's ES-module entry: the names dist/index.cjs exports, re-exported (an ES module importing
// CommonJS sees them through Node's static scan of the file; naming them here does not rely on it).
const libraryNames = Object.keys(createRequire(import.meta.url)(path.join(outdir, 'index.cjs'))).filter((n) => n !== '__esModule' && n !== 'default');
if (!libraryNames.includes('check') || !libraryNames.includes('discover')) throw new Error(`build: dist/index.cjs exports ${libraryNames.join(', ')}`);
emit('index.js', `export { ${libraryNames.join(', ')} } from './index.cjs';\n`);
emit(SQL_WASM.name, readFileSync(SQL_WASM.from));

// `authdoctor/schema`: the report's JSON Schema as a module (no import attribute needed); require()
// gets the JSON file itself (package.json `exports`).
const schemaText = readFileSync(path.join(root, 'schema', 'report.schema.json'), 'utf8');
const schemaType = `/** The JSON Schema (draft 2020-12) of the report that check() returns and \`authdoctor check --json\` prints. */
declare const schema: { readonly $schema: string; readonly $id: string; readonly title: string; readonly [keyword: string]: unknown };
`;
emit('schema.js', `const schema = ${JSON.stringify(JSON.parse(schemaText))};\nexport default schema;\n`);
emit('schema.d.ts', `${schemaType}export default schema;\n`);
emit('schema.d.cts', `${schemaType}export = schema;\n`);

// The library's declarations: tsc wrote one per source file into .types/ (the "build" script);
// only those the entry's declarations reach ship, in dist/types/.
const TYPES_IN = path.join(root, '.types');
const TYPE_IMPORT = /(?:from\s+|import\()['"](\.{1,2}\/[^'"]+)\.js['"]/g;
function shipDeclarations(file, seen = new Set()) {
  if (seen.has(file)) return;
  seen.add(file);
  const text = readFileSync(path.join(TYPES_IN, file), 'utf8');
  emit(`types/${file}`, text);
  for (const m of text.matchAll(TYPE_IMPORT)) shipDeclarations(path.posix.join(path.posix.dirname(file), `${m[1]}.d.ts`), seen);
}
rmSync(path.join(outdir, 'types'), { recursive: true, force: true });
shipDeclarations('index.d.ts');
emit('help.json', JSON.stringify(renderHelp()));
for (const name of readdirSync(outdir)) {
  if (!written.has(name) && !name.endsWith('.tmp')) rmSync(path.join(outdir, name), { recursive: true, force: true });
}
