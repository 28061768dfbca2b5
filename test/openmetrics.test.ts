// The OpenMetrics renderer on reports made here: how quota data maps onto the families (README,
// "Monitoring"), and what the exposition format asks of label values and series.

import { describe, expect, it } from 'vitest';
import { labelValue, renderOpenMetrics } from '../src/render/openmetrics.js';
import type { CheckResult, ProfileReport, Report } from '../src/types.js';
import { parseOpenMetrics, runParserTests } from './helpers/openmetrics.js';

function profile(id: string, quotaData?: Record<string, unknown>, over: Partial<ProfileReport> = {}): ProfileReport {
  const check = (id: CheckResult['id'], status: CheckResult['status'], code: CheckResult['code']): CheckResult => ({ id, status, code, summary: '', durationMs: 12 });
  const quota = { ...check('quota', 'pass', 'usage'), ...(quotaData ? { data: quotaData } : {}) };
  return {
    id,
    name: id,
    provider: 'openrouter',
    source: { type: 'config', location: 'x' },
    credential: { kind: 'api_key', redacted: 'sk-or-v1-…abcd', expiresAt: null, scopes: null },
    verdict: 'works',
    checks: [check('format', 'pass', 'recognized'), check('expiry', 'skip', 'not_applicable'), check('validity', 'pass', 'authenticated'), quota, check('inference', 'skip', 'not_requested')],
    ...over,
  };
}

function report(profiles: ProfileReport[]): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'authdoctor', version: '0.1.0' },
    startedAt: '2026-11-25T20:00:00.500Z',
    durationMs: 412,
    exitCode: profiles.length ? 0 : 4,
    summary: { profiles: profiles.length, works: profiles.length, broken: 0, unknown: 0, skipped: 0 },
    problems: [],
    profiles,
  };
}

/** The sample lines of one family. */
const lines = (text: string, family: string) => text.split('\n').filter((l) => l.startsWith(`${family}{`) || l.startsWith(`${family} `));

describe('quota data → authdoctor_quota_used_ratio and authdoctor_money', () => {
  it('a key limit: its used share under window="key_limit", what is left as key_remaining, the month as spend_month', () => {
    const text = renderOpenMetrics(report([profile('config/k', { keyLimit: { limit: 10, remaining: 1.5, resetsEvery: 'monthly', usage: { day: 1, week: 3, month: 8.5 }, currency: 'USD' } })]));
    expect(lines(text, 'authdoctor_quota_used_ratio')).toEqual(['authdoctor_quota_used_ratio{profile="config/k",window="key_limit"} 0.85']);
    expect(lines(text, 'authdoctor_money')).toEqual([
      'authdoctor_money{profile="config/k",kind="spend_month",currency="USD"} 8.5',
      'authdoctor_money{profile="config/k",kind="key_remaining",currency="USD"} 1.5',
    ]);
  });

  it('a key without a limit has no ratio; a limit of 0 none either; a currency nobody named is "unknown"', () => {
    const unlimited = profile('config/u', { keyLimit: { limit: null, remaining: null, resetsEvery: null, usage: { day: null, week: null, month: 2 }, currency: null } });
    const zero = profile('config/z', { keyLimit: { limit: 0, remaining: 0, resetsEvery: null, usage: { day: null, week: null, month: null }, currency: 'USD' } });
    const text = renderOpenMetrics(report([unlimited, zero]));
    expect(lines(text, 'authdoctor_quota_used_ratio')).toEqual([]);
    expect(lines(text, 'authdoctor_money')).toEqual([
      'authdoctor_money{profile="config/u",kind="spend_month",currency="unknown"} 2',
      'authdoctor_money{profile="config/z",kind="key_remaining",currency="USD"} 0',
    ]);
  });

  it('windows as fractions (overage above 1), balances per currency, spend totals as spend_month', () => {
    const data = {
      windows: [
        { window: '5h', usedPercent: 120, resetsAt: null },
        { window: '7d', usedPercent: 40, resetsAt: '2026-11-30T00:00:00Z' },
      ],
      balances: [
        { amount: 12.5, currency: 'CNY' },
        { amount: -0.25, currency: null },
      ],
      spend: { totals: [{ amount: 431.2, currency: 'USD' }], from: '2026-11-01T00:00:00.000Z', to: '2026-11-25T20:00:00.000Z' },
    };
    const text = renderOpenMetrics(report([profile('config/w', data)]));
    expect(lines(text, 'authdoctor_quota_used_ratio')).toEqual(['authdoctor_quota_used_ratio{profile="config/w",window="5h"} 1.2', 'authdoctor_quota_used_ratio{profile="config/w",window="7d"} 0.4']);
    expect(lines(text, 'authdoctor_money')).toEqual([
      'authdoctor_money{profile="config/w",kind="balance",currency="CNY"} 12.5',
      'authdoctor_money{profile="config/w",kind="balance",currency="unknown"} -0.25',
      'authdoctor_money{profile="config/w",kind="spend_month",currency="USD"} 431.2',
    ]);
  });

  it('a series the data names twice is shown once (the first), and odd data is left out, not guessed', () => {
    const data = {
      windows: [{ window: '5h', usedPercent: 10 }, { window: '5h', usedPercent: 90 }, { window: 7, usedPercent: 50 }, { window: 'x', usedPercent: '50' }, 'junk'],
      balances: [{ amount: 'lots', currency: 'USD' }, null],
      keyLimit: 'none',
    };
    const text = renderOpenMetrics(report([profile('config/d', data, { credential: { kind: 'api_key', redacted: '', expiresAt: 'not a date', scopes: null } })]));
    expect(lines(text, 'authdoctor_quota_used_ratio')).toEqual(['authdoctor_quota_used_ratio{profile="config/d",window="5h"} 0.1']);
    expect(lines(text, 'authdoctor_money')).toEqual([]);
    expect(lines(text, 'authdoctor_credential_expiry_timestamp_seconds')).toEqual([]);
  });

  it('reads quota data from the quota check only', () => {
    const p = profile('config/v');
    p.checks[2] = { ...p.checks[2]!, data: { windows: [{ window: '5h', usedPercent: 10 }] } };
    expect(lines(renderOpenMetrics(report([p])), 'authdoctor_quota_used_ratio')).toEqual([]);
  });
});

describe('the exposition', () => {
  it('escapes \\, " and line feeds in label values, and shows other control characters as U+FFFD', () => {
    expect(labelValue('a"b\\c\nd\te\rf\u009bg\u007fh')).toBe('a\\"b\\\\c\\nd\uFFFDe\uFFFDf\uFFFDg\uFFFDh');
    expect(labelValue('openclaw/main/anthropic:default')).toBe('openclaw/main/anthropic:default');
  });

  it('times in seconds, the expiry where one is stored, the exit code, and # EOF last', () => {
    const p = profile('config/t', undefined, { credential: { kind: 'oauth_token', redacted: 'sk-ant-oat01-…abcd', expiresAt: '2026-12-01T00:00:00.000Z', scopes: null } });
    const text = renderOpenMetrics({ ...report([p]), exitCode: 130 });
    expect(lines(text, 'authdoctor_credential_expiry_timestamp_seconds')).toEqual(['authdoctor_credential_expiry_timestamp_seconds{profile="config/t"} 1796083200']);
    expect(lines(text, 'authdoctor_check_duration_seconds')[0]).toBe('authdoctor_check_duration_seconds{profile="config/t",check="format"} 0.012');
    expect(lines(text, 'authdoctor_last_run_timestamp_seconds')).toEqual(['authdoctor_last_run_timestamp_seconds 1795636800.5']);
    expect(lines(text, 'authdoctor_exit_code')).toEqual(['authdoctor_exit_code 130']);
    expect(text.endsWith('\n# EOF\n')).toBe(true);
    expect(text).not.toContain('sk-ant-oat01-');
  });

  it.runIf(runParserTests)('parses strictly, with no profile at all and with every kind of data', () => {
    const empty = parseOpenMetrics(renderOpenMetrics(report([])));
    expect(empty.map((f) => [f.name, f.samples.length]).filter(([, n]) => n)).toEqual([
      ['authdoctor_last_run_timestamp_seconds', 1],
      ['authdoctor_exit_code', 1],
    ]);
    const full = renderOpenMetrics(
      report([
        profile('config/a "b"\\c\nd', {
          windows: [{ window: 'five_hour', usedPercent: 91, resetsAt: null }],
          balances: [{ amount: 3, currency: null }],
          spend: { totals: [{ amount: 1e-7, currency: 'USD' }], from: '', to: '' },
          keyLimit: { limit: 1e21, remaining: 5e20, resetsEvery: null, usage: { day: null, week: null, month: 0 }, currency: 'USD' },
        }),
      ]),
    );
    const units = Object.fromEntries(parseOpenMetrics(full).map((f) => [f.name, f.unit]));
    expect(units).toMatchObject({ authdoctor_quota_used_ratio: 'ratio', authdoctor_check_duration_seconds: 'seconds', authdoctor_credential_expiry_timestamp_seconds: 'seconds' });
  });
});
