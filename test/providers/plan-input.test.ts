// Bad input from the plan providers' APIs (Kimi Code, z.ai, MiniMax, Copilot): a malformed, empty,
// huge or strangely shaped answer never crashes the run and never turns a working credential into
// `fail`. Each simulator is wrapped so a key's behaviour can replace the answer with one of these.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubCopilotSim } from '../../src/sim/github-copilot.js';
import { kimiCodingSim } from '../../src/sim/kimi-coding.js';
import { minimaxSim } from '../../src/sim/minimax.js';
import { startProviderSim, type ProviderSimServer, type SimProvider, type SimReply } from '../../src/sim/server.js';
import { zaiSim } from '../../src/sim/zai.js';
import { fakeSecret } from '../helpers/cli.js';
import { checkJson } from '../helpers/provider-sim.js';

const BAD: Record<string, SimReply> = {
  malformed: { status: 200, body: '{"code":200,"success":tr' },
  empty: { status: 200 },
  huge: { status: 200, body: { padding: 'x'.repeat(2 * 1024 * 1024) } },
  array: { status: 200, body: [] },
  html: { status: 200, body: '<!DOCTYPE html><html><body>Sign in to the Wi-Fi</body></html>' },
  strange_status: { status: 418, body: { message: 'I am a teapot' } },
};

function withBadAnswers(sim: SimProvider): SimProvider {
  return { mount: sim.mount, handle: (ctx) => BAD[ctx.key?.behaviour ?? ''] ?? sim.handle(ctx) };
}

const PROVIDERS = [
  { id: 'kimi-coding', sim: kimiCodingSim, env: 'KIMI_API_KEY', base: 'KIMI_BASE_URL', key: () => fakeSecret('sk-kimi-', 60) },
  { id: 'zai', sim: zaiSim, env: 'ZAI_API_KEY', base: 'ZAI_BASE_URL', key: () => fakeSecret('', 49) },
  { id: 'minimax', sim: minimaxSim, env: 'MINIMAX_API_KEY', base: 'MINIMAX_BASE_URL', key: () => fakeSecret('sk-cp-', 60) },
  { id: 'github-copilot', sim: githubCopilotSim, env: 'COPILOT_GITHUB_TOKEN', base: 'GITHUB_API_URL', key: () => fakeSecret('gho_', 36) },
] as const;

let sim: ProviderSimServer;
beforeAll(async () => {
  sim = await startProviderSim({ providers: PROVIDERS.map((p) => withBadAnswers(p.sim)), keys: {} });
});
afterAll(() => sim.close());

describe.concurrent('plan providers: bad answers', { timeout: 30_000 }, () => {
  for (const behaviour of Object.keys(BAD)) {
    it(`${behaviour}: an error for every provider, never fail, never a crash`, async () => {
      const env: Record<string, string> = {};
      for (const p of PROVIDERS) {
        const secret = p.key();
        sim.setKey(p.sim.mount, secret, { behaviour });
        Object.assign(env, { [p.env]: secret, [p.base]: sim.baseUrl(p.sim.mount) });
      }
      const c = await checkJson(['--timeout', '3000'], env);
      for (const p of PROVIDERS) {
        const id = `env/${p.env}`;
        const v = c.check(id, 'validity');
        expect([v.status, v.code, c.profile(id).verdict], id).toEqual(['error', 'unexpected_response', 'unknown']);
      }
      expect(c.run.code).toBe(3);
      expect(c.run.stderr).not.toMatch(/TypeError|RangeError|at .*\.js:\d+/);
    });
  }
});
