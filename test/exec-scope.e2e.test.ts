// Issue 15 #7: with --allow-exec, only the exec helpers of the profiles the filters keep may run;
// every secret a helper returns is still scrubbed from every output.

import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckArgs } from '../src/commands/args.js';
import { discoverProfiles } from '../src/commands/pipeline.js';
import { Scrubber } from '../src/credentials/scrub.js';
import { fakeSecret, runCli, tempHome } from './helpers/cli.js';

const SECRETS = { one: fakeSecret('sk-ant-api03-'), two: fakeSecret('sk-ant-api03-') };

let home: string;
let cleanup: () => void;
let log: string;

/** An openclaw store with two exec-ref profiles; the helper appends each id it is asked for to `log`. */
beforeEach(() => {
  ({ home, cleanup } = tempHome());
  log = path.join(home, 'helper-invocations.log');
  const helper = path.join(home, 'bin', 'vault-helper');
  mkdirSync(path.dirname(helper), { recursive: true });
  writeFileSync(
    helper,
    `#!${process.execPath}
const fs = require('node:fs');
let input = '';
process.stdin.on('data', (c) => (input += c)).on('end', () => {
  const id = JSON.parse(input).ids[0];
  fs.appendFileSync(process.argv[2], id + '\\n');
  console.log(JSON.stringify({ protocolVersion: 1, values: { [id]: ${JSON.stringify(SECRETS)}[id] } }));
});
`,
  );
  chmodSync(helper, 0o700);
  const state = path.join(home, '.openclaw');
  mkdirSync(path.join(state, 'agents', 'main', 'agent'), { recursive: true });
  writeFileSync(path.join(state, 'openclaw.json'), JSON.stringify({ secrets: { providers: { vault: { source: 'exec', command: helper, args: [log] } } } }), { mode: 0o600 });
  const ref = (id: string) => ({ type: 'api_key', provider: 'anthropic', keyRef: { source: 'exec', provider: 'vault', id } });
  const profiles = { 'anthropic:one': ref('one'), 'anthropic:two': ref('two') };
  writeFileSync(path.join(state, 'agents', 'main', 'agent', 'auth-profiles.json'), JSON.stringify({ version: 1, profiles }), { mode: 0o600 });
});
afterEach(() => cleanup());

function invocations(): string[] {
  try {
    return readFileSync(log, 'utf8').split('\n').filter(Boolean).sort();
  } catch {
    return [];
  }
}

describe('--allow-exec runs only the helpers of the profiles the filters keep', { timeout: 30_000 }, () => {
  for (const [filters, expected] of [
    [['--profile', 'openclaw/main/anthropic:one'], ['one']],
    [['--profile', 'openclaw/main/anthropic:t*'], ['two']],
    [['--provider', 'openai'], []],
    [['--source', 'env'], []],
    [[], ['one', 'two']],
  ] as const) {
    it(`${filters.join(' ') || 'no filter'} → ${expected.join(', ') || 'nothing'} runs`, async () => {
      const r = await runCli(['check', '--offline', '--allow-exec', '--json', ...filters], { home });
      expect(invocations()).toEqual(expected);
      if (expected.length === 0) return expect(r.code).toBe(4);
      const report = JSON.parse(r.stdout);
      expect(report.profiles.map((p: any) => p.id)).toEqual(expected.map((id) => `openclaw/main/anthropic:${id}`));
      expect(report.profiles.map((p: any) => p.credential.kind)).toEqual(expected.map(() => 'api_key'));
    });
  }

  it('profiles lists what a helper resolves the same way', async () => {
    const r = await runCli(['profiles', '--allow-exec', '--json', '--profile', 'openclaw/main/anthropic:two'], { home });
    expect(invocations()).toEqual(['two']);
    expect(JSON.parse(r.stdout).profiles[0].credential.redacted).toBe(`sk-ant-api03-…${SECRETS.two.slice(-4)}`);
  });

  it('adds every secret a helper resolved to the run’s scrubber', async () => {
    const args = { profile: ['openclaw/main/anthropic:one'], provider: [], source: ['openclaw'], keyStdin: false, allowExec: true } as Partial<CheckArgs> as CheckArgs;
    const scrubber = new Scrubber();
    const found = await discoverProfiles(args, { env: {}, home, platform: process.platform, interactive: () => false, now: () => new Date(), scrubber });
    expect(found.profiles.map((p) => p.secret)).toEqual([SECRETS.one]);
    // A piece without the prefix: only a scrubber that knows this secret masks it.
    expect(scrubber.scrub(`echo ${SECRETS.one.slice(20, 40)}`)).toBe('echo [redacted]');
    expect(invocations()).toEqual(['one']);
  });
});
