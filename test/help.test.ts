// The first minutes of a new user: help, shell completion, usage errors, and what `check` says when it
// finds nothing.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/types.js';
import { BIN, cleanEnv, fakeSecret, runCli, tempHome } from './helpers/cli.js';

const { home, cleanup } = tempHome();
afterAll(cleanup);

/** The completion script is tried in a real bash, where there is one. */
const hasBash = spawnSync('bash', ['-c', 'true']).status === 0;

/** Every flag of CONTRACT.md's table for `check` (negatable booleans appear as their positive form). */
const CHECK_FLAGS = [
  '--json', '--profile', '--provider', '--source', '--key-stdin', '--config', '--allow-exec', '--openclaw-dir',
  '--claude-dir', '--offline', '--quota', '--inference', '--base-url', '--timeout', '--concurrency', '--verbose',
  '--quiet', '--color',
];

describe('help', () => {
  it('authdoctor --help lists the commands, the flags and examples', async () => {
    const r = await runCli(['--help'], { home });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const cmd of ['check', 'profiles', 'demo', 'completion']) expect(r.stdout).toMatch(new RegExp(`^\\s+authdoctor ${cmd}\\b`, 'm'));
    for (const flag of ['--json', '--key-stdin', '--config', '--help', '--version']) expect(r.stdout).toContain(flag);
    expect(r.stdout).toMatch(/^Examples:/m);
  });

  it('authdoctor check --help lists every contract flag, with examples', async () => {
    const r = await runCli(['check', '--help'], { home });
    expect(r.code).toBe(0);
    for (const flag of CHECK_FLAGS) expect(r.stdout).toMatch(new RegExp(`^\\s+${flag}\\b`, 'm'));
    expect(r.stdout).toMatch(/^Examples:/m);
    expect(r.stdout).toContain('--key-stdin');
  });

  // Issue 13, item 11: report listed --json (a usage error) and took --quiet (which did nothing).
  it('authdoctor report --help lists only what report takes; --quiet is refused, --json says where JSON is', async () => {
    const r = await runCli(['report', '--help'], { home });
    expect(r.code).toBe(0);
    for (const flag of ['--output', '--include-identity', '--offline', '--verbose']) expect(r.stdout).toMatch(new RegExp(`^\\s+${flag}\\b`, 'm'));
    for (const flag of ['--json', '--quiet']) expect(r.stdout).not.toMatch(new RegExp(`^\\s+${flag}\\b`, 'm'));
    const quiet = await runCli(['report', '--quiet'], { home });
    expect(quiet.code).toBe(2);
    expect(quiet.stderr).toMatch(/report does not take --quiet/);
    const json = await runCli(['report', '--json'], { home });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'usage_error', message: expect.stringContaining('check --json') } });
  });

  it('authdoctor demo --help shows only the flags that apply to the demo', async () => {
    const r = await runCli(['demo', '--help'], { home });
    expect(r.code).toBe(0);
    for (const flag of ['--json', '--verbose', '--quiet', '--color']) expect(r.stdout).toMatch(new RegExp(`^\\s+${flag}\\b`, 'm'));
    for (const flag of ['--config', '--key-stdin', '--base-url', '--source']) expect(r.stdout).not.toMatch(new RegExp(`^\\s+${flag}\\b`, 'm'));
  });
});

describe('completion', () => {
  it('prints a bash completion script', async () => {
    const r = await runCli(['completion'], { home, env: { SHELL: '/bin/bash' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/complete .*-F _authdoctor_yargs_completions authdoctor/);
  });

  it.skipIf(!hasBash)('the bash script completes commands and flags', async () => {
    // Load the script into a real bash with `authdoctor` on PATH and ask it to complete.
    const r = await runCli(['completion'], { home, env: { SHELL: '/bin/bash' } });
    const bin = path.join(home, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'authdoctor'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(path.join(bin, 'authdoctor'), 0o755);
    writeFileSync(path.join(home, 'completion.bash'), r.stdout);
    const complete = (words: string[]) => {
      const script = `source completion.bash; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _authdoctor_yargs_completions; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const out = spawnSync('bash', ['-c', script], { cwd: home, env: cleanEnv(home, { PATH: `${bin}:${process.env.PATH}` }), encoding: 'utf8', timeout: 20_000 });
      expect(out.status).toBe(0);
      return out.stdout.split('\n').filter(Boolean);
    };
    expect(complete(['authdoctor', 'de'])).toEqual(['demo']);
    expect(complete(['authdoctor', 'check', '--key-'])).toEqual(['--key-stdin']);
    expect(complete(['authdoctor', 'check', '--form'])).toEqual(['--format']);
    expect(complete(['authdoctor', 'check', '--format', ''])).toEqual(['human', 'json', 'openmetrics']);
    expect(complete(['authdoctor', 'check', '--format', 'o'])).toEqual(['openmetrics']);
    expect(complete(['authdoctor', 'check', '--outp'])).toEqual(['--output']);
  });

  it('prints a zsh script for zsh', async () => {
    const r = await runCli(['completion'], { home, env: { SHELL: '/bin/zsh' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^#compdef authdoctor/m);
  });

  // Issue 13, item 11.
  it('completion --help is help, a named shell wins over $SHELL, fish is supported and others refused', async () => {
    const help = await runCli(['completion', '--help'], { home, env: { SHELL: '/bin/bash' } });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^authdoctor completion \[shell\]/m);
    expect(help.stdout).not.toContain('###-begin');
    expect((await runCli(['completion', 'bash'], { home, env: { SHELL: '/bin/zsh' } })).stdout).toMatch(/complete .*-F _authdoctor_yargs_completions authdoctor/);
    expect((await runCli(['completion', 'zsh'], { home, env: { SHELL: '/bin/bash' } })).stdout).toMatch(/^#compdef authdoctor/m);
    const fish = await runCli(['completion', 'fish'], { home, env: { SHELL: '/bin/bash' } });
    expect(fish.code).toBe(0);
    expect(fish.stdout).toMatch(/^complete -f -c authdoctor /m);
    const tcsh = await runCli(['completion', 'tcsh'], { home });
    expect(tcsh.code).toBe(2);
    expect(tcsh.stdout).toBe('');
  });

  it('completes the negated switches that change something: --no-color, --no-quota', async () => {
    const r = await runCli(['--get-yargs-completions', 'authdoctor', 'check', '--'], { home, env: { SHELL: '/bin/bash' } });
    const offered = r.stdout.split('\n');
    for (const flag of ['--no-color', '--no-quota', '--json', '--quiet']) expect(offered).toContain(flag);
    const report = (await runCli(['--get-yargs-completions', 'authdoctor', 'report', '--'], { home, env: { SHELL: '/bin/bash' } })).stdout.split('\n');
    expect(report).toContain('--no-quota');
    for (const flag of ['--json', '--quiet']) expect(report).not.toContain(flag);
  });
});

describe('usage errors stop the run', () => {
  // Issue 13, item 11.
  it('names an unknown flag once, as typed, with the command that does not take it', async () => {
    const r = await runCli(['profiles', '--base-url', 'https://example.test'], { home });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('authdoctor: profiles does not take --base-url (see authdoctor profiles --help)');
    const typo = await runCli(['chekc'], { home });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/"chekc" is not a command \(did you mean "check"\?\)/);
  });

  it('a switch given a value (--json=yes) is a usage error, not silently the opposite', async () => {
    const json = await runCli(['check', '--json=yes', '--source', 'env'], { home });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'usage_error', message: expect.stringContaining('--json') } });
    for (const args of [['check', '--offline=maybe', '--source', 'env'], ['demo', '--quiet=1'], ['check', '--no-color=no']]) {
      const r = await runCli(args, { home });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/is a switch and takes no value/);
    }
    // The values a switch can have still work.
    expect((await runCli(['check', '--json=true', '--source', 'env'], { home })).code).toBe(4);
    expect((await runCli(['check', '--offline=false', '--json', '--source', 'env'], { home })).code).toBe(4);
  });

  it('a bad flag value exits 2 and runs nothing (also with --json: one JSON document)', async () => {
    const key = fakeSecret('sk-ant-api03-');
    const plain = await runCli(['check', '--timeout', '0'], { home, env: { ANTHROPIC_API_KEY: key } });
    expect(plain.code).toBe(2);
    expect(plain.stdout).toBe('');
    const json = await runCli(['check', '--json', '--concurrency', '0'], { home, env: { ANTHROPIC_API_KEY: key } });
    expect(json.code).toBe(2);
    expect((JSON.parse(json.stdout) as { exitCode: number }).exitCode).toBe(2);
    const quiet = await runCli(['demo', '--verbose', '--quiet'], { home });
    expect(quiet.code).toBe(2);
    expect(quiet.stdout).toBe('');
  });
});

describe('nothing found', () => {
  it('says where it looked, how to point it at a key, suggests the demo, and exits 4', async () => {
    const r = await runCli(['check', '--no-color'], { home });
    expect(r.code).toBe(4);
    const lines = r.stdout.split('\n');
    const looked = lines.slice(lines.findIndex((l) => /^Looked in:/.test(l)) + 1);
    const places = looked.slice(0, looked.findIndex((l) => l.trim() === ''));
    // One line per source, each naming what it read: variables, the profiles file, openclaw, Claude Code.
    expect(places.join('\n')).toContain('ANTHROPIC_API_KEY');
    expect(places.join('\n')).toContain('~/.config/authdoctor/profiles.json');
    expect(places.join('\n')).toContain('~/.openclaw');
    expect(places.join('\n')).toContain('~/.claude/.credentials.json');
    for (const how of ['--key-stdin', 'ANTHROPIC_API_KEY=', '--config', 'authdoctor demo']) expect(r.stdout).toContain(how);
  });

  it('names each source it was limited to, stdin included', async () => {
    const r = await runCli(['check', '--source', 'stdin', '--source', 'config'], { home });
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/^\s+- stdin/m);
    expect(r.stdout).toMatch(/^\s+- .*~\/\.config\/authdoctor\/profiles\.json/m);
  });

  it('--json: an empty report with exitCode 4', async () => {
    const r = await runCli(['check', '--json'], { home });
    expect(r.code).toBe(4);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.exitCode).toBe(4);
    expect(report.summary.profiles).toBe(0);
  });

  it('a filter that matches nothing is exit 4 too, and sends nothing', async () => {
    const r = await runCli(['check', '--profile', 'no-such-profile', '--base-url', 'http://127.0.0.1:9'], {
      home,
      env: { ANTHROPIC_API_KEY: fakeSecret('sk-ant-api03-') },
    });
    expect(r.code).toBe(4);
    expect(r.stdout).toContain('--profile');
  });

  // Issue 13, item 9: a filter that kept nothing printed the hints for an empty machine.
  it('a filter that matches nothing says what was found and how ids look, not how to set up a key', async () => {
    const mine = tempHome();
    try {
      const store = path.join(mine.home, '.openclaw', 'agents', 'work', 'agent');
      mkdirSync(store, { recursive: true });
      writeFileSync(path.join(store, 'auth-profiles.json'), JSON.stringify({ version: 1, profiles: { 'anthropic:work': { type: 'api_key', provider: 'anthropic', key: fakeSecret('sk-ant-api03-') } } }), { mode: 0o600 });
      const env = { ANTHROPIC_API_KEY: fakeSecret('sk-ant-api03-') };
      for (const command of ['check', 'profiles']) {
        const r = await runCli([command, '--offline', '--profile', 'anthropic:wrok', '--no-color'].filter((a) => command === 'check' || a !== '--offline'), { home: mine.home, env });
        expect(r.code, command).toBe(4);
        expect(r.stdout, command).toMatch(/^No profile matches --profile anthropic:wrok\.$/m);
        expect(r.stdout, command).toMatch(/^ +openclaw\/work\/anthropic:work +anthropic$/m);
        expect(r.stdout, command).toMatch(/^ +env\/ANTHROPIC_API_KEY +anthropic$/m);
        expect(r.stdout, command).toMatch(/Ids look like .*openclaw\/<agent>\/<profile id>/);
        expect(r.stdout, command).not.toContain('Point authdoctor at a key');
      }
      // The bare openclaw id selects it.
      const bare = await runCli(['check', '--offline', '--json', '--profile', 'anthropic:work'], { home: mine.home, env });
      expect((JSON.parse(bare.stdout) as Report).profiles.map((p) => p.id)).toEqual(['openclaw/work/anthropic:work']);
    } finally {
      mine.cleanup();
    }
  });
});

// Issue 13, item 8: mistakes in the input read as what they are.
describe('input mistakes', () => {
  it('a trailing comma in the default profiles file is named, and the file stays in "Looked in"', async () => {
    const mine = tempHome();
    try {
      mkdirSync(path.join(mine.home, '.config', 'authdoctor'), { recursive: true });
      writeFileSync(path.join(mine.home, '.config', 'authdoctor', 'profiles.json'), '{"version": 1, "profiles": {"work": {"env": "K"},}}', { mode: 0o600 });
      for (const command of ['check', 'profiles']) {
        const r = await runCli([command, '--no-color'], { home: mine.home });
        expect(r.code, command).toBe(4);
        expect(r.stdout, command).toMatch(/malformed_store .*a comma before "}"/);
        expect(r.stdout, command).not.toContain('No credentials found');
        const looked = r.stdout.slice(r.stdout.indexOf('Looked in:'));
        expect(looked, command).toMatch(/^\s+- authdoctor profiles file: ~\/\.config\/authdoctor\/profiles\.json/m);
      }
    } finally {
      mine.cleanup();
    }
  });

  it('--key-stdin with nothing on stdin is a usage error (exit 2), not a broken credential', async () => {
    for (const args of [['check', '--key-stdin'], ['check', '--key-stdin', '--provider', 'anthropic'], ['profiles', '--key-stdin']]) {
      const r = await runCli(args, { home, stdin: '' });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/nothing was read from stdin/);
      const json = await runCli([...args, '--json'], { home, stdin: '\n' });
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'usage_error' }, exitCode: 2 });
    }
  });
});
