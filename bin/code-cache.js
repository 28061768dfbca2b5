// A code cache for dist/ on Node versions without module.enableCompileCache (before 22.1): V8's
// compiled code of each file the command loads is kept after a run and handed back to V8 on the
// next, which then skips compiling (~6 ms of `check --offline` on Node 20, most of what our own code
// costs at start-up). Only the files of this package's dist/ go through it, and only when the
// command runs (the library never installs it).
//
// Safety, as for Node's own cache (bin/authdoctor.js picks and checks the folder): compiled code is
// code, so the folder is this user's and no one else may write it. V8 refuses data made by another
// V8 version, under other flags, or for a source of another length, and nothing more: so an entry is
// named after the build's hash of the file's content (the first line of every dist/ file, written by
// scripts/build.mjs), and its size and modification time as well (a file patched in place). A file
// without that line is compiled as Node would, without the cache.
'use strict';

const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/** A short stable name for a path (FNV-1a): one cache folder per installed copy of dist/. */
function nameOf(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** The `require` a CommonJS module is handed, as Node makes it. */
function requireFor(mod) {
  const req = (id) => mod.require(id);
  req.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  req.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  req.main = require.main;
  req.cache = Module._cache;
  return req;
}

const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];
/** The build's content hash, on the first line of each dist/ file (scripts/build.mjs). */
const BUILD_HASH = /^\/\*authdoctor:([0-9a-f]{16})\*\//;
/** Folders of this cache (`<node version>-<arch>-<dist path>`) unused this long are removed. */
const STALE_FOLDER_MS = 30 * 24 * 3600 * 1000;
const OWN_FOLDER = /^v\d+\.\d+\.\d+-[a-z0-9]+-[a-z0-9]+$/;

/**
 * Compiles the files under `distDir` with cached code from `cacheDir` (an existing folder this user
 * owns, checked by the caller), and writes what was missing there: when the process exits, so that
 * V8's data includes the functions it compiled lazily, or when the command is about to change V8's
 * flags (`authdoctor:v8-flags`), which V8 stamps on the data it makes: made after the change, data
 * of a file compiled before it would be refused by the next run.
 */
function install(distDir, cacheDir) {
  const dir = path.join(cacheDir, `${process.version}-${process.arch}-${nameOf(distDir)}`);
  const prefix = distDir + path.sep;
  let made = [];
  // Files compiled once the flags changed have entries of their own (`+flags`): a later run without
  // the change, or with it, each finds the data V8 accepts in its state.
  let flagged = '';
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    const hash = typeof filename === 'string' && filename.startsWith(prefix) ? BUILD_HASH.exec(content)?.[1] : undefined;
    if (!hash) return compile.call(this, content, filename);
    const st = fs.statSync(filename);
    const entry = path.join(dir, `${path.basename(filename)}@${hash}-${st.size}-${Math.trunc(st.mtimeMs)}${flagged}`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(entry);
    } catch {
      // Not cached yet.
    }
    const script = new vm.Script(WRAPPER[0] + content + WRAPPER[1], {
      filename,
      // Columns of the first line as in the file itself.
      columnOffset: -WRAPPER[0].length,
      cachedData,
      importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (cachedData === undefined || script.cachedDataRejected) made.push({ script, entry });
    const fn = script.runInThisContext({ displayErrors: true });
    return fn.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  const flush = () => {
    if (made.length) save(dir, distDir, made);
    made = [];
  };
  process.on('authdoctor:v8-flags', () => {
    flush();
    flagged = '+flags';
  });
  process.once('exit', flush);
}

/** Writes the new entries and drops stale ones: of this dist/, and other folders long unused. */
function save(dir, distDir, made) {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // `<file>@<stamp>[+flags]`
    const parse = (name) => ({ file: name.slice(0, name.lastIndexOf('@')), stamp: name.slice(name.lastIndexOf('@') + 1).replace(/\+flags$/, '') });
    const now = new Map(made.map((m) => [parse(path.basename(m.entry)).file, parse(path.basename(m.entry)).stamp]));
    const files = new Set(fs.readdirSync(distDir));
    for (const name of fs.readdirSync(dir)) {
      const { file, stamp } = parse(name);
      // Any entry for a file that is gone, or an older build's entry for a file just compiled.
      if (!files.has(file) || (now.has(file) && now.get(file) !== stamp)) fs.rmSync(path.join(dir, name), { force: true });
    }
    for (const { script, entry } of made) {
      const tmp = `${entry}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(tmp, entry);
      } catch {
        fs.rmSync(tmp, { force: true });
      }
    }
    // Another Node version's or another installed copy's folder, untouched for a month (nvm, npx).
    const parent = path.dirname(dir);
    for (const name of fs.readdirSync(parent)) {
      const other = path.join(parent, name);
      if (other !== dir && OWN_FOLDER.test(name) && Date.now() - fs.lstatSync(other).mtimeMs > STALE_FOLDER_MS) fs.rmSync(other, { recursive: true, force: true });
    }
  } catch {
    // A full disk or a read-only home: the next run compiles again, nothing else changes.
  }
}

module.exports = { install };
