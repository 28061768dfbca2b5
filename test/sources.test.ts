// env, stdin and the profiles file: discovery only, against a temporary HOME.

import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configSource, defaultConfigPath } from '../src/profiles/config.js';
import { envSource } from '../src/profiles/env.js';
import { discover, filterProfiles, profileMatcher, resolveDeferred, selectSources } from '../src/profiles/index.js';
import { stdinSource } from '../src/profiles/stdin.js';
import { UsageError, type Profile, type SourceContext } from '../src/types.js';
import { fakeSecret, tempHome } from './helpers/cli.js';
import { fakeJwt } from './helpers/jwt.js';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

function ctx(env: Record<string, string> = {}, options: Partial<SourceContext['options']> = {}): SourceContext {
  return { env, home, platform: 'linux', now: new Date(), interactive: () => false, options: { allowExec: false, ...options } };
}

function writeConfig(doc: unknown, file = defaultConfigPath({}, home)): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc), { mode: 0o600 });
  return file;
}

describe('env source', () => {
  it('finds every Anthropic variable, including set-but-empty ones', async () => {
    const key = fakeSecret('sk-ant-api03-');
    const { profiles } = await envSource.discover(ctx({ ANTHROPIC_API_KEY: key, CLAUDE_CODE_OAUTH_TOKEN: 'x', ANTHROPIC_ADMIN_API_KEY: '', OTHER: 'y' }));
    expect(profiles.map((p) => p.id)).toEqual(['env/ANTHROPIC_API_KEY', 'env/CLAUDE_CODE_OAUTH_TOKEN', 'env/ANTHROPIC_ADMIN_API_KEY']);
    expect(profiles[1]!.metadata.storedAs).toBe('token');
    expect(profiles[0]!.source).toEqual({ type: 'env', location: 'ANTHROPIC_API_KEY' });
  });
});

describe('stdin source', () => {
  it('makes one profile "stdin" from the text read', async () => {
    expect((await stdinSource.discover(ctx())).profiles).toEqual([]);
    const key = `${fakeSecret('sk-ant-api03-')}\n`;
    const { profiles } = await stdinSource.discover(ctx({}, { stdinText: key }));
    expect(profiles).toMatchObject([{ id: 'stdin', name: 'stdin', provider: 'anthropic', source: { type: 'stdin', location: 'stdin' }, secret: key, metadata: { fromFile: true } }]);
  });

  it('names the provider from the key\'s shape, --provider overrides, and an unclaimed shape is a usage error', async () => {
    const key = fakeSecret('sk-ant-api03-');
    await expect(stdinSource.discover(ctx({}, { stdinText: 'abc\n' }))).rejects.toThrow(/--provider/);
    await expect(stdinSource.discover(ctx({}, { stdinText: 'Zq3' + 'e'.repeat(40) }))).rejects.toThrow(/--provider/);
    expect((await stdinSource.discover(ctx({}, { stdinText: key, provider: ['anthropic'] }))).profiles[0]!.provider).toBe('anthropic');
    await expect(stdinSource.discover(ctx({}, { stdinText: key, provider: ['no-such'] }))).rejects.toThrow(/no such provider/);
  });

  // Issue 13, item 8: `--key-stdin < /dev/null` was a broken credential (format `empty`).
  it('makes empty stdin a usage error, with or without --provider', async () => {
    for (const stdinText of ['', '\n', '  \r\n'])
      for (const provider of [undefined, ['anthropic']]) {
        await expect(stdinSource.discover(ctx({}, { stdinText, ...(provider ? { provider } : {}) }))).rejects.toThrow(/nothing was read from stdin/);
      }
  });
});

describe('config source', () => {
  it('resolves values, env references and file references', async () => {
    const value = fakeSecret('sk-ant-api03-');
    const fromEnv = fakeSecret('sk-ant-admin01-');
    const fromFile = fakeSecret('sk-ant-oat01-');
    const secretFile = path.join(home, 'secrets', 'token.txt');
    mkdirSync(path.dirname(secretFile));
    writeFileSync(secretFile, fromFile + '\n', { mode: 0o644 });
    writeConfig({
      version: 1,
      profiles: {
        work: { value },
        admin: { env: 'MY_ADMIN' },
        sub: { file: '~/secrets/token.txt', kind: 'oauth_token', expiresAt: '2027-01-01T00:00:00Z', refreshable: true, scopes: ['user:inference', 'user:profile'] },
        missing: { env: 'NOT_SET' },
        gone: { file: '~/nope.txt' },
      },
    });
    const { profiles, problems } = await configSource.discover(ctx({ MY_ADMIN: fromEnv }));
    expect(problems).toEqual([]);
    const byId = Object.fromEntries(profiles.map((p) => [p.id, p])) as Record<string, Profile>;
    expect(byId['config/work']).toMatchObject({ secret: value, source: { type: 'config', location: '~/.config/authdoctor/profiles.json#/profiles/work' } });
    expect(byId['config/admin']).toMatchObject({ secret: fromEnv, source: { location: 'MY_ADMIN' } });
    expect(byId['config/sub']).toMatchObject({
      secret: fromFile + '\n',
      source: { location: '~/secrets/token.txt' },
      metadata: { fromFile: true, loosePermissions: '0644', looseFiles: ['~/secrets/token.txt'], storedAs: 'oauth', refreshable: true, expiresAt: Date.parse('2027-01-01T00:00:00Z') },
    });
    expect(byId['config/missing']).toMatchObject({ secret: null, metadata: { unresolved: 'environment variable NOT_SET is not set' } });
    expect(byId['config/gone']!.secret).toBeNull();
    expect(byId['config/gone']!.metadata.unresolved).toMatch(/nope\.txt/);
  });

  it('says in words why a file reference could not be read', async () => {
    mkdirSync(path.join(home, 'a-dir'));
    writeConfig({ version: 1, profiles: { dir: { file: '~/a-dir' }, gone: { file: '~/nope.txt' } } });
    const { profiles } = await configSource.discover(ctx());
    const unresolved = Object.fromEntries(profiles.map((p) => [p.id, p.metadata.unresolved]));
    expect(unresolved).toEqual({ 'config/dir': 'file ~/a-dir: it is not a regular file (a directory or a device)', 'config/gone': 'file ~/nope.txt: it does not exist' });
  });

  it('resolves a relative file reference against the profiles file, not the working directory', async () => {
    const dir = path.join(home, 'team');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'key.txt'), 'sk-ant-api03-relative\n', { mode: 0o600 });
    const file = writeConfig({ profiles: { rel: { file: 'key.txt' } } }, path.join(dir, 'profiles.json'));
    const { profiles } = await configSource.discover(ctx({}, { config: file, configExplicit: true }));
    expect(profiles[0]).toMatchObject({ secret: 'sk-ant-api03-relative\n', source: { location: '~/team/key.txt' } });
  });

  it('honours XDG_CONFIG_HOME and reports where it looked', async () => {
    const xdg = path.join(home, 'xdg');
    writeConfig({ profiles: { a: { value: 'v' } } }, path.join(xdg, 'authdoctor', 'profiles.json'));
    const found = await configSource.discover(ctx({ XDG_CONFIG_HOME: xdg }));
    expect(found.profiles.map((p) => p.id)).toEqual(['config/a']);
    expect(found.searched?.[0]).toContain('~/xdg/authdoctor/profiles.json');
  });

  it('reports a broken default file as a problem and goes on', async () => {
    writeConfig('{"profiles": {"a": {"value": "x"},}');
    const { profiles, problems, searched } = await configSource.discover(ctx());
    expect(profiles).toEqual([]);
    expect(problems).toMatchObject([{ source: 'config', code: 'malformed_store', location: '~/.config/authdoctor/profiles.json' }]);
    // Issue 13, item 8: the mistake is named, and the file is still a place that was looked in.
    expect(problems[0]!.message).toMatch(/line 1, column \d+: a comma before "}"/);
    expect(searched).toEqual([expect.stringContaining('~/.config/authdoctor/profiles.json')]);
  });

  // Issue 13, item 8: typos in field names and kinds passed silently.
  it('reports unknown fields and unknown kinds, naming them, and still checks the entry', async () => {
    for (const options of [{}, { config: defaultConfigPath({}, home), configExplicit: true }]) {
      writeConfig({ version: 1, profiles: { work: { provder: 'openai', kind: 'apikey', env: 'K' }, half: { kind: 'api_key' } }, profile: {} });
      const { profiles, problems } = await configSource.discover(ctx({ K: 'v' }, options));
      expect(profiles.map((p) => [p.id, p.provider, p.metadata.storedAs])).toEqual([['config/work', 'anthropic', undefined]]);
      const at = Object.fromEntries(problems.map((p) => [p.location.replace(/^.*#/, ''), p.message]));
      expect(Object.keys(at).sort()).toEqual(['/profile', '/profiles/half', '/profiles/work/kind', '/profiles/work/provder']);
      expect(at['/profiles/work/provder']).toMatch(/unknown field "provder" \(did you mean "provider"\?\)/);
      expect(at['/profiles/work/kind']).toMatch(/"kind" "apikey" is not one of .*\(did you mean "api_key"\?\)/);
      expect(at['/profiles/half']).toMatch(/none of "value", "env" or "file"/);
      expect(at['/profile']).toMatch(/unknown field "profile" \(did you mean "profiles"\?\)/);
      expect(problems.every((p) => p.code === 'malformed_store')).toBe(true);
    }
  });

  it('reports bad entries one by one and keeps the good ones', async () => {
    writeConfig({ profiles: { good: { value: 'x' }, both: { value: 'x', env: 'Y' }, none: {}, odd: 'str' } });
    const { profiles, problems } = await configSource.discover(ctx());
    expect(profiles.map((p) => p.id)).toEqual(['config/good']);
    expect(problems.map((p) => p.location)).toEqual([
      '~/.config/authdoctor/profiles.json#/profiles/both',
      '~/.config/authdoctor/profiles.json#/profiles/none',
      '~/.config/authdoctor/profiles.json#/profiles/odd',
    ]);
  });

  it('rejects an unknown version', async () => {
    writeConfig({ version: 2, profiles: {} });
    expect((await configSource.discover(ctx())).problems[0]!.code).toBe('unsupported_store');
  });

  it('makes an unusable --config a usage error', async () => {
    await expect(configSource.discover(ctx({}, { config: path.join(home, 'none.json'), configExplicit: true }))).rejects.toBeInstanceOf(UsageError);
    const bad = writeConfig('not json', path.join(home, 'bad.json'));
    await expect(configSource.discover(ctx({}, { config: bad, configExplicit: true }))).rejects.toThrow(/invalid JSON/);
    mkdirSync(path.join(home, 'dir.json'));
    await expect(configSource.discover(ctx({}, { config: path.join(home, 'dir.json'), configExplicit: true }))).rejects.toThrow(/not a regular file/);
  });

  it('survives a symlink loop and a file it may not read', async () => {
    const file = defaultConfigPath({}, home);
    mkdirSync(path.dirname(file), { recursive: true });
    symlinkSync(file, file);
    expect((await configSource.discover(ctx())).problems).toMatchObject([{ code: 'unreadable_store' }]);
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable file (not as root: root reads everything)', async () => {
    const file = writeConfig({ profiles: {} });
    chmodSync(file, 0o000);
    expect((await configSource.discover(ctx())).problems).toMatchObject([{ code: 'unreadable_store', message: 'permission denied' }]);
  });
});

describe('discover', () => {
  it('turns a source that throws into a problem and keeps the other sources', async () => {
    const broken = { type: 'openclaw' as const, discover: async () => Promise.reject(new TypeError('boom')) };
    const found = await discover(ctx({ ANTHROPIC_API_KEY: 'x' }), ['env', 'openclaw'], [envSource, broken]);
    expect(found.profiles.map((p) => p.id)).toEqual(['env/ANTHROPIC_API_KEY']);
    expect(found.problems).toMatchObject([{ source: 'openclaw', code: 'unreadable_store' }]);
  });

  it('still stops on a usage error', async () => {
    const usage = { type: 'config' as const, discover: async () => Promise.reject(new UsageError('--config: nope')) };
    await expect(discover(ctx(), ['config'], [usage])).rejects.toBeInstanceOf(UsageError);
  });

  it("takes a JWT's expiry from its exp claim, also when the secret is resolved after the filters (an exec SecretRef)", async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const token = fakeJwt({ iss: 'https://auth.example.test', exp });
    const base: Profile = { id: 'openclaw/main/x:exec', name: 'x:exec', provider: 'openai', source: { type: 'openclaw', location: 'exec:vault' }, secret: null, metadata: {} };
    const { profiles } = await resolveDeferred([{ ...base, deferred: async () => ({ secret: token, metadata: { storedAs: 'oauth' } }) }]);
    expect(profiles[0]!.metadata).toEqual({ storedAs: 'oauth', expiresAt: exp * 1000 });
  });
});

describe('selection and filters', () => {
  it('selects sources as CONTRACT.md says', () => {
    expect(selectSources([], false)).toEqual(expect.not.arrayContaining(['stdin']));
    expect(selectSources([], true)).toEqual(['stdin']);
    expect(selectSources(['env'], true)).toEqual(['env', 'stdin']);
    expect(selectSources(['config'], false)).toEqual(['config']);
  });

  const p = (id: string, name: string, provider = 'anthropic') => ({ id, name, provider }) as Profile;
  const all = [p('env/ANTHROPIC_API_KEY', 'ANTHROPIC_API_KEY'), p('openclaw/main/anthropic:default', 'main/anthropic:default'), p('openclaw/work/openai:default', 'work/openai:default', 'openai'), p('config/work', 'work')];

  it('matches ids, names and globs, including everything under a prefix', async () => {
    const ids = async (patterns: string[]) => all.filter(await profileMatcher(patterns)).map((x) => x.id);
    expect(await ids(['openclaw/*'])).toEqual(['openclaw/main/anthropic:default', 'openclaw/work/openai:default']);
    expect(await ids(['work'])).toEqual(['config/work']);
    expect(await ids(['env/ANTHROPIC_API_KEY'])).toEqual(['env/ANTHROPIC_API_KEY']);
    expect(await ids(['*/anthropic:*'])).toEqual([]);
    expect(await ids(['openclaw/*/anthropic:*'])).toEqual(['openclaw/main/anthropic:default']);
    expect(await ids([])).toHaveLength(4);
  });

  // Issue 13, item 9: the id openclaw itself shows (`anthropic:work`) matched nothing.
  it('matches the last part of an id (a store\'s own name for it), exactly or as a glob, and aliases', async () => {
    const shared = { ...p('openclaw/main/anthropic:shared', 'main/anthropic:shared'), aliases: ['openclaw/work/anthropic:shared'] } as Profile;
    const ids = async (patterns: string[]) => [...all, shared].filter(await profileMatcher(patterns)).map((x) => x.id);
    expect(await ids(['anthropic:default'])).toEqual(['openclaw/main/anthropic:default']);
    expect(await ids(['openai:*'])).toEqual(['openclaw/work/openai:default']);
    expect(await ids(['openclaw/work/anthropic:shared'])).toEqual(['openclaw/main/anthropic:shared']);
    expect(await ids(['openclaw/work/*'])).toEqual(['openclaw/work/openai:default', 'openclaw/main/anthropic:shared']);
    expect(await ids(['ANTHROPIC_API_KEY'])).toEqual(['env/ANTHROPIC_API_KEY']);
    expect(await ids(['anthropic'])).toEqual([]);
  });

  it('filters by provider', async () => {
    expect((await filterProfiles(all, { provider: ['openai'] })).map((x) => x.id)).toEqual(['openclaw/work/openai:default']);
  });
});
