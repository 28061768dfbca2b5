// Never leak, for the kinds of issue 11 (part a): xAI, Groq, Mistral and Moonshot keys and keys of
// OpenAI-compatible servers, from the environment, the profiles file and openclaw. A server that
// echoes whatever credential it receives (error messages, key descriptions, model ids, request ids,
// rate-limit headers) must not get any of it into any output.

import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeSecret, leakedWindows, runCli, tempHome } from '../helpers/cli.js';
import { writeUnder } from '../helpers/files.js';
import { json, startHttp, type FakeServer } from '../faults/servers.js';

const S = {
  xai: fakeSecret('xai-'), groq: fakeSecret('gsk_'), mistral: fakeSecret('', 32), moonshot: fakeSecret('sk-', 48),
  gateway: fakeSecret('', 40), ocGateway: fakeSecret('sk-'), ocXai: fakeSecret('xai-'),
};
const SECRETS = Object.values(S);

/** Echoes the credential it got, a different way on each request, in the body and the headers. */
function echoing(req: http.IncomingMessage, res: http.ServerResponse, hit: number): void {
  const key = String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
  const headers = {
    'x-request-id': `req_${key}`,
    'x-ratelimit-limit-requests': key,
    'x-ratelimit-remaining-requests': '3',
    'x-ratelimit-reset-requests': key,
  };
  const url = req.url ?? '';
  switch (hit % 5) {
    case 0:
      return json(res, 401, { error: { message: `Incorrect API key provided: ${key}`, type: key, code: key } }, headers);
    case 1:
      return json(res, 400, { code: key, error: `Incorrect API key provided: ${key}` }, headers);
    case 2:
      return json(res, 429, { message: `slow down, ${key}`, detail: key }, { ...headers, 'retry-after': '1' });
    case 3:
      return json(res, 200, { code: 7, status: false, message: `balance service failed for ${key}`, data: { available_balance: key } }, headers);
    default:
      if (url.endsWith('/api-key')) return json(res, 200, { redacted_api_key: key, name: key, api_key_blocked: true }, headers);
      if (url.endsWith('/balance')) return json(res, 200, { code: 0, status: true, data: { available_balance: 1 } }, headers);
      if (url.endsWith('/chat/completions')) return json(res, 402, { error: { message: `no credit on ${key}`, type: 'insufficient_quota' } }, headers);
      return json(res, 200, { object: 'list', data: [{ id: key }, { id: `${key}-mini` }] }, headers);
  }
}

let fake: FakeServer;
let home: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  fake = await startHttp(echoing);
  const write = (rel: string, content: unknown) => writeUnder(home, rel, content);
  write('.config/authdoctor/profiles.json', { version: 1, profiles: { gateway: { provider: 'openai-compatible', baseUrl: `${fake.url}/v1`, value: ` ${S.gateway}\n` } } });
  write('.openclaw/openclaw.json', { models: { providers: { together: { baseUrl: `${fake.url}/v1` }, xai: { baseUrl: `${fake.url}/v1` } } } });
  write('.openclaw/agents/main/agent/auth-profiles.json', {
    version: 1,
    profiles: { 'together:default': { type: 'api_key', provider: 'together', key: S.ocGateway }, 'xai:default': { type: 'api_key', provider: 'xai', key: S.ocXai } },
  });
});
afterAll(async () => {
  await fake.close();
  cleanup();
});

const ENV = () => ({
  XAI_API_KEY: S.xai,
  GROQ_API_KEY: `"${S.groq}"`,
  MISTRAL_API_KEY: S.mistral,
  MOONSHOT_API_KEY: S.moonshot,
  XAI_BASE_URL: `${fake.url}/v1`,
  GROQ_BASE_URL: `${fake.url}/v1`,
  MISTRAL_BASE_URL: `${fake.url}/v1`,
  MOONSHOT_BASE_URL: `${fake.url}/v1`,
});

describe('echoed secrets of these kinds never leak', { timeout: 60_000 }, () => {
  const commands = [
    ['check', '--json', '--inference'],
    ['check', '--verbose', '--inference', '--no-color'],
    ['check', '--json'],
    ['check', '--no-color'],
    ['report', '--no-color'],
    ['profiles', '--json'],
  ];
  for (const args of commands) {
    it(args.join(' '), async () => {
      const before = fake.hits;
      const r = await runCli([...args, ...(args[0] === 'profiles' ? [] : ['--timeout', '3000'])], { home, env: ENV() });
      expect(r.code, r.stderr).not.toBe(2);
      for (const [name, text] of [['stdout', r.stdout], ['stderr', r.stderr]] as const) {
        const leaks = leakedWindows(text, SECRETS);
        const context = leaks.map((w) => JSON.stringify(text.slice(Math.max(0, text.indexOf(w) - 200), text.indexOf(w) + 40))).join('\n');
        expect(leaks, `${args.join(' ')} ${name} leaked:\n${context}`).toEqual([]);
      }
      if (args[0] !== 'profiles') expect(fake.hits).toBeGreaterThan(before);
      // The echoes did reach the check's outputs, and were masked there: the test can fail.
      if (args[0] === 'check') expect(r.stdout + r.stderr).toContain('[redacted]');
    });
  }
});
