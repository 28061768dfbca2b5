// Issue 13 #5: the scrubber scrubs secrets, never the names of things. A template stored as a key
// (`${ANTHROPIC_API_KEY}`) or the README's `sk-ant-oat01-…` must not eat ids, variable names, the
// redacted value or the layout of the `profiles` table.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from './helpers/cli.js';

describe('names survive the scrubber', { timeout: 30_000 }, () => {
  it('an env var holding its own name as a template keeps its id in both outputs', async () => {
    const { home, cleanup } = tempHome();
    try {
      const env = { ANTHROPIC_API_KEY: '${ANTHROPIC_API_KEY}' };
      const json = await runCli(['check', '--offline', '--json', '--source', 'env'], { home, env });
      const profile = JSON.parse(json.stdout).profiles[0];
      expect([profile.id, profile.source.location]).toEqual(['env/ANTHROPIC_API_KEY', 'ANTHROPIC_API_KEY']);
      expect(profile.checks[0].code).toBe('placeholder');
      const human = await runCli(['check', '--offline', '--no-color', '--source', 'env'], { home, env });
      expect(human.stdout).toContain('env/ANTHROPIC_API_KEY');
      expect(human.stdout).not.toContain('[redacted]');
    } finally {
      cleanup();
    }
  });

  it('a README-style `sk-ant-oat01-…` keeps its redacted form and the table its columns', async () => {
    const { home, cleanup } = tempHome();
    try {
      const dir = path.join(home, '.config', 'authdoctor');
      mkdirSync(dir, { recursive: true });
      const profiles = { work: { value: 'sk-ant-oat01-…', kind: 'setup_token' }, other: { value: `sk-ant-api03-${'a1B2'.repeat(20)}` } };
      writeFileSync(path.join(dir, 'profiles.json'), JSON.stringify({ version: 1, profiles }), { mode: 0o600 });
      const r = await runCli(['profiles', '--no-color', '--source', 'config'], { home });
      expect(r.stdout).not.toContain('[redacted]');
      const rows = r.stdout.split('\n').filter((l) => /^(ID|config\/)/.test(l));
      expect(rows).toHaveLength(3);
      // Every row's SOURCE column starts where the header's does.
      const at = rows[0]!.indexOf('SOURCE');
      for (const row of rows.slice(1)) expect(row.slice(at)).toMatch(/^~\/\.config\/authdoctor\/profiles\.json#/);
      const listed = JSON.parse((await runCli(['profiles', '--json', '--source', 'config'], { home })).stdout);
      expect(listed.profiles.find((p: any) => p.id === 'config/work').credential).toMatchObject({ redacted: 'sk-ant-oat01-…', kind: 'setup_token' });
    } finally {
      cleanup();
    }
  });
});
