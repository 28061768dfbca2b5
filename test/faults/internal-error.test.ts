// CONTRACT.md: the full secret never appears anywhere, whatever happens, a bug included. A failure
// is injected after discovery (the report cannot be encoded) with the secret in its message: what
// the command prints about it goes through the run's scrubber.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fakeSecret, leakedWindows, runCli, tempHome } from '../helpers/cli.js';

/** Makes encoding the report throw an Error that quotes the environment's Mistral key. */
const PRELOAD = `
const stringify = JSON.stringify;
JSON.stringify = function (value, ...rest) {
  if (value && typeof value === 'object' && 'schemaVersion' in value && 'profiles' in value) throw new Error('injected failure near ' + process.env.MISTRAL_API_KEY);
  return stringify.call(this, value, ...rest);
};
`;

describe('an internal error', () => {
  it('is reported without the secret in its message, through the run scrubber', async () => {
    const { home, cleanup } = tempHome();
    try {
      const preload = path.join(home, 'inject.mjs');
      writeFileSync(preload, PRELOAD);
      // Mistral keys have no distinctive prefix: only the run's own scrubber knows this one.
      const key = fakeSecret('', 32).replace(/[_-]/g, 'x');
      const r = await runCli(['check', '--offline', '--json', '--source', 'env'], { home, env: { MISTRAL_API_KEY: key, NODE_OPTIONS: `--import=${pathToFileURL(preload).href}` } });
      expect(r.stderr).toMatch(/internal error/);
      expect(r.stderr).toMatch(/injected failure near/);
      expect(leakedWindows(r.stdout + r.stderr, [key], () => 0)).toEqual([]);
      expect(r.code).toBe(2);
    } finally {
      cleanup();
    }
  });
});

describe('a run that stops waiting', () => {
  // Something the run awaits never settles and nothing else is left for Node to do (sql.js never
  // finished loading on Node 24 under one V8 flag): Node then just ends the process, exit code 0.
  it('is an internal error, exit 2, never a silent exit 0', async () => {
    const { home, cleanup } = tempHome();
    try {
      const preload = path.join(home, 'stall.mjs');
      writeFileSync(preload, "import fsp from 'node:fs/promises';\nfsp.open = () => new Promise(() => {});\n");
      const config = path.join(home, 'profiles.json');
      writeFileSync(config, JSON.stringify({ version: 1, profiles: { work: { value: fakeSecret('sk-ant-api03-') } } }), { mode: 0o600 });
      const r = await runCli(['check', '--offline', '--json', '--source', 'config', '--config', config], { home, env: { NODE_OPTIONS: `--import=${pathToFileURL(preload).href}` } });
      expect(r.code).toBe(2);
      // One line, and nothing else: no report, no stack.
      expect(r.stderr).toMatch(/^authdoctor: internal error: [^\n]+\n$/);
      expect(r.stdout).toBe('');
    } finally {
      cleanup();
    }
  });
});
