// Issue 4, items 3 and 4: authdoctor never writes to a store, bad flags exit 2 with one clear line,
// broken stores become `problems` while the run goes on, and a check that throws becomes that
// profile's internal_error while the others finish.

import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fakeSecret, runCli, tempHome } from '../helpers/cli.js';
import { behaviours, startHttp } from './servers.js';
import { isOwnCache, leadsToOwnCache } from '../helpers/files.js';

const isRoot = process.getuid?.() === 0;

describe.concurrent('bad flags and values exit 2 with one line', { timeout: 30_000 }, () => {
  const cases: string[][] = [
    ['check', '--no-such-flag'],
    ['check', '--timeout', 'soon'],
    ['check', '--timeout', '0'],
    ['check', '--timeout', '-5'],
    ['check', '--concurrency', '0'],
    ['check', '--concurrency', '1.5'],
    ['check', '--concurrency', '100000'],
    ['check', '--base-url', 'ftp://example.invalid'],
    ['check', '--base-url', 'not a url'],
    ['check', '--source', 'nowhere'],
    ['check', '--verbose', '--quiet'],
    ['check', '--profile'],
    ['frobnicate'],
    ['profiles', '--offline-ish'],
    ['check', '--config', '/nonexistent/authdoctor/profiles.json'],
  ];
  for (const args of cases) {
    it(args.join(' '), async () => {
      const { home, cleanup } = tempHome();
      try {
        const plain = await runCli(args, { home });
        expect(plain.code, plain.stderr).toBe(2);
        expect(plain.stdout).toBe('');
        // One clear line (and the pointer to --help).
        expect(plain.stderr.trim().split('\n')[0]).toMatch(/^authdoctor: \S/);
        expect(plain.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);

        const json = await runCli([...args, '--json'], { home });
        expect(json.code).toBe(2);
        const parsed = JSON.parse(json.stdout);
        expect(parsed.exitCode).toBe(2);
        expect(parsed.error.code).toBe('usage_error');
        expect(typeof parsed.error.message).toBe('string');
      } finally {
        cleanup();
      }
    });
  }
});

/** Ways a store file can be broken; each writes it at `file`. */
const BROKEN: Record<string, { make: (file: string) => void; code: string; skip?: boolean }> = {
  malformed: { make: (f) => writeFileSync(f, '{"version": 1, "profiles": {'), code: 'malformed_store' },
  binary: { make: (f) => writeFileSync(f, Buffer.from([0, 255, 1, 254, 0x7b, 0, 0x89, 0x50, 0x4e, 0x47])), code: 'malformed_store' },
  // Sparse: 50 MB + 1 byte without writing 50 MB.
  enormous: { make: (f) => (writeFileSync(f, ''), truncateSync(f, 50 * 1024 * 1024 + 1)), code: 'unreadable_store' },
  'symlink loop': { make: (f) => (symlinkSync(f + '.b', f), symlinkSync(f, f + '.b')), code: 'unreadable_store' },
  'directory instead of file': { make: (f) => mkdirSync(f), code: 'unreadable_store' },
  'parent is a file (ENOTDIR)': { make: (f) => writeFileSync(path.dirname(f) + '.x', ''), code: 'unreadable_store' },
  'unreadable (mode 000)': { make: (f) => (writeFileSync(f, '{}'), chmodSync(f, 0)), code: 'unreadable_store', skip: isRoot },
};

describe.concurrent('broken stores become problems; the run goes on', { timeout: 30_000 }, () => {
  for (const [name, b] of Object.entries(BROKEN)) {
    it.skipIf(b.skip === true)(`profiles file: ${name}`, async () => {
      const { home, cleanup } = tempHome();
      const api = await startHttp(behaviours.ok());
      try {
        const dir = path.join(home, '.config', 'authdoctor');
        mkdirSync(dir, { recursive: true });
        let file = path.join(dir, 'profiles.json');
        if (name.startsWith('parent is a file')) {
          // ~/.config/authdoctor is a regular file, so profiles.json under it cannot even be looked up.
          execFileSync('rm', ['-r', dir]);
          writeFileSync(dir, 'not a directory');
          file = path.join(dir, 'profiles.json');
        } else {
          b.make(file);
        }
        const started = performance.now();
        const r = await runCli(['check', '--json', '--base-url', api.url], { home, env: { ANTHROPIC_API_KEY: fakeSecret('sk-ant-api03-') } });
        const report = JSON.parse(r.stdout);
        expect(report.problems.length, r.stdout).toBeGreaterThanOrEqual(1);
        expect(report.problems[0].source).toBe('config');
        expect(['unreadable_store', 'malformed_store']).toContain(report.problems[0].code);
        if (name !== 'parent is a file (ENOTDIR)') expect(report.problems[0].code).toBe(b.code);
        // The env key is still checked, and works.
        expect(report.profiles.map((p: any) => [p.id, p.verdict])).toEqual([['env/ANTHROPIC_API_KEY', 'works']]);
        expect(r.code).toBe(0);
        expect(performance.now() - started).toBeLessThan(8000);
      } finally {
        await api.close();
        cleanup();
      }
    });
  }
});

describe('a check that throws', { timeout: 30_000 }, () => {
  it('becomes that profile’s internal_error; the other profiles finish', async () => {
    const { runProfiles } = await import('../../src/run.js');
    const { anthropic } = await import('../../src/providers/anthropic/index.js');
    const { createHttpClient } = await import('../../src/net/http.js');
    const { newProbeCaches } = await import('../../src/providers/types.js');
    const api = await startHttp(behaviours.ok());
    const real = anthropic.validity.bind(anthropic);
    const doomed = fakeSecret('sk-ant-api03-');
    const spy = vi.spyOn(anthropic, 'validity').mockImplementation(async (ctx, cred) => {
      if (cred.classification.value === doomed) throw new TypeError("Cannot read properties of undefined (reading 'data')");
      return real(ctx, cred);
    });
    try {
      const profiles = [fakeSecret('sk-ant-api03-'), doomed, fakeSecret('sk-ant-api03-')].map((secret, i) => ({
        id: `config/p${i}`,
        name: `p${i}`,
        provider: 'anthropic',
        source: { type: 'config' as const, location: 'test' },
        secret,
        metadata: {},
      }));
      const reports = await runProfiles(profiles, {
        checks: { offline: false, quota: true, inference: false },
        run: { http: createHttpClient({ maxBodyBytes: 1 << 20 }), timeoutMs: 3000, now: () => new Date(), env: {}, userAgent: 'test', ...newProbeCaches() },
        endpoints: () => ({ baseUrls: { anthropic: api.url } }),
        concurrency: 2,
        now: () => new Date(),
      });
      const validity = reports.map((r) => r.checks.find((c) => c.id === 'validity')!);
      expect(validity.map((v) => [v.status, v.code])).toEqual([
        ['pass', 'authenticated'],
        ['error', 'internal_error'],
        ['pass', 'authenticated'],
      ]);
      expect(reports.map((r) => r.verdict)).toEqual(['works', 'unknown', 'works']);
    } finally {
      spy.mockRestore();
      await api.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Never write: every store file byte-identical, same mtime, no file added or removed, after
// `check`, `profiles` and `report`, whatever failed.

function snapshot(root: string): Map<string, { bytes: string; mtimeMs: number; mode: number }> {
  const out = new Map<string, { bytes: string; mtimeMs: number; mode: number }>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      // The compile cache of authdoctor's own code is the one thing a run may write (helpers/files.ts).
      if (isOwnCache(path.relative(root, p))) continue;
      if (e.isDirectory()) {
        if (!leadsToOwnCache(path.relative(root, p))) out.set(p + '/', { bytes: '', mtimeMs: statSync(p).mtimeMs, mode: statSync(p).mode });
        walk(p);
      } else if (e.isFile()) {
        const st = statSync(p);
        out.set(p, { bytes: readFileSync(p).toString('base64'), mtimeMs: st.mtimeMs, mode: st.mode });
      }
    }
  };
  walk(root);
  return out;
}

describe('never write', { timeout: 30_000 }, () => {
  it('stores are byte-identical with the same mtime after check, profiles and report, with failures', async () => {
    const { home, cleanup } = tempHome();
    // Every request fails in a different way: a 401, a 500 (retried), a 429 and an HTML page.
    const api = await startHttp((req, res, hit) =>
      [behaviours.status(401), behaviours.status(500), behaviours.status(429, { 'retry-after': '1' }), behaviours.html()][hit % 4]!(req, res, hit),
    );
    try {
      const cfg = path.join(home, '.config', 'authdoctor');
      mkdirSync(cfg, { recursive: true });
      writeFileSync(path.join(home, 'key.txt'), fakeSecret('sk-ant-api03-') + '\n', { mode: 0o644 });
      writeFileSync(
        path.join(cfg, 'profiles.json'),
        JSON.stringify({ version: 1, profiles: { a: { value: fakeSecret('sk-ant-api03-') }, b: { file: '~/key.txt' }, c: { value: 'sk-ant-ort01-' + 'x'.repeat(40) }, d: { env: 'NOPE' } } }),
        { mode: 0o644 },
      );
      mkdirSync(path.join(home, '.claude'));
      writeFileSync(
        path.join(home, '.claude', '.credentials.json'),
        JSON.stringify({ claudeAiOauth: { accessToken: fakeSecret('sk-ant-oat01-'), refreshToken: fakeSecret('sk-ant-ort01-'), expiresAt: Date.now() - 60_000, scopes: ['user:inference'] } }),
        { mode: 0o600 },
      );
      const agent = path.join(home, '.openclaw', 'agents', 'main', 'agent');
      mkdirSync(agent, { recursive: true });
      writeFileSync(
        path.join(agent, 'auth-profiles.json'),
        JSON.stringify({ version: 1, profiles: { 'anthropic:default': { type: 'oauth', provider: 'anthropic', access: fakeSecret('sk-ant-oat01-'), refresh: fakeSecret('sk-ant-ort01-'), expires: 1 } } }),
      );
      writeFileSync(path.join(home, '.openclaw', 'openclaw.json'), '{ auth: { profiles: {} }, }');
      // mtimes in the past, so a rewrite within the same second would still show.
      const past = new Date(Date.now() - 3_600_000);
      const { utimesSync } = await import('node:fs');
      for (const p of snapshot(home).keys()) utimesSync(p.replace(/\/$/, ''), past, past);
      const before = snapshot(home);

      const env = { ANTHROPIC_API_KEY: fakeSecret('sk-ant-api03-'), XDG_CONFIG_HOME: path.join(home, '.config') };
      const runs = [
        ['check', '--base-url', api.url, '--timeout', '2000'],
        ['check', '--json', '--inference', '--base-url', api.url, '--timeout', '2000'],
        ['check', '--offline'],
        ['profiles'],
        ['profiles', '--json'],
        ['report', '--base-url', api.url, '--timeout', '2000'],
      ];
      for (const args of runs) {
        const r = await runCli(args, { home, env });
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).not.toBe(2);
      }
      expect(api.hits).toBeGreaterThan(0);
      const after = snapshot(home);
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [p, b] of before) expect(after.get(p), p).toEqual(b);
    } finally {
      await api.close();
      cleanup();
    }
  }, 30_000);
});
