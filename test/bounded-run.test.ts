// Issue 15 #4: whatever data a check returns is made plain and bounded inside that check's
// isolation, so a later walk (scrubbing, JSON, rendering) cannot fail for the whole run.

import { describe, expect, it } from 'vitest';
import { Scrubber } from '../src/credentials/scrub.js';
import { newProbeCaches, type ProviderModule, type RunContext } from '../src/providers/types.js';
import { renderClosing, renderProfile, PLAIN } from '../src/render/human.js';
import { renderJson } from '../src/render/json.js';
import { buildReport } from '../src/report.js';
import { runProfiles, type RunOptions } from '../src/run.js';
import type { Profile } from '../src/types.js';
import { fakeSecret } from './helpers/cli.js';

const NOW = new Date('2026-11-25T20:00:00Z');
const run: RunContext = { http: { request: () => Promise.reject(new Error('no network')), close: () => undefined }, timeoutMs: 1000, now: () => NOW, env: {}, userAgent: 'test', ...newProbeCaches() };
const options: RunOptions = {
  checks: { offline: false, quota: false, inference: false },
  run,
  concurrency: 2,
  now: () => NOW,
  endpoints: () => ({ baseUrls: { anthropic: 'https://example.test' } }),
};

async function withValidity(validity: ProviderModule['validity'], fn: () => Promise<void>): Promise<void> {
  const { anthropic } = await import('../src/providers/anthropic/index.js');
  const saved = anthropic.validity;
  anthropic.validity = validity;
  try {
    await fn();
  } finally {
    anthropic.validity = saved;
  }
}

const deepKey = fakeSecret('sk-ant-api03-');
const oddKey = fakeSecret('sk-ant-api03-');
const profile = (id: string, secret: string): Profile => ({ id, name: id, provider: 'anthropic', source: { type: 'env', location: id }, secret, metadata: {} });

describe('check data is bounded inside the isolation', () => {
  it('deep data is cut, odd data is that check’s error, and every output still renders', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    const odd = {
      get boom(): never {
        throw new Error('a getter that throws');
      },
    };
    const validity: ProviderModule['validity'] = async (_ctx, cred) => ({
      status: 'pass',
      code: 'authenticated',
      summary: '',
      data: cred.classification.value === deepKey ? { deep } : odd,
    });
    await withValidity(validity, async () => {
      const reports = await runProfiles([profile('deep', deepKey), profile('odd', oddKey)], options);
      expect(reports.map((r) => r.checks.find((c) => c.id === 'validity')!.code)).toEqual(['authenticated', 'internal_error']);
      const report = new Scrubber([deepKey, oddKey]).scrubDeep(buildReport(reports, [], NOW, NOW));
      expect(renderJson(report)).toContain('[nested too deep]');
      // As `check` prints it (commands/check.ts): each profile, then the closing blocks.
      const human = { palette: PLAIN };
      const text = [...report.profiles.map((p) => renderProfile(p, human)), renderClosing(report, human, { searched: [], found: [], filters: { profile: [], provider: [] } })].join('\n\n');
      expect(text).toContain('deep');
      expect(text).toMatch(/2 profiles:/);
    });
  });
});
