// Issue 14: `check --format openmetrics` parses strictly (the Prometheus project's own parser) and says
// what `--json` says, run on the same fixtures against the simulators: the demo's sample profiles (every
// verdict, quota windows, spend, a balance, a stored expiry) and profiles named with quotes, backslashes,
// line feeds and a tab.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEnv, demoProfiles, demoProfilesFile, demoSecret, demoSimCredentials, demoSimKeys } from '../src/demo/profiles.js';
import { startAnthropicSim, type SimServer } from '../src/sim/anthropic.js';
import { SIM_PROVIDERS, simFamilyUrls } from '../src/sim/providers.js';
import { startProviderSim, type ProviderSimServer } from '../src/sim/server.js';
import type { ProfileReport, Report } from '../src/types.js';
import { leakedWindows, ROOT, runCli, tempHome, type RunResult } from './helpers/cli.js';
import { parseOpenMetrics, runParserTests, samplesOf, type OmFamily, type OmSample } from './helpers/openmetrics.js';
import { baseUrlFlags } from './helpers/provider-sim.js';
import { schemaErrors } from './helpers/schema.js';

const PROFILES = demoProfiles(new Date());
/** Names a store may hold: the exposition escapes `"`, `\` and the line feed; a tab has no escape and is shown as U+FFFD. */
const ODD_NAMES = ['say "hi"', 'back\\slash', 'two\nlines', 'tab\there'];
const ODD_SECRETS = ODD_NAMES.map(() => demoSecret('sk-ant-api03-'));
const SECRETS = [...PROFILES.map((p) => p.secret), ...ODD_SECRETS];

const { home, cleanup } = tempHome();
let anthropic: SimServer;
let others: ProviderSimServer;
let json: RunResult;
let report: Report;
let metrics: RunResult;
let families: OmFamily[];
let viaFile: { run: RunResult; text: string };

beforeAll(async () => {
  const credentials = demoSimCredentials(PROFILES);
  ODD_SECRETS.forEach((s) => (credentials[s] = { kind: 'api_key' }));
  [anthropic, others] = await Promise.all([startAnthropicSim({ credentials }), startProviderSim({ providers: SIM_PROVIDERS, keys: demoSimKeys(PROFILES) })]);
  const file = JSON.parse(demoProfilesFile(PROFILES)) as { profiles: Record<string, unknown> };
  ODD_NAMES.forEach((name, i) => (file.profiles[name] = { value: ODD_SECRETS[i] }));
  const config = path.join(home, 'profiles.json');
  writeFileSync(config, JSON.stringify(file), { mode: 0o600 });
  const args = ['check', '--source', 'env', '--source', 'config', '--config', config, ...baseUrlFlags(simFamilyUrls(anthropic.url, others))];
  const env = demoEnv(PROFILES);
  const out = path.join(home, 'report.json');
  let fileRun: RunResult;
  [json, metrics, fileRun] = await Promise.all([
    runCli([...args, '--json'], { home, env }),
    runCli([...args, '--format', 'openmetrics'], { home, env }),
    runCli([...args, '--format', 'json', '--output', out], { home, env }),
  ]);
  report = JSON.parse(json.stdout) as Report;
  viaFile = { run: fileRun, text: readFileSync(out, 'utf8') };
  if (runParserTests) families = parseOpenMetrics(metrics.stdout);
}, 60_000);
afterAll(async () => {
  await Promise.all([anthropic?.close(), others?.close()]);
  cleanup();
});

const ofProfile = (samples: OmSample[], id: string) => samples.filter((s) => s.labels.profile === id);
const byLabels = (samples: OmSample[], ...names: string[]) => Object.fromEntries(samples.map((s) => [names.map((n) => s.labels[n]).join(' '), s.value]));
const quotaData = (p: ProfileReport) => p.checks.find((c) => c.id === 'quota')?.data ?? {};

describe('the fixtures', () => {
  it('show every verdict, and the JSON run is what the tests compare against', () => {
    expect(json.code).toBe(1);
    expect(schemaErrors(report)).toBe('');
    expect(new Set(report.profiles.map((p) => p.verdict))).toEqual(new Set(['works', 'broken', 'unknown']));
    expect(report.profiles.map((p) => p.id)).toEqual(expect.arrayContaining(ODD_NAMES.map((n) => `config/${n}`)));
  });

  it('each sample shows what the demo shows with it: every one went to its simulator', () => {
    for (const want of PROFILES) expect(report.profiles.find((p) => p.id === want.id)?.verdict, want.id).toBe(want.expect.verdict);
  });

  it('--format json --output: the same report in the file, nothing on stdout, where it went on stderr', () => {
    expect(viaFile.run.code).toBe(json.code);
    expect(viaFile.run.stdout).toBe('');
    expect(viaFile.run.stderr).toContain('report.json');
    const fromFile = JSON.parse(viaFile.text) as Report;
    expect(schemaErrors(fromFile)).toBe('');
    expect(fromFile.profiles.map((p) => [p.id, p.verdict, p.checks.map((c) => c.code)])).toEqual(report.profiles.map((p) => [p.id, p.verdict, p.checks.map((c) => c.code)]));
  });
});

describe.runIf(runParserTests)('check --format openmetrics', () => {
  it('parses strictly, ends with # EOF, exits as --json does, and writes nothing on stderr', () => {
    expect(metrics.code).toBe(json.code);
    expect(metrics.stdout.endsWith('\n# EOF\n')).toBe(true);
    expect(metrics.stderr).toBe('');
    expect(families.map((f) => [f.name, f.type])).toEqual(
      [
        'authdoctor_profile_works',
        'authdoctor_check',
        'authdoctor_quota_used_ratio',
        'authdoctor_money',
        'authdoctor_credential_expiry_timestamp_seconds',
        'authdoctor_check_duration_seconds',
        'authdoctor_last_run_timestamp_seconds',
        'authdoctor_exit_code',
      ].map((name) => [name, 'gauge']),
    );
    for (const f of families) {
      expect(f.help, f.name).not.toBe('');
      for (const s of f.samples) expect(s.timestamp, f.name).toBe(false);
    }
  });

  it('says what --json says: every profile, verdict, check status and code, and the exit code', () => {
    const works = samplesOf(families, 'authdoctor_profile_works');
    const expectedIds = report.profiles.map((p) => p.id.replace(/\t/g, '\uFFFD'));
    expect(works.map((s) => s.labels.profile)).toEqual(expectedIds);
    for (const p of report.profiles) {
      const id = p.id.replace(/\t/g, '\uFFFD');
      expect(ofProfile(works, id), id).toEqual([
        { name: 'authdoctor_profile_works', labels: { profile: id, provider: p.provider, kind: p.credential.kind, verdict: p.verdict }, value: p.verdict === 'works' ? 1 : 0, timestamp: false },
      ]);
      const checks = ofProfile(samplesOf(families, 'authdoctor_check'), id);
      expect(checks.map((s) => [s.labels.check, s.labels.status, s.labels.code, s.value]), id).toEqual(p.checks.map((c) => [c.id, c.status, c.code, 1]));
      const durations = ofProfile(samplesOf(families, 'authdoctor_check_duration_seconds'), id);
      expect(durations.map((s) => s.labels.check)).toEqual(p.checks.map((c) => c.id));
      for (const d of durations) expect(d.value).toBeGreaterThanOrEqual(0);
      const expiry = ofProfile(samplesOf(families, 'authdoctor_credential_expiry_timestamp_seconds'), id).map((s) => s.value);
      expect(expiry, id).toEqual(p.credential.expiresAt ? [Date.parse(p.credential.expiresAt) / 1000] : []);
    }
    expect(samplesOf(families, 'authdoctor_exit_code').map((s) => s.value)).toEqual([report.exitCode]);
    const [lastRun] = samplesOf(families, 'authdoctor_last_run_timestamp_seconds');
    expect(Math.abs(lastRun!.value - Date.parse(report.startedAt) / 1000)).toBeLessThan(60);
  });

  it('shows the quota windows as used ratios and the money by kind and currency, as the JSON data has them', () => {
    const ratios = samplesOf(families, 'authdoctor_quota_used_ratio');
    const money = samplesOf(families, 'authdoctor_money');
    let windows = 0;
    let amounts = 0;
    for (const p of report.profiles) {
      const data = quotaData(p) as {
        windows?: { window: string; usedPercent: number }[];
        balances?: { amount: number; currency: string | null }[];
        spend?: { totals: { amount: number; currency: string }[] };
        keyLimit?: { limit: number | null; remaining: number | null; usage: { month: number | null }; currency: string | null };
      };
      const key = data.keyLimit;
      const keyShare = key && key.limit !== null && key.limit > 0 && key.remaining !== null ? [['key_limit', (key.limit - key.remaining) / key.limit] as const] : [];
      const wantRatios = Object.fromEntries([...(data.windows ?? []).map((w) => [w.window, w.usedPercent / 100]), ...keyShare]);
      expect(byLabels(ofProfile(ratios, p.id), 'window'), p.id).toEqual(wantRatios);
      const wantMoney = Object.fromEntries([
        ...(data.balances ?? []).map((b) => [`balance ${b.currency ?? 'unknown'}`, b.amount]),
        ...(data.spend?.totals ?? []).map((t) => [`spend_month ${t.currency}`, t.amount]),
        ...(key && key.usage.month !== null ? [[`spend_month ${key.currency ?? 'unknown'}`, key.usage.month]] : []),
        ...(key && key.remaining !== null ? [[`key_remaining ${key.currency ?? 'unknown'}`, key.remaining]] : []),
      ]);
      expect(byLabels(ofProfile(money, p.id), 'kind', 'currency'), p.id).toEqual(wantMoney);
      windows += Object.keys(wantRatios).length;
      amounts += Object.keys(wantMoney).length;
    }
    // The fixtures hold subscription windows (one past 90 %), an admin key's spend and a DeepSeek balance.
    expect(windows).toBeGreaterThanOrEqual(3);
    expect(Math.max(...ratios.map((r) => r.value))).toBeGreaterThan(0.9);
    expect(new Set(money.map((m) => m.labels.kind))).toEqual(new Set(['spend_month', 'balance', 'key_remaining']));
    expect(amounts).toBeGreaterThanOrEqual(2);
  });

  it('keeps profile names with quotes, backslashes and line feeds exactly; a tab, which has no escape, becomes U+FFFD', () => {
    const ids = samplesOf(families, 'authdoctor_profile_works').map((s) => s.labels.profile);
    for (const name of ['say "hi"', 'back\\slash', 'two\nlines']) expect(ids).toContain(`config/${name}`);
    expect(ids).toContain('config/tab\uFFFDhere');
    expect(metrics.stdout).toContain('profile="config/say \\"hi\\""');
    expect(metrics.stdout).toContain('profile="config/back\\\\slash"');
    expect(metrics.stdout).toContain('profile="config/two\\nlines"');
    // Nothing raw that a terminal would act on: the only control character left is the line feed between lines.
    expect(metrics.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it("the README's alert rules ask for families, labels and label values the output has", () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const rules = /```yaml\n(groups:[^]*?)```/.exec(readme)![1]!;
    const exprs = [...rules.matchAll(/expr: (?:\|\n)?([^]*?)\n\s+annotations:/g)].map((m) => m[1]!);
    expect(exprs).toHaveLength(3);
    const labels = new Map<string, Set<string>>();
    for (const s of families.flatMap((f) => f.samples)) for (const [k, v] of Object.entries(s.labels)) labels.set(k, (labels.get(k) ?? new Set()).add(v));
    // What Prometheus adds to every scraped series.
    for (const target of ['instance', 'job']) labels.set(target, new Set());
    for (const expr of exprs) {
      for (const [name] of expr.matchAll(/authdoctor_[a-z_]+/g)) expect(families.map((f) => f.name), expr).toContain(name);
      for (const [, label, value] of expr.matchAll(/(\w+)(?:=|!=)"([^"]*)"/g)) expect([...(labels.get(label!) ?? [])], expr).toContain(value);
      for (const [, list] of expr.matchAll(/\b(?:on|by|without|ignoring) \(([^)]*)\)/g)) for (const label of list!.split(',')) expect(labels.has(label.trim()), `${label} in ${expr}`).toBe(true);
    }
  });

  it('holds no secret and no redacted credential, in any label or anywhere else', () => {
    expect(leakedWindows(metrics.stdout, SECRETS)).toEqual([]);
    const labelValues = families.flatMap((f) => f.samples.flatMap((s) => Object.values(s.labels)));
    for (const p of report.profiles) {
      expect(p.credential.redacted).not.toBe('');
      for (const v of labelValues) expect(v).not.toContain(p.credential.redacted);
    }
    expect(metrics.stdout).not.toContain('…');
  });
});
