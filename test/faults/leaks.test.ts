// Issue 4, item 2: never leak a credential. Redirects are not followed, plain HTTP to a non-loopback
// host sends nothing, and whatever a server echoes back is scrubbed from every output.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeSecret, leakedWindows, runCli, tempHome } from '../helpers/cli.js';
import { chatgptToken } from '../helpers/jwt.js';
import { budgetMs, checkKey, expectUndecided } from './harness.js';
import { apiError, behaviours, json, MODELS_OK, startHttp, type FakeServer } from './servers.js';

describe.concurrent('redirects are never followed', { timeout: 30_000 }, () => {
  for (const status of [301, 302, 307, 308]) {
    it(`${status} to another origin → unexpected_response, nothing reaches the target`, async () => {
      const target = await startHttp(behaviours.ok());
      const redirector = await startHttp(behaviours.redirect(status, `${target.url}/v1/models?limit=1`));
      try {
        const c = await checkKey(redirector.url);
        expectUndecided(c, 'unexpected_response');
        expect(c.validity.httpStatus).toBe(status);
        expect(redirector.hits).toBe(1);
        expect(target.hits).toBe(0);
        expect(target.credentials).toEqual([]);
      } finally {
        await Promise.all([target.close(), redirector.close()]);
      }
    });
  }
});

describe.concurrent('plain HTTP to a non-loopback host', { timeout: 30_000 }, () => {
  it('--base-url http://… → insecure_base_url, no request', async () => {
    // .invalid never resolves: had a request been attempted, the code would be network_error instead.
    const c = await checkKey('http://authdoctor-fault-test.invalid', { args: ['--verbose'] });
    expectUndecided(c, 'insecure_base_url');
    expect(c.run.stderr).not.toMatch(/→ GET/);
    expect(c.run.elapsedMs).toBeLessThan(budgetMs(0, 1));
  });

  it('ANTHROPIC_BASE_URL=http://… → insecure_base_url, no request', async () => {
    const { home, cleanup } = tempHome();
    try {
      const r = await runCli(['check', '--json', '--verbose'], {
        home,
        env: { ANTHROPIC_API_KEY: fakeSecret('sk-ant-api03-'), ANTHROPIC_BASE_URL: 'http://authdoctor-fault-test.invalid' },
      });
      const report = JSON.parse(r.stdout);
      const v = report.profiles[0].checks.find((c: any) => c.id === 'validity');
      expect([v.status, v.code, r.code]).toEqual(['error', 'insecure_base_url', 3]);
      expect(r.stderr).not.toMatch(/→ GET/);
    } finally {
      cleanup();
    }
  });

  it('http://127.0.0.1 (loopback) is allowed', () =>
    startHttp(behaviours.ok()).then(async (s) => {
      try {
        const c = await checkKey(s.url);
        expect([c.validity.status, c.validity.code, c.run.code]).toEqual(['pass', 'authenticated', 0]);
      } finally {
        await s.close();
      }
    }));
});

// ---------------------------------------------------------------------------------------------
// Property test: random secrets of every kind, in every source, echoed back by the fake in error
// bodies and headers, never appear (no 12-character window of their random part) in any output.

interface Kind {
  prefix: string;
  /** Where the variable a source uses should put it. */
  env: string;
  /** Secrets that are not a prefix and random characters (a JWT). */
  make?: () => string;
}

/** A ChatGPT/Codex login token: a JWT, whose every part is secret to this test. */
const LOGIN: Kind = { prefix: '', env: 'OPENAI_API_KEY', make: () => chatgptToken() };

const KINDS: Kind[] = [
  { prefix: 'sk-ant-api03-', env: 'ANTHROPIC_API_KEY' },
  { prefix: 'sk-ant-admin01-', env: 'ANTHROPIC_ADMIN_KEY' },
  { prefix: 'sk-ant-oat01-', env: 'ANTHROPIC_OAUTH_TOKEN' },
  { prefix: 'sk-ant-oat01-', env: 'CLAUDE_CODE_OAUTH_TOKEN' }, // a setup token
  { prefix: 'sk-ant-ort01-', env: 'ANTHROPIC_AUTH_TOKEN' }, // a refresh token: never sent
  { prefix: 'sk-proj-', env: 'ANTHROPIC_API_KEY' }, // another provider's key: never sent
  { prefix: 'ghp_', env: 'ANTHROPIC_SETUP_TOKEN' },
  { prefix: '', env: 'ANTHROPIC_ADMIN_API_KEY' }, // no known prefix at all
  { prefix: 'sk-proj-', env: 'OPENAI_API_KEY' },
  { prefix: 'sk-admin-', env: 'OPENAI_ADMIN_KEY' },
  { prefix: 'sk-or-v1-', env: 'OPENROUTER_API_KEY' },
  { prefix: 'AIza', env: 'GEMINI_API_KEY' },
  { prefix: 'sk-', env: 'DEEPSEEK_API_KEY' },
  { prefix: 'sk-ant-api03-', env: 'GOOGLE_API_KEY' }, // another provider's key: never sent
  LOGIN, // a ChatGPT login where a key belongs
];

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

function randomSecret(kind: Kind): string {
  return kind.make ? kind.make() : fakeSecret(kind.prefix, 24 + Math.floor(Math.random() * 80));
}

/** How a secret is stored: as is, or with the whitespace and quotes people paste. */
function dressed(secret: string): string {
  return pick([secret, ` ${secret}\n`, `"${secret}"`, `${secret}\r\n`]);
}

/**
 * A fake API that answers every request with something that echoes secrets back: the credential of
 * this request, or one that an earlier request carried (a server can only echo what it was sent).
 */
function echoingHandler() {
  const seen: string[] = [];
  return startHttp((req, res) => {
    const received = String(req.headers['x-api-key'] ?? req.headers['x-goog-api-key'] ?? req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    seen.push(received);
    const echoed = pick([received, pick(seen), `${received} and ${pick(seen)}`]);
    const part = echoed.slice(3, 3 + 20);
    const echoHeaders = {
      'request-id': `req_${echoed}`,
      'x-echo': echoed,
      'anthropic-ratelimit-requests-reset': echoed,
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '49',
      'anthropic-organization-id': part,
    };
    switch (pick(['401', '403', '500', '529', '429', '200', 'html', '400', 'redirect', 'shape'])) {
      case '401':
        return json(res, 401, apiError('authentication_error', `invalid x-api-key: ${echoed}`), echoHeaders);
      case '403':
        return json(res, 403, apiError('permission_error', `key ${echoed} may not (${part})`), echoHeaders);
      case '500':
        return json(res, 500, apiError('api_error', `internal error for ${echoed}`), echoHeaders);
      case '529':
        return json(res, 529, apiError('overloaded_error', echoed), echoHeaders);
      case '429':
        return json(res, 429, apiError('rate_limit_error', `slow down ${echoed}`), { ...echoHeaders, 'retry-after': '30' });
      case '400':
        return json(res, 400, apiError('invalid_request_error', `anthropic-workspace-id missing for ${echoed}`), echoHeaders);
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html', ...echoHeaders });
        return res.end(`<html><body>proxy login for ${echoed}</body></html>`);
      case 'redirect':
        res.writeHead(302, { location: `https://${encodeURIComponent(part)}@127.0.0.1:1/steal?k=${encodeURIComponent(echoed)}`, ...echoHeaders });
        return res.end();
      case 'shape':
        return json(res, 200, { data: echoed, id: 42, error: echoed }, echoHeaders);
      default:
        return json(res, 200, MODELS_OK, echoHeaders);
    }
  });
}

interface Placed {
  env: Record<string, string>;
  stdin?: string;
  secrets: string[];
}

/** Places random secrets in every source authdoctor reads, inside `home`. */
function placeSecrets(home: string, round: number): Placed {
  const env: Record<string, string> = {};
  const secrets: string[] = [];
  const fresh = (kind: Kind) => {
    const s = randomSecret(kind);
    secrets.push(s);
    return s;
  };
  // Kinds that share a variable take turns, a round each, so that every kind reaches the environment.
  const slots = new Map<string, Kind[]>();
  for (const kind of KINDS) slots.set(kind.env, [...(slots.get(kind.env) ?? []), kind]);
  for (const [name, kinds] of slots) env[name] = dressed(fresh(kinds[round % kinds.length]!));
  const stdin = dressed(fresh(pick(KINDS)));
  // authdoctor's profiles file: a literal value, an env reference and a file reference.
  const cfgDir = path.join(home, '.config', 'authdoctor');
  mkdirSync(cfgDir, { recursive: true });
  const secretFile = path.join(home, 'key.txt');
  writeFileSync(secretFile, dressed(fresh(pick(KINDS))), { mode: 0o600 });
  env.AUTHDOCTOR_FUZZ_REF = dressed(fresh(pick(KINDS)));
  const profiles: Record<string, unknown> = {
    literal: { value: dressed(fresh(pick(KINDS))) },
    fromEnv: { env: 'AUTHDOCTOR_FUZZ_REF' },
    fromFile: { file: secretFile },
    asOauth: { value: fresh(KINDS[2]!), kind: 'oauth_token', scopes: ['user:inference', 'user:profile'] },
  };
  writeFileSync(path.join(cfgDir, 'profiles.json'), JSON.stringify({ version: 1, profiles }), { mode: 0o600 });
  // Stores of other apps, for the sources that read them (harmless where a source does not exist yet).
  const agentDir = path.join(home, '.openclaw', 'agents', 'main', 'agent');
  mkdirSync(agentDir, { recursive: true });
  writeFileSync(
    path.join(agentDir, 'auth-profiles.json'),
    JSON.stringify({
      version: 1,
      profiles: {
        'anthropic:manual': { type: 'api_key', provider: 'anthropic', key: fresh(KINDS[0]!) },
        'anthropic:default': { type: 'oauth', provider: 'anthropic', access: fresh(KINDS[2]!), refresh: fresh(KINDS[4]!), expires: Date.now() + 86_400_000 },
        'openai-codex:default': { type: 'oauth', provider: 'openai-codex', access: fresh(LOGIN), refresh: fresh({ prefix: 'rt_', env: '' }), expires: Date.now() + 86_400_000, accountId: 'acc-fuzz' },
        'openrouter:default': { type: 'api_key', provider: 'openrouter', key: fresh(pick(KINDS)) },
      },
    }),
    { mode: 0o600 },
  );
  mkdirSync(path.join(home, '.codex'), { recursive: true });
  writeFileSync(
    path.join(home, '.codex', 'auth.json'),
    JSON.stringify({ auth_mode: 'chatgpt', OPENAI_API_KEY: fresh(KINDS[8]!), tokens: { id_token: fresh(LOGIN), access_token: fresh(LOGIN), refresh_token: fresh({ prefix: 'rt_', env: '' }), account_id: 'acc-fuzz' } }),
    { mode: 0o600 },
  );
  mkdirSync(path.join(home, '.claude'), { recursive: true });
  writeFileSync(
    path.join(home, '.claude', '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: fresh(KINDS[2]!), refreshToken: fresh(KINDS[4]!), expiresAt: Date.now() + 86_400_000, scopes: ['user:inference', 'user:profile'] } }),
    { mode: 0o600 },
  );
  return { env, stdin, secrets };
}


const ROUNDS = 4;
const stats = { secrets: 0, runs: 0, requests: 0 };

describe('property: echoed secrets never leak', { timeout: 30_000 }, () => {
  afterAll(() => {
    console.log(`[faults] fuzzed ${stats.secrets} secrets over ${stats.runs} runs and ${stats.requests} echoing responses`);
  });

  async function fuzzRound(round: number, commands: string[][]): Promise<void> {
    const { home, cleanup } = tempHome();
    try {
      const placed = placeSecrets(home, round);
      const secrets = placed.secrets;
      stats.secrets += secrets.length;
      for (const args of commands) {
        // A fresh fake per run: it echoes only what this run sent (a server cannot know other keys).
        const fake: FakeServer = await echoingHandler();
        try {
          const keyStdin = args.includes('--key-stdin');
          // Every family goes to the echoing fake: nothing may reach a real provider.
          const families = ['anthropic', 'openai', 'chatgpt', 'openrouter', 'google', 'deepseek'].flatMap((f) => ['--base-url', `${f}=${fake.url}`]);
          const network = args[0] === 'profiles' ? [] : [...families, '--timeout', '2000'];
          // Pasted keys of any shape are checked in Anthropic's slot: without --provider, a shape no
          // provider claims is a usage error before anything is read or sent.
          if (keyStdin) network.push('--provider', 'anthropic');
          const r = await runCli([...args, ...network], {
            home,
            env: { ...placed.env, XDG_CONFIG_HOME: path.join(home, '.config') },
            ...(keyStdin && placed.stdin ? { stdin: placed.stdin } : {}),
          });
          stats.runs++;
          expect(r.code, `${args.join(' ')}: ${r.stderr}`).not.toBe(2);
          for (const [name, text] of [['stdout', r.stdout], ['stderr', r.stderr]] as const) {
            const leaks = leakedWindows(text, secrets);
            // The context around a leak says which output path let it through.
            const context = leaks.map((w) => JSON.stringify(text.slice(Math.max(0, text.indexOf(w) - 200), text.indexOf(w) + 40))).join('\n');
            expect(leaks, `${args.join(' ')} ${name} leaked:\n${context}`).toEqual([]);
          }
          if (args.includes('--json')) expect(() => JSON.parse(r.stdout)).not.toThrow();
          stats.requests += fake.hits;
        } finally {
          await fake.close();
        }
      }
    } finally {
      cleanup();
    }
  }

  for (let round = 0; round < ROUNDS; round++) {
    it(`check (JSON, human, verbose) and profiles, round ${round + 1}`, () =>
      fuzzRound(round, [
        ['check', '--json', '--inference', ...['env', 'config', 'openclaw', 'claude-code', 'codex'].flatMap((t) => ['--source', t]), '--key-stdin'],
        ['check', '--verbose', '--inference', '--no-color'],
        ['check', '--quiet', '--no-color', '--key-stdin'],
        ['profiles', '--json'],
        ['profiles', '--no-color'],
      ]), 30_000);
  }

  // The Markdown report (CONTRACT.md: `authdoctor report`): the same property.
  it('report (Markdown) never leaks an echoed secret', () => fuzzRound(0, [['report', '--no-color'], ['report', '--key-stdin', '--no-color']]), 30_000);
});
