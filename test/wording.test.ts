// Issue 13, item 13: wording a person reads — articles, plurals, what a skipped check says, the time
// of a request, hints said once. Pure renderers and checks, no network.

import { describe, expect, it } from 'vitest';
import { classifyAnthropic } from '../src/providers/anthropic/index.js';
import { withArticle } from '../src/credentials/classify.js';
import { renderClosing, renderProfile, renderSaidOnce, renderSummary, PLAIN } from '../src/render/human.js';
import { renderMarkdown, type MarkdownContext } from '../src/render/markdown.js';
import { runProfiles, type RunOptions } from '../src/run.js';
import { newProbeCaches } from '../src/providers/types.js';
import type { CheckResult, ProfileReport, Report } from '../src/types.js';
import { summarize } from '../src/verdict.js';

const NOW = new Date('2026-11-25T20:00:00Z');

describe('articles', () => {
  it.each([
    ['OpenAI', 'an OpenAI'],
    ['admin_key', 'an admin_key'],
    ['api_key', 'an api_key'],
    ['oauth_token', 'an oauth_token'],
    ['setup_token', 'a setup_token'],
    ['unknown', 'an unknown'],
    ['object', 'an object'],
    ['number', 'a number'],
    ['xAI', 'an xAI'],
    ['MiniMax', 'a MiniMax'],
    ['Mistral', 'a Mistral'],
    ['Groq', 'a Groq'],
    ['OpenRouter', 'an OpenRouter'],
    ['SDK', 'an SDK'],
    ['user', 'a user'],
    ['GitHub Copilot', 'a GitHub Copilot'],
  ])('%s → %s', (word, said) => expect(withArticle(word)).toBe(said));
});

function check(id: CheckResult['id'], over: Partial<CheckResult> = {}): CheckResult {
  return { id, status: 'pass', code: 'recognized', summary: `${id} summary`, durationMs: 0, ...over } as CheckResult;
}

function profile(checks: CheckResult[], over: Partial<ProfileReport> = {}): ProfileReport {
  return {
    id: 'config/p',
    name: 'p',
    provider: 'anthropic',
    source: { type: 'config', location: '~/p.json#/profiles/p' },
    credential: { kind: 'api_key', redacted: 'sk-ant-api03-…AAAA', expiresAt: null, scopes: null },
    verdict: 'works',
    checks,
    ...over,
  };
}

describe('plurals', () => {
  it('counts working profiles in agreement with the number', () => {
    const line = (works: number) => renderSummary({ summary: summarize(Array(works).fill({ verdict: 'works' })), exitCode: 0, durationMs: 1, profiles: [] }, { palette: PLAIN });
    expect(line(1)).toMatch(/^1 profile: 1 works · 0 broken/);
    expect(line(6)).toMatch(/^6 profiles: 6 work · 0 broken/);
  });

  it('says "1 needs attention" in the Markdown details', () => {
    const p = profile([check('format'), check('expiry', { status: 'skip' }), check('validity', { status: 'warn', code: 'rate_limited' }), check('quota', { status: 'skip' }), check('inference', { status: 'skip' })]);
    const report: Report = { schemaVersion: 1, tool: { name: 'authdoctor', version: '0' }, startedAt: NOW.toISOString(), durationMs: 1, exitCode: 0, summary: summarize([p]), problems: [], profiles: [p] };
    const ctx: MarkdownContext = { version: '0', generatedAt: NOW, os: 'linux', arch: 'x64', node: 'v20', baseUrlFlags: {}, proxyVariables: [], proxyUsed: false, clockSkew: null, flags: [], extras: {}, includeIdentity: false, searched: [] };
    const md = renderMarkdown(report, ctx);
    expect(md).toContain('· 1 needs attention');
    expect(md).toContain('1 profile: 1 works');
  });
});

describe('what a skipped check says', () => {
  it('after a format error, "could not be checked", not "the format check failed"', async () => {
    const run: RunOptions = {
      checks: { offline: false, quota: true, inference: false },
      run: { http: { request: () => Promise.reject(new Error('no network')), close: () => undefined }, timeoutMs: 1000, now: () => NOW, env: {}, userAgent: 't', ...newProbeCaches() },
      concurrency: 1,
      now: () => NOW,
      endpoints: () => ({ baseUrls: { anthropic: 'https://example.test' } }),
    };
    const [unresolved] = await runProfiles([{ id: 'e', name: 'e', provider: 'anthropic', source: { type: 'env', location: 'e' }, secret: null, metadata: { unresolved: 'variable X is not set' } }], run);
    const by = Object.fromEntries(unresolved!.checks.map((c) => [c.id, c]));
    expect(by.format!.status).toBe('error');
    for (const id of ['expiry', 'validity'] as const) {
      expect(by[id]!.summary).not.toMatch(/failed|not usable/);
      expect(by[id]!.summary).toMatch(/could not be checked \(unresolved_ref\)/);
    }
  });

  it('template text is not called an unexpanded variable', () => {
    expect(classifyAnthropic('<your-key>').hint).not.toMatch(/variable/);
    expect(classifyAnthropic('${ANTHROPIC_API_KEY}').hint).toMatch(/variable was never expanded/);
  });
});

describe('lines every profile shares because of a flag', () => {
  it('are said once for the run; validity keeps its own, as it says why the profile is unknown', () => {
    const offline = (id: CheckResult['id'], hint?: string) => check(id, { status: 'skip', code: 'offline', summary: 'not sent (--offline)', ...(hint ? { hint } : {}) });
    // As checks/validity.ts says it: with the next step.
    const validity = offline('validity', 'Run without --offline to ask the provider whether the credential works.');
    const p = profile([check('format'), check('expiry', { status: 'skip' }), validity, offline('quota'), offline('inference')], { verdict: 'unknown' });
    const text = renderProfile(p, { palette: PLAIN });
    expect(text).toMatch(/validity +not sent \(--offline\)/);
    expect(text).not.toMatch(/quota|inference/);
    expect(renderSaidOnce([p, { ...p, id: 'config/q' }], { palette: PLAIN }).split('\n')).toEqual(['· quota: not sent (--offline)', '· inference: not sent (--offline)']);
  });
});

describe('the closing blocks of check', () => {
  const searched = { searched: ['environment variables'], found: [], filters: { profile: [], provider: [] } };
  const report = (profiles: ProfileReport[], over: Partial<Report> = {}): Report => {
    const summary = summarize(profiles);
    return { schemaVersion: 1, tool: { name: 'authdoctor', version: '0' }, startedAt: NOW.toISOString(), durationMs: 1, exitCode: 0, summary, problems: [], profiles, ...over };
  };

  it('names the proxy variables (never their values) right above the summary line', () => {
    const text = renderClosing(report([profile([check('validity', { code: 'authenticated' })])], { proxy: { used: true, variables: ['HTTPS_PROXY', 'NO_PROXY'] } }), { palette: PLAIN }, searched);
    expect(text.split('\n').slice(-3)).toEqual(['Requests went through the proxy in HTTPS_PROXY.', expect.stringMatching(/^1 profile: 1 works/), '']);
  });

  it('says why there is nothing to check, and no summary line, when there is no profile', () => {
    const text = renderClosing(report([]), { palette: PLAIN }, searched);
    expect(text).toMatch(/^No credentials found\.\n\nLooked in:\n  - environment variables\n/);
    expect(text).not.toMatch(/profiles:/);
  });
});

describe('a request that answers two checks', () => {
  it('is timed once; the second check points at it', () => {
    const text = renderProfile(
      profile([
        check('format'),
        check('expiry', { status: 'skip' }),
        check('validity', { code: 'authenticated', httpStatus: 200, requestId: 'req_1', durationMs: 232 }),
        check('quota', { code: 'balance', httpStatus: 200, requestId: 'req_1', durationMs: 232 }),
        check('inference', { status: 'skip', code: 'not_requested', summary: 'run with --inference' }),
      ]),
      { palette: PLAIN },
    );
    expect(text).toMatch(/validity .*\(232 ms · req_1\)$/m);
    expect(text).toMatch(/quota .*\(the validity request · req_1\)$/m);
    expect(text.match(/232 ms/g)).toHaveLength(1);
    // Not requested: said once for the run, not on the profile.
    expect(text).not.toContain('inference');
  });
});
