// The human report: one line per profile, one per check, hints under what needs attention, a
// summary line. Pure: a report in, text out; colour comes in as a parameter.

import { FLAG_SKIP_CODES } from '../checks/types.js';
import type { CheckResult, Problem, ProfileReport, Report, Status, Verdict } from '../types.js';
import { creditsText, keyLimitText, keyUsageText, moneyText, quotaData, spendText, windowLabel } from './quota-data.js';
import { isInterrupted, worksCount } from '../verdict.js';
import { attention } from './attention.js';
import { nothingFound, type NothingFound } from './nothing-found.js';
import { sharedRequests } from './shared-requests.js';
import { sanitizeDeep } from './sanitize.js';

/** The few colour functions the renderer uses; identity functions when colour is off. */
export interface Palette {
  green(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
  cyan(s: string): string;
  magenta(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const id = (s: string) => s;
export const PLAIN: Palette = { green: id, yellow: id, red: id, cyan: id, magenta: id, dim: id, bold: id };

const STATUS_MARK: Record<Status, { mark: string; color: keyof Palette }> = {
  pass: { mark: '✔', color: 'green' },
  warn: { mark: '▲', color: 'yellow' },
  fail: { mark: '✖', color: 'red' },
  unsupported: { mark: '○', color: 'cyan' },
  skip: { mark: '·', color: 'dim' },
  error: { mark: '?', color: 'magenta' },
};

const VERDICT_MARK: Record<Verdict, { mark: string; color: keyof Palette }> = {
  works: { mark: '✔', color: 'green' },
  broken: { mark: '✖', color: 'red' },
  unknown: { mark: '?', color: 'magenta' },
  skipped: { mark: '·', color: 'dim' },
};

/**
 * Skips that only echo a flag: the same line on every profile is noise, so they are said once for
 * the run (renderSaidOnce). One with a next step stays on its profile: validity's --offline line is
 * why the profile is unknown.
 */
function saidOnce(c: CheckResult): boolean {
  return c.status === 'skip' && FLAG_SKIP_CODES.has(c.code) && c.hint === undefined;
}

/** Statuses whose hint is shown: the ones a person may need to act on. */
const NEEDS_HINT: ReadonlySet<Status> = new Set(['warn', 'fail', 'error', 'unsupported']);

export interface HumanOptions {
  palette: Palette;
  /** Only failures and the summary line. */
  quiet?: boolean;
  /** Base URLs the user named with --base-url: no need to point them out on every profile. */
  flaggedEndpoints?: ReadonlySet<string>;
}

function rateLimitLine(check: CheckResult): string | undefined {
  const rl = check.data?.rateLimits as Record<string, { limit?: number; remaining?: number }> | undefined;
  if (!rl) return undefined;
  const parts = Object.entries(rl)
    .filter(([name, b]) => name !== 'unified' && b && (b.limit !== undefined || b.remaining !== undefined))
    .map(([name, b]) => `${name} ${b.remaining ?? '?'}/${b.limit ?? '?'} left`);
  return parts.length ? `rate limits: ${parts.join(', ')}` : undefined;
}

/** `2026-12-01T23:00:00Z` → `2026-12-01 23:00Z`: minutes are enough for a reset time. */
function shortTime(iso: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z` : iso;
}

/** The normalised quota data, one line per kind of it: the same for every provider. */
function quotaLines(check: CheckResult): string[] {
  const q = quotaData(check);
  const lines: string[] = [];
  if (q.windows.length) {
    lines.push(`windows: ${q.windows.map((w) => `${windowLabel(w)} ${w.usedPercent} % used${w.resetsAt ? ` (resets ${shortTime(w.resetsAt)})` : ''}`).join(', ')}`);
  }
  const plan = [q.plan ? `plan ${q.plan}` : undefined, q.credits ? creditsText(q.credits) : undefined].filter(Boolean);
  if (plan.length) lines.push(plan.join(' · '));
  if (q.balances.length) lines.push(`balance: ${q.balances.map(moneyText).join(' + ')}`);
  if (q.spend) lines.push(`spend: ${spendText(q.spend)} since ${shortTime(q.spend.from)}`);
  if (q.keyLimit) lines.push(`key limit: ${[keyLimitText(q.keyLimit), keyUsageText(q.keyLimit)].filter(Boolean).join(' · ')}`);
  return lines;
}

/**
 * How long the request took and the id support asks for (the HTTP status is in the summary where it
 * matters). A check answered by an earlier check's request says so rather than count it twice.
 */
function timing(check: CheckResult, sameRequestAs?: string): string {
  const parts: string[] = [];
  if (sameRequestAs) parts.push(`the ${sameRequestAs} request`);
  else if (check.httpStatus !== undefined) parts.push(`${check.durationMs} ms`);
  if (check.requestId) parts.push(check.requestId);
  return parts.length ? ` (${parts.join(' · ')})` : '';
}

export function renderCheck(check: CheckResult, o: HumanOptions, sameRequestAs?: string): string[] {
  const { mark, color } = STATUS_MARK[check.status];
  const p = o.palette;
  const lines = [`    ${p[color](mark)} ${check.id.padEnd(9)} ${check.status === 'skip' ? p.dim(check.summary) : check.summary}${p.dim(timing(check, sameRequestAs))}`];
  const extra = [...quotaLines(check), rateLimitLine(check)].filter((l): l is string => l !== undefined);
  for (const line of extra) lines.push(`                ${p.dim(line)}`);
  if (check.hint && NEEDS_HINT.has(check.status)) lines.push(`                ${p[color]('→')} ${check.hint}`);
  return lines;
}

export function renderProfile(report: ProfileReport, o: HumanOptions): string {
  // Ids, summaries (with server text in them), request ids: untrusted text, made safe before colouring.
  const profile = sanitizeDeep(report);
  const { mark, color } = VERDICT_MARK[profile.verdict];
  const p = o.palette;
  const cred = profile.credential.redacted ? `  ${p.dim(profile.credential.redacted)}` : '';
  const head = `${p[color](`${mark} ${profile.verdict.padEnd(7)}`)} ${p.bold(profile.id)}  ${p.dim(profile.provider)} ${profile.credential.kind}${cred}`;
  const lines = [head];
  if (profile.verdict === 'skipped') {
    lines.push(`    ${p.dim(profile.skipReason ?? 'not checked')}`);
    return lines.join('\n');
  }
  if (profile.endpoint && !o.flaggedEndpoints?.has(profile.endpoint)) lines.push(`    ${p.dim(`endpoint ${profile.endpoint} (not the provider's default)`)}`);
  if (profile.aliases?.length && !o.quiet) lines.push(`    ${p.dim(`also ${profile.aliases.join(', ')} (the same store entry)`)}`);
  if (profile.sameSecretAs?.length && !o.quiet) lines.push(`    ${p.dim(`same secret as ${profile.sameSecretAs.join(', ')} (checked once)`)}`);
  const shown = o.quiet ? profile.checks.filter((c) => saysWhy(c, profile)) : profile.checks;
  const shared = sharedRequests(profile.checks);
  for (const check of shown) if (check.code !== 'interrupted' && !saidOnce(check)) lines.push(...renderCheck(check, o, shared.get(check)));
  // One line for what the interruption left undone, not one per check.
  const unfinished = profile.checks.filter((c) => c.code === 'interrupted').map((c) => c.id);
  if (unfinished.length) lines.push(`    ${p.dim(`${STATUS_MARK.skip.mark} not finished (${unfinished.join(', ')}): the run was interrupted`)}`);
  return lines.join('\n');
}

/** The skips every profile shares because of a flag, once: "· inference: run with --inference …". */
export function renderSaidOnce(profiles: readonly ProfileReport[], o: HumanOptions): string {
  const lines = new Map<string, string>();
  for (const profile of sanitizeDeep(profiles)) {
    for (const c of profile.checks) if (saidOnce(c)) lines.set(`${c.id}\0${c.code}`, o.palette.dim(`${STATUS_MARK.skip.mark} ${c.id}: ${c.summary}`));
  }
  return [...lines.values()].join('\n');
}

/** The closing list, as the Markdown report has it: each step once, with the profiles it concerns. */
export function renderNextSteps(report: Pick<Report, 'profiles' | 'problems'>, o: HumanOptions): string {
  const { steps } = attention(sanitizeDeep(report));
  if (steps.length === 0) return '';
  const p = o.palette;
  const lines = [p.bold('What to do next:')];
  steps.forEach((s, i) => lines.push(`  ${i + 1}. ${s.text}${s.profiles.length ? p.dim(` — ${s.profiles.join(', ')}`) : ''}`));
  return lines.join('\n');
}

export function renderProblems(problems: readonly Problem[], o: HumanOptions): string {
  if (problems.length === 0) return '';
  const p = o.palette;
  const lines = [p.bold('Problems with credential stores:')];
  for (const pr of sanitizeDeep(problems)) lines.push(`  ${p.yellow('▲')} ${pr.location}  ${p.dim(pr.code)}  ${pr.message}`);
  return lines.join('\n');
}

export function renderSummary(report: Pick<Report, 'summary' | 'exitCode' | 'durationMs' | 'profiles'>, o: HumanOptions): string {
  const s = report.summary;
  const p = o.palette;
  const parts = [
    p.green(worksCount(s.works)),
    s.broken ? p.red(`${s.broken} broken`) : `${s.broken} broken`,
    s.unknown ? p.magenta(`${s.unknown} unknown`) : `${s.unknown} unknown`,
  ];
  if (s.skipped) parts.push(p.dim(`${s.skipped} skipped`));
  const noun = s.profiles === 1 ? 'profile' : 'profiles';
  const unfinished = report.profiles.filter(isInterrupted).length;
  const interrupted = unfinished ? p.magenta(` — interrupted, ${unfinished} not finished`) : '';
  return `${p.bold(`${s.profiles} ${noun}:`)} ${parts.join(' · ')}${interrupted}  ${p.dim(`(${report.durationMs} ms, exit ${report.exitCode})`)}`;
}

/**
 * The checks that say why a profile needs attention, kept by --quiet: what failed, warned or could
 * not be decided, and for a profile that could not be verified, the validity line that says why
 * (not sent: expired, --offline, the format check).
 */
function saysWhy(check: CheckResult, profile: ProfileReport): boolean {
  if (check.status === 'fail' || check.status === 'warn' || check.status === 'error') return true;
  return profile.verdict === 'unknown' && check.id === 'validity';
}

/**
 * What the human report prints after the profiles: the skips said once, store problems, the next
 * steps, the proxy line and the summary line; with no profile to show, why there is nothing to check.
 */
export function renderClosing(report: Report, o: HumanOptions, searched: Omit<NothingFound, 'problems'>): string {
  const problems = renderProblems(report.problems, o);
  if (report.summary.profiles === 0) return [problems, nothingFound({ ...searched, problems: report.problems.length })].filter(Boolean).join('\n\n');
  const blocks = [o.quiet ? '' : renderSaidOnce(report.profiles, o), problems, o.quiet ? '' : renderNextSteps(report, o)].filter(Boolean);
  // Names only: a proxy URL may carry a password.
  const proxy = report.proxy?.used ? `Requests went through the proxy in ${report.proxy.variables.filter((v) => !/no_proxy/i.test(v)).join(', ')}.\n` : '';
  return blocks.map((b) => b + '\n\n').join('') + proxy + renderSummary(report, o) + '\n';
}
