// Issue 15 #2 and #5 (CONTRACT.md, "Where a credential may be sent"): a value shorter than 16
// characters or longer than 16 KiB cannot be a credential: `format` fails with `malformed`, it is
// never sent, and it is shown only redacted. Before, `abc1234` went to the server and came back in
// the output, and a 20 MB value passed `format` and would have been sent.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SECRET_LENGTH } from '../../src/credentials/classify.js';
import { classifyAnthropic } from '../../src/providers/anthropic/index.js';
import { startAnthropicSim, type SimServer } from '../../src/sim/anthropic.js';
import { runCli, tempHome } from '../helpers/cli.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startAnthropicSim({ credentials: {} });
});
afterAll(() => sim.close());

const SHORT = 'abc1234';
const LONG = 'sk-ant-api03-' + 'AbCd1234_-'.repeat(Math.ceil(MAX_SECRET_LENGTH / 10));

describe('credential length bounds', { timeout: 30_000 }, () => {
  it('classifies both as malformed, and a value at the bounds as a credential', () => {
    expect(classifyAnthropic(SHORT)).toMatchObject({ status: 'fail', code: 'malformed' });
    expect(classifyAnthropic(LONG)).toMatchObject({ status: 'fail', code: 'malformed' });
    expect(classifyAnthropic('sk-ant-api03-' + 'a'.repeat(MAX_SECRET_LENGTH - 13))).toMatchObject({ status: 'pass' });
  });

  it('a short pasted value is malformed, never sent, never printed', async () => {
    const { home, cleanup } = tempHome();
    try {
      const r = await runCli(['check', '--json', '--key-stdin', '--provider', 'anthropic', '--base-url', sim.url], { home, stdin: `${SHORT}\n` });
      const p = JSON.parse(r.stdout).profiles[0];
      expect(p.checks.slice(0, 3).map((c: { code: string }) => c.code)).toEqual(['malformed', 'prerequisite_failed', 'prerequisite_failed']);
      expect(r.code).toBe(1);
      expect(sim.requests.some((q) => q.credential === SHORT)).toBe(false);
      expect(r.stdout + r.stderr).not.toContain(SHORT);
    } finally {
      cleanup();
    }
  });

  it('a value over 16 KiB in the profiles file is malformed and never sent', async () => {
    const { home, cleanup } = tempHome();
    try {
      const dir = path.join(home, '.config', 'authdoctor');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'profiles.json'), JSON.stringify({ version: 1, profiles: { long: { value: LONG } } }), { mode: 0o600 });
      const before = sim.requests.length;
      const r = await runCli(['check', '--json', '--base-url', sim.url], { home });
      const p = JSON.parse(r.stdout).profiles.find((x: { id: string }) => x.id === 'config/long');
      expect(p.checks[0]).toMatchObject({ status: 'fail', code: 'malformed' });
      expect(p.credential.redacted).toMatch(/^sk-ant-api03-…/);
      expect(sim.requests.length).toBe(before);
    } finally {
      cleanup();
    }
  });
});
