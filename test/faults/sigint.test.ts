// Issue 4, item 6: Ctrl-C (SIGINT) stops promptly, prints what finished, and exits 130.
// Issue 13, item 2: what did not finish is there too, marked interrupted, and the report says 130.

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, fakeSecret, tempHome } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
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
  it('human output: exits 130 within a second; what finished is printed, the rest reads as interrupted', async () => {
    const r = await interrupted([]);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stopMs).toBeLessThan(1000);
    expect(r.stdout).toMatch(/^✔ works +config\/first/m);
    // The third profile was never started: nothing was sent for it, and it is listed as unfinished.
    expect(r.hits).toBe(2);
    for (const id of ['second', 'third']) expect(r.stdout).toMatch(new RegExp(`^\\? unknown config/${id}[^]*?not finished \\(`, 'm'));
    expect(r.stdout).not.toMatch(/network_error|interrupted before an answer/);
    // The summary says what the process says.
    expect(r.stdout).toMatch(/^3 profiles: 1 works · 0 broken · 2 unknown — interrupted, 2 not finished .*exit 130\)$/m);
  }, 20_000);

  it('--json: exits 130 within a second; exitCode 130, unfinished checks `skip`/`interrupted`', async () => {
    const r = await interrupted(['--json']);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stopMs).toBeLessThan(1000);
    const report = JSON.parse(r.stdout);
    expect(schemaErrors(report)).toBe('');
    expect(report.exitCode).toBe(130);
    const byId = Object.fromEntries(report.profiles.map((p: any) => [p.id, p]));
    expect(Object.keys(byId)).toEqual(['config/first', 'config/second', 'config/third']);
    expect(byId['config/first'].verdict).toBe('works');
    // The second was mid-request: what ran before stays, the request and what follows are interrupted.
    const second = Object.fromEntries(byId['config/second'].checks.map((c: any) => [c.id, `${c.status}/${c.code}`]));
    expect(second).toEqual({ format: 'pass/recognized', expiry: 'skip/not_applicable', validity: 'skip/interrupted', quota: 'skip/interrupted', inference: 'skip/interrupted' });
    expect(byId['config/third'].checks.map((c: any) => c.code)).toEqual(Array(5).fill('interrupted'));
    // An interrupted profile never says the credential is bad: it is unknown.
    for (const id of ['config/second', 'config/third']) expect(byId[id].verdict).toBe('unknown');
  }, 20_000);
});
