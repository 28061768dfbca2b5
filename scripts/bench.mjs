#!/usr/bin/env node
// `npm run bench`: start-up time, check throughput and peak memory of the BUILT CLI (bin/authdoctor.js
// → dist/), each run a separate process, measured side by side with bare `node -e ""` in one sitting.
// It reports medians and the ratios of issue 7; it never fails on timing (exit 1 only if a run itself
// went wrong: wrong exit code, or the fake API did not see the requests a check must send).
//
//   npm run bench -- --runs 9 --latency 100 --profiles 32 --large 1000 --concurrency 8
//
// Method: every round runs each case once, in a fixed order, so machine noise spreads over all cases
// alike; the median of the rounds is reported. Every case runs with NODE_EXTRA_CA_CERTS unset: Node
// reads that file at each start (~35 ms for a system bundle), which would flatter every ratio. The
// compile cache (bin/authdoctor.js) lives in the bench's temporary home: cold in the first round,
// warm after, as for a user after the first run; one case shows a first run (an empty cache, which
// it fills), one a run with the cache off.
// Wall time is taken around spawn → exit. Peak RSS comes from the OS: `/usr/bin/time -f %M` when
// present, else `process.resourceUsage().maxRSS` written by a preloaded hook. Either wrapper is
// applied to every case, bare node included, so ratios stay fair.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { withoutUserSettings } from './clean-env.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'authdoctor.js');
const SIM = path.join(ROOT, 'dist', 'sim.cjs');

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '9' },
    latency: { type: 'string', default: '100' },
    profiles: { type: 'string', default: '32' },
    large: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
  },
});
const RUNS = positive('runs');
const LATENCY_MS = Number(flags.latency);
const PROFILES = positive('profiles');
const LARGE = positive('large');
const CONCURRENCY = positive('concurrency');

function positive(name) {
  const n = Number(flags[name]);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench: --${name} must be a whole number ≥ 1`);
    process.exit(2);
  }
  return n;
}

if (!existsSync(path.join(ROOT, 'dist', 'cli.cjs')) || !existsSync(SIM)) {
  console.error('bench: dist/ is missing or stale; run `npm run build` first.');
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Inputs: secrets shaped like real ones, profiles files, a temp HOME with nothing else in it.

const work = mkdtempSync(path.join(os.tmpdir(), 'authdoctor-bench-'));
const home = path.join(work, 'home');
mkdirSync(home);
const secret = (prefix) => prefix + randomBytes(72).toString('base64url').slice(0, 93) + 'AA';
const OAUTH_SCOPES = ['user:inference', 'user:profile'];

function writeProfiles(name, entries) {
  const file = path.join(work, name);
  const profiles = {};
  entries.forEach((e, i) => (profiles[`p${String(i).padStart(4, '0')}`] = e));
  writeFileSync(file, JSON.stringify({ version: 1, profiles }), { mode: 0o600 });
  return file;
}

const oneKey = secret('sk-ant-api03-');
// The large file mixes the kinds a real file holds; --offline sends none of them anywhere.
const largeFile = writeProfiles(
  'large.json',
  Array.from({ length: LARGE }, (_, i) =>
    i % 2 ? { value: secret('sk-ant-api03-') } : { value: secret('sk-ant-oat01-'), kind: 'oauth_token', scopes: OAUTH_SCOPES },
  ),
);
// API keys, the common case: one request each (validity; quota reads the rate limits of that same
// answer), so the floor is start-up + latency × ceil(n / concurrency): four waves of eight.
const apiKeys = Array.from({ length: PROFILES }, () => secret('sk-ant-api03-'));
const apiKeyFile = writeProfiles('api-keys.json', apiKeys.map((value) => ({ value })));
// OAuth tokens: two requests one after the other (models, then usage).
const distinct = Array.from({ length: PROFILES }, () => secret('sk-ant-oat01-'));
const distinctFile = writeProfiles('distinct.json', distinct.map((value) => ({ value, kind: 'oauth_token', scopes: OAUTH_SCOPES })));
// The same number of profiles holding only a quarter as many secrets: each secret must be sent once.
const shared = distinct.slice(0, Math.max(1, Math.ceil(PROFILES / 4)));
const sharedFile = writeProfiles('shared.json', Array.from({ length: PROFILES }, (_, i) => ({ value: shared[i % shared.length], kind: 'oauth_token', scopes: OAUTH_SCOPES })));

// An openclaw state dir in its current SQLite layout: the shared store in state/openclaw.sqlite (with
// a table of other state around it, as openclaw's database has) and the main agent's own database.
const openclawDir = path.join(work, 'openclaw');
{
  const { default: initSqlJs } = await import('sql.js');
  const SQL = await initSqlJs();
  const profile = (i) => [`anthropic:p${i}`, i % 2 ? { type: 'api_key', provider: 'anthropic', key: secret('sk-ant-api03-') } : { type: 'token', provider: 'anthropic', token: secret('sk-ant-oat01-') }];
  const state = new SQL.Database();
  state.run('CREATE TABLE config_machine_state (state_key TEXT PRIMARY KEY, value_json TEXT, updated_at_ms INTEGER)');
  state.run('INSERT INTO config_machine_state VALUES (?, ?, 1)', ['auth.sharedStore', JSON.stringify({ location: 'state-db' })]);
  state.run('INSERT INTO config_machine_state VALUES (?, ?, 1)', ['authProfiles.store', JSON.stringify({ version: 1, profiles: Object.fromEntries(Array.from({ length: 8 }, (_, i) => profile(i))) })]);
  state.run('CREATE TABLE session_events (id INTEGER PRIMARY KEY, session TEXT, body TEXT)');
  for (let i = 0; i < 2000; i++) state.run('INSERT INTO session_events (session, body) VALUES (?, ?)', [`s${i % 50}`, randomBytes(768).toString('base64')]);
  const agent = new SQL.Database();
  agent.run('CREATE TABLE auth_profile_store (store_key TEXT NOT NULL PRIMARY KEY, store_json TEXT NOT NULL, updated_at INTEGER NOT NULL)');
  agent.run("INSERT INTO auth_profile_store VALUES ('primary', ?, 1)", [JSON.stringify({ version: 1, profiles: Object.fromEntries(Array.from({ length: 4 }, (_, i) => profile(100 + i))) })]);
  for (const [file, db] of [['state/openclaw.sqlite', state], ['agents/main/agent/openclaw-agent.sqlite', agent]]) {
    mkdirSync(path.dirname(path.join(openclawDir, file)), { recursive: true });
    writeFileSync(path.join(openclawDir, file), db.export(), { mode: 0o600 });
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The fake API, behind a counting TCP relay so the report can show connection reuse (keep-alive).

const { startAnthropicSim } = await import(pathToFileURL(SIM).href);
const sim = await startAnthropicSim({
  credentials: Object.fromEntries([...distinct.map((s) => [s, { kind: 'oauth', scopes: OAUTH_SCOPES }]), ...apiKeys.map((s) => [s, { kind: 'api_key' }])]),
  latencyMs: LATENCY_MS,
});
let connections = 0;
const relay = net.createServer((client) => {
  connections++;
  const upstream = net.connect(sim.port, '127.0.0.1');
  client.pipe(upstream).pipe(client);
  const end = () => (client.destroy(), upstream.destroy());
  client.on('error', end).on('close', end);
  upstream.on('error', end).on('close', end);
});
await new Promise((resolve) => relay.listen(0, '127.0.0.1', resolve));
const apiUrl = `http://127.0.0.1:${relay.address().port}`;

// ---------------------------------------------------------------------------------------------
// Running one process and measuring it.

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const rssHook = path.join(work, 'rss-hook.mjs');
writeFileSync(
  rssHook,
  "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.AUTHDOCTOR_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n",
);
const rssFile = path.join(work, 'rss.txt');

/** The environment of a user with no credentials anywhere but what a case passes in. */
function cleanEnv(extra = {}) {
  const env = withoutUserSettings(process.env);
  delete env.NODE_EXTRA_CA_CERTS;
  // The compile cache goes to the bench's own home (warm after the first round, as after a user's first run).
  delete env.XDG_CACHE_HOME;
  delete env.NODE_DISABLE_COMPILE_CACHE;
  return { ...env, HOME: home, USERPROFILE: home, ...extra };
}

function measure(nodeArgs, env) {
  rmSync(rssFile, { force: true });
  const [cmd, args] = TIME
    ? [TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...nodeArgs]]
    : [process.execPath, ['--import', pathToFileURL(rssHook).href, ...nodeArgs]];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...env, AUTHDOCTOR_BENCH_RSS: rssFile }, cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      let rssMb = NaN;
      try {
        const text = readFileSync(rssFile, 'utf8').trim().split('\n').pop();
        rssMb = Number(text) / 1024; // both report kilobytes on Linux
      } catch {}
      resolve({ ms, rssMb, code, stderr });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The cases. `expect` is the exit code a correct run has; `requests` what the fake API must see.

const cli = (...args) => [BIN, ...args];
// CONTRACT.md: with --offline validity is skipped, so sound profiles are "unknown" and the exit code 3.
const OFFLINE_EXIT = 3;
const online = (file) => cli('check', '--config', file, '--source', 'config', '--base-url', apiUrl, '--concurrency', String(CONCURRENCY));
const CASES = [
  { id: 'node', label: 'node -e ""', argv: ['-e', ''], expect: 0 },
  { id: 'version', label: 'authdoctor --version', argv: cli('--version'), expect: 0 },
  { id: 'help', label: 'authdoctor --help', argv: cli('--help'), expect: 0 },
  { id: 'offline1', label: 'check --offline, 1 profile (env)', argv: cli('check', '--offline'), env: { ANTHROPIC_API_KEY: oneKey }, expect: OFFLINE_EXIT },
  // What a first run costs: an empty compile cache, filled and written at the end (a new folder each
  // round); and a run with the cache off (not targets; for honesty).
  { id: 'offline1first', label: 'the same, first run (empty compile cache)', argv: cli('check', '--offline'), env: () => ({ ANTHROPIC_API_KEY: oneKey, XDG_CACHE_HOME: mkdtempSync(path.join(work, 'cache-')) }), expect: OFFLINE_EXIT },
  { id: 'offline1cold', label: 'the same, compile cache off', argv: cli('check', '--offline'), env: { ANTHROPIC_API_KEY: oneKey, NODE_DISABLE_COMPILE_CACHE: '1' }, expect: OFFLINE_EXIT },
  { id: 'offlineN', label: `check --offline, ${PROFILES} API keys (config)`, argv: cli('check', '--offline', '--config', apiKeyFile, '--source', 'config'), expect: OFFLINE_EXIT },
  { id: 'offlineLarge', label: `check --offline, ${LARGE} profiles (config)`, argv: cli('check', '--offline', '--config', largeFile, '--source', 'config'), expect: OFFLINE_EXIT },
  { id: 'openclaw', label: 'check --offline, openclaw SQLite store', argv: cli('check', '--offline', '--source', 'openclaw', '--openclaw-dir', openclawDir), expect: OFFLINE_EXIT },
  { id: 'online', label: `check, ${PROFILES} API keys, ${LATENCY_MS} ms latency`, argv: online(apiKeyFile), expect: 0, requests: PROFILES },
  { id: 'oauth', label: `check, ${PROFILES} OAuth tokens, ${LATENCY_MS} ms latency`, argv: online(distinctFile), expect: 0, requests: PROFILES * 2 },
  { id: 'shared', label: `check, ${PROFILES} OAuth profiles sharing ${shared.length} secrets`, argv: online(sharedFile), expect: 0, requests: shared.length * 2 },
];

const samples = Object.fromEntries(CASES.map((c) => [c.id, []]));
const problems = [];
// Node reads the file of NODE_EXTRA_CA_CERTS at every start (~35 ms for a system bundle), bare
// `node -e ""` included, which would make every ratio look better than a laptop without it sees.
if (process.env.NODE_EXTRA_CA_CERTS) process.stderr.write('bench: NODE_EXTRA_CA_CERTS is set here; every case runs with it unset\n');
process.stderr.write(`bench: ${RUNS} rounds of ${CASES.length} cases`);
for (let round = 0; round < RUNS; round++) {
  for (const c of CASES) {
    const before = { requests: sim.requests.length, connections };
    const r = await measure(c.argv, cleanEnv(typeof c.env === 'function' ? c.env() : c.env));
    r.requests = sim.requests.length - before.requests;
    r.connections = connections - before.connections;
    samples[c.id].push(r);
    if (r.code !== c.expect) problems.push(`${c.label}: exit ${r.code}, expected ${c.expect}: ${r.stderr.slice(0, 300)}`);
    if (c.requests !== undefined && r.requests !== c.requests) problems.push(`${c.label}: the API saw ${r.requests} requests, expected ${c.requests}`);
  }
  process.stderr.write('.');
}
process.stderr.write('\n');
const maxConcurrent = sim.maxConcurrent;
relay.close();
await sim.close();
rmSync(work, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------
// Report.

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const med = (id, key = 'ms') => median(samples[id].map((r) => r[key]));
const ms = (x) => `${Math.round(x)} ms`;
const mb = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} MB` : 'n/a');
const ratio = (x) => `${x.toFixed(2)}×`;
const verdict = (ok) => (ok ? 'met' : 'MISSED');

const node = med('node');
const waves = Math.ceil(PROFILES / CONCURRENCY);
const floor = med('offlineN') + LATENCY_MS * waves;
const strictFloor = node + LATENCY_MS * waves;
const onlineRss = Math.max(...samples.online.map((r) => r.rssMb));
const openclawRss = Math.max(...samples.openclaw.map((r) => r.rssMb));
let cpu = '';
try {
  cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '';
} catch {}
console.log(`authdoctor bench · ${new Date().toISOString()} · node ${process.version} · ${os.cpus().length} cores${cpu ? ` (${cpu})` : ''} · ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`);
console.log(`${RUNS} rounds; latency ${LATENCY_MS} ms per request; concurrency ${CONCURRENCY}; peak RSS from ${TIME ? '/usr/bin/time' : 'process.resourceUsage()'}; NODE_EXTRA_CA_CERTS unset in every case\n`);

console.log('| case | median wall | min | max | median peak RSS |');
console.log('|---|---:|---:|---:|---:|');
for (const c of CASES) {
  const xs = samples[c.id].map((r) => r.ms);
  console.log(`| ${c.label} | ${ms(med(c.id))} | ${ms(Math.min(...xs))} | ${ms(Math.max(...xs))} | ${mb(med(c.id, 'rssMb'))} |`);
}

const targets = [
  ['1', '--version vs bare node', med('version') / node, '≤ 1.30×', med('version') / node <= 1.3],
  ['1', '--help vs bare node', med('help') / node, '≤ 1.30×', med('help') / node <= 1.3],
  ['2', 'check --offline, 1 profile vs bare node', med('offline1') / node, '≤ 2.00×', med('offline1') / node <= 2],
  ['', 'the same, a first run (empty compile cache; information)', med('offline1first') / node, '—', true],
  ['', 'the same, compile cache off (information)', med('offline1cold') / node, '—', true],
  ['2', `check --offline, ${LARGE} profiles`, med('offlineLarge'), '≤ 2000 ms', med('offlineLarge') <= 2000],
  ['3', `check, ${PROFILES} API keys vs floor ${ms(floor)}`, med('online') / floor, '≤ 1.20×', med('online') / floor <= 1.2],
  ['4', `peak RSS, check --offline on an openclaw SQLite store (max of ${RUNS})`, openclawRss, '≤ 80 MB', openclawRss <= 80],
  ['4', `peak RSS, check of ${PROFILES} API keys (max of ${RUNS})`, onlineRss, '≤ 90 MB', onlineRss <= 90],
];
console.log('\n| target | measured | goal | |');
console.log('|---|---:|---:|---|');
for (const [n, what, value, goal, ok] of targets) {
  const shown = goal.endsWith('×') || goal === '—' ? ratio(value) : goal.endsWith('ms') ? ms(value) : mb(value);
  console.log(`| ${n ? `${n}. ` : ''}${what} | ${shown} | ${goal} | ${n ? verdict(ok) : ''} |`);
}

const onlineRuns = samples.online;
console.log(`
Target 3 details:
- floor = startup (median of \`check --offline\` with the same ${PROFILES} API keys, ${ms(med('offlineN'))}) + ${LATENCY_MS} ms × ${waves} waves (ceil(${PROFILES} / ${CONCURRENCY}))
  = ${ms(floor)}; with bare node as the startup instead: ${ms(strictFloor)}, ratio ${ratio(med('online') / strictFloor)}
- one request per API key (validity; quota reads the rate limits of that answer): ${median(onlineRuns.map((r) => r.requests))} per run
- overlap: the fake API saw up to ${maxConcurrent} requests at once (concurrency ${CONCURRENCY})
- OAuth tokens send two requests each: ${median(samples.oauth.map((r) => r.requests))} per run; ${median(samples.shared.map((r) => r.requests))} for ${PROFILES} profiles sharing ${shared.length} secrets (each secret sent once)
- TCP connections per run: ${median(onlineRuns.map((r) => r.connections))} for ${median(onlineRuns.map((r) => r.requests))} requests (keep-alive reuses them)`);

if (problems.length) {
  console.log(`\n${problems.length} run(s) went wrong, so the numbers above do not describe working runs:`);
  for (const p of [...new Set(problems)].slice(0, 10)) console.log(`- ${p}`);
  process.exitCode = 1;
}
