// The slot decides the provider; a shape only rules out. Every provider's slot × every other
// provider's distinctive shape is `wrong_provider` and never sent, whichever simulator would have
// answered. `--key-stdin` without --provider takes the provider its shape names.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnthropicSim, type SimServer } from '../../src/sim/anthropic.js';
import { SIM_PROVIDERS } from '../../src/sim/providers.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import type { Report } from '../../src/types.js';
import { fakeSecret, runCli, tempHome } from '../helpers/cli.js';
import { chatgptToken } from '../helpers/jwt.js';
import { checkJson } from '../helpers/provider-sim.js';

/** Each provider's own shapes: distinctive ones, and a ChatGPT login (a JWT only OpenAI's slot takes). */
const SHAPES: Record<string, Record<string, () => string>> = {
  anthropic: { api: () => fakeSecret('sk-ant-api03-'), admin: () => fakeSecret('sk-ant-admin01-'), oauth: () => fakeSecret('sk-ant-oat01-') },
  openai: { project: () => fakeSecret('sk-proj-', 80), service: () => fakeSecret('sk-svcacct-', 80), admin: () => fakeSecret('sk-admin-', 80), login: () => chatgptToken() },
  openrouter: { key: () => fakeSecret('sk-or-v1-', 64) },
  google: { key: () => 'AIza' + fakeSecret('', 35) },
};
const SLOTS = ['anthropic', 'openai', 'openrouter', 'google', 'deepseek'];

const cases = SLOTS.flatMap((slot) =>
  Object.entries(SHAPES)
    .filter(([owner]) => owner !== slot)
    .flatMap(([owner, shapes]) => Object.entries(shapes).map(([shape, make]) => ({ name: `${slot}-slot-${owner}-${shape}`, slot, owner, secret: make() }))),
);

let anthropic: SimServer;
let others: ProviderSimServer;
let home: string;
let cleanup: () => void;
let report: Report;

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  // Simulators that would accept every one of these secrets, had they been sent.
  anthropic = await startAnthropicSim({ credentials: Object.fromEntries(cases.map((c) => [c.secret, { kind: 'api_key' as const }])) });
  const everyKey = Object.fromEntries(cases.map((c) => [c.secret, {}]));
  others = await startProviderSim({ providers: SIM_PROVIDERS, keys: Object.fromEntries(['openai', 'chatgpt', 'openrouter', 'google', 'deepseek'].map((m) => [m, everyKey])) });
  const profiles = Object.fromEntries(cases.map((c) => [c.name, { provider: c.slot, value: c.secret }]));
  const file = path.join(home, 'profiles.json');
  mkdirSync(home, { recursive: true });
  writeFileSync(file, JSON.stringify({ version: 1, profiles }), { mode: 0o600 });
  const flags = [
    ['anthropic', anthropic.url],
    ['openai', others.baseUrl('openai')],
    ['chatgpt', others.baseUrl('chatgpt')],
    ['openrouter', others.baseUrl('openrouter')],
    ['google', others.baseUrl('google')],
    ['deepseek', others.baseUrl('deepseek')],
  ].flatMap(([family, url]) => ['--base-url', `${family}=${url}`]);
  const c = await checkJson(['--source', 'config', '--config', file, '--inference', ...flags], {}, { home });
  report = c.report;
  expect(c.run.code).toBe(1);
});

afterAll(async () => {
  await Promise.all([anthropic.close(), others.close()]);
  cleanup();
});

describe('the wrong-provider matrix', () => {
  it(`covers every slot × every other provider's shape (${cases.length} cases)`, () => {
    expect(new Set(cases.map((c) => c.slot))).toEqual(new Set(SLOTS));
    expect(report.profiles).toHaveLength(cases.length);
  });

  it('each is wrong_provider, naming the owner, and nothing else runs', () => {
    for (const c of cases) {
      const p = report.profiles.find((x) => x.id === `config/${c.name}`)!;
      const codes = Object.fromEntries(p.checks.map((x) => [x.id, `${x.status}/${x.code}`]));
      expect(codes, c.name).toEqual({ format: 'fail/wrong_provider', expiry: 'skip/prerequisite_failed', validity: 'skip/prerequisite_failed', quota: 'skip/prerequisite_failed', inference: 'skip/prerequisite_failed' });
      expect(p.provider).toBe(c.slot);
    }
  });

  it('nothing was sent, anywhere', () => {
    const secrets = new Set(cases.map((c) => c.secret));
    expect(anthropic.requests.filter((q) => q.credential && secrets.has(q.credential))).toEqual([]);
    expect(others.requests.filter((q) => q.credential && secrets.has(q.credential))).toEqual([]);
  });
});

describe.concurrent('--key-stdin takes the provider its shape names', { timeout: 30_000 }, () => {
  const pasted = async (secret: string, extra: string[] = []) => {
    const { home: h, cleanup: done } = tempHome();
    try {
      return await runCli(['check', '--json', '--offline', '--key-stdin', ...extra], { home: h, stdin: `${secret}\n` });
    } finally {
      done();
    }
  };

  for (const [owner, shapes] of Object.entries(SHAPES)) {
    it(`${owner}'s shapes`, async () => {
      for (const make of Object.values(shapes)) {
        const r = await pasted(make());
        expect((JSON.parse(r.stdout) as Report).profiles[0]!.provider).toBe(owner);
      }
    });
  }

  it('a bare sk- key several providers use is a usage error naming them, unless --provider says', async () => {
    const key = 'sk-' + fakeSecret('', 48).replace(/[-_]/g, 'x');
    const r = await pasted(key);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toMatch(/deepseek.*openai|openai.*deepseek/);
    const chosen = await pasted(key, ['--provider', 'openai']);
    expect((JSON.parse(chosen.stdout) as Report).profiles[0]).toMatchObject({ provider: 'openai', credential: { kind: 'api_key' } });
  });

  it('with several --provider: the one of them its shape names; none of them → the first, as wrong_provider like one', async () => {
    const key = fakeSecret('sk-or-v1-', 64);
    const listed = await pasted(key, ['--provider', 'deepseek', '--provider', 'openrouter']);
    expect((JSON.parse(listed.stdout) as Report).profiles[0]).toMatchObject({ provider: 'openrouter' });
    const unlisted = await pasted(key, ['--provider', 'deepseek', '--provider', 'google']);
    expect(unlisted.code).toBe(1);
    const p = (JSON.parse(unlisted.stdout) as Report).profiles[0]!;
    expect([p.provider, p.checks.find((c) => c.id === 'format')?.code]).toEqual(['deepseek', 'wrong_provider']);
    const bareSk = await pasted('sk-' + fakeSecret('', 48).replace(/[-_]/g, 'x'), ['--provider', 'openai', '--provider', 'deepseek']);
    expect(bareSk.code).toBe(2);
    expect(JSON.parse(bareSk.stdout).error.message).toMatch(/deepseek.*openai|openai.*deepseek/);
  });
});
