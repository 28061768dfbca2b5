#!/usr/bin/env node
// The package as a user gets it: `npm pack`, the tarball installed alone into an empty project with
// the registry unreachable (a package with no dependencies needs none), then the installed CLI
// (`demo`, `--version`, `check --offline` of a key and of an openclaw SQLite store) and the library
// (import and require). Every run must
// exit as expected and write nothing on stderr: no warning on any supported Node.
//
//   node scripts/smoke.mjs [--node <dir of a node binary, put first on PATH>] [--keep <dir>]
//
// Needs dist/ (`npm run build`). .ci/run runs it on Node 24 too; test/package.e2e.test.ts on the
// Node of the suite, and keeps the project to compile a TypeScript consumer in it.

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { withoutUserSettings } from './clean-env.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MAX_INSTALLED_BYTES = 3 * 1024 * 1024;
const { values: flags } = parseArgs({ options: { node: { type: 'string' }, keep: { type: 'string' } } });

const work = flags.keep ? (mkdirSync(flags.keep, { recursive: true }), flags.keep) : mkdtempSync(path.join(os.tmpdir(), 'authdoctor-smoke-'));
const project = path.join(work, 'project');
const home = path.join(work, 'home');
mkdirSync(project, { recursive: true });
mkdirSync(home, { recursive: true });

// A user's shell: no credentials, an empty home, the registry out of reach, npm's cache our own.
const env = Object.fromEntries(Object.entries(withoutUserSettings(process.env)).filter(([k]) => !/^(XDG_CACHE_HOME$|NODE_DISABLE_COMPILE_CACHE$|npm_)/i.test(k)));
Object.assign(env, {
  HOME: home,
  USERPROFILE: home,
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_offline: 'true',
  npm_config_cache: path.join(work, 'npm-cache'),
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
});
if (flags.node) env.PATH = `${flags.node}${path.delimiter}${env.PATH ?? ''}`;

const failures = [];
function run(what, cmd, args, { cwd = project, expect = 0, input, extraEnv = {} } = {}) {
  const r = spawnSync(cmd, args, { cwd, env: { ...env, ...extraEnv }, input, encoding: 'utf8', timeout: 120_000 });
  const ok = r.status === expect && (r.stderr === '' || cmd === 'npm');
  if (!ok) failures.push(`${what}: exit ${r.status ?? r.signal ?? r.error?.message}, expected ${expect}${r.stderr ? `; stderr: ${r.stderr.slice(0, 500)}` : ''}`);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  return r;
}

function dirBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return total;
}

try {
  const node = run('node --version', 'node', ['--version'], { cwd: work });
  console.log(`     node ${node.stdout.trim()}`);

  // --ignore-scripts: dist/ is built already; `prepare` would build it again.
  const pack = run('npm pack', 'npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT });
  const [packed] = JSON.parse(pack.stdout || '[{}]');
  const tarball = path.join(work, packed.filename ?? 'missing.tgz');
  if (packed.files?.some((f) => f.path.startsWith('node_modules/'))) failures.push('the tarball holds node_modules');

  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'smoke', version: '1.0.0', private: true, type: 'module' }));
  run('npm install <tarball>, offline', 'npm', ['install', tarball, '--ignore-scripts', '--no-audit', '--no-fund']);
  const installed = path.join(project, 'node_modules', 'authdoctor');
  const others = readdirSync(path.join(project, 'node_modules')).filter((n) => n !== 'authdoctor' && n !== '.package-lock.json' && n !== '.bin');
  if (others.length) failures.push(`the install brought other packages: ${others.join(', ')}`);
  const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));
  if (Object.keys(manifest.dependencies ?? {}).length) failures.push(`dependencies are not empty: ${Object.keys(manifest.dependencies).join(', ')}`);
  const bytes = dirBytes(installed);
  console.log(`     installed: ${(bytes / 1024 / 1024).toFixed(2)} MB, nothing else in node_modules`);
  if (bytes > MAX_INSTALLED_BYTES) failures.push(`the installed package is ${bytes} bytes, over ${MAX_INSTALLED_BYTES}`);

  const version = run('npx authdoctor --version', 'npx', ['--no', '--', 'authdoctor', '--version']);
  if (version.stdout.trim() !== manifest.version) failures.push(`--version printed ${JSON.stringify(version.stdout)}`);
  const demo = run('npx authdoctor demo', 'npx', ['--no', '--', 'authdoctor', 'demo', '--no-color']);
  if (!/^\S+ broken /m.test(demo.stdout) || !/^\S+ works /m.test(demo.stdout)) failures.push('the demo showed no works/broken profiles');
  const key = 'sk-ant-api03-' + randomBytes(72).toString('base64url').slice(0, 93) + 'AA';
  const offline = run('npx authdoctor check --offline --json (one env key)', 'npx', ['--no', '--', 'authdoctor', 'check', '--offline', '--json'], { expect: 3, extraEnv: { ANTHROPIC_API_KEY: key } });
  if (JSON.parse(offline.stdout || '{}').summary?.profiles !== 1) failures.push('check --offline did not find the env key');

  // The committed openclaw state dir in its SQLite layout (test/fixtures/openclaw): sql.js's
  // WebAssembly, shipped in dist/, loads and reads it under the V8 flags the command sets (on one
  // Node, one of them once left the run waiting forever, ending it with exit 0 and no report).
  const openclawDir = path.join(ROOT, 'test', 'fixtures', 'openclaw', 'sqlite-main');
  const sqlite = run('npx authdoctor check --offline --json (openclaw SQLite store)', 'npx', ['--no', '--', 'authdoctor', 'check', '--offline', '--json', '--source', 'openclaw', '--openclaw-dir', openclawDir], { expect: 3 });
  if (!(JSON.parse(sqlite.stdout || '{}').summary?.profiles > 0)) failures.push('check --offline did not read the openclaw SQLite store');

  // The compile cache (Node's own from 22.1, bin/code-cache.js before) is this user's own folder
  // (0700), and a home where it cannot be made (here ~/.cache is a file) costs nothing but the cache.
  const nodeCache = spawnSync('node', ['-p', "typeof require('node:module').enableCompileCache"], { env, encoding: 'utf8' }).stdout.trim() === 'function';
  const dir = path.join(home, '.cache', 'authdoctor', 'compile-cache');
  const mode = statSync(dir, { throwIfNoEntry: false })?.mode;
  if (mode === undefined || (mode & 0o777) !== 0o700) failures.push(`no compile cache folder of mode 0700 at ${dir}`);
  else if (!nodeCache && !readdirSync(dir).some((d) => readdirSync(path.join(dir, d)).length > 0)) failures.push(`the code cache in ${dir} is empty`);
  const blocked = path.join(work, 'blocked-home');
  mkdirSync(blocked);
  writeFileSync(path.join(blocked, '.cache'), '');
  run('check --offline where no compile cache can be made', 'npx', ['--no', '--', 'authdoctor', 'check', '--offline'], { expect: 3, extraEnv: { ANTHROPIC_API_KEY: key, HOME: blocked } });
  // An empty HOME must not put a cache in the folder the command runs in.
  const cwd = path.join(work, 'empty-cwd');
  mkdirSync(cwd);
  run('check --offline with HOME empty', 'node', [path.join(project, 'node_modules', 'authdoctor', 'bin', 'authdoctor.js'), 'check', '--offline', '--source', 'env'], { cwd, expect: 3, extraEnv: { ANTHROPIC_API_KEY: key, HOME: '' } });
  if (readdirSync(cwd).length) failures.push(`a run with HOME empty wrote into its working folder: ${readdirSync(cwd).join(', ')}`);
  console.log(`     compile cache: ${nodeCache ? "Node's own" : 'bin/code-cache.js (Node before 22.1)'}`);

  // The library, both ways: each prints the report of an offline check of one key, and the schema.
  const program = (load) => `${load}
const report = await check({ key: ${JSON.stringify(key)}, offline: true, env: { HOME: ${JSON.stringify(home)} } });
process.stdout.write(JSON.stringify({ report, schema }));`;
  writeFileSync(path.join(project, 'esm.mjs'), program("import { check } from 'authdoctor';\nimport schema from 'authdoctor/schema';"));
  writeFileSync(path.join(project, 'cjs.cjs'), `(async () => {\n${program("const { check } = require('authdoctor');\nconst schema = require('authdoctor/schema');")}\n})();`);
  for (const file of ['esm.mjs', 'cjs.cjs']) {
    const r = run(`library: node ${file}`, 'node', [file]);
    let out;
    try {
      out = JSON.parse(r.stdout);
    } catch {
      failures.push(`${file}: no JSON on stdout`);
      continue;
    }
    writeFileSync(path.join(work, `${file}.json`), r.stdout);
    if (out.report.exitCode !== 3 || out.report.profiles[0]?.id !== 'stdin') failures.push(`${file}: unexpected report`);
    if (out.schema.title === undefined) failures.push(`${file}: authdoctor/schema is not the schema`);
  }
} finally {
  if (!flags.keep) rmSync(work, { recursive: true, force: true });
}

if (failures.length) {
  console.error(`\nsmoke: FAILED\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log('smoke: ok (packed, installed alone and offline, CLI and library run without a warning)');
