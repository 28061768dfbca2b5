// The library entry (CONTRACT.md, Library), as built into dist/index.js: the same documents as the
// command line, nothing printed, options checked like flags, and only the environment it is given.
// Needs `npm run build` first. test/package.e2e.test.ts runs the packed package.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Lib from '../src/index.js';
import type { SimServer } from '../src/sim/anthropic.js';
import { cleanEnv, fakeSecret, ROOT, runCli, tempHome } from './helpers/cli.js';
import { schemaErrors } from './helpers/schema.js';

const ENTRY = path.join(ROOT, 'dist', 'index.js');
const lib = (await import(pathToFileURL(ENTRY).href)) as typeof Lib;
const { startAnthropicSim } = (await import(pathToFileURL(path.join(ROOT, 'dist', 'sim.cjs')).href)) as typeof import('../src/sim/anthropic.js');

const KEY = fakeSecret('sk-ant-api03-');
const REVOKED = fakeSecret('sk-ant-api03-');
const { home, cleanup } = tempHome();
let sim: SimServer;
beforeAll(async () => {
  sim = await startAnthropicSim({ credentials: { [KEY]: { kind: 'api_key' }, [REVOKED]: { kind: 'api_key', behaviour: 'revoked' } } });
});
afterAll(async () => {
  await sim.close();
  cleanup();
});

/** What varies between two runs of the same checks. */
const shape = (r: Lib.Report) => ({ exitCode: r.exitCode, summary: r.summary, profiles: r.profiles.map((p) => ({ id: p.id, verdict: p.verdict, checks: p.checks.map((c) => `${c.id}:${c.status}/${c.code}`) })) });

describe('check()', () => {
  it('with `key` is `check --key-stdin --json`: the same document, valid against the schema, no secret in it', async () => {
    const report = await lib.check({ key: REVOKED, baseUrl: sim.url, env: { HOME: home } });
    expect(schemaErrors(report)).toBe('');
    expect(report.profiles.map((p) => p.id)).toEqual(['stdin']);
    expect(report.exitCode).toBe(1);
    const cli = await runCli(['check', '--key-stdin', '--json', '--base-url', sim.url], { home, stdin: REVOKED });
    expect(cli.code).toBe(1);
    expect(shape(report)).toEqual(shape(JSON.parse(cli.stdout) as Lib.Report));
    expect(JSON.stringify(report)).not.toContain(REVOKED);
  });

  it('reads the environment it is given, with the flags in camelCase', async () => {
    const env = { HOME: home, ANTHROPIC_API_KEY: KEY };
    const report = await lib.check({ env, baseUrl: { anthropic: sim.url }, quota: false, source: ['env'] });
    expect(schemaErrors(report)).toBe('');
    expect(shape(report).profiles).toEqual([{ id: 'env/ANTHROPIC_API_KEY', verdict: 'works', checks: expect.arrayContaining(['validity:pass/authenticated', 'quota:skip/disabled']) }]);
    expect((await lib.check({ env, offline: true })).exitCode).toBe(3);
  });

  it('rejects bad options with an Error whose code is usage_error, as the command line refuses the flags', async () => {
    const bad: unknown[] = [
      { offine: true },
      { json: true },
      { offline: 'yes' },
      { timeout: 0 },
      { concurrency: 1.5 },
      { source: ['nowhere'] },
      { provider: 'anthropic' },
      { baseUrl: 'ftp://example.com' },
      { baseUrl: { nowhere: 'https://example.com' } },
      { key: 42 },
      'offline',
    ];
    for (const options of bad) {
      const err = await lib.check((typeof options === 'object' ? { env: { HOME: home }, ...options } : options) as Lib.CheckOptions).catch((e: unknown) => e);
      expect(err, JSON.stringify(options)).toBeInstanceOf(Error);
      expect((err as { code?: unknown }).code, JSON.stringify(options)).toBe('usage_error');
    }
    const err = (await lib.discover({ env: { HOME: home }, offline: true } as Lib.DiscoverOptions).catch((e: unknown) => e)) as { code?: string; message: string };
    expect(err.code).toBe('usage_error');
  });

  it('an aborted signal ends the run with exit code 130 and nothing sent', async () => {
    const before = sim.requests.length;
    const report = await lib.check({ key: KEY, baseUrl: sim.url, env: { HOME: home }, signal: AbortSignal.abort() });
    expect(report.exitCode).toBe(130);
    expect(schemaErrors(report)).toBe('');
    expect(sim.requests.length).toBe(before);
  });
});

describe('discover()', () => {
  it('is `profiles --json`', async () => {
    const env = { HOME: home, ANTHROPIC_API_KEY: KEY, DEEPSEEK_API_KEY: 'sk-' + 'a'.repeat(32) };
    const found = await lib.discover({ env });
    const cli = await runCli(['profiles', '--json'], { home, env });
    expect(found).toEqual(JSON.parse(cli.stdout));
    expect(found.profiles.map((p) => p.id).sort()).toEqual(['env/ANTHROPIC_API_KEY', 'env/DEEPSEEK_API_KEY']);
    expect(JSON.stringify(found)).not.toContain(KEY);
  });
});

describe('require()', () => {
  it('loads the CommonJS entry the package names for require(), the very module the ES entry re-exports', async () => {
    const req = createRequire(import.meta.url);
    const pkg = req(path.join(ROOT, 'package.json')) as { exports: { '.': { require: string; import: string } } };
    const required = req(path.join(ROOT, pkg.exports['.'].require)) as typeof Lib;
    const report = await required.check({ key: KEY, offline: true, env: { HOME: home } });
    expect(schemaErrors(report)).toBe('');
    // One instance for both in plain Node (vitest loads modules its own way): no second copy of the code, nor of its state.
    const cjs = JSON.stringify(path.join(ROOT, pkg.exports['.'].require));
    const esm = JSON.stringify(pathToFileURL(path.join(ROOT, pkg.exports['.'].import)).href);
    const same = spawnSync(process.execPath, ['--input-type=module', '-e', `import { check } from ${esm}; import { createRequire } from 'node:module'; console.log(createRequire(import.meta.url)(${cjs}).check === check);`], { env: cleanEnv(home), encoding: 'utf8' });
    expect(same.stderr).toBe('');
    expect(same.stdout.trim()).toBe('true');
  });
});

describe('a library run in a process of its own', () => {
  // A process whose own environment holds credentials and a home with a Claude Code login: with
  // `env` given, none of it may be read. process.env is a Proxy that records who reads it; reads
  // by Node itself (its module loader, its bundled HTTP client) are not authdoctor's.
  it('prints nothing, and reads nothing of process.env when `env` is given', async () => {
    const ownHome = path.join(home, 'own-home');
    mkdirSync(path.join(ownHome, '.claude'), { recursive: true });
    writeFileSync(path.join(ownHome, '.claude', '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: fakeSecret('sk-ant-oat01-'), scopes: ['user:inference'] } }));
    const script = `
      const reads = [];
      const real = process.env;
      const ours = (k) => { const frame = new Error().stack.split('\\n')[3] ?? ''; if (!frame.includes('node:')) reads.push(String(k) + ' ' + frame.trim()); };
      process.env = new Proxy(real, {
        get: (t, k) => (ours(k), Reflect.get(t, k)),
        has: (t, k) => (ours(k), Reflect.has(t, k)),
        ownKeys: (t) => (ours('(every name)'), Reflect.ownKeys(t)),
      });
      const lib = await import(${JSON.stringify(pathToFileURL(ENTRY).href)});
      const env = { HOME: ${JSON.stringify(home)}, ANTHROPIC_API_KEY: ${JSON.stringify(KEY)} };
      const report = await lib.check({ env, baseUrl: ${JSON.stringify(sim.url)}, inference: true });
      const listed = await lib.discover({ env });
      const bad = await lib.check({ env, timeout: -1 }).catch((e) => e.code);
      process.env = real;
      real.AUTHDOCTOR_RESULT = JSON.stringify({ reads, ids: report.profiles.map((p) => p.id), listed: listed.profiles.map((p) => p.id), bad });
      process.on('exit', () => require('node:fs').writeFileSync(3, real.AUTHDOCTOR_RESULT));
    `.replace("require('node:fs')", "process.getBuiltinModule('node:fs')");
    const env = cleanEnv(ownHome, { ANTHROPIC_API_KEY: fakeSecret('sk-ant-api03-'), ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', ANTHROPIC_CUSTOM_HEADERS: 'x-from-process: yes', DEBUG: '*' });
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env, cwd: home, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let result = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (d: string) => (result += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(stdout).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(result) as { reads: string[]; ids: string[]; listed: string[]; bad: string };
    expect(r.reads).toEqual([]);
    expect(r.ids).toEqual(['env/ANTHROPIC_API_KEY']);
    expect(r.listed).toEqual(['env/ANTHROPIC_API_KEY']);
    expect(r.bad).toBe('usage_error');
  });
});
