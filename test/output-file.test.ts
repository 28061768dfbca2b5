// Issue 14: `--output` replaces the file atomically. A reader sees the old file or the new one, never
// a part; no temporary file is left behind, whether the write fails, the run is interrupted (Ctrl-C) or
// the process exits in the middle of the write; with --output nothing of the report goes to stdout.

import { spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/commands/output-file.js';
import { BIN, cleanEnv, fakeSecret, ROOT, runCli, tempHome } from './helpers/cli.js';
import { behaviours, json, MODELS_OK, startHttp } from './faults/servers.js';

const { home, cleanup } = tempHome();
afterAll(cleanup);

let dirs = 0;
/** A fresh directory for one test's output. */
function outDir(): string {
  const dir = path.join(home, `out-${++dirs}`);
  mkdirSync(dir);
  return dir;
}

/** A profiles file of `n` well-formed keys: checked --offline, every run's output is the same size. */
function profilesFile(n: number): string {
  const file = path.join(home, `profiles-${n}.json`);
  if (!existsSync(file)) {
    const profiles = Object.fromEntries(Array.from({ length: n }, (_, i) => [`key-${i}`, { value: fakeSecret('sk-ant-api03-') }]));
    writeFileSync(file, JSON.stringify({ version: 1, profiles }), { mode: 0o600 });
  }
  return file;
}

const offline = (n: number) => ['check', '--offline', '--source', 'config', '--config', profilesFile(n)];

describe('writeFileAtomic', () => {
  it('replaces the file, keeps its permission bits, and leaves nothing else', async () => {
    const dir = outDir();
    const file = path.join(dir, 'metrics.prom');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['metrics.prom']);
  });

  it('writes through a symbolic link to its target, and refuses what is not a regular file', async () => {
    const dir = outDir();
    writeFileSync(path.join(dir, 'target.prom'), 'old');
    symlinkSync('target.prom', path.join(dir, 'link.prom'));
    await writeFileAtomic(path.join(dir, 'link.prom'), 'new');
    expect(lstatSync(path.join(dir, 'link.prom')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'target.prom'), 'utf8')).toBe('new');
    mkdirSync(path.join(dir, 'sub'));
    await expect(writeFileAtomic(path.join(dir, 'sub'), 'x')).rejects.toThrow('not a regular file');
    expect(readdirSync(dir).sort()).toEqual(['link.prom', 'sub', 'target.prom']);
    expect(readdirSync(path.join(dir, 'sub'))).toEqual([]);
  });

  it('leaves no temporary file when the process exits in the middle of the write (a second Ctrl-C)', async () => {
    const dir = outDir();
    // The module as the CLI runs it, in a process of its own that exits while its temporary file exists.
    const module = path.join(dir, '..', 'output-file.mjs');
    buildSync({ entryPoints: [path.join(ROOT, 'src/commands/output-file.ts')], bundle: true, platform: 'node', format: 'esm', outfile: module, logLevel: 'silent' });
    const script = `
      import { readdirSync } from 'node:fs';
      import { writeFileAtomic } from ${JSON.stringify(module)};
      const dir = ${JSON.stringify(dir)};
      writeFileAtomic(dir + '/metrics.prom', 'x'.repeat(256 * 1024 * 1024)).then(() => process.exit(99));
      setInterval(() => { if (readdirSync(dir).some((n) => n.endsWith('.tmp'))) process.exit(130); }, 0);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);
});

describe('check --output', { timeout: 60_000 }, () => {
  it('--format openmetrics: the file, nothing on stdout, where it went on stderr (not with --quiet)', async () => {
    const dir = outDir();
    const file = path.join(dir, 'authdoctor.prom');
    const r = await runCli([...offline(2), '--format', 'openmetrics', '--output', file], { home });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/authdoctor\.prom \(exit 3\)/);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# TYPE authdoctor_profile_works gauge\n[^]*\nauthdoctor_exit_code 3\n# EOF\n$/);
    const quiet = await runCli([...offline(2), '--format', 'openmetrics', '--output', file, '--quiet'], { home });
    expect([quiet.code, quiet.stdout, quiet.stderr]).toEqual([3, '', '']);
    expect(readdirSync(dir)).toEqual(['authdoctor.prom']);
  });

  it('human: the whole report in the file, without colour even when stdout would have it', async () => {
    const file = path.join(outDir(), 'report.txt');
    const r = await runCli([...offline(2), '--output', file], { home, env: { FORCE_COLOR: undefined } });
    expect([r.code, r.stdout]).toEqual([3, '']);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('config/key-0');
    expect(text).toMatch(/^2 profiles: .*exit 3/m);
    expect(text).not.toContain('\u001b[');
  });

  it('--json with another --format is a usage error (JSON on stdout, as for --format json); with --output, stdout stays empty and no file is made', async () => {
    const r = await runCli([...offline(1), '--json', '--format', 'openmetrics'], { home });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'usage_error' }, exitCode: 2 });
    const viaFormat = await runCli([...offline(1), '--format', 'json', '--timeout', '0'], { home });
    expect(viaFormat.code).toBe(2);
    expect(JSON.parse(viaFormat.stdout)).toMatchObject({ error: { code: 'usage_error' }, exitCode: 2 });
    const same = await runCli([...offline(1), '--json', '--format', 'json'], { home });
    expect(same.code).toBe(3);
    expect(JSON.parse(same.stdout).exitCode).toBe(3);
    const dir = outDir();
    const toFile = await runCli([...offline(1), '--json', '--format', 'human', '--output', path.join(dir, 'r.json')], { home });
    expect([toFile.code, toFile.stdout]).toEqual([2, '']);
    expect(readdirSync(dir)).toEqual([]);
    const unknown = await runCli([...offline(1), '--format', 'prometheus'], { home });
    expect([unknown.code, unknown.stdout]).toEqual([2, '']);
  });

  it('a directory or a missing directory as --output: exit 2, a clear message, stdout empty, nothing left behind', async () => {
    const dir = outDir();
    mkdirSync(path.join(dir, 'taken'));
    const intoDir = await runCli([...offline(1), '--format', 'json', '--output', path.join(dir, 'taken')], { home });
    expect([intoDir.code, intoDir.stdout]).toEqual([2, '']);
    expect(intoDir.stderr).toMatch(/--output .*taken: not a regular file/);
    const missing = await runCli([...offline(1), '--format', 'json', '--output', path.join(dir, 'no', 'such', 'r.json')], { home });
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toMatch(/--output .*r\.json: ENOENT: no such file or directory/);
    expect(missing.stderr).not.toContain('.tmp');
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('a write that fails half-way (file size limit): exit 2, the old file intact, no temporary file', async () => {
    const dir = outDir();
    const file = path.join(dir, 'authdoctor.prom');
    writeFileSync(file, 'the previous run\n');
    // `ulimit -f 1`: writes past 1 KiB fail with EFBIG (Node ignores SIGXFSZ), after the temporary file exists.
    const child = spawn('bash', ['-c', 'ulimit -f 1; exec "$0" "$@"', process.execPath, BIN, ...offline(20), '--format', 'openmetrics', '--output', file], { env: cleanEnv(home), cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/--output .*authdoctor\.prom: EFBIG/);
    expect(readFileSync(file, 'utf8')).toBe('the previous run\n');
    expect(readdirSync(dir)).toEqual(['authdoctor.prom']);
  });

  it('a reader polling the file during repeated runs never sees a partial file', async () => {
    const dir = outDir();
    const file = path.join(dir, 'authdoctor.prom');
    const args = [...offline(200), '--format', 'openmetrics', '--output', file, '--quiet'];
    let stop = false;
    let reads = 0;
    const partial: string[] = [];
    const reader = (async () => {
      while (!stop) {
        try {
          const text = readFileSync(file, 'utf8');
          reads++;
          if (!text.startsWith('# TYPE authdoctor_profile_works gauge\n') || !text.endsWith('\n# EOF\n')) partial.push(`${text.length} bytes: …${text.slice(-40)}`);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    const writer = async () => {
      for (let i = 0; i < 4; i++) expect((await runCli(args, { home })).code).toBe(3);
    };
    try {
      await Promise.all([writer(), writer()]);
    } finally {
      stop = true;
      await reader;
    }
    expect(partial).toEqual([]);
    expect(reads).toBeGreaterThan(50);
    expect(readdirSync(dir)).toEqual(['authdoctor.prom']);
  });
});

describe('check --output and Ctrl-C', { timeout: 30_000 }, () => {
  /** A run of three profiles where the second request hangs; `signals` are sent once it arrived, `gapMs` apart. */
  async function interrupt(extra: string[], signals: number, gapMs = 0) {
    let arrived!: () => void;
    const second = new Promise<void>((r) => (arrived = r));
    const api = await startHttp((req, res, hit) => {
      if (hit === 1) return json(res, 200, MODELS_OK);
      arrived();
      behaviours.silent()(req, res, hit);
    });
    try {
      const cfg = path.join(home, 'sigint-profiles.json');
      writeFileSync(cfg, JSON.stringify({ version: 1, profiles: { first: { value: fakeSecret('sk-ant-api03-') }, second: { value: fakeSecret('sk-ant-api03-') }, third: { value: fakeSecret('sk-ant-api03-') } } }), { mode: 0o600 });
      const args = ['check', '--config', cfg, '--source', 'config', '--base-url', api.url, '--concurrency', '1', '--timeout', '20000', ...extra];
      const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('close', (code, signal) => r({ code, signal })));
      await second;
      for (let i = 0; i < signals; i++) {
        if (i) await new Promise((r) => setTimeout(r, gapMs));
        child.kill('SIGINT');
      }
      return { ...(await closed), stdout };
    } finally {
      await api.close();
    }
  }

  it('one Ctrl-C: exit 130, what finished is written (its exit code 130), nothing else in the directory', async () => {
    const dir = outDir();
    const file = path.join(dir, 'r.json');
    const r = await interrupt(['--format', 'json', '--output', file], 1);
    expect([r.code, r.stdout]).toEqual([130, '']);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.exitCode).toBe(130);
    expect(report.profiles.find((p: { id: string }) => p.id === 'config/first').verdict).toBe('works');
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('two Ctrl-C at any moment around the write: no temporary file, whatever the timing', async () => {
    for (const gapMs of [0, 1, 3, 8, 20]) {
      const dir = outDir();
      const r = await interrupt(['--format', 'openmetrics', '--output', path.join(dir, 'm.prom')], 2, gapMs);
      // 130 from the CLI; or, for a second Ctrl-C after the run let go of the signal, killed by it (130 to a shell too).
      expect(r.code === 130 || r.signal === 'SIGINT', `exit ${r.code} ${r.signal}`).toBe(true);
      expect(readdirSync(dir).filter((n) => n !== 'm.prom')).toEqual([]);
    }
  });
});
