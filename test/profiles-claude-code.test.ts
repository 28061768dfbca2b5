import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  claudeCodeSource,
  createClaudeCodeSource,
  keychainService,
  parseClaudeCredentials,
  securityRunner,
  type SecurityRunner,
} from '../src/profiles/claude-code.js';
import type { DiscoveryResult, SourceContext } from '../src/types.js';

const isRoot = process.getuid?.() === 0;
const ACCESS = 'sk-ant-oat01-claude-code-access-0001';
const REFRESH = 'sk-ant-ort01-claude-code-refresh-0002';
const EXPIRES = 1764115200000;

const credentials = (over: Record<string, unknown> = {}) => ({
  claudeAiOauth: {
    accessToken: ACCESS,
    refreshToken: REFRESH,
    expiresAt: EXPIRES,
    scopes: ['user:inference', 'user:profile'],
    subscriptionType: 'max',
    rateLimitTier: 'default_claude_max_20x',
    ...over,
  },
});

let home: string;
beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'authdoctor-claude-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

function ctx(over: Partial<SourceContext> & { options?: Partial<SourceContext['options']> } = {}): SourceContext {
  return {
    env: {},
    home,
    platform: 'linux',
    now: new Date('2026-11-25T20:00:00Z'),
    interactive: () => false,
    ...over,
    options: { allowExec: false, ...over.options },
  };
}

async function put(rel: string, content: unknown, mode = 0o600): Promise<string> {
  const file = path.join(home, rel);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  await chmod(file, mode);
  return file;
}

function expectNoLeak(result: DiscoveryResult): void {
  const said = JSON.stringify([result.problems, result.profiles.map((p) => ({ ...p, secret: undefined }))]);
  expect(said).not.toContain(ACCESS);
  expect(said).not.toContain(REFRESH);
}

describe('Claude Code credentials file', () => {
  it('finds nothing, quietly, when there is no file', async () => {
    expect(await claudeCodeSource.discover(ctx())).toEqual({
      profiles: [],
      problems: [],
      searched: ['Claude Code credentials file: ~/.claude/.credentials.json'],
    });
  });

  it('reads claudeAiOauth with everything the checks need', async () => {
    await put('.claude/.credentials.json', { ...credentials(), mcpOAuth: { server: { accessToken: 'mcp' } } });
    const result = await claudeCodeSource.discover(ctx());
    expect(result.problems).toEqual([]);
    expect(result.profiles).toEqual([
      {
        id: 'claude-code/credentials-file',
        name: 'credentials-file',
        provider: 'anthropic',
        source: { type: 'claude-code', location: '~/.claude/.credentials.json#/claudeAiOauth' },
        secret: ACCESS,
        metadata: {
          storedAs: 'oauth',
          refreshable: true,
          expiresAt: EXPIRES,
          scopes: ['user:inference', 'user:profile'],
          subscriptionType: 'max',
          notes: ['rate limit tier: default_claude_max_20x'],
        },
      },
    ]);
    expectNoLeak(result);
  });

  it('records what is missing instead of guessing (no refresh token, no expiry, no scopes)', async () => {
    await put('.claude/.credentials.json', { claudeAiOauth: { accessToken: ` ${ACCESS}\n` } }, 0o644);
    const [profile] = (await claudeCodeSource.discover(ctx())).profiles;
    expect(profile).toMatchObject({
      secret: ` ${ACCESS}\n`,
      metadata: { storedAs: 'oauth', refreshable: false, expiresAt: null, scopes: null, loosePermissions: '0644', looseFiles: ['~/.claude/.credentials.json'] },
    });
  });

  it('ignores a file that only holds MCP logins', async () => {
    await put('.claude/.credentials.json', { mcpOAuth: { 'some-server': { accessToken: 'x' } } });
    const result = await claudeCodeSource.discover(ctx());
    expect(result.profiles).toEqual([]);
    expect(result.problems).toEqual([]);
  });

  it('uses --claude-dir over $CLAUDE_CONFIG_DIR over ~/.claude', async () => {
    await put('.claude/.credentials.json', credentials({ accessToken: 'default-dir' }));
    await put('env-dir/.credentials.json', credentials({ accessToken: 'env-dir' }));
    await put('flag-dir/.credentials.json', credentials({ accessToken: 'flag-dir' }));
    const env = { CLAUDE_CONFIG_DIR: path.join(home, 'env-dir') };
    expect((await claudeCodeSource.discover(ctx({ env }))).profiles[0]!.secret).toBe('env-dir');
    expect((await claudeCodeSource.discover(ctx({ env, options: { claudeDir: '~/flag-dir' } }))).profiles[0]).toMatchObject({
      secret: 'flag-dir',
      source: { location: '~/flag-dir/.credentials.json#/claudeAiOauth' },
    });
  });

  it('reports malformed files with the JSON position and never their content', async () => {
    await put('.claude/.credentials.json', `{"claudeAiOauth": {"accessToken": "${ACCESS}" "refreshToken": "${REFRESH}"}}`);
    const result = await claudeCodeSource.discover(ctx());
    expect(result.profiles).toEqual([]);
    expect(result.problems).toEqual([
      { source: 'claude-code', location: '~/.claude/.credentials.json', code: 'malformed_store', message: expect.stringMatching(/^invalid JSON at line 1, column \d+$/) },
    ]);
    expectNoLeak(result);

    await put('.claude/.credentials.json', { claudeAiOauth: { refreshToken: REFRESH } });
    expect((await claudeCodeSource.discover(ctx())).problems).toEqual([expect.objectContaining({ code: 'malformed_store', message: '"claudeAiOauth" has no accessToken string' })]);
  });

  it.skipIf(isRoot)('reports a file it may not read (chmod 000)', async () => {
    await put('.claude/.credentials.json', credentials(), 0o000);
    const result = await claudeCodeSource.discover(ctx());
    expect(result.problems).toEqual([expect.objectContaining({ code: 'unreadable_store', message: 'cannot read it: permission denied' })]);
  });

  it('follows a symlink, and reports dangling links and directories', async () => {
    const real = await put('dotfiles/claude-credentials.json', credentials());
    await mkdir(path.join(home, '.claude'));
    await symlink(real, path.join(home, '.claude/.credentials.json'));
    expect((await claudeCodeSource.discover(ctx())).profiles[0]!.secret).toBe(ACCESS);

    await rm(real);
    expect((await claudeCodeSource.discover(ctx())).problems).toEqual([
      expect.objectContaining({ code: 'unreadable_store', message: expect.stringContaining('symbolic link to a file that does not exist') }),
    ]);

    await mkdir(path.join(home, 'd/.credentials.json'), { recursive: true });
    expect((await claudeCodeSource.discover(ctx({ options: { claudeDir: path.join(home, 'd') } }))).problems).toEqual([
      expect.objectContaining({ code: 'unreadable_store', message: expect.stringContaining('not a regular file') }),
    ]);
  });

  it('parses scopes given as one space-separated string', () => {
    expect(parseClaudeCredentials(JSON.stringify({ claudeAiOauth: { accessToken: 'a', scopes: 'user:inference user:profile' } }))).toMatchObject({
      kind: 'ok',
      oauth: { scopes: ['user:inference', 'user:profile'] },
    });
  });
});

describe('Claude Code macOS Keychain', () => {
  const keychainJson = JSON.stringify(credentials({ accessToken: ACCESS }));
  const runner = (result: Awaited<ReturnType<SecurityRunner>>) => vi.fn<SecurityRunner>(async () => result);

  it('names the item as Claude Code does, with a hash suffix for a configured dir', () => {
    expect(keychainService(undefined)).toBe('Claude Code-credentials');
    // Vectors published by a third-party tool that matches Claude Code's naming: the raw string is hashed.
    expect(keychainService('/Users/test/.claude-work')).toBe('Claude Code-credentials-03abf0ee');
    expect(keychainService('/Users/test/.claude-work/')).toBe('Claude Code-credentials-8bd6f0f5');
  });

  it('reads the Keychain item on macOS only, with a short timeout when nobody is at the terminal', async () => {
    const run = runner({ kind: 'ok', stdout: `${keychainJson}\n` });
    const source = createClaudeCodeSource({ runSecurity: run });
    expect((await source.discover(ctx())).profiles).toEqual([]);
    expect(run).not.toHaveBeenCalled();

    const result = await source.discover(ctx({ platform: 'darwin' }));
    expect(run).toHaveBeenCalledWith(['find-generic-password', '-s', 'Claude Code-credentials', '-w'], 3000);
    expect(result.profiles).toEqual([
      expect.objectContaining({
        id: 'claude-code/keychain',
        name: 'keychain',
        secret: ACCESS,
        source: { type: 'claude-code', location: 'keychain' },
        metadata: expect.objectContaining({ storedAs: 'oauth', refreshable: true, expiresAt: EXPIRES }),
      }),
    ]);
    expect(result.searched).toEqual(['Claude Code credentials file: ~/.claude/.credentials.json', 'Claude Code Keychain item: Claude Code-credentials']);

    await source.discover(ctx({ platform: 'darwin', interactive: () => true, env: { CLAUDE_CONFIG_DIR: '/Users/test/.claude-work' } }));
    expect(run).toHaveBeenLastCalledWith(['find-generic-password', '-s', 'Claude Code-credentials-03abf0ee', '-w'], 30000);
  });

  it('decodes an item that security prints as hex', async () => {
    const source = createClaudeCodeSource({ runSecurity: runner({ kind: 'ok', stdout: `${Buffer.from(keychainJson).toString('hex')}\n` }) });
    expect((await source.discover(ctx({ platform: 'darwin' }))).profiles[0]!.secret).toBe(ACCESS);
  });

  it('treats a missing item as nothing and every other failure as a problem, never a hang', async () => {
    const darwin = ctx({ platform: 'darwin' });
    expect(await createClaudeCodeSource({ runSecurity: runner({ kind: 'exit', code: 44 }) }).discover(darwin)).toMatchObject({ profiles: [], problems: [] });
    for (const [result, message] of [
      [{ kind: 'timeout' }, /timed out after 3 s.*allow access/],
      [{ kind: 'exit', code: 51 }, /code 51/],
      [{ kind: 'error', message: 'ENOENT' }, /ENOENT/],
      [{ kind: 'ok', stdout: 'not json' }, /invalid JSON/],
    ] as const) {
      const out = await createClaudeCodeSource({ runSecurity: runner(result) }).discover(darwin);
      expect(out.profiles).toEqual([]);
      expect(out.problems).toEqual([{ source: 'claude-code', location: 'keychain', code: expect.any(String), message: expect.stringMatching(message) }]);
    }
  });

  it('kills a security process that does not answer, and gives it no stdin', async () => {
    const fake = path.join(home, 'fake-security');
    await writeFile(
      fake,
      `#!${process.execPath}
if (process.argv.includes('slow')) setTimeout(() => {}, 60000);
else process.stdout.write(process.stdin.isTTY ? 'tty' : 'no-tty:' + process.argv.slice(2).join(' ') + '\\n');
`,
    );
    await chmod(fake, 0o700);
    const run = securityRunner(fake);
    const started = Date.now();
    expect(await run(['slow'], 300)).toEqual({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await run(['find-generic-password', '-w'], 5000)).toEqual({ kind: 'ok', stdout: 'no-tty:find-generic-password -w\n' });
    expect(await securityRunner(path.join(home, 'missing'))(['x'], 1000)).toMatchObject({ kind: 'error' });
  });
});
