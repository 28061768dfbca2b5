// The Markdown triage report (`authdoctor report`): what a support engineer needs to act without a
// follow-up question. Pure: a Report and the run's context in, Markdown out. Secrets, home paths and
// emails are removed afterwards by the command (identity.ts, then the Output scrubber), over the
// whole text, so nothing here has to remember to do it.

import type { CheckResult, Problem, ProfileReport, Report, Status, Verdict } from '../types.js';
import { creditsText, keyLimitText, keyUsageText, moneyText, QUOTA_FIELDS, quotaData, spendText, windowLabel } from './quota-data.js';
import { needsAttention, worksCount } from '../verdict.js';
import { attention, RANK_BEFORE_VERIFYING, type Attention } from './attention.js';
import { sharedRequests } from './shared-requests.js';
import { sanitizeDeep } from './sanitize.js';

export interface ClockSkew {
  /** Provider clock minus this machine's clock: positive when this machine is behind. */
  skewMs: number;
  /** How many responses carried a usable `Date` header. */
  samples: number;
  /** Large enough to break expiry decisions (decided by the report command, shown here). */
  flagged: boolean;
}

/** What a store knows about a profile beyond the report's fields. */
export interface ProfileExtras {
  subscriptionType?: string;
  email?: string;
  notes?: string[];
}

export interface MarkdownContext {
  version: string;
  generatedAt: Date;
  /** e.g. `linux 6.1.0`, `darwin 24.1.0`. */
  os: string;
  arch: string;
  node: string;
  /** Base URLs given with --base-url, by family (safe to print: checked to hold no password). */
  baseUrlFlags: Record<string, string>;
  /** Names only: their values may carry credentials. */
  proxyVariables: string[];
  proxyUsed: boolean;
  /** null when no response carried a `Date` header (offline, or nothing answered). */
  clockSkew: ClockSkew | null;
  /** Flags that change what was checked (`--offline`, `--no-quota`, `--inference`, filters). */
  flags: string[];
  extras: Record<string, ProfileExtras>;
  includeIdentity: boolean;
  /** Where discovery looked; shown when nothing was found. */
  searched: string[];
  /** Ids of every profile found before --profile and --provider (when the filters kept none, what they missed). */
  unfiltered?: string[];
}

// ---------------------------------------------------------------------------------------------
// Escaping.

/** CommonMark ends a line at \n, \r\n and a lone \r: store text (profile names, ref ids) may hold any. */
const LINE_ENDING = /\r\n?|\n/g;

/** Untrusted text (server messages, store values) as inline Markdown: no emphasis, links or HTML. */
export function esc(text: string): string {
  return text.replace(LINE_ENDING, ' ').replace(/[\\`*<>[\]]/g, '\\$&');
}

/**
 * Our own prose (hints, summaries) as inline Markdown: like `esc`, but balanced backticks stay code
 * spans, which the hints use for commands; nothing inside a code span is rendered as HTML.
 */
export function prose(text: string): string {
  const ticks = (text.match(/`/g) ?? []).length;
  if (ticks === 0 || ticks % 2 === 1) return esc(text);
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : esc(part)))
    .join('');
}

/** A code span that survives backticks inside the text. */
export function code(text: string): string {
  const t = text.replace(LINE_ENDING, ' ');
  if (!t.includes('`')) return `\`${t}\``;
  // The fence must be longer than any backtick run inside, or that run would close the span.
  const fence = '`'.repeat(Math.max(...(t.match(/`+/g) ?? ['']).map((run) => run.length)) + 1);
  return `${fence} ${t} ${fence}`;
}

/** One table cell: a `|` would end the cell (even inside a code span) and a newline the row. */
export function cell(markdown: string): string {
  const c = markdown.replace(/\|/g, '\\|').replace(LINE_ENDING, '<br>').trim();
  return c === '' ? ' ' : c;
}

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Words.

const VERDICT_MARK: Record<Verdict, string> = { works: '✅', broken: '❌', unknown: '❓', skipped: '⏭️' };
const STATUS_MARK: Record<Status, string> = { pass: '✅', warn: '⚠️', fail: '❌', unsupported: 'ℹ️', skip: '⏭️', error: '❓' };

const EXIT_MEANING: Record<number, string> = {
  0: 'every checked profile works',
  1: 'at least one profile is broken',
  3: 'nothing broken, but at least one profile could not be verified',
  4: 'no credentials found to check',
  130: 'interrupted: the checks that did not finish are marked `interrupted`',
};

function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "2 h 5 min", "45 s": coarse on purpose, it is read by a person. */
function span(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h${m % 60 ? ` ${m % 60} min` : ''}`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** An absolute UTC time and how far it is from when the report was made. */
function when(iso: string, now: Date): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return esc(iso);
  const d = t - now.getTime();
  const utc = new Date(t).toISOString().replace(/\.000Z$/, 'Z');
  return `${utc} (${d >= 0 ? `in ${span(d)}` : `${span(d)} ago`})`;
}

export function skewText(skew: ClockSkew): string {
  const secs = Math.round(skew.skewMs / 1000);
  return `${secs >= 0 ? '+' : ''}${secs} s`;
}

function skewAdvice(skew: ClockSkew): string {
  const side = skew.skewMs > 0 ? 'behind' : 'ahead of';
  return `This machine's clock is ${span(skew.skewMs)} ${side} the provider's: OAuth expiry and refresh decisions go wrong by that much. Sync the clock (NTP: \`timedatectl set-ntp true\`, or Date & Time settings), then run the report again.`;
}

// ---------------------------------------------------------------------------------------------
// Quota data: the shapes every provider fills (quota-data.ts), and Anthropic's own extras
// (src/providers/anthropic/{usage,ratelimits}.ts).

interface ExtraUsage {
  enabled: boolean;
  monthlyLimit: number | null;
  used: number | null;
  usedPercent: number | null;
  currency: string;
}
interface Bucket {
  limit?: number;
  remaining?: number;
  resetAt?: string;
}
interface UnifiedWindow {
  usedPercent?: number;
  resetsAt?: string;
  status?: string;
}
interface RateLimits {
  requests?: Bucket;
  tokens?: Bucket;
  inputTokens?: Bucket;
  outputTokens?: Bucket;
  unified?: { status?: string; windows: Record<string, UnifiedWindow> };
}
const BUCKET_LABELS: Record<string, string> = { requests: 'requests', tokens: 'tokens', inputTokens: 'input tokens', outputTokens: 'output tokens' };
const KNOWN_DATA = new Set(['extraUsage', 'rateLimits', ...QUOTA_FIELDS]);

function bucketsOf(check: CheckResult | undefined): Array<[string, Bucket]> {
  const rl = check?.data?.rateLimits as RateLimits | undefined;
  if (!rl) return [];
  return Object.entries(BUCKET_LABELS).flatMap(([key, label]) => {
    const b = rl[key as keyof RateLimits] as Bucket | undefined;
    return b ? [[label, b] as [string, Bucket]] : [];
  });
}

function money(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}

/** The quota column of the summary table: one short cell. */
function quotaCell(check: CheckResult | undefined): string {
  if (!check) return '—';
  const q = quotaData(check);
  const mark = STATUS_MARK[check.status];
  if (q.windows.length) {
    const shown = q.windows.slice(0, 2).map((w) => `${esc(windowLabel(w))} ${w.usedPercent} %`);
    return `${mark} ${shown.join(', ')}${q.windows.length > 2 ? ` (+${q.windows.length - 2})` : ''}`;
  }
  if (q.spend) return `${mark} ${esc(spendText(q.spend))} this month`;
  if (q.balances.length) return `${mark} balance ${esc(q.balances.map(moneyText).join(' + '))}`;
  if (q.keyLimit) return `${mark} key limit: ${esc(keyLimitText(q.keyLimit))}`;
  const base = `${STATUS_MARK[check.status]} ${check.status} ${code(check.code)}`;
  const requests = bucketsOf(check).find(([label]) => label === 'requests')?.[1];
  return requests && requests.limit !== undefined ? `${base}; requests ${requests.remaining ?? '?'}/${requests.limit} left` : base;
}

function quotaDetails(check: CheckResult, now: Date): string[] {
  const blocks: string[] = [];
  const q = quotaData(check);
  if (q.windows.length) {
    blocks.push(
      table(
        ['Usage window', 'Used', 'Resets'],
        q.windows.map((w) => [esc(windowLabel(w)), `${w.usedPercent} %`, w.resetsAt ? when(w.resetsAt, now) : '—']),
      ),
    );
  }
  const plan = [q.plan ? `**Plan:** ${esc(q.plan)}` : undefined, q.credits ? creditsText(q.credits) : undefined].filter(Boolean);
  if (plan.length) blocks.push(plan.join('; '));
  if (q.balances.length) blocks.push(`**Balance:** ${esc(q.balances.map(moneyText).join(' + '))}`);
  if (q.keyLimit) blocks.push(`**Key limit:** ${esc([keyLimitText(q.keyLimit), keyUsageText(q.keyLimit)].filter(Boolean).join('; '))}`);
  const extra = check.data?.extraUsage as ExtraUsage | undefined;
  if (extra) {
    const used = extra.used !== null ? money(extra.used, extra.currency) : '?';
    const limit = extra.monthlyLimit !== null ? ` of ${money(extra.monthlyLimit, extra.currency)} monthly limit` : '';
    const pct = extra.usedPercent !== null ? ` (${extra.usedPercent} %)` : '';
    blocks.push(`**Extra usage:** ${extra.enabled ? 'enabled' : 'disabled'}; ${used} used${limit}${pct}`);
  }
  const buckets = bucketsOf(check);
  if (buckets.length) {
    blocks.push(
      table(
        ['Rate limit', 'Remaining', 'Limit', 'Resets'],
        buckets.map(([label, b]) => [label, String(b.remaining ?? '?'), String(b.limit ?? '?'), b.resetAt ? when(b.resetAt, now) : '—']),
      ),
    );
  }
  const unified = (check.data?.rateLimits as RateLimits | undefined)?.unified;
  if (unified && Object.keys(unified.windows).length) {
    blocks.push(
      table(
        ['Subscription window', 'Used', 'Status', 'Resets'],
        Object.entries(unified.windows).map(([name, w]) => [
          esc(name),
          w.usedPercent !== undefined ? `${w.usedPercent} %` : '?',
          esc(w.status ?? unified.status ?? '—'),
          w.resetsAt ? when(w.resetsAt, now) : '—',
        ]),
      ),
    );
  }
  if (q.spend) blocks.push(`**Spend:** ${esc(spendText(q.spend))} from ${esc(q.spend.from)} to ${esc(q.spend.to)}`);
  // Data a provider added that this renderer does not know yet is shown raw rather than dropped.
  const other = Object.fromEntries(Object.entries(check.data ?? {}).filter(([k]) => !KNOWN_DATA.has(k)));
  if (Object.keys(other).length) blocks.push(['```json', JSON.stringify(other, null, 2), '```'].join('\n'));
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Sections.

function header(report: Report, ctx: MarkdownContext): string {
  const s = report.summary;
  const flagged = Object.entries(ctx.baseUrlFlags);
  const base = flagged.length
    ? `${flagged.map(([family, url]) => `${esc(family)}: ${code(url)}`).join(', ')} (\`--base-url\`); elsewhere as each profile's source configures it (see **Endpoint**)`
    : "each provider's default, unless a profile's source configures another (see **Endpoint**)";
  const proxy = ctx.proxyVariables.length
    ? `set: ${ctx.proxyVariables.map(code).join(', ')}; ${ctx.proxyUsed ? 'this run went through a proxy' : 'this run connected directly (no proxy used)'}`
    : `none set; ${ctx.proxyUsed ? 'this run went through a proxy' : 'this run connected directly'}`;
  const skew = ctx.clockSkew
    ? `${skewText(ctx.clockSkew)}${ctx.clockSkew.flagged ? ' ⚠️ over 1 min' : ' (ok)'} — provider minus local, from ${ctx.clockSkew.samples} ${ctx.clockSkew.samples === 1 ? 'response' : 'responses'}`
    : ctx.flags.includes('--offline')
      ? 'not measured (`--offline` sends nothing)'
      : 'not measured (no response with a `Date` header)';
  const rows: string[][] = [
    ['authdoctor', ctx.version],
    ['Generated', ctx.generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z')],
    ['OS', `${esc(ctx.os)} (${esc(ctx.arch)})`],
    ['Node', esc(ctx.node)],
    ['Base URLs', base],
    ['Proxy variables', proxy],
    ['Clock skew', skew],
    ['Flags', ctx.flags.length ? ctx.flags.map(code).join(' ') : 'none'],
    ['Run time', duration(report.durationMs)],
  ];
  const verdicts = [worksCount(s.works), `${s.broken} broken`, `${s.unknown} unknown`, ...(s.skipped ? [`${s.skipped} skipped`] : [])];
  const lines = [
    '# authdoctor triage report',
    '',
    `**Result:** ${s.profiles} ${s.profiles === 1 ? 'profile' : 'profiles'}: ${verdicts.join(' · ')} — exit code ${report.exitCode} (${EXIT_MEANING[report.exitCode] ?? 'usage error'})`,
    '',
    table(['Environment', 'Value'], rows),
  ];
  if (ctx.clockSkew?.flagged) lines.push('', `> ⚠️ **Clock skew ${skewText(ctx.clockSkew)}.** ${skewAdvice(ctx.clockSkew)}`);
  return lines.join('\n');
}

function byId(profile: ProfileReport, id: CheckResult['id']): CheckResult | undefined {
  return profile.checks.find((c) => c.id === id);
}

function summaryTable(report: Report): string {
  const rows = report.profiles.map((p) => {
    const validity = byId(p, 'validity');
    return [
      code(p.id),
      esc(p.provider),
      p.credential.kind,
      p.credential.redacted ? code(p.credential.redacted) : '—',
      `${VERDICT_MARK[p.verdict]} ${p.verdict}`,
      validity ? `${STATUS_MARK[validity.status]} ${validity.status} ${code(validity.code)}${validity.httpStatus !== undefined ? ` (${validity.httpStatus})` : ''}` : '—',
      quotaCell(byId(p, 'quota')),
    ];
  });
  return ['## Summary', '', table(['Profile', 'Provider', 'Kind', 'Credential', 'Verdict', 'Validity', 'Quota'], rows)].join('\n');
}

/** The Markdown's own step, before anything the run could verify: a clock that is off. */
function firstSteps(ctx: MarkdownContext): Array<{ rank: number; text: string; code: string }> {
  return ctx.clockSkew?.flagged ? [{ rank: RANK_BEFORE_VERIFYING, text: skewAdvice(ctx.clockSkew), code: 'clock_skew' }] : [];
}

function numbered(list: Attention[]): string[] {
  return list.map((a, i) => `${i + 1}. ${a.text}${a.profiles.length ? ` — ${a.profiles.map(code).join(', ')}` : ''} (${a.codes.map(code).join(', ')})`);
}

/** "What to do next": only steps; what only informs follows under its own heading. */
function nextSteps(report: Report, ctx: MarkdownContext): string {
  const { steps, info } = attention(report, { code, prose, esc }, firstSteps(ctx));
  const lines = ['## What to do next', ''];
  if (steps.length === 0) {
    lines.push(
      report.summary.profiles === 0
        ? ctx.unfiltered?.length
          ? 'Nothing was checked: no profile matches the filters. See "Where authdoctor looked" below for what was found.'
          : 'Nothing was checked: see "Where authdoctor looked" below.'
        : report.exitCode === 0
          ? 'Nothing: every checked profile works.'
          : 'No hint applies; see the details of the profiles that are not ✅ below.',
    );
  } else {
    lines.push(...numbered(steps));
  }
  if (info.length) lines.push('', '## Good to know', '', ...info.map((a) => `- ${a.text} — ${a.profiles.map(code).join(', ')} (${a.codes.map(code).join(', ')})`));
  return lines.join('\n');
}

function problemsSection(problems: readonly Problem[]): string {
  const lines = ['## Problems with credential stores', ''];
  if (problems.length === 0) {
    lines.push('None: every store found could be read.');
  } else {
    lines.push(table(['Source', 'Location', 'Code', 'Message'], problems.map((p) => [p.source, code(p.location), code(p.code), esc(p.message)])));
  }
  return lines.join('\n');
}

function checkRow(c: CheckResult, sameRequestAs: string | undefined): string[] {
  return [
    c.id,
    `${STATUS_MARK[c.status]} ${c.status}`,
    code(c.code),
    c.httpStatus !== undefined ? String(c.httpStatus) : '—',
    c.requestId ? code(c.requestId) : '—',
    // Time matters where something was sent or waited for; local checks take no time worth reading.
    sameRequestAs ? `the ${sameRequestAs} request` : c.httpStatus !== undefined || c.requestId !== undefined || c.status === 'error' ? duration(c.durationMs) : '—',
    prose(c.summary) + (c.retryAfterSeconds !== undefined ? ` (retry after ${c.retryAfterSeconds} s)` : ''),
  ];
}

function profileSection(p: ProfileReport, ctx: MarkdownContext): string {
  const extras = ctx.extras[p.id] ?? {};
  const facts: string[] = [
    `- **Source:** ${p.source.type} ${code(p.source.location)}`,
    `- **Credential:** ${p.credential.kind}${p.credential.redacted ? ` ${code(p.credential.redacted)}` : ''}`,
  ];
  if (p.endpoint) facts.push(`- **Endpoint:** ${code(p.endpoint)} (not the provider's default)`);
  if (p.credential.expiresAt) facts.push(`- **Stored expiry:** ${when(p.credential.expiresAt, ctx.generatedAt)}`);
  if (p.credential.scopes) facts.push(`- **Scopes:** ${p.credential.scopes.length ? p.credential.scopes.map(code).join(', ') : 'none'}`);
  if (extras.subscriptionType) facts.push(`- **Subscription:** ${esc(extras.subscriptionType)}`);
  if (ctx.includeIdentity && extras.email) facts.push(`- **Account:** ${esc(extras.email)}`);
  if (p.aliases?.length) facts.push(`- **Also:** ${p.aliases.map(code).join(', ')} (the same store entry)`);
  if (p.sameSecretAs?.length) facts.push(`- **Same secret as:** ${p.sameSecretAs.map(code).join(', ')} (checked once)`);
  if (p.skipReason) facts.push(`- **Not checked:** ${esc(p.skipReason)}`);
  for (const note of extras.notes ?? []) facts.push(`- **Store note:** ${esc(note)}`);

  const shared = sharedRequests(p.checks);
  const body = [facts.join('\n'), table(['Check', 'Status', 'Code', 'HTTP', 'Request ID', 'Time', 'Summary'], p.checks.map((c) => checkRow(c, shared.get(c))))];
  const hints = p.checks.filter((c) => c.hint && c.status !== 'pass' && c.status !== 'skip');
  if (hints.length) body.push(['**Hints:**', '', ...hints.map((c) => `- **${c.id}** (${code(c.code)}): ${prose(c.hint!)}`)].join('\n'));
  const quota = byId(p, 'quota');
  const quotaBlocks = quota ? quotaDetails(quota, ctx.generatedAt) : [];
  if (quotaBlocks.length) body.push(['**Quota and limits:**', ...quotaBlocks].join('\n\n'));

  const attention = p.checks.filter((c) => c.status === 'fail' || c.status === 'error' || c.status === 'warn').length;
  const summary = `${esc(p.provider)} ${p.credential.kind} · ${p.checks.length} checks${attention ? ` · ${attention} ${attention === 1 ? 'needs' : 'need'} attention` : ''}`;
  return [
    `### ${VERDICT_MARK[p.verdict]} ${code(p.id)} — ${p.verdict}`,
    '',
    // What needs attention is open; profiles that work are folded so the trouble stands out.
    `<details${needsAttention(p) ? ' open' : ''}>`,
    `<summary>${summary}</summary>`,
    '',
    body.join('\n\n'),
    '',
    '</details>',
  ].join('\n');
}

function searchedSection(ctx: MarkdownContext): string {
  const lines = ['## Where authdoctor looked', ''];
  const found = ctx.unfiltered ?? [];
  if (found.length) {
    lines.push(`${found.length} ${found.length === 1 ? 'profile was' : 'profiles were'} found, but the filters (see **Flags**) kept none: ${found.slice(0, 10).map(code).join(', ')}${found.length > 10 ? ', …' : ''}.`, '');
  }
  if (ctx.searched.length === 0) lines.push('No source was searched (check `--source`).');
  for (const s of ctx.searched) lines.push(`- ${esc(s)}`);
  return lines.join('\n');
}

export function renderMarkdown(untrustedReport: Report, untrustedCtx: MarkdownContext): string {
  // The report is read on terminals too (`report | less -R`): every string, server and store text
  // included, is made safe first; escaping for Markdown comes after, field by field.
  const report = sanitizeDeep(untrustedReport);
  const ctx = sanitizeDeep(untrustedCtx);
  const sections = [header(report, ctx)];
  if (report.profiles.length) sections.push(summaryTable(report));
  sections.push(nextSteps(report, ctx), problemsSection(report.problems));
  if (report.profiles.length) sections.push(['## Details', ...report.profiles.map((p) => profileSection(p, ctx))].join('\n\n'));
  else sections.push(searchedSection(ctx));
  sections.push(
    [
      '<details>',
      '<summary>Codes and statuses</summary>',
      '',
      'Statuses: ✅ pass · ⚠️ warn (works, needs attention) · ❌ fail (broken) · ℹ️ unsupported (this kind of credential cannot provide it; not a failure) · ⏭️ skip · ❓ error (could not be decided: network, timeout, provider 5xx). Codes are stable; see the authdoctor README for each one.',
      '',
      '</details>',
    ].join('\n'),
  );
  return sections.join('\n\n') + '\n';
}
