// Issue 11's promise: no profile in any openclaw store is ever `skipped`. `check --offline --json`
// over every state dir under test/fixtures/openclaw (a new fixture is covered by being there):
// every profile gets a verdict, none is broken (the fixtures hold well-shaped fakes), the report
// validates, and the stores are read without a byte changed or a side file (-wal, -shm) created.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/types.js';
import { ROOT, runCli, tempHome } from './helpers/cli.js';
import { snapshot } from './helpers/files.js';
import { schemaErrors } from './helpers/schema.js';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'openclaw');
const dirs = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

describe('openclaw fixtures', () => {
  it('are there', () => {
    expect(dirs).toEqual(expect.arrayContaining(['every-provider', 'legacy-json', 'sqlite-main']));
  });

  it.each(dirs)('%s: every profile gets a verdict, none skipped, nothing written', async (name) => {
    const dir = path.join(FIXTURES, name);
    const before = snapshot(dir);
    const { home, cleanup } = tempHome();
    try {
      const run = await runCli(['check', '--offline', '--json', '--source', 'openclaw', '--openclaw-dir', dir], { home });
      const report = JSON.parse(run.stdout) as Report;
      expect(schemaErrors(report)).toBe('');
      expect(report.profiles.length).toBeGreaterThan(0);
      const skipped = report.profiles.filter((p) => p.verdict === 'skipped').map((p) => `${p.id}: ${p.skipReason}`);
      expect(skipped).toEqual([]);
      expect(report.profiles.filter((p) => p.verdict === 'broken').map((p) => p.id)).toEqual([]);
      expect(report.summary).toMatchObject({ skipped: 0, broken: 0, unknown: report.profiles.length });
      expect(run.code).toBe(3);
      const after = snapshot(dir);
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [file, sig] of before) expect(after.get(file), file).toBe(sig);
    } finally {
      cleanup();
    }
  });
});
