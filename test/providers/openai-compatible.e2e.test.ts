// openai-compatible: any server that speaks OpenAI's API, at the profile's own base URL, from the
// profiles file and from openclaw's config (models.providers.<id>.baseUrl). Also: openclaw profiles
// of xAI, Groq, Mistral and Moonshot go to their modules at the URL openclaw's config gives.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_PROVIDERS } from '../../src/sim/providers.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import { fakeSecret, runCli, tempHome } from '../helpers/cli.js';
import { writeUnder } from '../helpers/files.js';
import { checkJson } from '../helpers/provider-sim.js';

const K = {
  env: fakeSecret('sk-'), literal: fakeSecret(''), file: fakeSecret('tok_'), anthropic: fakeSecret('sk-ant-api03-'), unknown: fakeSecret('sk-'),
  limited: fakeSecret('sk-'), down: fakeSecret('sk-'), slow: fakeSecret('sk-'), notAList: fakeSecret('sk-'), noBase: fakeSecret('sk-'), cleartext: fakeSecret('sk-'),
  ocTogether: fakeSecret('tgp_v1_'), ocRelay: fakeSecret('sk-'), ocLan: fakeSecret('sk-'), ocAcme: fakeSecret('acme-'),
  ocXai: fakeSecret('xai-'), ocGroq: fakeSecret('gsk_'), ocMistral: fakeSecret('', 32).replace(/[-_]/g, 'Q'), ocMoonshot: `sk-${fakeSecret('', 48).replace(/[-_]/g, 'M')}`,
};

let sim: ProviderSimServer;
let home: string;
let cleanup: () => void;
const write = (rel: string, content: unknown) => writeUnder(home, rel, content);

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  sim = await startProviderSim({
    providers: SIM_PROVIDERS,
    slowMs: 3000,
    keys: {
      'openai-compatible': {
        [K.env]: {}, [K.literal]: {}, [K.file]: {}, [K.anthropic]: {}, [K.ocTogether]: {},
        [K.limited]: { behaviour: 'rate_limited' }, [K.down]: { behaviour: 'server_error' }, [K.slow]: { behaviour: 'slow' }, [K.notAList]: { behaviour: 'not_a_list' },
      },
      xai: { [K.ocXai]: {} },
      groq: { [K.ocGroq]: {} },
      mistral: { [K.ocMistral]: {} },
      moonshot: { [K.ocMoonshot]: {} },
    },
  });
  const gateway = sim.baseUrl('openai-compatible');
  const entry = (more: Record<string, unknown>) => ({ provider: 'openai-compatible', baseUrl: gateway, ...more });
  write('key.txt', `${K.file}\n`);
  write('.config/authdoctor/profiles.json', {
    version: 1,
    profiles: {
      fromEnv: entry({ env: 'GATEWAY_KEY' }),
      literal: entry({ value: K.literal }),
      fromFile: entry({ file: '../../key.txt' }),
      anthropicKey: entry({ value: K.anthropic }),
      unknown: entry({ value: K.unknown }),
      limited: entry({ value: K.limited }),
      down: entry({ value: K.down }),
      slow: entry({ value: K.slow }),
      notAList: entry({ value: K.notAList }),
      noBase: { provider: 'openai-compatible', value: K.noBase },
      cleartext: entry({ value: K.cleartext, baseUrl: 'http://gateway.example.com/v1' }),
    },
  });
  write('.openclaw/openclaw.json', {
    models: {
      providers: {
        together: { baseUrl: gateway, api: 'openai-completions' },
        'claude-relay': { baseUrl: gateway, api: 'anthropic-messages' },
        lan: { baseUrl: 'http://10.0.0.5:8000/v1', api: 'openai-completions' },
        xai: { baseUrl: sim.baseUrl('xai') },
        groq: { baseUrl: sim.baseUrl('groq') },
        mistral: { baseUrl: sim.baseUrl('mistral') },
        moonshot: { baseUrl: sim.baseUrl('moonshot') },
      },
    },
  });
  const apiKey = (provider: string, key: string) => ({ type: 'api_key', provider, key });
  write('.openclaw/agents/main/agent/auth-profiles.json', {
    version: 1,
    profiles: {
      'together:default': apiKey('together', K.ocTogether),
      'claude-relay:default': apiKey('claude-relay', K.ocRelay),
      'lan:default': apiKey('lan', K.ocLan),
      'acme:default': apiKey('acme', K.ocAcme),
      'xai:default': apiKey('xai', K.ocXai),
      'groq:default': apiKey('groq', K.ocGroq),
      'mistral:default': apiKey('mistral', K.ocMistral),
      'moonshot:default': apiKey('moonshot', K.ocMoonshot),
    },
  });
});

afterAll(async () => {
  await sim.close();
  cleanup();
});

const check = (args: string[] = []) => checkJson(['--timeout', '1500', ...args], { GATEWAY_KEY: K.env }, { home });

const sentWith = (secret: string) => sim.requests.filter((r) => r.credential === secret).map((r) => `${r.mount} ${r.method} ${r.path}`);

describe('openai-compatible from the profiles file', { timeout: 30_000 }, () => {
  let c: Awaited<ReturnType<typeof check>>;
  beforeAll(async () => {
    c = await check(['--source', 'config']);
  });

  it('works from a value, an env reference and a file; GET {baseUrl}/models; data.checkedAs', () => {
    for (const name of ['fromEnv', 'literal', 'fromFile']) {
      expect(c.codes(`config/${name}`), name).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated', quota: 'unsupported/no_quota_endpoint' });
    }
    const p = c.report.profiles.find((x) => x.id === 'config/fromEnv')!;
    expect(p).toMatchObject({ provider: 'openai-compatible', verdict: 'works', endpoint: sim.baseUrl('openai-compatible') });
    expect(p.checks.find((x) => x.id === 'validity')!.data).toEqual({ checkedAs: 'openai-compatible' });
    expect(sentWith(K.env)).toEqual(['openai-compatible GET /v1/models']);
  });

  it('takes a key of any shape, another provider’s included (a gateway forwards it)', () => {
    expect(c.codes('config/anthropicKey')).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated' });
  });

  it('invalid, rate-limited, down, slow, and a 200 that is not a models list', () => {
    expect(c.codes('config/unknown')).toMatchObject({ validity: 'fail/invalid_credential' });
    expect(c.codes('config/limited')).toMatchObject({ validity: 'warn/rate_limited' });
    expect(c.codes('config/down')).toMatchObject({ validity: 'error/provider_unavailable' });
    expect(c.codes('config/slow')).toMatchObject({ validity: 'error/timeout' });
    expect(c.codes('config/notAList')).toMatchObject({ validity: 'error/unexpected_response' });
    const verdicts = Object.fromEntries(c.report.profiles.map((p) => [p.name, p.verdict]));
    expect(verdicts).toMatchObject({ unknown: 'broken', limited: 'works', down: 'unknown', slow: 'unknown', notAList: 'unknown' });
  });

  it('without a base URL, or with plain HTTP to another host: insecure_base_url, nothing sent', () => {
    expect(c.codes('config/noBase')).toMatchObject({ format: 'pass/recognized', validity: 'error/insecure_base_url', quota: 'skip/prerequisite_failed' });
    expect(c.codes('config/cleartext')).toMatchObject({ validity: 'error/insecure_base_url' });
    expect(sentWith(K.noBase)).toEqual([]);
    expect(sentWith(K.cleartext)).toEqual([]);
  });
});

describe('openclaw: a configured base URL, never skipped', { timeout: 30_000 }, () => {
  let c: Awaited<ReturnType<typeof check>>;
  beforeAll(async () => {
    c = await check(['--source', 'openclaw']);
  });

  it('a provider without a module but with a baseUrl is checked as openai-compatible; provider stays openclaw’s id', () => {
    const p = c.report.profiles.find((x) => x.id === 'openclaw/main/together:default')!;
    expect(p).toMatchObject({ provider: 'together', verdict: 'works', endpoint: sim.baseUrl('openai-compatible') });
    expect(c.codes(p.id)).toMatchObject({ validity: 'pass/authenticated', quota: 'unsupported/no_quota_endpoint' });
    expect(p.checks.find((x) => x.id === 'validity')!.data).toEqual({ checkedAs: 'openai-compatible' });
    expect(p.checks.find((x) => x.id === 'quota')!.data).toEqual({ checkedAs: 'openai-compatible' });
    expect(sentWith(K.ocTogether)).toEqual(['openai-compatible GET /v1/models']);
  });

  it('a server openclaw talks to with another API: its 401 to an OpenAI-style request is not a verdict', () => {
    expect(c.codes('openclaw/main/claude-relay:default')).toMatchObject({ validity: 'error/unexpected_response' });
    expect(c.report.profiles.find((x) => x.id === 'openclaw/main/claude-relay:default')!.verdict).toBe('unknown');
  });

  it('plain HTTP to another host: insecure_base_url, nothing sent', () => {
    expect(c.codes('openclaw/main/lan:default')).toMatchObject({ validity: 'error/insecure_base_url' });
    expect(sentWith(K.ocLan)).toEqual([]);
  });

  it('no profile with a configured base URL is skipped; one without stays skipped, with its reason', () => {
    const skipped = c.report.profiles.filter((p) => p.verdict === 'skipped').map((p) => p.id);
    expect(skipped).toEqual(['openclaw/main/acme:default']);
    expect(sentWith(K.ocAcme)).toEqual([]);
  });

  it('openclaw’s xAI, Groq, Mistral and Moonshot profiles go to their modules at the configured URL', () => {
    for (const id of ['xai', 'groq', 'mistral', 'moonshot']) {
      const p = c.report.profiles.find((x) => x.id === `openclaw/main/${id}:default`)!;
      expect(p, id).toMatchObject({ provider: id, verdict: 'works' });
      expect(c.codes(p.id)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated' });
    }
    expect(sentWith(K.ocXai)).toEqual(['xai GET /v1/api-key']);
    expect(sentWith(K.ocMoonshot)).toEqual(['moonshot GET /v1/users/me/balance']);
  });

  it('--provider openai-compatible selects the profiles checked as one', async () => {
    const only = await check(['--source', 'openclaw', '--source', 'config', '--provider', 'openai-compatible', '--offline']);
    const ids = only.report.profiles.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['openclaw/main/together:default', 'openclaw/main/claude-relay:default', 'config/literal']));
    expect(ids).not.toContain('openclaw/main/xai:default');
    expect(ids).not.toContain('openclaw/main/acme:default');
  });

  it('`profiles` says which are checked as openai-compatible', async () => {
    const r = await runCli(['profiles', '--json', '--source', 'openclaw'], { home });
    const listed = (JSON.parse(r.stdout) as { profiles: Array<{ id: string; notes: string[] }> }).profiles;
    expect(listed.find((p) => p.id === 'openclaw/main/together:default')!.notes.join(' ')).toMatch(/checked as openai-compatible/);
    expect(listed.find((p) => p.id === 'openclaw/main/acme:default')!.notes.join(' ')).toMatch(/not checked/);
  });
});
