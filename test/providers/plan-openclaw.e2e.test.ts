// openclaw stores holding profiles of the plan providers (Kimi Code, z.ai, MiniMax, Copilot), under
// openclaw's own ids and aliases: each gets a real verdict from its module, never `skipped`, and its
// requests go where openclaw's config sends that provider.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeProvider } from '../../src/profiles/openclaw/profile-build.js';
import { githubCopilotSim } from '../../src/sim/github-copilot.js';
import { kimiCodingSim } from '../../src/sim/kimi-coding.js';
import { minimaxSim } from '../../src/sim/minimax.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import { zaiSim } from '../../src/sim/zai.js';
import { fakeSecret, tempHome } from '../helpers/cli.js';
import { writeUnder } from '../helpers/files.js';
import { checkJson, type Checked } from '../helpers/provider-sim.js';

const HOUR = 3_600_000;
const S = {
  kimi: fakeSecret('sk-kimi-', 60),
  kimiSignIn: fakeSecret('eyJhbGciOiJIUzI1NiJ9.', 90),
  kimiRefresh: fakeSecret('', 60),
  zai: `${fakeSecret('', 32)}.${fakeSecret('', 16)}`,
  zaiAlias: `${fakeSecret('', 32)}.${fakeSecret('', 16)}`,
  minimax: fakeSecret('sk-cp-', 80),
  minimaxPortal: fakeSecret('', 120),
  minimaxPortalRefresh: fakeSecret('', 60),
  copilot: fakeSecret('ghu_', 36),
  revoked: fakeSecret('gho_', 36),
};

let sim: ProviderSimServer;
let home: string;
let cleanup: () => void;
const write = (rel: string, content: unknown) => writeUnder(home, rel, content);
let c: Checked;

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  sim = await startProviderSim({
    providers: [kimiCodingSim, zaiSim, minimaxSim, githubCopilotSim],
    keys: {
      'kimi-coding': { [S.kimi]: {}, [S.kimiSignIn]: { behaviour: 'near_limit' } },
      zai: { [S.zai]: {}, [S.zaiAlias]: { behaviour: 'limit_reached' } },
      minimax: { [S.minimax]: {}, [S.minimaxPortal]: {} },
      github: { [S.copilot]: { behaviour: 'overage_refused' } },
    },
  });
  const now = Date.now();
  write('.openclaw/agents/main/agent/auth-profiles.json', {
    version: 1,
    profiles: {
      'kimi:default': { type: 'api_key', provider: 'kimi', key: S.kimi },
      'kimi-coding:signin': { type: 'oauth', provider: 'kimi-coding', access: S.kimiSignIn, refresh: S.kimiRefresh, expires: now + HOUR },
      'zai:default': { type: 'api_key', provider: 'zai', key: S.zai },
      'z-ai:manual': { type: 'api_key', provider: 'z-ai', key: S.zaiAlias },
      'minimax:default': { type: 'api_key', provider: 'minimax', key: S.minimax },
      'minimax-portal:default': { type: 'oauth', provider: 'minimax-portal', access: S.minimaxPortal, refresh: S.minimaxPortalRefresh, expires: now + 2 * HOUR },
      'github-copilot:github': { type: 'token', provider: 'github-copilot', token: S.copilot },
      'github-copilot:old': { type: 'token', provider: 'github-copilot', token: S.revoked },
    },
  });
  // Base URLs as openclaw stores them: its inference APIs, which each module turns into its probe's.
  // Copilot's is the inference API on another host, and is not followed (the flag sends it to the simulator).
  write('.openclaw/openclaw.json', {
    models: {
      providers: {
        kimi: { baseUrl: `${sim.url}/kimi-coding/coding/` },
        'kimi-coding': { baseUrl: sim.baseUrl('kimi-coding') },
        zai: { baseUrl: `${sim.baseUrl('zai')}/api/coding/paas/v4` },
        'z-ai': { baseUrl: `${sim.baseUrl('zai')}/api/anthropic` },
        minimax: { baseUrl: `${sim.baseUrl('minimax')}/anthropic` },
        'minimax-portal': { baseUrl: `${sim.baseUrl('minimax')}/anthropic/v1` },
        'github-copilot': { baseUrl: 'https://api.individual.githubcopilot.com' },
      },
    },
  });
  c = await checkJson(['--source', 'openclaw', '--timeout', '3000', '--base-url', `github=${sim.baseUrl('github')}`], {}, { home });
});
afterAll(async () => {
  await sim.close();
  cleanup();
});

const profile = (name: string) => c.profile(`openclaw/main/${name}`);
const codes = (name: string) => c.codes(`openclaw/main/${name}`);

describe('openclaw profiles of the plan providers', () => {
  it('none is skipped; each is its provider’s, with a real verdict', () => {
    expect(c.report.summary).toMatchObject({ profiles: 8, skipped: 0 });
    expect(Object.fromEntries(c.report.profiles.map((p) => [p.name.replace('main/', ''), [p.provider, p.verdict]]))).toEqual({
      'kimi:default': ['kimi-coding', 'works'],
      'kimi-coding:signin': ['kimi-coding', 'works'],
      'zai:default': ['zai', 'works'],
      'z-ai:manual': ['zai', 'works'],
      'minimax:default': ['minimax', 'works'],
      'minimax-portal:default': ['minimax', 'works'],
      'github-copilot:github': ['github-copilot', 'works'],
      'github-copilot:old': ['github-copilot', 'broken'],
    });
    expect(c.run.code).toBe(1);
  });

  it('the quota of each comes from its plan', () => {
    expect(codes('kimi:default')).toMatchObject({ validity: 'pass/authenticated', quota: 'pass/usage' });
    expect(codes('kimi-coding:signin')).toMatchObject({ format: 'pass/recognized', expiry: 'pass/valid_until', quota: 'warn/near_limit' });
    expect(codes('z-ai:manual')).toMatchObject({ quota: 'warn/limit_reached' });
    expect(codes('github-copilot:github')).toMatchObject({ quota: 'warn/limit_reached' });
    expect(codes('github-copilot:old')).toMatchObject({ validity: 'fail/invalid_credential' });
  });

  it('sign-ins stored as OAuth are oauth_token', () => {
    expect(profile('kimi-coding:signin').credential.kind).toBe('oauth_token');
    expect(profile('minimax-portal:default').credential.kind).toBe('oauth_token');
    expect(profile('github-copilot:github').credential.kind).toBe('oauth_token');
  });

  it('requests went to the probe paths under openclaw’s configured hosts', () => {
    const paths = (secret: string) => sim.requests.filter((r) => r.credential === secret).map((r) => `${r.mount}${r.path}`);
    expect(paths(S.kimi)).toEqual(['kimi-coding/coding/v1/usages']);
    expect(paths(S.kimiSignIn)).toEqual(['kimi-coding/coding/v1/usages']);
    expect(paths(S.zai)).toEqual(['zai/api/monitor/usage/quota/limit']);
    expect(paths(S.zaiAlias)).toEqual(['zai/api/monitor/usage/quota/limit']);
    expect(paths(S.minimax)).toEqual(['minimax/v1/token_plan/remains']);
    expect(paths(S.minimaxPortal)).toEqual(['minimax/v1/token_plan/remains']);
    expect(paths(S.copilot)).toEqual(['github/copilot_internal/user']);
    expect(profile('zai:default').endpoint).toContain('/zai/api/coding/paas/v4');
  });

  it('routing: Copilot ignores openclaw’s inference base URL; MiniMax’s China ids default to the China API', () => {
    const routing = { providers: new Map([['github-copilot', { baseUrl: 'https://api.individual.githubcopilot.com' }], ['minimax', { baseUrl: 'https://api.minimax.io/anthropic' }]]), configFile: '~/.openclaw/openclaw.json' };
    expect(routeProvider('github-copilot', routing)).toEqual({ provider: 'github-copilot' });
    expect(routeProvider('minimax-cn', routing)).toMatchObject({ provider: 'minimax', ownBaseUrl: { url: 'https://api.minimaxi.com' } });
    expect(routeProvider('minimax-portal-cn', routing)).toMatchObject({ provider: 'minimax', ownBaseUrl: { url: 'https://api.minimaxi.com' } });
    expect(routeProvider('minimax', routing)).toMatchObject({ provider: 'minimax', ownBaseUrl: { url: 'https://api.minimax.io/anthropic' } });
    expect(routeProvider('kimi', routing)).toEqual({ provider: 'kimi-coding' });
  });
});
