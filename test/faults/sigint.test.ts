// Issue 4, item 6: Ctrl-C (SIGINT) stops promptly, prints what finished, and exits 130.

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, fakeSecret, tempHome } from '../helpers/cli.js';
import { behaviours, MODELS_OK, json, startHttp } from './servers.js';

async function interrupted(extraArgs: string[]) {
  const { home, cleanup } = tempHome();
  // The first profile is answered at once; the second hangs, so the run is mid-request at Ctrl-C.
  let arrived: () => void;
  const secondArrived = new Promise<void>((r) => (arrived = r));
  const api = await startHttp((req, res, hit) => {
    if (hit === 1) return json(res, 200, MODELS_OK);
    arrived();
    behaviours.silent()(req, res, hit);
  });
  try {
    const cfg = path.join(home, 'profiles.json');
    writeFileSync(cfg, JSON.stringify({ version: 1, profiles: { first: { value: fakeSecret('sk-ant-api03-') }, second: { value: fakeSecret('sk-ant-api03-') }, third: { value: fakeSecret('sk-ant-api03-') } } }), { mode: 0o600 });
    const child = spawn(process.execPath, [BIN, 'check', '--config', cfg, '--source', 'config', '--base-url', api.url, '--concurrency', '1', '--timeout', '20000', '--no-color', ...extraArgs], {
      env: cleanEnv(home),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await secondArrived;
    const sent = performance.now();
    child.kill('SIGINT');
    const code = await exited;
    clearTimeout(killer);
    return { code, stdout, stderr, stopMs: performance.now() - sent, hits: api.hits };
  } finally {
    await api.close();
    cleanup();
  }
}

describe.concurrent('SIGINT', { timeout: 30_000 }, () => {
  it('human output: exits 130 within a second, with the finished profile printed', async () => {
    const r = await interrupted([]);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stopMs).toBeLessThan(1000);
    expect(r.stdout).toContain('config/first');
    // The third profile was never started.
    expect(r.hits).toBe(2);
    expect(r.stdout).not.toContain('config/third');
  }, 20_000);

  it('--json: exits 130 within a second, with a JSON report of what finished', async () => {
    const r = await interrupted(['--json']);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stopMs).toBeLessThan(1000);
    const report = JSON.parse(r.stdout);
    expect(report.exitCode).toBe(130);
    const first = report.profiles.find((p: any) => p.id === 'config/first');
    expect(first.verdict).toBe('works');
    expect(report.profiles.map((p: any) => p.id)).not.toContain('config/third');
    // An interrupted profile never says the credential is bad.
    for (const p of report.profiles) expect(p.verdict).not.toBe('broken');
  }, 20_000);
});
