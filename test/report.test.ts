// `authdoctor report` (the Markdown triage report) and `check --verbose`: the built CLI against the
// simulated API on 127.0.0.1, plus the pure pieces (renderer, identity scrubbing, clock skew).
// Markdown is checked by parsing it with `marked`, not by pattern matching alone.

import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { marked, type Token, type Tokens } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_SKEW_LIMIT_MS, measureClockSkew } from '../src/commands/report.js';
import { scrubIdentity } from '../src/render/identity.js';
import { renderMarkdown, type MarkdownContext } from '../src/render/markdown.js';
import { startAnthropicSim, type SimCredential, type SimServer } from '../src/sim/anthropic.js';
import type { Report } from '../src/types.js';
import { fakeSecret, leakedWindows, runCli, tempHome, type RunResult } from './helpers/cli.js';

const S = {
  work: fakeSecret('sk-ant-api03-'),
  revoked: fakeSecret('sk-ant-api03-'),
  flaky: fakeSecret('sk-ant-api03-'),
  setup: fakeSecret('sk-ant-oat01-'),
  oauth: fakeSecret('sk-ant-oat01-'),
  admin: fakeSecret('sk-ant-admin01-'),
  byEmail: fakeSecret('sk-ant-api03-'),
  fromFile: fakeSecret('sk-ant-api03-'),
};
const SECRETS = Object.values(S);
const FULL_SCOPES = ['user:inference', 'user:profile'];
const HOUR = 3_600_000;
/** Reset times a few hours and days ahead, whole hours like the API's, so the report reads like a real one. */
const inHours = (h: number) => new Date(Math.ceil((Date.now() + h * HOUR) / HOUR) * HOUR).toISOString().replace('.000Z', 'Z');
const RESETS = { fiveHour: inHours(2), sevenDay: inHours(77) };

const CREDENTIALS: Record<string, SimCredential> = {
  [S.work]: { kind: 'api_key', rateLimitHeaders: true },
  [S.revoked]: { kind: 'api_key', behaviour: 'revoked' },
  [S.flaky]: { kind: 'api_key', behaviour: 'overloaded' },
  [S.setup]: { kind: 'oauth', scopes: ['user:inference'] },
  [S.oauth]: {
    kind: 'oauth',
    scopes: FULL_SCOPES,
    usage: { five_hour: { utilization: 85, resets_at: RESETS.fiveHour }, seven_day: { utilization: 40, resets_at: RESETS.sevenDay } },
  },
  [S.admin]: { kind: 'admin_key', costCents: ['1234.5', '100'] },
  [S.byEmail]: { kind: 'api_key' },
  [S.fromFile]: { kind: 'api_key' },
};

/** A login name that cannot occur by chance, so finding it in the output means it leaked. */
const USER = 'zqxjdoe';
const EMAIL = 'jane.doe@example.com';
const PROXY_PASSWORD = 'pr0xyS3cretPw';
const SKEW_MS = 5 * 60_000;

const EXPECTED_VERDICTS: Record<string, string> = {
  'config/work': 'works',
  'config/revoked': 'broken',
  'config/flaky': 'unknown',
  'config/setup': 'works',
  'config/max': 'works',
  'config/admin': 'works',
  [`config/${EMAIL}`]: 'works',
  'config/shared-box': 'works',
};

let sim: SimServer;
let skewedSim: SimServer;
let home: string;
let cleanup: () => void;
let configFile: string;
let outsideDir: string;
let outsideKeyFile: string;
const outputs: RunResult[] = [];

beforeAll(async () => {
  [sim, skewedSim] = await Promise.all([
    startAnthropicSim({ credentials: CREDENTIALS }),
    startAnthropicSim({ credentials: CREDENTIALS, clockSkewMs: SKEW_MS }),
  ]);
  ({ home, cleanup } = tempHome());
  // A key file outside HOME under a directory named after the user: its path is shown, minus the name.
  outsideDir = path.join(home, '..', `authdoctor-report-${process.pid}`);
  outsideKeyFile = path.join(outsideDir, 'users', USER, 'anthropic.key');
  mkdirSync(path.dirname(outsideKeyFile), { recursive: true });
  writeFileSync(outsideKeyFile, S.fromFile + '\n', { mode: 0o600 });
  configFile = path.join(home, '.config', 'authdoctor', 'profiles.json');
  mkdirSync(path.dirname(configFile), { recursive: true });
  const profiles = {
    work: { value: S.work },
    revoked: { value: S.revoked },
    flaky: { value: S.flaky },
    setup: { value: S.setup, kind: 'setup_token', scopes: ['user:inference'] },
    max: { value: S.oauth, kind: 'oauth_token', scopes: FULL_SCOPES, refreshable: true },
    admin: { value: S.admin },
    [EMAIL]: { value: S.byEmail },
    'shared-box': { file: outsideKeyFile },
    // Two references at once: a store problem the report must list.
    'half-done': { value: S.work, env: 'SOME_VAR' },
  };
  writeFileSync(configFile, JSON.stringify({ version: 1, profiles }, null, 2), { mode: 0o600 });
  chmodSync(configFile, 0o600);
});

afterAll(async () => {
  await Promise.all([sim?.close(), skewedSim?.close()]);
  if (outsideDir) rmSync(outsideDir, { recursive: true, force: true });
  cleanup?.();
});

const ENV = {
  USER,
  LOGNAME: USER,
  HTTPS_PROXY: `http://proxyuser:${PROXY_PASSWORD}@127.0.0.1:9`,
  // The fake API is on loopback: a proxy, if one is used, must not stand in between.
  NO_PROXY: '127.0.0.1,localhost',
};

async function run(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const r = await runCli(args, { home, env: { ...ENV, ...env } });
  outputs.push(r);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Reading the Markdown back.

function headings(tokens: Token[], depth: number): string[] {
  return tokens.filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth === depth).map((t) => t.text);
}

/** The first table after the level-2 heading with this text. */
function tableAfter(tokens: Token[], heading: string): Tokens.Table {
  const start = tokens.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).text === heading);
  expect(start, `heading "${heading}"`).toBeGreaterThanOrEqual(0);
  const table = tokens.slice(start).find((t): t is Tokens.Table => t.type === 'table');
  expect(table, `a table after "${heading}"`).toBeDefined();
  return table!;
}

/** Cell text without the code-span backticks. */
const plain = (c: Tokens.TableCell) => c.text.replace(/^`+\s?|\s?`+$/g, '');

function column(table: Tokens.Table, name: string): number {
  const i = table.header.findIndex((h) => h.text === name);
  expect(i, `column "${name}"`).toBeGreaterThanOrEqual(0);
  return i;
}

function envRow(tokens: Token[], name: string): string {
  const t = tableAfter(tokens, 'authdoctor triage report');
  const row = t.rows.find((r) => r[0]!.text === name);
  expect(row, `environment row "${name}"`).toBeDefined();
  return row![1]!.text;
}

/** Every checks table of the details section: the ones whose header starts with "Check". */
function checkTables(tokens: Token[]): Tokens.Table[] {
  return tokens.filter((t): t is Tokens.Table => t.type === 'table' && t.header[0]?.text === 'Check');
}

function skewSeconds(tokens: Token[]): number {
  const m = /^([+-]\d+) s/.exec(envRow(tokens, 'Clock skew'));
  expect(m, 'a measured clock skew').not.toBeNull();
  return Number(m![1]);
}

function assertRedacted(text: string): void {
  expect(leakedWindows(text, SECRETS)).toEqual([]);
  expect(text).not.toContain(home);
  expect(text).not.toContain(USER);
  expect(text).not.toContain(PROXY_PASSWORD);
}

// ---------------------------------------------------------------------------------------------

describe('authdoctor report on mixed profiles', () => {
  let r: RunResult;
  let tokens: Token[];

  beforeAll(async () => {
    r = await run(['report', '--base-url', sim.url]);
    tokens = marked.lexer(r.stdout);
  });

  it('exits like check does', async () => {
    const check = await run(['check', '--json', '--base-url', sim.url]);
    const json = JSON.parse(check.stdout) as Report;
    expect(json.exitCode).toBe(1);
    expect(r.code).toBe(json.exitCode);
  });

  it('has the sections a support engineer reads, as headings', () => {
    expect(headings(tokens, 1)).toEqual(['authdoctor triage report']);
    expect(headings(tokens, 2)).toEqual(['Summary', 'What to do next', 'Good to know', 'Problems with credential stores', 'Details']);
    // One details heading per profile.
    expect(headings(tokens, 3)).toHaveLength(Object.keys(EXPECTED_VERDICTS).length);
  });

  it('has a header with environment facts', () => {
    expect(envRow(tokens, 'authdoctor')).toMatch(/^\d+\.\d+\.\d+/);
    expect(envRow(tokens, 'Node')).toBe(process.version);
    expect(envRow(tokens, 'Base URLs')).toContain(sim.url);
    expect(envRow(tokens, 'Base URLs')).toContain('--base-url');
    // Issue 13, item 12: the Flags row said "none" while the Base URLs row named --base-url.
    expect(envRow(tokens, 'Flags')).toBe(`\`--base-url ${sim.url}\``);
    // Names of the proxy variables, never their values.
    expect(envRow(tokens, 'Proxy variables')).toContain('HTTPS_PROXY');
    expect(envRow(tokens, 'Proxy variables')).toContain('NO_PROXY');
    expect(envRow(tokens, 'Proxy variables')).not.toContain('proxyuser');
  });

  it('has one summary row per profile, with its verdict and a redacted credential', () => {
    const t = tableAfter(tokens, 'Summary');
    const [id, verdict, credential, validity] = ['Profile', 'Verdict', 'Credential', 'Validity'].map((n) => column(t, n));
    expect(t.rows.every((row) => row.length === t.header.length)).toBe(true);
    const verdicts = Object.fromEntries(t.rows.map((row) => [plain(row[id!]!), row[verdict!]!.text.split(' ').pop()]));
    // The email-named profile appears under a placeholder, not its address.
    const expected = { ...EXPECTED_VERDICTS };
    delete expected[`config/${EMAIL}`];
    expected['config/[email 1]'] = 'works';
    expect(verdicts).toEqual(expected);
    for (const row of t.rows) expect(plain(row[credential!]!)).toMatch(/^sk-ant-[a-z]+\d+-…/);
    const revoked = t.rows.find((row) => plain(row[id!]!) === 'config/revoked')!;
    expect(revoked[validity!]!.text).toContain('invalid_credential');
  });

  it('shows quota in one cell: windows, spend, or why there is none', () => {
    const t = tableAfter(tokens, 'Summary');
    const [id, quota] = ['Profile', 'Quota'].map((n) => column(t, n));
    const cell = (p: string) => t.rows.find((row) => plain(row[id!]!) === p)![quota!]!.text;
    expect(cell('config/max')).toContain('85 %');
    expect(cell('config/admin')).toContain('13.35 USD');
    expect(cell('config/setup')).toContain('scope_missing');
    expect(cell('config/work')).toContain('no_quota_endpoint');
  });

  it('details every check with status, code, HTTP status, request id and time', () => {
    const tables = checkTables(tokens);
    expect(tables).toHaveLength(Object.keys(EXPECTED_VERDICTS).length);
    for (const t of tables) {
      expect(t.rows.map((row) => row[0]!.text)).toEqual(['format', 'expiry', 'validity', 'quota', 'inference']);
      const validity = t.rows[2]!;
      expect(validity[column(t, 'HTTP')]!.text).toMatch(/^\d{3}$/);
      // support asks for the request id: every answered request has one, the 401 and 529 included.
      expect(plain(validity[column(t, 'Request ID')]!)).toMatch(/^req_011C\w+$/);
      expect(validity[column(t, 'Time')]!.text).toMatch(/\d+(\.\d)? m?s$/);
    }
    const codes = tables.map((t) => plain(t.rows[2]![column(t, 'Code')]!));
    expect(codes).toContain('invalid_credential');
    expect(codes).toContain('provider_unavailable');
  });

  it('shows quota data: windows with reset times, rate limits, spend', () => {
    const windows = tokens.find((t): t is Tokens.Table => t.type === 'table' && t.header[0]?.text === 'Usage window');
    expect(windows?.rows.map((row) => row[2]!.text)).toEqual([expect.stringContaining(RESETS.fiveHour), expect.stringContaining(RESETS.sevenDay)]);
    const limits = tokens.find((t): t is Tokens.Table => t.type === 'table' && t.header[0]?.text === 'Rate limit');
    expect(limits?.rows.map((row) => row[0]!.text)).toEqual(['requests', 'tokens']);
    expect(r.stdout).toContain('**Spend:** 13.35 USD');
  });

  it('lists what to do next, most important first, each hint once', () => {
    const list = tokens.find((t): t is Tokens.List => t.type === 'list' && t.ordered);
    expect(list).toBeDefined();
    const items = list!.items.map((i) => i.text);
    expect(new Set(items).size).toBe(items.length);
    const first = (code: string) => items.findIndex((i) => i.includes(`\`${code}\``));
    // broken (fail) before could-not-verify (error) before store problems before warnings
    expect(first('invalid_credential')).toBe(0);
    expect(first('invalid_credential')).toBeLessThan(first('provider_unavailable'));
    expect(first('provider_unavailable')).toBeLessThan(first('malformed_store'));
    expect(first('malformed_store')).toBeLessThan(first('near_limit'));
    expect(first('near_limit')).toBe(items.length - 1);
  });

  // Issue 13, item 12: information was listed as steps.
  it('keeps what only informs out of the steps, under "Good to know"', () => {
    const steps = tokens.find((t): t is Tokens.List => t.type === 'list' && t.ordered)!.items.map((i) => i.text);
    for (const info of ['no_quota_endpoint', 'scope_missing']) expect(steps.join('\n')).not.toContain(`\`${info}\``);
    const at = tokens.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).text === 'Good to know');
    const list = tokens.slice(at).find((t): t is Tokens.List => t.type === 'list')!;
    const items = list.items.map((i) => i.text);
    expect(list.ordered).toBe(false);
    // Three API keys share the "no quota endpoint" hint: one item naming all of them.
    const noQuota = items.filter((i) => i.includes('`no_quota_endpoint`'));
    expect(noQuota).toHaveLength(1);
    expect(noQuota[0]).toContain('config/work');
    expect(noQuota[0]).toContain('config/shared-box');
    expect(items.some((i) => i.includes('`scope_missing`'))).toBe(true);
  });

  it('lists problems from stores', () => {
    const t = tableAfter(tokens, 'Problems with credential stores');
    expect(t.rows.map((row) => plain(row[column(t, 'Code')]!))).toEqual(['malformed_store']);
    expect(plain(t.rows[0]![column(t, 'Location')]!)).toBe('~/.config/authdoctor/profiles.json#/profiles/half-done');
  });

  it('contains no secret, home path, user name, proxy password or email', () => {
    assertRedacted(r.stdout + r.stderr);
    expect(r.stdout).not.toContain(EMAIL);
    expect(r.stdout).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    // The path outside home is still there, with the name replaced.
    expect(r.stdout).toContain(`/users/[user]/anthropic.key`);
  });

  it('measures no clock skew against a fake with the right time', () => {
    expect(Math.abs(skewSeconds(tokens))).toBeLessThanOrEqual(2);
    expect(r.stdout).not.toContain('`clock_skew`');
  });
});

describe('authdoctor report options', () => {
  it('flags clock skew from the provider Date header', async () => {
    const r = await run(['report', '--verbose', '--profile', 'work', '--base-url', skewedSim.url]);
    expect(r.code).toBe(0);
    // --verbose works for report as for check: the request line on stderr, the report alone on stdout.
    expect(r.stderr).toMatch(/^→ GET \S+\/v1\/models\?limit=1 200 \d+ ms req_011C\w+$/m);
    expect(r.stdout).not.toContain('→ GET');
    const tokens = marked.lexer(r.stdout);
    const skew = skewSeconds(tokens);
    expect(Math.abs(skew - SKEW_MS / 1000)).toBeLessThanOrEqual(2);
    expect(envRow(tokens, 'Clock skew')).toContain('⚠️');
    const list = tokens.find((t): t is Tokens.List => t.type === 'list' && t.ordered)!;
    expect(list.items[0]!.text).toContain('`clock_skew`');
  });

  it('keeps emails with --include-identity, and still hides the home and user name', async () => {
    const r = await run(['report', '--include-identity', '--profile', EMAIL, '--base-url', sim.url]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`config/${EMAIL}`);
    assertRedacted(r.stdout + r.stderr);
  });

  it('shows the endpoint of a profile that ANTHROPIC_BASE_URL sends elsewhere, and only of that one', async () => {
    const key = fakeSecret('sk-ant-api03-');
    sim.setCredential(key, { kind: 'api_key' });
    const r = await run(['report', '--source', 'env', '--source', 'config', '--profile', 'env/*', '--profile', 'work'], {
      ANTHROPIC_API_KEY: key,
      ANTHROPIC_BASE_URL: sim.url,
    });
    // The profiles file's `work` entry is not the environment's: it keeps its own default (not sent: see the leaks tests).
    const [envSection, workSection] = ['env/ANTHROPIC_API_KEY', 'config/work'].map((id) => r.stdout.slice(r.stdout.indexOf(`\`${id}\` —`)));
    expect(envSection).toMatch(new RegExp(`^[^#]*\\*\\*Endpoint:\\*\\* \`${sim.url.replace(/[.]/g, '\\.')}\``));
    expect(workSection.split('###')[0]).not.toContain('Endpoint');
  });

  it('writes --output to a file, valid Markdown whose tables parse as tables', async () => {
    const file = path.join(home, 'out', 'ticket.md');
    mkdirSync(path.dirname(file), { recursive: true });
    const r = await run(['report', '--output', file, '--base-url', sim.url]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    assertRedacted(text);
    expect(text).not.toContain(EMAIL);
    const tokens = marked.lexer(text);
    const tables = tokens.filter((t): t is Tokens.Table => t.type === 'table');
    // environment, summary, problems, one checks table per profile, and quota tables
    expect(tables.length).toBeGreaterThanOrEqual(3 + Object.keys(EXPECTED_VERDICTS).length);
    for (const t of tables) for (const row of t.rows) expect(row).toHaveLength(t.header.length);
    // GitHub renders it too: the HTML parses, and every <details> is closed.
    const html = marked.parse(text, { async: false });
    expect(html).toContain('<table>');
    expect(text.match(/<details( open)?>/g)?.length).toBe(text.match(/<\/details>/g)?.length);
    if (process.env.AUTHDOCTOR_WRITE_SAMPLE) writeFileSync(process.env.AUTHDOCTOR_WRITE_SAMPLE, text);
  });

  it('an unwritable --output is a usage error', async () => {
    const r = await run(['report', '--output', path.join(home, 'no', 'such', 'dir', 'x.md'), '--profile', 'work', '--base-url', sim.url]);
    expect(r.code).toBe(2);
  });

  it('with --offline: nothing measured, exit 3, and the next step is to run online', async () => {
    const before = sim.requests.length;
    const r = await run(['report', '--offline', '--profile', 'work', '--base-url', sim.url]);
    expect(r.code).toBe(3);
    expect(sim.requests.length).toBe(before);
    const tokens = marked.lexer(r.stdout);
    expect(envRow(tokens, 'Clock skew')).toContain('not measured');
    const list = tokens.find((t): t is Tokens.List => t.type === 'list' && t.ordered)!;
    expect(list.items[0]!.text).toContain('`offline`');
  });

  it('rejects --json: the report is Markdown', async () => {
    const r = await run(['report', '--json', '--base-url', sim.url]);
    expect(r.code).toBe(2);
  });

  it('reports with nothing found, exit 4, and where it looked', async () => {
    const r = await run(['report', '--source', 'env', '--base-url', sim.url]);
    expect(r.code).toBe(4);
    expect(headings(marked.lexer(r.stdout), 2)).toContain('Where authdoctor looked');
  });
});

describe('check --verbose', () => {
  it('prints each request on stderr: method, path, status, time, request id; no secret', async () => {
    const before = sim.requests.length;
    const r = await run(['check', '--verbose', '--profile', 'work', '--profile', 'revoked', '--base-url', sim.url]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('→ '));
    expect(lines).toHaveLength(sim.requests.length - before);
    for (const line of lines) expect(line).toMatch(/^→ GET http:\/\/127\.0\.0\.1:\d+\/v1\/models\?limit=1 (200|401) \d+ ms req_011C\w+$/);
    expect(lines.some((l) => / 401 /.test(l))).toBe(true);
    assertRedacted(r.stdout + r.stderr);
  });

  // Issue 13, item 13: the check line counted loading the SDK as the request's time.
  it('gives a request the same time as the check line that shows it', async () => {
    const r = await run(['check', '--verbose', '--no-color', '--profile', 'work', '--profile', 'revoked', '--profile', 'max', '--profile', 'admin', '--base-url', sim.url]);
    const verbose = new Map(r.stderr.split('\n').flatMap((l) => {
      const m = /^→ \S+ \S+ \d+ (\d+) ms (req_\w+)$/.exec(l);
      return m ? [[m[2]!, Number(m[1])] as const] : [];
    }));
    const shown = [...r.stdout.matchAll(/\((\d+) ms · (req_\w+)\)$/gm)].map((m) => [m[2]!, Number(m[1])] as const);
    expect(shown.length).toBeGreaterThanOrEqual(4);
    for (const [id, ms] of shown) expect(ms, id).toBe(verbose.get(id));
  });

  it('prints no request lines without --verbose', async () => {
    const r = await run(['check', '--profile', 'work', '--base-url', sim.url]);
    expect(r.stderr).not.toContain('→ GET');
  });
});

// ---------------------------------------------------------------------------------------------
// Pure pieces.

describe('clock skew measurement', () => {
  const at = (iso: string) => Date.parse(iso);
  it('compares the server Date with the local midpoint of the request, median of all', () => {
    const samples = [
      // sent at :00.000, answered at :01.000; the server said :00 (somewhere in :00.000–:00.999)
      { date: 'Wed, 25 Nov 2026 20:00:00 GMT', receivedAtMs: at('2026-11-25T20:00:01.000Z'), durationMs: 1000 },
      { date: 'Wed, 25 Nov 2026 20:05:00 GMT', receivedAtMs: at('2026-11-25T20:00:00.500Z'), durationMs: 0 },
      { date: 'Wed, 25 Nov 2026 20:05:00 GMT', receivedAtMs: at('2026-11-25T20:00:00.500Z'), durationMs: 0 },
      { date: 'not a date', receivedAtMs: 0, durationMs: 0 },
    ];
    expect(measureClockSkew(samples.slice(0, 1))).toEqual({ skewMs: 0, samples: 1, flagged: false });
    expect(measureClockSkew(samples)).toEqual({ skewMs: 300_000, samples: 3, flagged: true });
    expect(measureClockSkew([samples[3]!])).toBeNull();
  });
});

describe('identity scrubbing', () => {
  it('maps homes to ~, hides user names and numbers emails consistently', () => {
    const text = 'a /home/zqx/x.json b /mnt/zqx/k c:zqx d zqxy a@b.io, A@B.io, c@d.org /home/zqx2 root ab';
    const out = scrubIdentity(text, { homes: ['/home/zqx/'], userNames: ['zqx', 'root', 'ab'], includeIdentity: false });
    // Not inside longer names (zqxy, zqx2); generic and very short names are left alone.
    expect(out).toBe('a ~/x.json b /mnt/[user]/k c:[user] d zqxy [email 1], [email 1], [email 2] /home/zqx2 root ab');
    expect(scrubIdentity('me@x.io /home/zqx', { homes: ['/home/zqx'], userNames: [], includeIdentity: true })).toBe('me@x.io ~');
  });

  it('leaves openclaw ids and profile names alone when the login name is a common word', () => {
    const text = '`openclaw/main/anthropic:default` in ~/.openclaw/agents/main/agent/auth-profiles.json, config/work, it works at work; /mnt/Users/main/k C:\\Users\\work\\k';
    const out = scrubIdentity(text, { homes: ['/home/main'], userNames: ['main', 'work'], includeIdentity: false });
    expect(out).toBe('`openclaw/main/anthropic:default` in ~/.openclaw/agents/main/agent/auth-profiles.json, config/work, it works at work; /mnt/Users/[user]/k C:\\Users\\[user]\\k');
  });
});

/** A report context for the renderer's unit tests: a fixed run on Linux against the default API. */
function markdownContext(over: Partial<MarkdownContext> = {}): MarkdownContext {
  return {
    version: '0.1.0',
    generatedAt: new Date('2026-11-25T20:00:00Z'),
    os: 'linux 6.1',
    arch: 'x64',
    node: 'v20.20.0',
    baseUrlFlags: {},
    proxyVariables: [],
    proxyUsed: false,
    clockSkew: null,
    flags: [],
    extras: {},
    includeIdentity: false,
    searched: [],
    ...over,
  };
}

describe('markdown renderer', () => {
  const report: Report = {
    schemaVersion: 1,
    tool: { name: 'authdoctor', version: '0.1.0' },
    startedAt: '2026-11-25T20:00:00.000Z',
    durationMs: 10,
    exitCode: 3,
    summary: { profiles: 1, works: 0, broken: 0, unknown: 1, skipped: 0 },
    problems: [],
    profiles: [
      {
        id: 'env/A|B',
        name: 'A|B',
        provider: 'anthropic',
        source: { type: 'env', location: 'A|B' },
        credential: { kind: 'api_key', redacted: 'sk-ant-api03-…abcd', expiresAt: null, scopes: null },
        verdict: 'unknown',
        checks: [
          { id: 'validity', status: 'error', code: 'unexpected_response', summary: 'server said: a | b\nsecond line <script>x</script>', hint: 'Try | again', httpStatus: 502, durationMs: 5 },
        ],
      },
    ],
  };
  const ctx = markdownContext({ clockSkew: { skewMs: -CLOCK_SKEW_LIMIT_MS - 1000, samples: 2, flagged: true } });

  it('keeps tables intact when cells hold | and newlines, and lets no HTML through', () => {
    const md = renderMarkdown(report, ctx);
    const tokens = marked.lexer(md);
    for (const t of tokens.filter((x): x is Tokens.Table => x.type === 'table')) for (const row of t.rows) expect(row).toHaveLength(t.header.length);
    const checks = checkTables(tokens)[0]!;
    expect(checks.rows).toHaveLength(1);
    // marked unescapes the pipe: it stayed inside the cell instead of splitting it.
    expect(checks.rows[0]![column(checks, 'Summary')]!.text).toContain('a | b');
    expect(marked.parse(md, { async: false })).not.toContain('<script>');
    // The clock is behind by over a minute: flagged, and the first thing to do.
    expect(md).toContain('-61 s ⚠️');
  });
});

describe('markdown renderer: store text and the next steps', () => {
  const base: Report = {
    schemaVersion: 1,
    tool: { name: 'authdoctor', version: '0.1.0' },
    startedAt: '2026-11-25T20:00:00.000Z',
    durationMs: 10,
    exitCode: 3,
    summary: { profiles: 1, works: 0, broken: 0, unknown: 1, skipped: 0 },
    problems: [],
    profiles: [],
  };
  const ctx = markdownContext({ clockSkew: null });
  const location = '~/.openclaw/agents/main/agent/auth-profiles.json#/profiles/anthropic:exec';
  const unresolved: Report = {
    ...base,
    problems: [
      { source: 'openclaw', location, code: 'unresolved_ref', message: 'an exec SecretRef: authdoctor runs it only with --allow-exec' },
      // A lone carriage return (CommonMark: a line ending) from a store: it must not end the row.
      { source: 'config', location: '~/p.json#/profiles/a\rb``c', code: 'malformed_store', message: 'profile "a\rb" | is not an object' },
    ],
    profiles: [
      {
        id: 'openclaw/main/anthropic:exec',
        name: 'main/anthropic:exec',
        provider: 'anthropic',
        source: { type: 'openclaw', location },
        credential: { kind: 'unknown', redacted: '', expiresAt: null, scopes: null },
        verdict: 'unknown',
        checks: [
          { id: 'format', status: 'error', code: 'unresolved_ref', summary: 'the secret could not be resolved', hint: 'Run with --allow-exec for exec references you trust.', durationMs: 0 },
        ],
      },
    ],
  };

  it('keeps rows intact across a lone carriage return and code spans intact across backtick runs', () => {
    const md = renderMarkdown(unresolved, ctx);
    const problems = tableAfter(marked.lexer(md), 'Problems with credential stores');
    expect(problems.rows).toHaveLength(2);
    for (const row of problems.rows) expect(row).toHaveLength(problems.header.length);
    const cell = problems.rows[1]![column(problems, 'Location')]!;
    // One code span holding the whole location, double backticks included.
    expect(cell.tokens.map((t) => t.type)).toEqual(['codespan']);
    expect((cell.tokens[0] as Tokens.Codespan).text).toContain('b``c');
  });

  it('does not repeat an unresolved reference a profile already shows as "fix or remove" the store entry', () => {
    const list = marked.lexer(renderMarkdown(unresolved, ctx)).find((t): t is Tokens.List => t.type === 'list' && t.ordered)!;
    const items = list.items.map((i) => i.text);
    expect(items.filter((i) => i.includes('`unresolved_ref`'))).toHaveLength(1);
    expect(items.find((i) => i.includes('`unresolved_ref`'))).toContain('openclaw/main/anthropic:exec');
    // The other problem has no profile to carry it: it stays a step of its own.
    expect(items.filter((i) => i.includes('`malformed_store`'))).toHaveLength(1);
  });
});

describe('report: a secret that Markdown would escape', () => {
  it('is not readable in the report when a server echoes it back', async () => {
    // Not credential-shaped, so only the run's own scrubber can catch it; `*`, `[`, `<` and `|` are
    // what Markdown escaping splits with a backslash, and every run between them is under 12 characters.
    const secret = 'Tr0ub4dor&3*horse[battery]staple<correct|pony*zebra9';
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      const sent = String(req.headers['x-api-key'] ?? req.headers.authorization ?? '');
      res.writeHead(401, { 'content-type': 'application/json', 'request-id': 'req_011CEchoEcho' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key ${sent}` } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const mine = tempHome();
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const r = await runCli(['report', '--source', 'env', '--base-url', url], { home: mine.home, env: { ANTHROPIC_API_KEY: secret } });
      expect(r.code).toBe(1);
      // What a reader sees once the Markdown is rendered: the escapes are gone.
      const rendered = r.stdout.replace(/\\(.)/g, '$1');
      expect(leakedWindows(rendered, [secret], () => 0)).toEqual([]);
    } finally {
      server.close();
      mine.cleanup();
    }
  });
});
