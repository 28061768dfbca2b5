#!/usr/bin/env node
// The command. CommonJS on purpose (bin/package.json), like dist/ (scripts/build.mjs): Node sets up
// its ES-module loader only when the first ES module loads, and that alone costs a fifth of a bare
// `node` start. `--version` and `--help` alone are answered here; everything else loads dist/cli.cjs.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const argv = process.argv.slice(2);

/** What `--version` or `--help` alone print, exactly as yargs would; undefined for anything else. */
function answerAlone() {
  if (argv.length !== 1) return undefined;
  if (argv[0] === '--version' || argv[0] === '-V') return `${JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version}\n`;
  if (argv[0] !== '--help' && argv[0] !== '-h') return undefined;
  // The build rendered yargs' help at a few widths (scripts/build.mjs), in English: yargs picks its
  // locale from these variables, in this order, and finds no translations in the bundle anyway.
  const env = process.env;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || 'en_US';
  if (!/^(en|C|POSIX)([_.@-]|$)/i.test(locale)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'dist', 'help.json'), 'utf8'))[Math.min(110, process.stdout.columns || 100)];
  } catch {
    return undefined;
  }
}

/**
 * The compiled code of dist/ is kept in a cache folder: by Node itself from 22.1, by ./code-cache.js
 * before. It is this user's own (a code cache another user could write would be code run as this
 * one): `authdoctor/compile-cache` under the user's cache directory, created 0700. It is used only if
 * both folders are this user's and no one else may write them, and the cache directory itself is this
 * user's or root's and writable by no one else, or sticky like /tmp (so no one can swap the folders
 * below it). Anything unexpected, and the run simply goes without.
 */
function enableCompileCache() {
  const { enableCompileCache: enable } = require('node:module');
  if (typeof process.getuid !== 'function' || process.env.NODE_DISABLE_COMPILE_CACHE) return;
  try {
    const os = require('node:os');
    const base = path.isAbsolute(process.env.XDG_CACHE_HOME || '') ? process.env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
    // HOME set but empty makes that relative: a cache in whatever folder the command runs in. Not that.
    if (!path.isAbsolute(base)) return;
    const dir = path.join(base, 'authdoctor', 'compile-cache');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const uid = process.getuid();
    const ours = (st) => st.isDirectory() && st.uid === uid && (st.mode & 0o022) === 0;
    const top = fs.statSync(base);
    if (!top.isDirectory() || (top.uid !== uid && top.uid !== 0) || ((top.mode & 0o022) !== 0 && (top.mode & 0o1000) === 0)) return;
    if (!ours(fs.lstatSync(path.dirname(dir))) || !ours(fs.lstatSync(dir))) return;
    if (typeof enable === 'function') {
      enable(dir);
      // Before the command changes V8's flags (src/profiles/openclaw/sqlite-reader.ts): V8 stamps
      // them on the data, so what is cached so far is written first (Node >= 22.10 can).
      const { flushCompileCache } = require('node:module');
      if (typeof flushCompileCache === 'function') process.on('authdoctor:v8-flags', () => flushCompileCache());
    } else {
      require('./code-cache.js').install(path.join(root, 'dist'), dir);
    }
  } catch {
    // Unwritable home, read-only file system: no cache.
  }
}

const alone = answerAlone();
if (alone !== undefined) {
  // `authdoctor --help | head -1`: a reader that stops early is no error.
  process.stdout.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
  });
  process.stdout.write(alone);
} else {
  enableCompileCache();
  let settled = false;
  // A run whose work stopped waiting on something that can no longer happen (nothing left for Node
  // to do, main() not finished) would otherwise end with exit code 0 and no report: to a script,
  // "every credential works". It is an internal error. ('beforeExit': Node ran out of work; an
  // explicit process.exit(), as yargs makes after help, does not emit it.)
  process.once('beforeExit', () => {
    if (settled) return;
    fs.writeSync(2, 'authdoctor: internal error: the run stopped before it finished\n');
    process.exitCode = 2;
  });
  new Promise((resolve) => resolve(require('../dist/cli.cjs').main(argv)))
    .catch((err) => {
      // Last resort: main() reports its own failures through the run's scrubber, so this is dist/
      // failing to load. No message: here nothing could scrub a secret out of one. A code names the cause.
      const code = err && typeof err.code === 'string' && /^[A-Z0-9_]{1,40}$/.test(err.code) ? ` [${err.code}]` : '';
      process.stderr.write(`authdoctor: internal error: ${err && typeof err.name === 'string' && /^\w{1,40}$/.test(err.name) ? err.name : 'Error'}${code}\n`);
      process.exitCode = 2;
    })
    .finally(() => {
      settled = true;
    });
}
