// `authdoctor demo` end to end: the built CLI, spawned as a user runs it, must show every outcome it
// is meant to show, exit 0, talk only to its loopback simulator and never read the user's credentials.

import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAnthropic } from '../src/providers/anthropic/index.js';
import { demoProfiles, demoSecret, demoSimCredentials, demoSimKeys } from '../src/demo/profiles.js';
import { PROVIDER_METAS } from '../src/providers/registry.js';
import type { Report } from '../src/types.js';
import { BIN, cleanEnv, fakeSecret, runCli, tempHome, type RunResult } from './helpers/cli.js';
import { schemaErrors } from './helpers/schema.js';

/** Anything credential-shaped: a redacted value (`sk-ant-api03-…DEMO`) never matches. */
const CREDENTIAL = /sk-ant-[a-z]+\d*-[A-Za-z0-9_-]{8,}/;
const EXPECTED = demoProfiles(new Date());

describe('demo sample set', () => {
  it('covers every verdict and the outcomes the issue lists', () => {
    expect(new Set(EXPECTED.map((p) => p.expect.verdict))).toEqual(new Set(['works', 'broken', 'unknown']));
    const codes = EXPECTED.flatMap((p) => Object.values(p.expect.codes));
    for (const code of [
      'no_quota_endpoint',
      'invalid_credential',
      'scope_missing',
      'near_limit',
      'expired_refreshable',
      'cost_report',
      'rate_limited',
      'provider_unavailable',
      'refresh_token_not_access_token',
      'usage',
      'key_limit',
      'limit_reached',
      'service_blocked',
    ]) {
      expect(codes).toContain(code);
    }
  });

  it('makes fresh, obviously fake, well-formed secrets each run', () => {
    const a = demoSecret('sk-ant-api03-');
    const b = demoSecret('sk-ant-api03-');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^sk-ant-api03-DEMO[A-Za-z0-9]{40}DEMO$/);
    // Well-formed: the real classification accepts it, so the demo exercises the real checks.
    expect(classifyAnthropic(a)).toMatchObject({ kind: 'api_key', status: 'pass', code: 'recognized' });
    const again = demoProfiles(new Date());
    expect(again.map((p) => p.secret)).not.toEqual(EXPECTED.map((p) => p.secret));
  });

  it('the simulators know only the samples meant to be sent', () => {
    const known = [...Object.keys(demoSimCredentials(EXPECTED)), ...Object.values(demoSimKeys(EXPECTED)).flatMap((keys) => Object.keys(keys))];
    expect(known.sort()).toEqual(EXPECTED.filter((p) => p.sim).map((p) => p.secret).sort());
  });
});

describe('authdoctor demo (spawned)', () => {
  const { home, cleanup } = tempHome();
  let json: RunResult;
  let human: RunResult;
  let report: Report;

  beforeAll(async () => {
    [json, human] = await Promise.all([runCli(['demo', '--json'], { home }), runCli(['demo', '--no-color'], { home })]);
    report = JSON.parse(json.stdout) as Report;
  });
  afterAll(cleanup);

  it('--json: exits 0, prints one schema-valid report that says it is a simulation on stderr', () => {
    expect(json.code).toBe(0);
    expect(schemaErrors(report)).toBe('');
    // The report's exitCode is what `check` would exit with on this sample: something is broken.
    expect(report.exitCode).toBe(1);
    expect(json.stderr).toMatch(/simulat/i);
  });

  it('--json: every sample profile has the verdict and codes it is meant to show', () => {
    expect(report.profiles.map((p) => p.id).sort()).toEqual(EXPECTED.map((p) => p.id).sort());
    for (const want of EXPECTED) {
      const got = report.profiles.find((p) => p.id === want.id)!;
      expect(got.verdict, want.id).toBe(want.expect.verdict);
      for (const [check, code] of Object.entries(want.expect.codes)) {
        expect(got.checks.find((c) => c.id === check)?.code, `${want.id} ${check}`).toBe(code);
      }
    }
    const count = (v: string) => EXPECTED.filter((p) => p.expect.verdict === v).length;
    expect(report.summary).toMatchObject({ profiles: EXPECTED.length, works: count('works'), broken: count('broken'), unknown: count('unknown'), skipped: 0 });
    expect(new Set(report.profiles.map((p) => p.provider)), 'at least one result per provider').toEqual(new Set(PROVIDER_METAS.map((m) => m.id)));
    const quota = report.profiles.find((p) => p.id === 'env/ANTHROPIC_API_KEY')!.checks.find((c) => c.id === 'quota')!;
    expect(quota.data?.rateLimits).toBeTruthy();
  });

  it('human: exits 0, labelled a simulation, every profile and verdict printed in the JSON order', () => {
    expect(human.code).toBe(0);
    expect(human.stdout.split('\n')[0]).toMatch(/simulat/i);
    const positions = report.profiles.map((p) => human.stdout.indexOf(` ${p.id} `));
    for (const pos of positions) expect(pos).toBeGreaterThan(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const verdict of ['works', 'broken', 'unknown']) expect(human.stdout).toMatch(new RegExp(`^\\S+ ${verdict} `, 'm'));
  });

  // Issue 13, item 4: quiet used to drop the reasons (and the profiles that only warned).
  it('--quiet: every profile that needs attention, each with the lines that say why, and the summary', async () => {
    const quiet = await runCli(['demo', '--quiet', '--no-color'], { home });
    expect(quiet.code).toBe(0);
    const blocks = new Map(quiet.stdout.split('\n\n').map((b) => [/^\S+ +\w+ +(\S+)/.exec(b)?.[1], b] as const));
    for (const p of report.profiles) {
      const why = p.checks.filter((c) => c.status === 'fail' || c.status === 'warn' || c.status === 'error');
      const needsAttention = p.verdict === 'broken' || p.verdict === 'unknown' || why.length > 0;
      expect(blocks.has(p.id), p.id).toBe(needsAttention);
      if (!needsAttention) continue;
      const block = blocks.get(p.id)!;
      for (const c of why) {
        expect(block, `${p.id} ${c.id}`).toMatch(new RegExp(`^ +\\S ${c.id} `, 'm'));
        if (c.hint) expect(block, `${p.id} ${c.id} hint`).toContain(`→ ${c.hint}`);
      }
      // An unverified profile says why it is unverified, even when nothing failed.
      if (p.verdict === 'unknown') expect(block, p.id).toMatch(/^ +\S validity /m);
    }
    expect(quiet.stdout).toMatch(/^\d+ profiles: .*exit 1\)$/m);
  });

  it('prints no credential, only redacted fake ones', () => {
    for (const text of [json.stdout, json.stderr, human.stdout, human.stderr]) expect(text).not.toMatch(CREDENTIAL);
    // Every sample is obviously fake: `…DEMO`, or `…beef` where the shape allows hex digits only.
    for (const p of report.profiles) expect(p.credential.redacted).toMatch(/…(DEMO|beef)$/);
  });

  it('sends every request to its loopback simulator and nowhere else', async () => {
    const verbose = await runCli(['demo', '--verbose', '--no-color'], { home });
    expect(verbose.code).toBe(0);
    const urls = verbose.stderr.split('\n').filter((l) => l.startsWith('→ ')).map((l) => new URL(l.split(' ')[2]!));
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const u of urls) expect(u.hostname).toBe('127.0.0.1');
  });

  it("never reads the user's own credentials, whatever the environment and home hold", async () => {
    const mine = tempHome();
    try {
      const userKey = fakeSecret('sk-ant-api03-');
      const fileKey = fakeSecret('sk-ant-api03-');
      const claudeToken = fakeSecret('sk-ant-oat01-');
      mkdirSync(path.join(mine.home, '.config', 'authdoctor'), { recursive: true });
      writeFileSync(path.join(mine.home, '.config', 'authdoctor', 'profiles.json'), JSON.stringify({ version: 1, profiles: { mine: { value: fileKey } } }), { mode: 0o600 });
      mkdirSync(path.join(mine.home, '.claude'), { recursive: true });
      writeFileSync(
        path.join(mine.home, '.claude', '.credentials.json'),
        JSON.stringify({ claudeAiOauth: { accessToken: claudeToken, refreshToken: fakeSecret('sk-ant-ort01-'), expiresAt: Date.now() + 3_600_000, scopes: ['user:inference', 'user:profile'] } }),
        { mode: 0o600 },
      );
      const r = await runCli(['demo', '--json'], {
        home: mine.home,
        // An unreachable base URL: were the demo to honour it, validity would come back as an error.
        env: { ANTHROPIC_API_KEY: userKey, ANTHROPIC_BASE_URL: 'https://192.0.2.1' },
      });
      expect(r.code).toBe(0);
      const ids = (JSON.parse(r.stdout) as Report).profiles.map((p) => p.id).sort();
      expect(ids).toEqual(EXPECTED.map((p) => p.id).sort());
      const apiKey = (JSON.parse(r.stdout) as Report).profiles.find((p) => p.id === 'env/ANTHROPIC_API_KEY')!;
      expect(apiKey.verdict).toBe('works');
      expect(apiKey.credential.redacted).toMatch(/…DEMO$/);
    } finally {
      mine.cleanup();
    }
  });

  it('rejects flags that would point it elsewhere (usage error, exit 2)', async () => {
    for (const args of [['demo', '--config', 'x.json'], ['demo', '--key-stdin'], ['demo', '--base-url', 'https://api.anthropic.com']]) {
      const r = await runCli(args, { home });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});

describe('authdoctor demo and Ctrl-C', () => {
  // The demo writes its sample profiles (fake secrets) to a temporary folder. A first Ctrl-C ends the
  // run and its cleanup; a second one leaves at once: the folder must go either way.
  it('removes its temporary profiles file when a second Ctrl-C leaves at once', async () => {
    const { home, cleanup } = tempHome();
    const tmp = path.join(home, 'tmp');
    mkdirSync(tmp);
    try {
      const child = spawn(process.execPath, [BIN, 'demo', '--no-color'], { env: cleanEnv(home, { TMPDIR: tmp }), stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      const started = Date.now();
      while (readdirSync(tmp).length === 0 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 10));
      expect(readdirSync(tmp)).toHaveLength(1);
      // Apart, or the system merges the two signals into one.
      child.kill('SIGINT');
      await new Promise((r) => setTimeout(r, 5));
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
