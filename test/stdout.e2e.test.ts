// How the CLI writes its output (src/render/output.ts): to a file at once, to a pipe one write at a
// time without stalling the run when nobody reads, through Node's stream once a non-blocking pipe is
// full; every byte, in order. And a write that fails is said, with exit 2.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startAnthropicSim } from '../src/sim/anthropic.js';
import { BIN, cleanEnv, fakeSecret, tempHome } from './helpers/cli.js';

const { home, cleanup } = tempHome();
afterAll(cleanup);

/** A profiles file of `n` keys, for an output far larger than a pipe holds (64 KiB on Linux). */
function manyKeys(n: number, keys: string[] = Array.from({ length: n }, () => fakeSecret('sk-ant-api03-'))): string {
  const profiles = Object.fromEntries(keys.map((value, i) => [`p${String(i).padStart(4, '0')}`, { value }]));
  const file = path.join(home, `keys-${n}-${process.hrtime.bigint()}.json`);
  writeFileSync(file, JSON.stringify({ version: 1, profiles }), { mode: 0o600 });
  return file;
}

/**
 * Runs the CLI with stdout on a pipe this side leaves unread for a while, so that it fills.
 * With `nonBlocking`, a preload builds process.stdout first, which (for a pipe) makes the descriptor
 * non-blocking, as any code that touched process.stdout would: a write then meets EAGAIN once the
 * pipe is full. The preload notes that in a file, and reading starts only then (or when the run
 * ends, or after `stallMs`): the tests check that the case they are about did happen.
 */
function runStalled(args: string[], stallMs: number, nonBlocking = true): Promise<{ code: number | null; stdout: string; stderr: string; eagain: boolean }> {
  const marker = path.join(home, `eagain-${process.hrtime.bigint()}`);
  const preload = path.join(home, `touch-stdout-${process.hrtime.bigint()}.mjs`);
  writeFileSync(
    preload,
    `import fs from 'node:fs';
process.stdout;
if ((parseInt(/flags:\\s*(\\d+)/.exec(fs.readFileSync('/proc/self/fdinfo/1', 'utf8'))[1], 8) & 0o4000) === 0) throw new Error('stdout is not non-blocking');
const write = fs.write;
fs.write = function (fd, ...rest) {
  const done = rest.pop();
  return write.call(this, fd, ...rest, (err, ...more) => {
    if (fd === 1 && err?.code === 'EAGAIN') fs.writeFileSync(${JSON.stringify(marker)}, '');
    done(err, ...more);
  });
};\n`,
  );
  const env = cleanEnv(home);
  if (nonBlocking) env.NODE_OPTIONS = `${env.NODE_OPTIONS} --import=${pathToFileURL(preload).href}`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    let reading = false;
    const read = () => {
      if (reading) return;
      reading = true;
      clearInterval(poll);
      child.stdout.on('data', (d: Buffer) => out.push(d));
    };
    const started = Date.now();
    const poll = setInterval(() => {
      if ((nonBlocking && existsSync(marker)) || Date.now() - started > stallMs) read();
    }, 20);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('exit', read);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr, eagain: existsSync(marker) }));
  });
}

describe.skipIf(process.platform !== 'linux')('stdout on a full non-blocking pipe', () => {
  it('hands the rest to Node’s stream and loses nothing: the JSON parses, the exit code is the run’s', async () => {
    const file = manyKeys(1500);
    const r = await runStalled(['check', '--offline', '--json', '--source', 'config', '--config', file], 10_000);
    // The case this test is about did happen: a write met a full non-blocking pipe.
    expect(r.eagain).toBe(true);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    expect(r.stdout.length).toBeGreaterThan(256 * 1024);
    const report = JSON.parse(r.stdout) as { summary: { profiles: number }; profiles: { id: string }[] };
    expect(report.summary.profiles).toBe(1500);
    expect(report.profiles.map((p) => p.id)).toEqual(Array.from({ length: 1500 }, (_, i) => `config/p${String(i).padStart(4, '0')}`));
  });

  // 3,000 profiles: some 580 KB, more than the socket pair Node's `pipe` gives holds (~200 KB each way here).
  it('keeps the order of the human report, written profile by profile', async () => {
    const file = manyKeys(3000);
    const r = await runStalled(['check', '--offline', '--no-color', '--source', 'config', '--config', file], 10_000);
    expect(r.eagain).toBe(true);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    const ids = [...r.stdout.matchAll(/^\S+ \S+ (config\/p\d{4})/gm)].map((m) => m[1]);
    expect(ids).toEqual(Array.from({ length: 3000 }, (_, i) => `config/p${String(i).padStart(4, '0')}`));
    expect(r.stdout).toMatch(/3000 profiles: .*\(\d+ ms, exit 3\)\n$/);
  });
});

describe.skipIf(process.platform !== 'linux')('stdout on a pipe nobody reads yet', () => {
  // The pipe holds 64 KiB; the rest waits for the reader. It must wait without stopping the run: the
  // answers still come in, and no check runs out of time because printing was stuck.
  it('does not stall the checks: every key works, within --timeout, and all of it arrives', async () => {
    const keys = Array.from({ length: 400 }, () => fakeSecret('sk-ant-api03-'));
    const sim = await startAnthropicSim({ credentials: Object.fromEntries(keys.map((k) => [k, { kind: 'api_key' as const }])), latencyMs: 200 });
    try {
      const file = manyKeys(keys.length, keys);
      const args = ['check', '--no-quota', '--no-color', '--concurrency', '64', '--timeout', '1500', '--base-url', sim.url, '--source', 'config', '--config', file];
      const r = await runStalled(args, 3000, false);
      expect(r.stderr).toBe('');
      expect(r.stdout.length).toBeGreaterThan(64 * 1024);
      expect(r.stdout).toMatch(/400 profiles: 400 work · 0 broken · 0 unknown/);
      expect(r.code).toBe(0);
    } finally {
      await sim.close();
    }
  });
});

describe.skipIf(!existsSync('/dev/full'))('a write that fails', () => {
  it('is said on stderr and ends the run with exit 2, whatever the checks found', () => {
    const env = cleanEnv(home, { ANTHROPIC_API_KEY: fakeSecret('sk-ant-api03-') });
    for (const args of [['check', '--offline'], ['check', '--offline', '--json']]) {
      const r = spawnSync(process.execPath, [BIN, ...args], { env, cwd: home, encoding: 'utf8', stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'] });
      // One line naming the cause (the rest of the wording is Node's).
      expect(r.stderr).toMatch(/^authdoctor: cannot write to stdout: ENOSPC\b[^\n]*\n$/);
      expect(r.status).toBe(2);
    }
  });
});
