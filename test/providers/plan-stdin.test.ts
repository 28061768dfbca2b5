// --key-stdin with a plan provider's key: its shape names the provider (nothing else claims it), and
// it goes to that provider's simulator only.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubCopilotSim } from '../../src/sim/github-copilot.js';
import { kimiCodingSim } from '../../src/sim/kimi-coding.js';
import { minimaxSim } from '../../src/sim/minimax.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import { zaiSim } from '../../src/sim/zai.js';
import { fakeHex, fakeSecret } from '../helpers/cli.js';
import { checkJson } from '../helpers/provider-sim.js';

const KEYS = {
  'kimi-coding': fakeSecret('sk-kimi-', 60),
  zai: `${fakeHex()}.${fakeSecret('', 16).replace(/[^A-Za-z0-9]/g, 'q')}`,
  minimax: fakeSecret('sk-cp-', 60),
  'github-copilot': fakeSecret('github_pat_', 82),
};
const MOUNT: Record<keyof typeof KEYS, string> = { 'kimi-coding': 'kimi-coding', zai: 'zai', minimax: 'minimax', 'github-copilot': 'github' };

let sim: ProviderSimServer;
beforeAll(async () => {
  const keys: Record<string, Record<string, object>> = {};
  for (const [provider, key] of Object.entries(KEYS)) keys[MOUNT[provider as keyof typeof KEYS]] = { [key]: {} };
  sim = await startProviderSim({ providers: [kimiCodingSim, zaiSim, minimaxSim, githubCopilotSim], keys });
});
afterAll(() => sim.close());

describe.concurrent('--key-stdin with a plan provider’s key', { timeout: 30_000 }, () => {
  for (const [provider, key] of Object.entries(KEYS) as Array<[keyof typeof KEYS, string]>) {
    it(provider, async () => {
      const flags = Object.values(MOUNT).flatMap((m) => ['--base-url', `${m}=${sim.baseUrl(m)}`]);
      const c = await checkJson(['--key-stdin', '--timeout', '3000', ...flags], {}, { stdin: `${key}\n` });
      expect(c.profile('stdin')).toMatchObject({ provider, verdict: 'works' });
      expect(new Set(sim.requests.filter((r) => r.credential === key).map((r) => r.mount))).toEqual(new Set([MOUNT[provider]]));
    });
  }
});
