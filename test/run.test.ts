// The runner, the checks' prerequisites, verdicts and exit codes: with a fake provider, no network.

import { describe, expect, it } from 'vitest';
import { expiryCheck } from '../src/checks/expiry.js';
import { listing } from '../src/commands/profiles.js';
import type { CheckInput } from '../src/checks/types.js';
import { newProbeCaches, type ProviderModule, type RunContext } from '../src/providers/types.js';
import { modulesFor, runProfiles, sameSecretGroups, type RunOptions } from '../src/run.js';
import type { CheckResult, Profile, ProfileMetadata } from '../src/types.js';
import { exitCodeOf, summarize, verdictOf } from '../src/verdict.js';
import { fakeSecret } from './helpers/cli.js';

const NOW = new Date('2026-11-25T20:00:00Z');

function profile(id: string, secret: string | null, metadata: ProfileMetadata = {}, provider = 'anthropic'): Profile {
  return { id, name: id, provider, source: { type: 'env', location: id }, secret, metadata };
}

/** Replaces provider methods for one test: the runner reaches providers through the registry. */
async function withProvider(patch: Partial<ProviderModule>, fn: () => Promise<void>): Promise<void> {
  const { anthropic } = await import('../src/providers/anthropic/index.js');
  const saved = { ...anthropic };
  Object.assign(anthropic, patch);
  try {
    await fn();
  } finally {
    Object.assign(anthropic, saved);
  }
}

// Unit tests never reach a network: any request that slips through fails loudly.
const noNetwork = () => Promise.reject(new Error('unit tests send no requests'));
const run: RunContext = { http: { request: noNetwork, close: () => undefined }, timeoutMs: 1000, now: () => NOW, env: {}, userAgent: 'test', ...newProbeCaches() };
const options: RunOptions = {
  checks: { offline: false, quota: false, inference: false },
  run,
  concurrency: 4,
  now: () => NOW,
  endpoints: () => ({ baseUrls: { anthropic: 'https://example.test' } }),
};

function results(checks: CheckResult[]) {
  return Object.fromEntries(checks.map((c) => [c.id, `${c.status}/${c.code}`]));
}

describe('verdicts and exit codes', () => {
  const c = (id: CheckResult['id'], status: CheckResult['status']): CheckResult => ({ id, status, code: 'recognized', summary: '', durationMs: 0 });
  it('follows CONTRACT.md', () => {
    expect(verdictOf([c('format', 'pass'), c('validity', 'pass')])).toBe('works');
    expect(verdictOf([c('format', 'warn'), c('validity', 'warn')])).toBe('works');
    expect(verdictOf([c('format', 'pass'), c('validity', 'pass'), c('inference', 'fail')])).toBe('broken');
    expect(verdictOf([c('format', 'pass'), c('validity', 'error')])).toBe('unknown');
    expect(verdictOf([c('format', 'pass'), c('validity', 'skip')])).toBe('unknown');
    expect(exitCodeOf(summarize([{ verdict: 'works' }, { verdict: 'skipped' }]))).toBe(0);
    expect(exitCodeOf(summarize([{ verdict: 'works' }, { verdict: 'broken' }, { verdict: 'unknown' }]))).toBe(1);
    expect(exitCodeOf(summarize([{ verdict: 'works' }, { verdict: 'unknown' }]))).toBe(3);
    expect(exitCodeOf(summarize([{ verdict: 'skipped' }]))).toBe(4);
    expect(exitCodeOf(summarize([]))).toBe(4);
  });
});

describe('expiry', () => {
  const run = (metadata: ProfileMetadata, kind = 'oauth_token') =>
    expiryCheck.run({
      profile: profile('p', 'x', metadata),
      classification: { kind, value: 'x', status: 'pass', code: 'recognized', summary: '', warnings: [] },
      results: {},
      now: NOW,
    } as unknown as CheckInput);
  it.each([
    [{}, 'skip', 'not_applicable'],
    [{ expiresAt: 0 }, 'skip', 'not_applicable'],
    [{ expiresAt: NOW.getTime() + 30 * 86_400_000 }, 'pass', 'valid_until'],
    [{ expiresAt: NOW.getTime() + 3_600_000 }, 'warn', 'expiring_soon'],
    [{ expiresAt: NOW.getTime() + 3_600_000, refreshable: true }, 'pass', 'valid_until'],
    [{ expiresAt: NOW.getTime() - 1000, refreshable: true }, 'warn', 'expired_refreshable'],
    [{ expiresAt: NOW.getTime() - 1000 }, 'fail', 'expired'],
  ] as const)('%o → %s %s', (meta, status, code) => {
    const o = run(meta) as { status: string; code: string };
    expect([o.status, o.code]).toEqual([status, code]);
  });

  // Issue 13, item 7: an API key past its stored expiry was told to "sign in again".
  it.each(['api_key', 'admin_key'])('an expired %s is replaced, not signed into, and has no refresh token to speak of', (kind) => {
    const o = run({ expiresAt: NOW.getTime() - 86_400_000 }, kind) as { status: string; code: string; summary: string; hint: string };
    expect([o.status, o.code]).toEqual(['fail', 'expired']);
    expect(o.hint).not.toMatch(/sign in/i);
    expect(o.hint).toMatch(/new .*key/i);
    expect(o.summary).not.toMatch(/refresh/);
  });

  it('says which program to sign in to, where the source tells', () => {
    const at = (type: Profile['source']['type'], meta: ProfileMetadata) =>
      (expiryCheck.run({
        profile: { ...profile('p', 'x', meta), source: { type, location: 'x' } },
        classification: { kind: 'oauth_token', value: 'x', status: 'pass', code: 'recognized', summary: '', warnings: [] },
        results: {},
        now: NOW,
      } as unknown as CheckInput) as { hint: string }).hint;
    expect(at('openclaw', { expiresAt: NOW.getTime() - 1000 })).toMatch(/in openclaw\./);
    expect(at('claude-code', { expiresAt: NOW.getTime() - 1000, refreshable: true })).toMatch(/^Claude Code refreshes it/);
  });
});

describe('runProfiles', () => {
  it('runs every check in order and skips what cannot run', async () => {
    const [wrong] = await runProfiles([profile('a', fakeSecret('sk-proj-'))], { ...options, checks: { offline: false, quota: true, inference: false } });
    expect(results(wrong!.checks)).toEqual({
      format: 'fail/wrong_provider',
      expiry: 'skip/prerequisite_failed',
      validity: 'skip/prerequisite_failed',
      quota: 'skip/prerequisite_failed',
      inference: 'skip/not_requested',
    });
    expect(wrong!.verdict).toBe('broken');
  });

  it('does not send an expired token, refreshable or not', async () => {
    let sent = 0;
    await withProvider({ validity: async () => (sent++, { status: 'pass', code: 'authenticated', summary: '' }) }, async () => {
      const refreshable = profile('b', fakeSecret('sk-ant-oat01-'), { expiresAt: NOW.getTime() - 1000, refreshable: true, storedAs: 'oauth' });
      const dead = profile('b2', fakeSecret('sk-ant-oat01-'), { expiresAt: NOW.getTime() - 1000 });
      const [r1, r2] = await runProfiles([refreshable, dead], options);
      expect(results(r1!.checks)).toMatchObject({ expiry: 'warn/expired_refreshable', validity: 'skip/prerequisite_failed' });
      expect(r1!.verdict).toBe('unknown');
      expect(results(r2!.checks)).toMatchObject({ expiry: 'fail/expired', validity: 'skip/prerequisite_failed' });
      expect(r2!.verdict).toBe('broken');
      const [fresh] = await runProfiles([profile('b3', fakeSecret('sk-ant-oat01-'), { expiresAt: NOW.getTime() + 86_400_000 * 2 })], options);
      expect(fresh!.verdict).toBe('works');
    });
    expect(sent).toBe(1);
  });

  it('honours --offline, --no-quota and --inference', async () => {
    const key = fakeSecret('sk-ant-api03-');
    const [offline] = await runProfiles([profile('c', key)], { ...options, checks: { offline: true, quota: true, inference: true } });
    expect(results(offline!.checks)).toMatchObject({ validity: 'skip/offline', quota: 'skip/offline', inference: 'skip/offline' });
    expect(offline!.verdict).toBe('unknown');
  });

  it('marks profiles of providers without a module as skipped, with the reason', async () => {
    const [other] = await runProfiles([profile('d', fakeSecret('sk-proj-'), {}, 'acme-ai')], options);
    expect(other!.verdict).toBe('skipped');
    expect(other!.skipReason).toMatch(/acme-ai/);
    expect(other!.checks.every((c) => c.status === 'skip' && c.code === 'provider_not_supported')).toBe(true);
  });

  it('interrupted before it started, an uncheckable profile is still skipped, with its reason', async () => {
    const marker = { ...profile('o', fakeSecret('sk-ant-api03-')), uncheckable: 'a marker, not a credential' };
    const plain = profile('p', fakeSecret('sk-ant-api03-'));
    const [skipped, interrupted] = await runProfiles([marker, plain], { ...options, run: { ...run, signal: AbortSignal.abort() } });
    expect(skipped!.verdict).toBe('skipped');
    expect(skipped!.skipReason).toBe('a marker, not a credential');
    expect(skipped!.checks.every((c) => c.code === 'provider_not_supported')).toBe(true);
    expect(interrupted!.checks.every((c) => c.code === 'interrupted')).toBe(true);
  });

  it('reports an unresolved secret as format error without sending', async () => {
    const [unresolved] = await runProfiles([profile('e', null, { unresolved: 'exec ref needs --allow-exec' })], options);
    expect(results(unresolved!.checks)).toMatchObject({ format: 'error/unresolved_ref', validity: 'skip/prerequisite_failed' });
    expect(unresolved!.verdict).toBe('unknown');
  });

  it('keeps results in input order and honours the concurrency limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const profiles = Array.from({ length: 20 }, (_, i) => profile(`p${i}`, fakeSecret('sk-ant-api03-')));
    const validity: ProviderModule['validity'] = async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 10));
      inFlight--;
      return { status: 'pass', code: 'authenticated', summary: '' };
    };
    await withProvider({ validity, quota: async () => ({ status: 'unsupported', code: 'no_quota_endpoint', summary: '' }) }, async () => {
      const done: number[] = [];
      const reports = await runProfiles(profiles, { ...options, concurrency: 3, onProfileDone: (_r, i) => done.push(i) });
      expect(reports.map((r) => r.id)).toEqual(profiles.map((p) => p.id));
      expect(peak).toBe(3);
      expect(done.sort((a, b) => a - b)).toEqual(profiles.map((_, i) => i));
    });
  });

  it('turns a crashing check into that profile’s internal_error and goes on', async () => {
    const crashKey = fakeSecret('sk-ant-api03-');
    const validity: ProviderModule['validity'] = async (_ctx, c) => {
      if (c.classification.value === crashKey) throw new TypeError('cannot read properties of undefined');
      return { status: 'pass', code: 'authenticated', summary: '' };
    };
    await withProvider({ validity }, async () => {
      const [crashed, fine] = await runProfiles([profile('x', crashKey), profile('y', fakeSecret('sk-ant-api03-'))], { ...options, checks: { offline: false, quota: false, inference: false } });
      expect(results(crashed!.checks)).toMatchObject({ validity: 'error/internal_error', quota: 'skip/disabled' });
      expect(crashed!.verdict).toBe('unknown');
      expect(fine!.verdict).toBe('works');
    });
  });
});

describe('isolation of what a store may hold', () => {
  it('a classifier that throws on odd metadata is that profile’s format internal_error, not a crashed run', async () => {
    // A store may type anything: scopes as a number makes the OAuth classification throw.
    const odd = profile('odd', fakeSecret('sk-ant-oat01-'), { scopes: 42 as unknown as string[] });
    const [r, fine] = await runProfiles([odd, profile('fine', fakeSecret('sk-ant-api03-'))], { ...options, checks: { offline: true, quota: false, inference: false } });
    expect(results(r!.checks)).toMatchObject({ format: 'error/internal_error', validity: 'skip/prerequisite_failed' });
    expect(fine!.checks[0]).toMatchObject({ status: 'pass', code: 'recognized' });
  });

  it('`profiles` lists such a profile as kind unknown instead of crashing', async () => {
    const odd = profile('odd', fakeSecret('sk-ant-oat01-'), { scopes: 42 as unknown as string[], expiresAt: 1e20 });
    expect(listing(odd, await modulesFor([odd])).credential).toMatchObject({ kind: 'unknown', expiresAt: null });
  });

  it('an expiry no Date can hold is reported, not thrown', async () => {
    const [r] = await runProfiles([profile('far', fakeSecret('sk-ant-oat01-'), { expiresAt: 1e20, refreshable: true })], { ...options, checks: { offline: true, quota: false, inference: false } });
    expect(r!.credential.expiresAt).toBeNull();
    expect(results(r!.checks)).toMatchObject({ format: 'pass/recognized', expiry: 'skip/not_applicable' });
  });
});

describe('sameSecretGroups', () => {
  it('links profiles holding the same trimmed secret', async () => {
    const key = fakeSecret('sk-ant-api03-');
    const profiles = [profile('env/A', key), profile('openclaw/main/x', ` ${key}\n`), profile('other', fakeSecret('sk-ant-api03-'))];
    const groups = sameSecretGroups(profiles, await modulesFor(profiles));
    expect(groups.get('env/A')).toEqual(['openclaw/main/x']);
    expect(groups.get('openclaw/main/x')).toEqual(['env/A']);
    expect(groups.has('other')).toBe(false);
  });
});
