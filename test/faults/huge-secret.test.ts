// Issue 15 #2: one huge stored value (20 MB in the profiles file, 8 MB in an openclaw store) took
// 18 s and 1.25 GB and crashed every command (`RangeError: Set maximum size exceeded`): the
// scrubber indexed every position of it. Now its cost does not depend on the value's length.

import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeSecret, runCli, tempHome } from '../helpers/cli.js';

/** Random base64url text: every 12-character window distinct, as in a real (huge) secret. */
function hugeValue(length: number): string {
  return 'sk-ant-api03-' + randomBytes(Math.ceil((length * 3) / 4)).toString('base64url').slice(0, length);
}

/** Whether any 12-character run of `value` appears in `text` (one pass over the value). */
function printsAnyOf(text: string, value: string): boolean {
  const windows = new Set<string>();
  for (let i = 0; i + 12 <= text.length; i++) windows.add(text.slice(i, i + 12));
  for (let i = 13; i + 12 <= value.length; i++) if (windows.has(value.slice(i, i + 12))) return true;
  return false;
}

// A heap far below the 1.25 GB the old scrubber needed: running out of it fails the run.
const SANE_MEMORY = { NODE_OPTIONS: '--max-old-space-size=192' };
// Node start-up and reading 20 MB on a loaded 2-core machine; the old scrubber took 18 s.
const QUICK_MS = 8000;

describe('a huge stored value', { timeout: 60_000 }, () => {
  it('20 MB in the profiles file: every command finishes quickly and lists the env key', async () => {
    const { home, cleanup } = tempHome();
    try {
      const huge = hugeValue(20_000_000);
      const dir = path.join(home, '.config', 'authdoctor');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'profiles.json'), JSON.stringify({ version: 1, profiles: { huge: { value: huge } } }), { mode: 0o600 });
      const env = { ...SANE_MEMORY, ANTHROPIC_API_KEY: fakeSecret('sk-ant-api03-') };
      let printed = '';
      for (const args of [['profiles', '--json'], ['profiles', '--no-color'], ['check', '--offline', '--json'], ['check', '--offline', '--no-color']]) {
        const r = await runCli(args, { home, env });
        const what = args.join(' ');
        expect(r.stderr, what).not.toMatch(/internal error|RangeError|heap/i);
        expect(r.code, what).not.toBe(2);
        expect(r.elapsedMs, what).toBeLessThan(QUICK_MS);
        expect(r.stdout, what).toContain('env/ANTHROPIC_API_KEY');
        expect(r.stdout, what).toContain('config/huge');
        printed += r.stdout + r.stderr;
      }
      expect(printsAnyOf(printed, huge), 'part of the huge value was printed').toBe(false);
    } finally {
      cleanup();
    }
  });

  it('8 MB in an openclaw store: the same', async () => {
    const { home, cleanup } = tempHome();
    try {
      const huge = hugeValue(8_000_000);
      const dir = path.join(home, '.openclaw', 'agents', 'main', 'agent');
      mkdirSync(dir, { recursive: true });
      const profiles = { 'anthropic:huge': { type: 'api_key', provider: 'anthropic', key: huge } };
      writeFileSync(path.join(dir, 'auth-profiles.json'), JSON.stringify({ version: 1, profiles }), { mode: 0o600 });
      const r = await runCli(['profiles', '--json'], { home, env: { ...SANE_MEMORY, ANTHROPIC_API_KEY: fakeSecret('sk-ant-api03-') } });
      expect(r.stderr).not.toMatch(/internal error|RangeError|heap/i);
      expect(r.code).toBe(0);
      expect(r.elapsedMs).toBeLessThan(QUICK_MS);
      expect(JSON.parse(r.stdout).profiles.map((p: any) => p.id)).toEqual(['env/ANTHROPIC_API_KEY', 'openclaw/main/anthropic:huge']);
      expect(printsAnyOf(r.stdout + r.stderr, huge)).toBe(false);
    } finally {
      cleanup();
    }
  });
});
