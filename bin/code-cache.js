// A code cache for dist/ on Node versions without module.enableCompileCache (before 22.1): V8's
// compiled code of each file the command loads is kept after a run and handed back to V8 on the
// next, which then skips compiling (~6 ms of `check --offline` on Node 20, most of what our own code
// costs at start-up). Only the files of this package's dist/ go through it, and only when the
// command runs (the library never installs it).
//
// Safety, as for Node's own cache (bin/authdoctor.js picks the folder): compiled code is code, so the
// folder is this user's and no one else may write it. V8 itself refuses data made by another V8
// version, other flags or a source of another length; an entry also names the size and modification
// time of the file it was made from, so a file replaced by an update is compiled afresh.
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

/**
 * Compiles the files under `distDir` with cached code from `cacheDir` (an existing folder this user
 * owns, checked by the caller), and writes what was missing there when the process exits.
 */
function install(distDir, cacheDir) {
  const dir = path.join(cacheDir, `${process.version}-${process.arch}-${nameOf(distDir)}`);
  const prefix = distDir + path.sep;
  const made = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    if (typeof filename !== 'string' || !filename.startsWith(prefix)) return compile.call(this, content, filename);
    const st = fs.statSync(filename);
    const entry = path.join(dir, `${path.basename(filename)}@${st.size}-${Math.trunc(st.mtimeMs)}`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(entry);
    } catch {
      // Not cached yet.
    }
    const script = new vm.Script(WRAPPER[0] + content + WRAPPER[1], {
      filename,
      cachedData,
      importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (cachedData === undefined || script.cachedDataRejected) made.push({ script, entry });
    const fn = script.runInThisContext({ displayErrors: true });
    return fn.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    if (made.length) save(dir, distDir, made);
  });
}

/** Writes the new entries (after the run: V8 then includes the functions it compiled lazily), drops stale ones. */
function save(dir, distDir, made) {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const current = new Set(made.map((m) => path.basename(m.entry)));
    const files = new Set(fs.readdirSync(distDir));
    for (const name of fs.readdirSync(dir)) {
      const file = name.slice(0, name.lastIndexOf('@'));
      // An older build's entry for a file that is still here, or any entry for a file that is gone.
      if (!current.has(name) && (!files.has(file) || made.some((m) => path.basename(m.entry).startsWith(`${file}@`)))) fs.rmSync(path.join(dir, name), { force: true });
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
  } catch {
    // A full disk or a read-only home: the next run compiles again, nothing else changes.
  }
}

module.exports = { install };
