// Secrets of the plan providers (Kimi Code, z.ai, MiniMax, Copilot) never leak: their APIs echo the
// credential back in error bodies and headers here, and no 12-character window of any secret's
// random part may appear in any output (JSON, human, --verbose, the Markdown report).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubCopilotSim } from '../../src/sim/github-copilot.js';
import { kimiCodingSim } from '../../src/sim/kimi-coding.js';
import { minimaxSim } from '../../src/sim/minimax.js';
import { startProviderSim, type ProviderSimServer, type SimContext, type SimProvider, type SimReply } from '../../src/sim/server.js';
import { zaiSim } from '../../src/sim/zai.js';
import { fakeSecret, leakedWindows, runCli, tempHome } from '../helpers/cli.js';

/** Every answer names the credential it got: in the body's message fields and in a header. */
function echoing(sim: SimProvider, echo: (ctx: SimContext, said: string) => SimReply): SimProvider {
  return {
    mount: sim.mount,
    handle(ctx) {
      const said = ctx.req.credential ?? '';
      const reply = ctx.key?.behaviour === 'echo' ? echo(ctx, said) : sim.handle(ctx);
      return { ...reply, headers: { ...reply.headers, 'x-request-id': `req_${said}`, 'x-echo': said } };
    },
  };
}

const SIMS = [
  echoing(kimiCodingSim, (_, said) => ({ status: 401, body: { error: { message: `Invalid key ${said}`, type: said } } })),
  echoing(zaiSim, (_, said) => ({ status: 200, body: { code: 1002, msg: `token ${said} is not valid`, success: false } })),
  echoing(minimaxSim, (_, said) => ({ status: 200, body: { base_resp: { status_code: 2049, status_msg: `invalid api key ${said}` } } })),
  echoing(githubCopilotSim, (_, said) => ({ status: 403, body: { message: `token ${said} may not`, documentation_url: said } })),
];

const SECRETS = {
  KIMI_API_KEY: fakeSecret('sk-kimi-', 60),
  ZAI_API_KEY: `${fakeSecret('', 32)}.${fakeSecret('', 16)}`,
  MINIMAX_API_KEY: fakeSecret('sk-cp-', 80),
  COPILOT_GITHUB_TOKEN: fakeSecret('gho_', 36),
};
const MOUNTS: Record<keyof typeof SECRETS, [string, string]> = {
  KIMI_API_KEY: ['kimi-coding', 'KIMI_BASE_URL'],
  ZAI_API_KEY: ['zai', 'ZAI_BASE_URL'],
  MINIMAX_API_KEY: ['minimax', 'MINIMAX_BASE_URL'],
  COPILOT_GITHUB_TOKEN: ['github', 'GITHUB_API_URL'],
};

let sim: ProviderSimServer;
let env: Record<string, string>;
beforeAll(async () => {
  sim = await startProviderSim({ providers: SIMS, keys: {} });
  env = {};
  for (const [name, secret] of Object.entries(SECRETS) as Array<[keyof typeof SECRETS, string]>) {
    const [mount, baseVar] = MOUNTS[name];
    sim.setKey(mount, secret, { behaviour: 'echo' });
    env[name] = ` ${secret}\n`;
    env[baseVar] = sim.baseUrl(mount);
  }
});
afterAll(() => sim.close());

describe.concurrent('plan providers: echoed secrets never leak', { timeout: 30_000 }, () => {
  for (const args of [['check', '--json'], ['check', '--verbose', '--no-color'], ['report'], ['profiles', '--json']]) {
    it(args.join(' '), async () => {
      const { home, cleanup } = tempHome();
      try {
        const r = await runCli(args[0] === 'profiles' ? args : [...args, '--timeout', '3000'], { home, env });
        expect(r.code, r.stderr).not.toBe(2);
        expect(leakedWindows(r.stdout + r.stderr, Object.values(SECRETS))).toEqual([]);
        // The echoes did arrive: what the servers said is shown, with the secret redacted.
        if (args.join(' ') === 'check --json') expect(r.stdout.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(4);
      } finally {
        cleanup();
      }
    });
  }
});
