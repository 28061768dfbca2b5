// Bad input from a server never crashes the run and never turns a working credential into `fail`:
// a cut JSON body, an empty one, one over 1 MiB, for every provider of issue 11 (part a) at once.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_PROVIDERS } from '../../src/sim/providers.js';
import { startProviderSim, type NetworkBehaviour, type ProviderSimServer } from '../../src/sim/server.js';
import { fakeSecret, tempHome } from '../helpers/cli.js';
import { checkJson } from '../helpers/provider-sim.js';

const BEHAVIOURS: NetworkBehaviour[] = ['malformed_json', 'empty_body', 'huge_body'];
const keysFor = (b: NetworkBehaviour) => ({
  XAI_API_KEY: fakeSecret(`xai-${b}-`),
  GROQ_API_KEY: fakeSecret(`gsk_${b}_`),
  MISTRAL_API_KEY: fakeSecret('', 32).replace(/[-_]/g, 'Q'),
  MOONSHOT_API_KEY: `sk-${fakeSecret('', 48).replace(/[-_]/g, 'M')}`,
  gateway: fakeSecret('any-'),
});
const KEYS = Object.fromEntries(BEHAVIOURS.map((b) => [b, keysFor(b)]));
const MOUNT: Record<string, string> = { XAI_API_KEY: 'xai', GROQ_API_KEY: 'groq', MISTRAL_API_KEY: 'mistral', MOONSHOT_API_KEY: 'moonshot', gateway: 'openai-compatible' };

let sim: ProviderSimServer;
let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  const keys: Record<string, Record<string, { behaviour: string }>> = {};
  for (const [b, byVar] of Object.entries(KEYS)) for (const [v, secret] of Object.entries(byVar)) (keys[MOUNT[v]!] ??= {})[secret] = { behaviour: b };
  sim = await startProviderSim({ providers: SIM_PROVIDERS, keys });
  ({ home: dir, cleanup } = tempHome('authdoctor-bad-answers-'));
});
afterAll(async () => {
  await sim.close();
  cleanup();
});

describe.concurrent('answers no API should give', { timeout: 30_000 }, () => {
  for (const b of BEHAVIOURS) {
    it(`${b}: every provider says unexpected_response, the run completes, nothing is broken`, async () => {
      const { gateway, ...env } = KEYS[b]!;
      const config = path.join(dir, `${b}.json`);
      writeFileSync(config, JSON.stringify({ version: 1, profiles: { gateway: { provider: 'openai-compatible', baseUrl: sim.baseUrl('openai-compatible'), value: gateway } } }), { mode: 0o600 });
      const c = await checkJson(['--timeout', '3000', '--source', 'env', '--source', 'config', '--config', config], {
        ...env,
        XAI_BASE_URL: sim.baseUrl('xai'),
        GROQ_BASE_URL: sim.baseUrl('groq'),
        MISTRAL_BASE_URL: sim.baseUrl('mistral'),
        MOONSHOT_BASE_URL: sim.baseUrl('moonshot'),
      });
      const ids = ['env/XAI_API_KEY', 'env/GROQ_API_KEY', 'env/MISTRAL_API_KEY', 'env/MOONSHOT_API_KEY', 'config/gateway'];
      for (const id of ids) {
        expect(c.codes(id), id).toMatchObject({ format: 'pass/recognized', validity: 'error/unexpected_response', quota: 'skip/prerequisite_failed' });
        expect(c.profile(id).verdict, id).toBe('unknown');
      }
      expect(c.report.summary).toMatchObject({ profiles: ids.length, unknown: ids.length, broken: 0 });
      expect(c.run.code).toBe(3);
    });
  }
});
