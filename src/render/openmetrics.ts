// The run as OpenMetrics text (CONTRACT.md, "Metrics"), for Prometheus through node_exporter's textfile
// collector or any other scraper. Drawn from the same Report as the JSON: every value is a field of it
// in another notation, and nothing is decided here. Families and labels are the contract's; all gauges.
//
// How quota `data` (src/providers/quota.ts, read back by quota-data.ts) is shown (README, "Monitoring"):
// - authdoctor_quota_used_ratio{window}: each `windows[]` entry under its own name, usedPercent / 100;
//   a key limit (`keyLimit` with a limit above 0 and a known remainder) as (limit − remaining) / limit
//   under window="key_limit". A key without a limit has no ratio (its spend is in authdoctor_money).
// - authdoctor_money{kind}: `balances[]` → balance; `spend.totals[]` (month to date) and a key's
//   `usage.month` → spend_month; a key limit's `remaining` → key_remaining. A provider that names no
//   currency gets currency="unknown".
// The output is valid Prometheus text format too (0.0.4, which node_exporter reads): `# UNIT` and
// `# EOF` are comments there, and no HELP text holds a quote or a backslash.

import type { Report } from '../types.js';
import { quotaData, type QuotaData } from './quota-data.js';

type Labels = ReadonlyArray<readonly [name: string, value: string]>;

const UNKNOWN_CURRENCY = 'unknown';

/** Every control character but the line feed (which has an escape): OpenMetrics has no escape for them, and a terminal must not get them raw. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/** A label value in quotes: `\`, `"` and line feeds escaped as the format says; other control characters shown as U+FFFD. */
export function labelValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(CONTROL, '\uFFFD');
}

class Gauge {
  private readonly lines: string[] = [];
  private readonly seen = new Set<string>();

  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly unit?: string,
  ) {}

  /** One sample. A value that is no number is left out, and so is a second sample of the same series (the format allows one). */
  add(labels: Labels, value: number): void {
    if (!Number.isFinite(value)) return;
    const set = labels.length ? `{${labels.map(([k, v]) => `${k}="${labelValue(v)}"`).join(',')}}` : '';
    if (this.seen.has(set)) return;
    this.seen.add(set);
    this.lines.push(`${this.name}${set} ${value}\n`);
  }

  text(): string {
    const unit = this.unit ? `# UNIT ${this.name} ${this.unit}\n` : '';
    return `# TYPE ${this.name} gauge\n${unit}# HELP ${this.name} ${this.help}\n${this.lines.join('')}`;
  }
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const currencyOf = (v: string | null): string => v || UNKNOWN_CURRENCY;

/** `[window, used share]` of the quota windows and the key limit. */
function usedShares(q: QuotaData): Array<[string, number]> {
  const shares: Array<[string, number]> = q.windows.map((w) => [w.window, w.usedPercent / 100]);
  // quotaData checks the key limit's shape, not its numbers.
  const key = q.keyLimit;
  if (key && finite(key.limit) && key.limit > 0 && finite(key.remaining)) shares.push(['key_limit', (key.limit - key.remaining) / key.limit]);
  return shares;
}

/** `[kind, currency, amount]` of the money in the quota data. */
function amounts(q: QuotaData): Array<[string, string, number]> {
  const found: Array<[string, string, number]> = [];
  for (const m of q.balances) found.push(['balance', currencyOf(m.currency), m.amount]);
  for (const m of q.spend?.totals ?? []) found.push(['spend_month', currencyOf(m.currency), m.amount]);
  const key = q.keyLimit;
  if (key) {
    const currency = currencyOf(typeof key.currency === 'string' ? key.currency : null);
    if (finite(key.usage.month)) found.push(['spend_month', currency, key.usage.month]);
    if (finite(key.remaining)) found.push(['key_remaining', currency, key.remaining]);
  }
  return found;
}

export function renderOpenMetrics(report: Report): string {
  const works = new Gauge('authdoctor_profile_works', 'Whether the profile works: 1 when its verdict is works, else 0.');
  const check = new Gauge('authdoctor_check', 'One series per check of each profile, value 1: its status and code are the labels.');
  const used = new Gauge('authdoctor_quota_used_ratio', 'Used share of a quota window or key limit (0.85 is 85 percent; above 1 is overage).', 'ratio');
  const money = new Gauge('authdoctor_money', 'An amount of money: a prepaid balance, the spend of this month, what is left of a key limit.');
  const expiry = new Gauge('authdoctor_credential_expiry_timestamp_seconds', 'When the stored credential expires (Unix time), where the store records an expiry.', 'seconds');
  const duration = new Gauge('authdoctor_check_duration_seconds', 'How long the check took.', 'seconds');
  const lastRun = new Gauge('authdoctor_last_run_timestamp_seconds', 'When the run started (Unix time).', 'seconds');
  const exit = new Gauge('authdoctor_exit_code', 'The exit code of the run: 0 all work, 1 something is broken, 3 could not verify, 4 nothing found, 130 interrupted.');

  for (const p of report.profiles) {
    const profile = ['profile', p.id] as const;
    works.add([profile, ['provider', p.provider], ['kind', p.credential.kind], ['verdict', p.verdict]], p.verdict === 'works' ? 1 : 0);
    for (const c of p.checks) check.add([profile, ['check', c.id], ['status', c.status], ['code', c.code]], 1);
    const q = quotaData(p.checks.find((c) => c.id === 'quota'));
    for (const [window, share] of usedShares(q)) used.add([profile, ['window', window]], share);
    for (const [kind, currency, amount] of amounts(q)) money.add([profile, ['kind', kind], ['currency', currency]], amount);
    if (p.credential.expiresAt !== null) expiry.add([profile], Date.parse(p.credential.expiresAt) / 1000);
    for (const c of p.checks) duration.add([profile, ['check', c.id]], c.durationMs / 1000);
  }
  lastRun.add([], Date.parse(report.startedAt) / 1000);
  exit.add([], report.exitCode);

  return [works, check, used, money, expiry, duration, lastRun, exit].map((g) => g.text()).join('') + '# EOF\n';
}
