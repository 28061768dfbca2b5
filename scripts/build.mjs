// Bundles the CLI into dist/ with esbuild. Why a bundle: Node resolves and compiles every file of
// node_modules one by one at start-up (yargs alone is ~100 ms of that); one file loads in a few ms.
// Type-checking stays with `tsc --noEmit` (see the "build" script); esbuild only strips types.
//
// Code splitting keeps each `await import(...)` in src/ a separate chunk, so `--version` loads yargs
// and nothing else, `check --offline` never loads the SDK, and `--json` never loads ora.

import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');

// Left in node_modules, loaded from there when (rarely) needed:
// - sql.js finds its .wasm file next to its own script, which a bundle would move away from;
// - undici (proxy support) is large and only loaded when a proxy is configured.
const EXTERNAL = ['sql.js', 'undici'];

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

const result = await build({
  absWorkingDir: root,
  // dist/sim.js: the simulated API (it ships anyway, inside `demo`), loadable by scripts/bench.mjs.
  entryPoints: { cli: 'src/cli.ts', sim: 'src/sim/anthropic.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // Chunks sit beside cli.js, not in a subfolder: version.ts finds package.json at `../` from
  // whichever file of dist/ it ends up in.
  chunkNames: '[name]-[hash]',
  sourcemap: false,
  // Not minified: a few ms of parsing at most, and a bug report's stack trace stays readable.
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [lazyStringWidth],
  write: false,
  // Bundled CommonJS packages (picomatch, …) call require() for Node built-ins; ESM has no require.
  banner: { js: "import { createRequire as __authdoctorCreateRequire } from 'node:module';\nconst require = __authdoctorCreateRequire(import.meta.url);" },
});

// Other runs (tests of other engineers, a second build) may start the CLI while this build writes:
// each file is replaced by a rename, so a reader sees the old file or the new one, never half of one.
// Then what no longer belongs to the build (older chunks, tsc's former per-file tree) is removed, so
// it neither ships nor gets loaded by mistake.
mkdirSync(outdir, { recursive: true });
const written = new Set();
for (const file of result.outputFiles) {
  const tmp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(tmp, file.contents);
  renameSync(tmp, file.path);
  written.add(path.basename(file.path));
}
for (const name of readdirSync(outdir)) {
  if (!written.has(name) && !name.endsWith('.tmp')) rmSync(path.join(outdir, name), { recursive: true, force: true });
}
