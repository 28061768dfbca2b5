import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveDeferred } from '../src/profiles/index.js';
import { discoverOpenclaw, openclawSource } from '../src/profiles/openclaw/index.js';
import { parseProfileStore } from '../src/profiles/openclaw/store-parse.js';
import { parseJson5 } from '../src/profiles/openclaw/config.js';
import { classifyAnthropic } from '../src/providers/anthropic/index.js';
import type { DiscoveryResult, Profile, SourceContext } from '../src/types.js';
import { realWalFixture } from './helpers/real-wal-fixture.js';
import { writeWalDatabase, type Statement } from './helpers/sqlite-wal-writer.js';

const isRoot = process.getuid?.() === 0;
const NOW = new Date('2026-11-25T20:00:00Z');
const LATER = Date.parse('2026-12-25T00:00:00Z');

// Fake secrets, distinct so a leak into any message is caught.
const S = {
  api: 'sk-ant-api03-openclaw-api-key-0001',
  setup: 'sk-ant-oat01-openclaw-setup-token-0002',
  access: 'sk-ant-oat01-openclaw-oauth-access-0003',
  refresh: 'sk-ant-ort01-openclaw-oauth-refresh-0004',
  openai: 'sk-proj-openclaw-openai-0005',
  env: 'sk-ant-api03-from-env-0006',
  fileJson: 'sk-ant-oat01-from-file-json-0007',
  fileSingle: 'sk-ant-api03-from-file-single-0008',
  exec: 'sk-ant-api03-from-exec-0009',
  flat: 'sk-ant-api03-legacy-flat-0010',
  authJson: 'sk-ant-api03-legacy-auth-json-0011',
  oauthJson: 'sk-ant-oat01-legacy-oauth-json-0012',
  sqlShared: 'sk-ant-api03-sqlite-shared-0013',
  sqlLocal: 'sk-ant-api03-sqlite-local-0014',
  sqlWorkOnly: 'sk-ant-api03-sqlite-work-only-0015',
  archived: 'sk-ant-api03-archived-0016',
};

let home: string;
let state: string;
beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'authdoctor-openclaw-'));
  state = path.join(home, '.openclaw');
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

function ctx(over: { env?: Record<string, string>; options?: Partial<SourceContext['options']> } = {}): SourceContext {
  return {
    env: over.env ?? {},
    home,
    platform: 'linux',
    now: NOW,
    interactive: () => false,
    options: { allowExec: false, ...over.options },
  };
}

async function put(rel: string, content: unknown, mode = 0o600): Promise<string> {
  const file = path.isAbsolute(rel) ? rel : path.join(home, rel);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  await chmod(file, mode);
  return file;
}

const agentFile = (agent: string, name: string) => `.openclaw/agents/${agent}/agent/${name}`;

function byId(result: DiscoveryResult): Record<string, Profile> {
  return Object.fromEntries(result.profiles.map((p) => [p.id, p]));
}

function expectNoLeak(result: DiscoveryResult): void {
  const said = JSON.stringify([result.problems, result.profiles.map((p) => ({ ...p, secret: undefined }))]);
  for (const secret of Object.values(S)) expect(said, 'a secret leaked into a message or note').not.toContain(secret);
}

describe('openclaw source: discovery basics', () => {
  it('finds nothing, quietly, when openclaw is not installed', async () => {
    expect(await openclawSource.discover(ctx())).toEqual({ profiles: [], problems: [], searched: ['openclaw state dir: ~/.openclaw (not found)'] });
  });

  it('says so when --openclaw-dir names a dir that does not exist', async () => {
    const result = await discoverOpenclaw(ctx({ options: { openclawDir: '~/nope' } }));
    expect(result.problems).toEqual([expect.objectContaining({ code: 'unreadable_store', location: '~/nope' })]);
  });

  it('reads every profile type of auth-profiles.json with its metadata and location', async () => {
    await put(agentFile('main', 'auth-profiles.json'), {
      version: 1,
      profiles: {
        'anthropic:manual': { type: 'api_key', provider: 'anthropic', key: S.api },
        'anthropic:setup-token': { type: 'token', provider: 'anthropic', token: `${S.setup}\n`, expires: LATER },
        'anthropic:default': { type: 'oauth', provider: 'Anthropic', access: S.access, refresh: S.refresh, expires: LATER, email: 'me@example.com' },
        'openai:manual': { type: 'api_key', provider: 'openai', key: S.openai },
        'aws:marker': { type: 'aws-sdk', provider: 'amazon-bedrock' },
      },
    });
    const result = await discoverOpenclaw(ctx());
    const p = byId(result);
    expect(Object.keys(p).sort()).toEqual([
      'openclaw/main/anthropic:default',
      'openclaw/main/anthropic:manual',
      'openclaw/main/anthropic:setup-token',
      'openclaw/main/openai:manual',
    ]);
    expect(p['openclaw/main/anthropic:manual']).toEqual({
      id: 'openclaw/main/anthropic:manual',
      name: 'main/anthropic:manual',
      provider: 'anthropic',
      source: { type: 'openclaw', location: '~/.openclaw/agents/main/agent/auth-profiles.json#/profiles/anthropic:manual' },
      secret: S.api,
      metadata: { storedAs: 'api_key', refreshable: false },
    });
    expect(p['openclaw/main/anthropic:setup-token']!.secret).toBe(`${S.setup}\n`); // untrimmed
    expect(p['openclaw/main/anthropic:setup-token']!.metadata).toEqual({ storedAs: 'token', refreshable: false, expiresAt: LATER });
    expect(p['openclaw/main/anthropic:default']).toMatchObject({
      provider: 'anthropic',
      secret: S.access,
      metadata: { storedAs: 'oauth', refreshable: true, expiresAt: LATER, email: 'me@example.com' },
    });
    expect(p['openclaw/main/openai:manual']).toMatchObject({ provider: 'openai', secret: S.openai });
    expect(result.problems).toEqual([]);
    expectNoLeak(result);
  });

  it('reads Codex logins under both of openclaw’s ids as OpenAI, with the account id stored beside them', async () => {
    await put(agentFile('main', 'auth-profiles.json'), {
      version: 1,
      profiles: {
        'openai-codex:default': { type: 'oauth', provider: 'openai-codex', access: 'codex-access-0017', refresh: 'codex-refresh-0018', expires: LATER, accountId: ' acc-1234 ' },
        'openai:codex': { type: 'oauth', provider: 'openai', access: 'codex-access-0019', refresh: 'r', expires: LATER, accountId: 'acc-5678' },
      },
    });
    await put('.openclaw/openclaw.json', { models: { providers: { 'openai-codex': { baseUrl: 'https://chatgpt.example/backend-api' } } } });
    const p = byId(await discoverOpenclaw(ctx()));
    expect(p['openclaw/main/openai-codex:default']).toMatchObject({
      provider: 'openai',
      metadata: { storedAs: 'oauth', refreshable: true, expiresAt: LATER, accountId: 'acc-1234' },
      // openclaw's base URL for openai-codex is ChatGPT's backend: it applies to that family only.
      baseUrls: { chatgpt: { url: 'https://chatgpt.example/backend-api' } },
    });
    expect(p['openclaw/main/openai-codex:default']!.ownBaseUrl).toBeUndefined();
    expect(p['openclaw/main/openai:codex']).toMatchObject({ provider: 'openai', metadata: { accountId: 'acc-5678' } });
  });

  it('marks loose file permissions on the profiles whose secret that file holds', async () => {
    await put(agentFile('main', 'auth-profiles.json'), { version: 1, profiles: { 'anthropic:manual': { type: 'api_key', provider: 'anthropic', key: S.api } } }, 0o644);
    const p = byId(await discoverOpenclaw(ctx()));
    expect(p['openclaw/main/anthropic:manual']!.metadata.loosePermissions).toBe('0644');
  });

  it('accepts the aliases openclaw accepts (mode, apiKey type and field, refs in key/token)', async () => {
    await put(agentFile('main', 'auth-profiles.json'), {
      version: 1,
      profiles: {
        'anthropic:mode': { mode: 'api_key', provider: 'anthropic', key: S.api },
        'anthropic:apikey-type': { type: 'apiKey', provider: 'anthropic', apiKey: S.api },
        'anthropic:ref-in-key': { type: 'api_key', provider: 'anthropic', key: { source: 'env', provider: 'default', id: 'MY_KEY' } },
        'anthropic:ref-in-token': { type: 'token', provider: 'anthropic', token: { source: 'env', id: 'MY_KEY' } },
        'anthropic:marker': { type: 'api_key', provider: 'anthropic', keyRef: 'secretref-env:MY_KEY' },
      },
    });
    const result = await discoverOpenclaw(ctx({ env: { MY_KEY: S.env } }));
    const p = byId(result);
    expect(p['openclaw/main/anthropic:mode']).toMatchObject({ secret: S.api, metadata: { storedAs: 'api_key' } });
    expect(p['openclaw/main/anthropic:apikey-type']).toMatchObject({ secret: S.api, metadata: { storedAs: 'api_key' } });
    for (const id of ['ref-in-key', 'ref-in-token', 'marker']) {
      expect(p[`openclaw/main/anthropic:${id}`]!.secret, id).toBe(S.env);
      expect(p[`openclaw/main/anthropic:${id}`]!.metadata.notes, id).toContain('secret from SecretRef env:default:MY_KEY (environment variable MY_KEY)');
    }
    expect(result.problems).toEqual([]);
    expectNoLeak(result);
  });

  it('resolves ${VAR} like openclaw does (never sends the text) and keeps refresh markers raw', async () => {
    await put(agentFile('main', 'auth-profiles.json'), {
      version: 1,
      profiles: {
        'anthropic:placeholder': { type: 'api_key', provider: 'anthropic', key: '${ANTHROPIC_API_KEY}' },
        'anthropic:default': {
          type: 'oauth',
          provider: 'anthropic',
          access: 'openclaw-oauth-refresh-fence:v1:access:abc',
          refresh: 'openclaw-oauth-refresh-fence:v1:refresh:abc',
          expires: 1,
        },
      },
    });
    const p = byId(await discoverOpenclaw(ctx({ env: { ANTHROPIC_API_KEY: S.env } })));
    expect(p['openclaw/main/anthropic:placeholder']!.secret).toBe(S.env);
    expect(p['openclaw/main/anthropic:placeholder']!.metadata.notes?.[0]).toMatch(/ANTHROPIC_API_KEY/);
    const unset = byId(await discoverOpenclaw(ctx({ env: {} })));
    expect(unset['openclaw/main/anthropic:placeholder']!.secret).toBeNull();
    expect(unset['openclaw/main/anthropic:placeholder']!.metadata.unresolved).toMatch(/ANTHROPIC_API_KEY is not set/);
    expect(p['openclaw/main/anthropic:default']).toMatchObject({
      secret: 'openclaw-oauth-refresh-fence:v1:access:abc',
      metadata: { expiresAt: 1, refreshable: true },
    });
  });

  it('keeps expires 0 (and invalid expiries, which openclaw turns into 0) with a note', async () => {
    await put(agentFile('main', 'auth-profiles.json'), {
      version: 1,
      profiles: {
        'anthropic:zero': { type: 'token', provider: 'anthropic', token: S.setup, expires: 0 },
        'anthropic:text': { type: 'token', provider: 'anthropic', token: S.setup, expires: 'soon' },
        'anthropic:none': { type: 'token', provider: 'anthropic', token: S.setup },
      },
    });
    const p = byId(await discoverOpenclaw(ctx()));
    for (const id of ['zero', 'text']) {
      expect(p[`openclaw/main/anthropic:${id}`]!.metadata.expiresAt).toBe(0);
      expect(p[`openclaw/main/anthropic:${id}`]!.metadata.notes![0]).toMatch(/ineligible/);
    }
    expect(p['openclaw/main/anthropic:none']!.metadata.expiresAt).toBeNull();
  });

  it('turns usageStats into triage notes (state file and embedded)', async () => {
    await put(agentFile('main', 'auth-profiles.json'), {
      version: 1,
      profiles: {
        'anthropic:a': { type: 'api_key', provider: 'anthropic', key: S.api },
        'anthropic:b': { type: 'api_key', provider: 'anthropic', key: S.api },
      },
      usageStats: { 'anthropic:a': { cooldownUntil: LATER } },
    });
    await put(agentFile('main', 'auth-state.json'), {
      version: 1,
      usageStats: { 'anthropic:b': { disabledUntil: LATER, disabledReason: 'billing', errorCount: 3 } },
    });
    const p = byId(await discoverOpenclaw(ctx()));
    expect(p['openclaw/main/anthropic:a']!.metadata.notes).toEqual(['openclaw has it in cooldown until 2026-12-25T00:00:00.000Z']);
    expect(p['openclaw/main/anthropic:b']!.metadata.notes).toEqual(['openclaw disabled it until 2026-12-25T00:00:00.000Z (reason: billing)']);
  });
});

describe('openclaw source: legacy JSON shapes', () => {
  it('reads the flat legacy auth-profiles.json as <provider>:default', async () => {
    await put(agentFile('main', 'auth-profiles.json'), { anthropic: { apiKey: S.flat }, openai: { key: S.openai } });
    const p = byId(await discoverOpenclaw(ctx()));
    expect(p['openclaw/main/anthropic:default']).toMatchObject({
      secret: S.flat,
      source: { location: '~/.openclaw/agents/main/agent/auth-profiles.json#/anthropic' },
      metadata: { storedAs: 'api_key' },
    });
    expect(p['openclaw/main/openai:default']!.provider).toBe('openai');
  });

  it('reads auth.json when there is no auth-profiles.json, and flags it as dead when there is', async () => {
    await put(agentFile('main', 'auth.json'), { anthropic: { type: 'api_key', key: S.authJson } });
    const alone = byId(await discoverOpenclaw(ctx()));
    expect(alone['openclaw/main/anthropic:default']).toMatchObject({
      secret: S.authJson,
      source: { location: '~/.openclaw/agents/main/agent/auth.json#/anthropic' },
    });

    await put(agentFile('main', 'auth-profiles.json'), { version: 1, profiles: { 'anthropic:manual': { type: 'api_key', provider: 'anthropic', key: S.api } } });
    const both = await discoverOpenclaw(ctx());
    expect(Object.keys(byId(both))).toEqual(['openclaw/main/anthropic:manual']);
    expect(both.problems).toEqual([
      expect.objectContaining({ code: 'plaintext_leftover', location: '~/.openclaw/agents/main/agent/auth.json' }),
    ]);
    expectNoLeak(both);
  });

  it('adds credentials/oauth.json (or $OPENCLAW_OAUTH_DIR) only where the store has no such id', async () => {
    await put('.openclaw/credentials/oauth.json', {
      anthropic: { access: S.oauthJson, refresh: S.refresh, expires: LATER },
      openai: { access: 'oauth-openai', refresh: 'r', expires: LATER },
    });
    await put(agentFile('main', 'auth-profiles.json'), {
      version: 1,
      profiles: { 'openai:default': { type: 'api_key', provider: 'openai', key: S.openai } },
    });
    const p = byId(await discoverOpenclaw(ctx()));
    expect(p['openclaw/main/anthropic:default']).toMatchObject({
      secret: S.oauthJson,
      source: { location: '~/.openclaw/credentials/oauth.json#/anthropic' },
      metadata: { storedAs: 'oauth', refreshable: true, expiresAt: LATER },
    });
    expect(p['openclaw/main/openai:default']!.secret).toBe(S.openai);

    await put('elsewhere/oauth.json', { anthropic: { access: 'other-dir-access', refresh: 'r', expires: LATER } });
    const moved = byId(await discoverOpenclaw(ctx({ env: { OPENCLAW_OAUTH_DIR: '~/elsewhere' } })));
    expect(moved['openclaw/main/anthropic:default']!.source.location).toBe('~/elsewhere/oauth.json#/anthropic');
  });
});

describe('openclaw source: broken stores', () => {
  it('reports malformed JSON with its position and still reads the other stores', async () => {
    await put(agentFile('main', 'auth-profiles.json'), '{\n  "version": 1,\n  "profiles": {,\n}');
    await put(agentFile('work', 'auth-profiles.json'), { version: 1, profiles: { 'anthropic:work': { type: 'api_key', provider: 'anthropic', key: S.api } } });
    const result = await discoverOpenclaw(ctx());
    expect(result.problems).toEqual([
      {
        source: 'openclaw',
        location: '~/.openclaw/agents/main/agent/auth-profiles.json',
        code: 'malformed_store',
        message: expect.stringMatching(/^invalid JSON at line 3, column \d+$/),
      },
    ]);
    expect(Object.keys(byId(result))).toEqual(['openclaw/work/anthropic:work']);
  });

  it('refuses a store version it does not know', async () => {
    await put(agentFile('main', 'auth-profiles.json'), { version: 2, profiles: { 'anthropic:x': { type: 'api_key', provider: 'anthropic', key: S.api } } });
    const result = await discoverOpenclaw(ctx());
    expect(result.profiles).toEqual([]);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'unsupported_store', message: expect.stringContaining('version 2') })]);
  });

  it('reports entries openclaw ignores, without their content', async () => {
    await put(agentFile('main', 'auth-profiles.json'), {
      version: 1,
      profiles: { 'anthropic:noprov': { type: 'api_key', key: S.api }, 'anthropic:str': S.api, 'anthropic:ok': { type: 'api_key', provider: 'anthropic', key: S.api } },
    });
    const result = await discoverOpenclaw(ctx());
    expect(Object.keys(byId(result))).toEqual(['openclaw/main/anthropic:ok']);
    expect(result.problems.map((p) => [p.code, p.location])).toEqual([
      ['malformed_store', '~/.openclaw/agents/main/agent/auth-profiles.json#/profiles/anthropic:noprov'],
      ['malformed_store', '~/.openclaw/agents/main/agent/auth-profiles.json#/profiles/anthropic:str'],
    ]);
    expectNoLeak(result);
  });

  it.skipIf(isRoot)('reports a store it may not read (chmod 000)', async () => {
    const file = await put(agentFile('main', 'auth-profiles.json'), { version: 1, profiles: {} }, 0o000);
    const result = await discoverOpenclaw(ctx());
    expect(result.problems).toEqual([expect.objectContaining({ code: 'unreadable_store', message: 'cannot read it: permission denied' })]);
    await chmod(file, 0o600);
  });

  it('follows a symlink to a store, and reports dangling links, loops and directories', async () => {
    const real = await put('stores/real.json', { version: 1, profiles: { 'anthropic:linked': { type: 'api_key', provider: 'anthropic', key: S.api } } });
    await mkdir(path.join(state, 'agents/main/agent'), { recursive: true });
    await symlink(real, path.join(home, agentFile('main', 'auth-profiles.json')));
    await mkdir(path.join(state, 'agents/dangling/agent'), { recursive: true });
    await symlink(path.join(home, 'missing.json'), path.join(home, agentFile('dangling', 'auth-profiles.json')));
    await mkdir(path.join(state, 'agents/loop/agent'), { recursive: true });
    const loop = path.join(home, agentFile('loop', 'auth-profiles.json'));
    await symlink(`${loop}.b`, loop);
    await symlink(loop, `${loop}.b`);
    await mkdir(path.join(home, agentFile('dir', 'auth-profiles.json')), { recursive: true });

    const result = await discoverOpenclaw(ctx());
    expect(byId(result)['openclaw/main/anthropic:linked']).toMatchObject({
      secret: S.api,
      source: { location: '~/.openclaw/agents/main/agent/auth-profiles.json#/profiles/anthropic:linked' },
    });
    const problems = Object.fromEntries(result.problems.map((p) => [p.location.split('/')[3], p]));
    expect(problems.dangling).toMatchObject({ code: 'unreadable_store', message: expect.stringContaining('symbolic link to a file that does not exist') });
    expect(problems.loop).toMatchObject({ code: 'unreadable_store', message: expect.stringContaining('symbolic link loop') });
    expect(problems.dir).toMatchObject({ code: 'unreadable_store', message: expect.stringContaining('not a regular file') });
  });

  it('does not read a giant file', async () => {
    const file = path.join(home, agentFile('main', 'auth-profiles.json'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '');
    await truncate(file, 60 * 1024 * 1024); // sparse: cheap to make, too large to be a store
    const result = await discoverOpenclaw(ctx());
    expect(result.problems).toEqual([expect.objectContaining({ code: 'unreadable_store', message: expect.stringContaining('too large') })]);
  });

  it('points out *.migrated-* archives without reading them', async () => {
    await put(agentFile('main', 'auth-profiles.json.migrated-2026-09-06T10-00-00Z-0f7c'), { anthropic: { key: S.archived } }, 0o000);
    await put('.openclaw/credentials/oauth.json.migrated-2026-09-06T10-00-00Z-1a2b', { anthropic: { access: S.archived } });
    await put(agentFile('work', 'auth.json.migrated-2026-09-06T10-00-00Z-3c4d'), {});
    const result = await discoverOpenclaw(ctx());
    expect(result.profiles).toEqual([]);
    expect(result.problems.map((p) => [p.code, p.location])).toEqual([
      ['plaintext_leftover', '~/.openclaw/agents/main/agent/auth-profiles.json.migrated-2026-09-06T10-00-00Z-0f7c'],
      ['plaintext_leftover', '~/.openclaw/agents/work/agent/auth.json.migrated-2026-09-06T10-00-00Z-3c4d'],
      ['plaintext_leftover', '~/.openclaw/credentials/oauth.json.migrated-2026-09-06T10-00-00Z-1a2b'],
    ]);
    expectNoLeak(result);
  });
});

describe('openclaw source: state dir, config and agents', () => {
  it('uses $OPENCLAW_STATE_DIR, $OPENCLAW_HOME and the legacy ~/.clawdbot as openclaw does', async () => {
    const store = (key: string) => ({ version: 1, profiles: { 'anthropic:x': { type: 'api_key', provider: 'anthropic', key } } });
    await put('.clawdbot/agents/main/agent/auth-profiles.json', store('legacy-dir'));
    expect(byId(await discoverOpenclaw(ctx()))['openclaw/main/anthropic:x']!.secret).toBe('legacy-dir');

    await put('.openclaw/agents/main/agent/auth-profiles.json', store('current-dir'));
    expect(byId(await discoverOpenclaw(ctx()))['openclaw/main/anthropic:x']!.secret).toBe('current-dir');

    await put('custom/agents/main/agent/auth-profiles.json', store('state-dir-env'));
    expect(byId(await discoverOpenclaw(ctx({ env: { OPENCLAW_STATE_DIR: '~/custom' } })))['openclaw/main/anthropic:x']!.secret).toBe('state-dir-env');

    await put('alt-home/.openclaw/agents/main/agent/auth-profiles.json', store('openclaw-home'));
    expect(byId(await discoverOpenclaw(ctx({ env: { OPENCLAW_HOME: path.join(home, 'alt-home') } })))['openclaw/main/anthropic:x']!.secret).toBe('openclaw-home');

    // --openclaw-dir wins over the environment.
    const r = await discoverOpenclaw(ctx({ env: { OPENCLAW_STATE_DIR: '~/custom' }, options: { openclawDir: path.join(home, '.clawdbot') } }));
    expect(byId(r)['openclaw/main/anthropic:x']!.secret).toBe('legacy-dir');
  });

  it('reads a JSON5 config for agent dirs (entries and list) and tolerates comments and trailing commas', async () => {
    await put(
      '.openclaw/openclaw.json',
      `// openclaw config
{
  agents: {
    entries: { ops: { agentDir: "~/ops-agent", }, },
    list: [{ id: 'Research', agentDir: '~/research-agent' }],
  },
  /* no secrets here */
  auth: { profiles: { "anthropic:x": { provider: "anthropic", mode: "api_key" } } },
}`,
    );
    const store = (key: string) => ({ version: 1, profiles: { 'anthropic:x': { type: 'api_key', provider: 'anthropic', key } } });
    await put('ops-agent/auth-profiles.json', store('ops'));
    await put('research-agent/auth-profiles.json', store('research'));
    const result = await discoverOpenclaw(ctx());
    expect(result.problems).toEqual([]);
    const p = byId(result);
    expect(p['openclaw/ops/anthropic:x']).toMatchObject({ name: 'ops/anthropic:x', secret: 'ops', source: { location: '~/ops-agent/auth-profiles.json#/profiles/anthropic:x' } });
    expect(p['openclaw/research/anthropic:x']!.secret).toBe('research');
  });

  it('reports a config it cannot parse and goes on with the stores', async () => {
    await put('.openclaw/openclaw.json', '{ agents: { entries: { ops: { agentDir: "~/x" ');
    await put(agentFile('main', 'auth-profiles.json'), { version: 1, profiles: { 'anthropic:x': { type: 'api_key', provider: 'anthropic', key: S.api } } });
    const result = await discoverOpenclaw(ctx());
    expect(result.problems).toEqual([expect.objectContaining({ code: 'malformed_store', location: '~/.openclaw/openclaw.json' })]);
    expect(result.profiles).toHaveLength(1);
  });

  it('gives every agent the main store with its own laid over it (local wins)', async () => {
    await put(agentFile('main', 'auth-profiles.json'), {
      version: 1,
      profiles: {
        'anthropic:default': { type: 'api_key', provider: 'anthropic', key: 'main-key' },
        'openai:default': { type: 'api_key', provider: 'openai', key: S.openai },
      },
    });
    await put(agentFile('work', 'auth-profiles.json'), { version: 1, profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: 'work-key' } } });
    const p = byId(await discoverOpenclaw(ctx()));
    expect(p['openclaw/main/anthropic:default']!.secret).toBe('main-key');
    expect(p['openclaw/work/anthropic:default']).toMatchObject({
      secret: 'work-key',
      metadata: { notes: ['overrides the entry at ~/.openclaw/agents/main/agent/auth-profiles.json#/profiles/anthropic:default'] },
    });
    // Issue 13, item 10: a shared entry the agent does not override is listed once, under main,
    // with work's id as an alias.
    expect(p['openclaw/work/openai:default']).toBeUndefined();
    expect(p['openclaw/main/openai:default']).toMatchObject({ secret: S.openai, aliases: ['openclaw/work/openai:default'] });
    expect(p['openclaw/main/anthropic:default']!.aliases).toBeUndefined();
  });

  it('lists a shared entry once for all agents, under the first that sees it, with what each agent notes', async () => {
    await put(agentFile('main', 'auth-profiles.json'), { version: 1, profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: 'main-key' }, 'anthropic:shared': { type: 'api_key', provider: 'anthropic', key: 'shared-key' } } });
    await put(agentFile('ops', 'auth-profiles.json'), { version: 1, profiles: { 'anthropic:ops': { type: 'api_key', provider: 'anthropic', key: 'ops-key' } } });
    await put(agentFile('ops', 'auth-state.json'), { version: 1, usageStats: { 'anthropic:shared': { cooldownUntil: LATER } } });
    await put(agentFile('work', 'auth-profiles.json'), { version: 1, profiles: { 'anthropic:default': { type: 'api_key', provider: 'anthropic', key: 'work-key' } } });
    const p = byId(await discoverOpenclaw(ctx()));
    expect(Object.keys(p).sort()).toEqual(['openclaw/main/anthropic:default', 'openclaw/main/anthropic:shared', 'openclaw/ops/anthropic:ops', 'openclaw/work/anthropic:default']);
    expect(p['openclaw/main/anthropic:shared']).toMatchObject({
      secret: 'shared-key',
      aliases: ['openclaw/ops/anthropic:shared', 'openclaw/work/anthropic:shared'],
      metadata: { notes: ['for agent ops: openclaw has it in cooldown until 2026-12-25T00:00:00.000Z'] },
    });
    expect(p['openclaw/main/anthropic:default']!.aliases).toEqual(['openclaw/ops/anthropic:default']);
  });
});

describe('openclaw source: SecretRefs', () => {
  const refStore = (profiles: Record<string, unknown>) => put(agentFile('main', 'auth-profiles.json'), { version: 1, profiles });
  const keyRef = (source: string, provider: string, id: string) => ({ type: 'api_key', provider: 'anthropic', keyRef: { source, provider, id } });

  it('resolves env refs, honours the allowlist, and reports missing variables', async () => {
    await put('.openclaw/openclaw.json', { secrets: { providers: { strict: { source: 'env', allowlist: ['ALLOWED'] } } } });
    await refStore({
      'anthropic:env': keyRef('env', 'default', 'MY_KEY'),
      'anthropic:allowed': keyRef('env', 'strict', 'ALLOWED'),
      'anthropic:refused': keyRef('env', 'strict', 'MY_KEY'),
      'anthropic:missing': keyRef('env', 'default', 'NOT_SET'),
      'anthropic:unknown-alias': keyRef('env', 'nosuch', 'MY_KEY'),
    });
    const result = await discoverOpenclaw(ctx({ env: { MY_KEY: S.env, ALLOWED: S.env } }));
    const p = byId(result);
    expect(p['openclaw/main/anthropic:env']!.secret).toBe(S.env);
    expect(p['openclaw/main/anthropic:allowed']!.secret).toBe(S.env);
    for (const [id, why] of [
      ['refused', /not in secrets.providers.strict.allowlist/],
      ['missing', /NOT_SET is not set/],
      ['unknown-alias', /"nosuch" is not configured/],
    ] as const) {
      const profile = p[`openclaw/main/anthropic:${id}`]!;
      expect(profile.secret, id).toBeNull();
      expect(profile.metadata.unresolved, id).toMatch(why);
      expect(result.problems, id).toContainEqual(
        expect.objectContaining({ code: 'unresolved_ref', location: profile.source.location, message: profile.metadata.unresolved }),
      );
    }
    expectNoLeak(result);
  });

  it('resolves file refs (json pointer and singleValue) and refuses unsafe secret files', async () => {
    const secretsJson = await put('secrets/openclaw.json', { anthropic: { setupToken: S.fileJson, 'a/b': S.fileJson }, n: 42 });
    const single = await put('secrets/single.txt', `${S.fileSingle}\n`);
    const loose = await put('secrets/loose.txt', S.fileSingle, 0o644);
    await mkdir(path.join(home, 'secrets/link'), { recursive: true });
    await symlink(single, path.join(home, 'secrets/link/single.txt'));
    await put('.openclaw/openclaw.json', {
      secrets: {
        providers: {
          filemain: { source: 'file', path: secretsJson.replace(home, '~'), mode: 'json' },
          single: { source: 'file', path: single, mode: 'singleValue' },
          loose: { source: 'file', path: loose, mode: 'singleValue' },
          looseok: { source: 'file', path: loose, mode: 'singleValue', allowInsecurePath: true },
          linked: { source: 'file', path: path.join(home, 'secrets/link/single.txt'), mode: 'singleValue' },
          relative: { source: 'file', path: 'secrets/single.txt', mode: 'singleValue' },
        },
      },
    });
    await refStore({
      'anthropic:json': { type: 'token', provider: 'anthropic', tokenRef: { source: 'file', provider: 'filemain', id: '/anthropic/setupToken' } },
      'anthropic:escaped': keyRef('file', 'filemain', '/anthropic/a~1b'),
      'anthropic:number': keyRef('file', 'filemain', '/n'),
      'anthropic:object': keyRef('file', 'filemain', '/anthropic'),
      'anthropic:absent': keyRef('file', 'filemain', '/anthropic/nothing'),
      'anthropic:single': keyRef('file', 'single', 'value'),
      'anthropic:loose': keyRef('file', 'loose', 'value'),
      'anthropic:looseok': keyRef('file', 'looseok', 'value'),
      'anthropic:linked': keyRef('file', 'linked', 'value'),
      'anthropic:relative': keyRef('file', 'relative', 'value'),
    });
    const result = await discoverOpenclaw(ctx());
    const p = byId(result);
    expect(p['openclaw/main/anthropic:json']).toMatchObject({ secret: S.fileJson, metadata: { storedAs: 'token' } });
    expect(p['openclaw/main/anthropic:json']!.metadata.fromFile).toBeUndefined();
    expect(p['openclaw/main/anthropic:escaped']!.secret).toBe(S.fileJson);
    expect(p['openclaw/main/anthropic:single']).toMatchObject({ secret: S.fileSingle, metadata: { fromFile: true } });
    expect(p['openclaw/main/anthropic:looseok']).toMatchObject({ secret: S.fileSingle, metadata: { fromFile: true, loosePermissions: '0644' } });
    // Issue 13, item 7: the chmod hint names the secret file, not a placeholder.
    expect(classifyAnthropic(S.fileSingle, p['openclaw/main/anthropic:looseok']!.metadata).hint).toContain('chmod 600 ~/secrets/loose.txt');
    const unresolved = (id: string) => p[`openclaw/main/anthropic:${id}`]!.metadata.unresolved;
    expect(unresolved('number')).toMatch(/holds a number, not a string/);
    // Issue 13, item 13: the article follows the word ("a object" before).
    expect(unresolved('object')).toMatch(/holds an object, not a string/);
    expect(unresolved('absent')).toMatch(/segment "nothing" is not in the file/);
    expect(unresolved('loose')).toMatch(/accessible to group or others \(mode 0644\)/);
    expect(unresolved('linked')).toMatch(/symbolic link/);
    expect(unresolved('relative')).toMatch(/relative/);
    expect(result.problems.filter((x) => x.code === 'unresolved_ref')).toHaveLength(6);
    expectNoLeak(result);
  });

  it('does not run exec refs without --allow-exec, and runs them safely with it', async () => {
    const script = await put(
      'bin/secret-helper',
      `#!${process.execPath}
let input = '';
process.stdin.on('data', (c) => (input += c)).on('end', () => {
  const req = JSON.parse(input);
  const id = req.ids[0];
  if (id === 'slow') return setTimeout(() => {}, 60000);
  if (id === 'broken') return console.log(JSON.stringify({ protocolVersion: 1, values: {}, errors: { broken: { message: 'vault sealed' } } }));
  const ok = req.protocolVersion === 1 && req.provider === 'vault' && process.env.HOME === undefined && !process.stdin.isTTY;
  console.log(JSON.stringify({ protocolVersion: 1, values: { [id]: ok ? ${JSON.stringify(S.exec)} : 'bad-request' } }));
});
`,
      0o700,
    );
    await put('.openclaw/openclaw.json', { secrets: { providers: { vault: { source: 'exec', command: script, timeoutMs: 1500 } } } });
    await refStore({
      'anthropic:exec': keyRef('exec', 'vault', 'anthropic/api-key'),
      'anthropic:slow': keyRef('exec', 'vault', 'slow'),
      'anthropic:broken': keyRef('exec', 'vault', 'broken'),
      'anthropic:store': keyRef('store', 'default', 'anthropic-key'),
    });

    const denied = await discoverOpenclaw(ctx({ env: { HOME: home } }));
    const d = byId(denied);
    expect(d['openclaw/main/anthropic:exec']!.secret).toBeNull();
    expect(d['openclaw/main/anthropic:exec']!.metadata.unresolved).toMatch(/--allow-exec/);
    expect(d['openclaw/main/anthropic:store']!.metadata.unresolved).toMatch(/openclaw's own secret store/);
    expect(denied.problems.filter((x) => x.code === 'unresolved_ref')).toHaveLength(4);

    // With --allow-exec, exec refs wait for the filters (Profile.deferred); resolveDeferred runs them.
    const discovered = await discoverOpenclaw(ctx({ env: { HOME: home }, options: { allowExec: true } }));
    expect(byId(discovered)['openclaw/main/anthropic:exec']).toMatchObject({ secret: null, deferred: expect.any(Function) });
    expect(discovered.problems.filter((x) => x.code === 'unresolved_ref')).toHaveLength(1); // the store ref
    const resolved = await resolveDeferred(discovered.profiles);
    const allowed = { profiles: resolved.profiles, problems: [...discovered.problems, ...resolved.problems] };
    const a = byId(allowed);
    expect(a['openclaw/main/anthropic:exec']!.secret).toBe(S.exec);
    expect(a['openclaw/main/anthropic:exec']!.metadata.notes).toContainEqual(expect.stringMatching(/secret from SecretRef exec:vault/));
    expect(a['openclaw/main/anthropic:slow']!.metadata.unresolved).toMatch(/did not answer within 1500 ms/);
    expect(a['openclaw/main/anthropic:broken']!.metadata.unresolved).toMatch(/reported an error for "broken"/);
    expect(a['openclaw/main/anthropic:broken']!.metadata.unresolved).not.toMatch(/vault sealed/);
    expect(allowed.problems.filter((x) => x.code === 'unresolved_ref')).toHaveLength(3);
    expectNoLeak(allowed);
  }, 15_000);
});

describe('openclaw source: SQLite stores', () => {
  const STATE_SCHEMA = 'CREATE TABLE config_machine_state (state_key TEXT PRIMARY KEY, value_json TEXT, updated_at_ms INTEGER)';
  const AGENTS_SCHEMA =
    'CREATE TABLE agent_databases (agent_id TEXT NOT NULL, path TEXT NOT NULL, schema_version INTEGER NOT NULL, last_seen_at INTEGER NOT NULL, size_bytes INTEGER, PRIMARY KEY (agent_id, path)) STRICT';
  const AGENT_SCHEMA = [
    'CREATE TABLE auth_profile_store (store_key TEXT NOT NULL PRIMARY KEY, store_json TEXT NOT NULL, updated_at INTEGER NOT NULL)',
    'CREATE TABLE auth_profile_state (state_key TEXT NOT NULL PRIMARY KEY, state_json TEXT NOT NULL, updated_at INTEGER NOT NULL)',
  ];
  const machine = (key: string, value: unknown): Statement => ['INSERT OR REPLACE INTO config_machine_state VALUES (?, ?, 1)', [key, JSON.stringify(value)]];
  const agentStore = (value: unknown): Statement => ["INSERT OR REPLACE INTO auth_profile_store VALUES ('primary', ?, 1)", [JSON.stringify(value)]];
  const agentState = (value: unknown): Statement => ["INSERT OR REPLACE INTO auth_profile_state VALUES ('primary', ?, 1)", [JSON.stringify(value)]];
  const apiKey = (key: string) => ({ type: 'api_key', provider: 'anthropic', key });

  it('reads the state-db shared store from its -wal and lays each agent database over it', async () => {
    await writeWalDatabase(path.join(state, 'state/openclaw.sqlite'), {
      base: [STATE_SCHEMA, AGENTS_SCHEMA, machine('auth.sharedStore', { location: 'state-db' }), machine('authProfiles.store', { version: 1, profiles: { 'anthropic:stale': apiKey('stale') } })],
      commits: [
        [
          machine('authProfiles.store', { version: 1, profiles: { 'anthropic:default': apiKey(S.sqlShared), 'openai:default': { type: 'api_key', provider: 'openai', key: S.openai } } }),
          machine('authProfiles.state', { version: 1, usageStats: { 'anthropic:default': { disabledReason: 'billing' } } }),
          ["INSERT INTO agent_databases VALUES ('work', 'agents/work/agent/openclaw-agent.sqlite', 23, 1, NULL)", []],
        ],
      ],
      uncommitted: [machine('authProfiles.store', { version: 1, profiles: { 'anthropic:uncommitted': apiKey('uncommitted') } })],
    });
    await writeWalDatabase(path.join(state, 'agents/work/agent/openclaw-agent.sqlite'), {
      base: AGENT_SCHEMA,
      commits: [[agentStore({ version: 1, profiles: { 'anthropic:default': apiKey(S.sqlLocal), 'anthropic:work-only': apiKey(S.sqlWorkOnly) } }), agentState({ usageStats: { 'anthropic:work-only': { cooldownUntil: LATER } } })]],
    });
    const result = await discoverOpenclaw(ctx());
    expect(result.problems).toEqual([]);
    const p = byId(result);
    expect(Object.keys(p).sort()).toEqual(['openclaw/main/anthropic:default', 'openclaw/main/openai:default', 'openclaw/work/anthropic:default', 'openclaw/work/anthropic:work-only']);
    // The shared entry work does not override is the same one main sees: listed once.
    expect(p['openclaw/main/openai:default']!.aliases).toEqual(['openclaw/work/openai:default']);
    expect(p['openclaw/main/anthropic:default']).toMatchObject({
      secret: S.sqlShared,
      source: { type: 'openclaw', location: '~/.openclaw/state/openclaw.sqlite#authProfiles.store/anthropic:default' },
      metadata: { storedAs: 'api_key', notes: ['openclaw disabled it (reason: billing)'] },
    });
    expect(p['openclaw/work/anthropic:default']).toMatchObject({
      secret: S.sqlLocal,
      source: { location: '~/.openclaw/agents/work/agent/openclaw-agent.sqlite#auth_profile_store/anthropic:default' },
    });
    expect(p['openclaw/work/anthropic:work-only']!.metadata.notes).toEqual(['openclaw has it in cooldown until 2026-12-25T00:00:00.000Z']);
    expectNoLeak(result);
  });

  it('reads the older layout: the main agent database is the shared store', async () => {
    await writeWalDatabase(path.join(state, 'state/openclaw.sqlite'), { base: [STATE_SCHEMA] });
    await writeWalDatabase(path.join(state, 'agents/main/agent/openclaw-agent.sqlite'), {
      base: AGENT_SCHEMA,
      commits: [[agentStore({ version: 1, profiles: { 'anthropic:default': apiKey(S.sqlShared) } })]],
    });
    await mkdir(path.join(state, 'agents/helper/agent'), { recursive: true });
    const p = byId(await discoverOpenclaw(ctx()));
    expect(p['openclaw/main/anthropic:default']!.source.location).toBe('~/.openclaw/agents/main/agent/openclaw-agent.sqlite#auth_profile_store/anthropic:default');
    expect(p['openclaw/helper/anthropic:default']).toBeUndefined();
    expect(p['openclaw/main/anthropic:default']!.aliases).toEqual(['openclaw/helper/anthropic:default']);
  });

  it('prefers the SQLite store over leftover JSON files and says what it overrides', async () => {
    await writeWalDatabase(path.join(state, 'agents/main/agent/openclaw-agent.sqlite'), {
      base: [...AGENT_SCHEMA, agentStore({ version: 1, profiles: { 'anthropic:default': apiKey(S.sqlShared) } })],
    });
    await put(agentFile('main', 'auth-profiles.json'), { version: 1, profiles: { 'anthropic:default': apiKey('json-copy') } });
    const p = byId(await discoverOpenclaw(ctx()));
    expect(p['openclaw/main/anthropic:default']).toMatchObject({
      secret: S.sqlShared,
      metadata: { notes: ['overrides the entry at ~/.openclaw/agents/main/agent/auth-profiles.json#/profiles/anthropic:default'] },
    });
  });

  // Issue 13, item 7: a store is several files; the hint names the ones others can read.
  it('names the -wal file in the chmod hint when that is the one others can read', async () => {
    const key = `sk-ant-api03-${'wal0'.repeat(24)}`;
    const db = path.join(state, 'agents/main/agent/openclaw-agent.sqlite');
    await writeWalDatabase(db, { base: AGENT_SCHEMA, commits: [[agentStore({ version: 1, profiles: { 'anthropic:default': apiKey(key) } })]] });
    await chmod(db, 0o600);
    await chmod(`${db}-wal`, 0o644);
    const profile = byId(await discoverOpenclaw(ctx()))['openclaw/main/anthropic:default']!;
    const hint = classifyAnthropic(key, profile.metadata).hint!;
    expect(hint).toContain('chmod 600 ~/.openclaw/agents/main/agent/openclaw-agent.sqlite-wal.');
    await chmod(db, 0o640);
    const both = byId(await discoverOpenclaw(ctx()))['openclaw/main/anthropic:default']!;
    expect(classifyAnthropic(key, both.metadata).hint).toContain('chmod 600 ~/.openclaw/agents/main/agent/openclaw-agent.sqlite ~/.openclaw/agents/main/agent/openclaw-agent.sqlite-wal.');
  });

  it('reads the database real SQLite left behind', async () => {
    await put('.openclaw/state/openclaw.sqlite', '');
    await writeFile(path.join(state, 'state/openclaw.sqlite'), realWalFixture.main());
    await writeFile(path.join(state, 'state/openclaw.sqlite-wal'), realWalFixture.wal());
    const p = byId(await discoverOpenclaw(ctx()));
    expect(Object.keys(p)).toEqual(['openclaw/main/anthropic:default']);
    expect(p['openclaw/main/anthropic:default']).toMatchObject({ secret: realWalFixture.committedKey, metadata: { notes: ['openclaw disabled it (reason: billing)'] } });
  });

  it('reports broken databases, cells and ownership markers, and still reads the rest', async () => {
    await writeWalDatabase(path.join(state, 'state/openclaw.sqlite'), {
      base: [STATE_SCHEMA, machine('auth.sharedStore', { location: 'mars' }), ['INSERT INTO config_machine_state VALUES (?, ?, 1)', ['authProfiles.store', '{"version":1,"profiles":']]],
    });
    await put('.openclaw/agents/broken/agent/openclaw-agent.sqlite', 'not a database '.repeat(100));
    await put(agentFile('json', 'auth-profiles.json'), { version: 1, profiles: { 'anthropic:x': apiKey(S.api) } });
    const result = await discoverOpenclaw(ctx());
    expect(result.problems.map((x) => [x.code, x.location])).toEqual([
      ['malformed_store', '~/.openclaw/state/openclaw.sqlite#auth.sharedStore'],
      ['malformed_store', '~/.openclaw/state/openclaw.sqlite#authProfiles.store'],
      ['malformed_store', '~/.openclaw/agents/broken/agent/openclaw-agent.sqlite'],
    ]);
    expect(Object.keys(byId(result))).toContain('openclaw/json/anthropic:x');
  });

  it('leaves the whole openclaw dir untouched: no side files, same bytes, same mtimes', async () => {
    await writeWalDatabase(path.join(state, 'state/openclaw.sqlite'), {
      base: [STATE_SCHEMA, AGENTS_SCHEMA, machine('auth.sharedStore', { location: 'state-db' })],
      commits: [[machine('authProfiles.store', { version: 1, profiles: { 'anthropic:default': apiKey(S.sqlShared) } })]],
    });
    await writeWalDatabase(path.join(state, 'agents/work/agent/openclaw-agent.sqlite'), {
      base: AGENT_SCHEMA,
      commits: [[agentStore({ version: 1, profiles: { 'anthropic:w': apiKey(S.sqlLocal) } })]],
    });
    await put(agentFile('main', 'auth-profiles.json'), { version: 1, profiles: { 'anthropic:j': apiKey(S.api) } });
    const tree = async () => {
      const out = new Map<string, string>();
      const walk = async (d: string): Promise<void> => {
        for (const e of await readdir(d, { withFileTypes: true })) {
          const full = path.join(d, e.name);
          if (e.isDirectory()) await walk(full);
          else out.set(full, `${(await readFile(full)).toString('base64')}@${(await stat(full)).mtimeMs}`);
        }
      };
      await walk(home);
      return out;
    };
    const before = await tree();
    const result = await discoverOpenclaw(ctx());
    expect(result.profiles.length).toBeGreaterThan(0);
    expect(await tree()).toEqual(before);
  });
});

describe('openclaw store parsing and JSON5', () => {
  it('lets an explicit keyRef win over a literal key, and a literal token win over its tokenRef', () => {
    const parsed = parseProfileStore(
      {
        version: 1,
        profiles: {
          a: { type: 'api_key', provider: 'x', key: 'literal', keyRef: { source: 'env', provider: 'default', id: 'K' } },
          t: { type: 'token', provider: 'x', token: 'literal', tokenRef: { source: 'env', provider: 'default', id: 'K' } },
        },
      },
      { allowFlat: false },
    );
    if (parsed.kind !== 'ok') throw new Error(parsed.kind);
    expect(parsed.credentials.map((c) => [c.profileId, c.literal, c.ref?.id])).toEqual([
      ['a', undefined, 'K'],
      ['t', 'literal', undefined],
    ]);
  });

  it('reads JSON5 as openclaw does, including what a hand-rolled subset missed', async () => {
    const text = `{
  // comment with "quotes" and a, trailing comma
  url: "https://example.com/a//b", /* block
  comment */ 'single': 'it\\'s "quoted"',
  list: [1, 2, ],
  hex: 0x1F, plus: +1, inf: Infinity, lead: .5,
  multi: "one \\
two",
}`;
    expect(await parseJson5(text)).toEqual({
      ok: true,
      value: { url: 'https://example.com/a//b', single: 'it\'s "quoted"', list: [1, 2], hex: 31, plus: 1, inf: Infinity, lead: 0.5, multi: 'one two' },
    });
    // The error names the position, never the text (it may hold a secret).
    expect(await parseJson5('{ /* x */\n  a: 1\n  b: "sk-ant-secret"\n}')).toEqual({ ok: false, message: 'invalid JSON5 at line 3, column 3' });
  });
});
