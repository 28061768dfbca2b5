// The sample set of `authdoctor demo`: fake credentials made fresh for each run, where each one is
// stored (demo environment variables or a demo profiles file), and how the simulated API treats it.
// Together they show every verdict and the codes people most often need explained.

import { randomBytes } from 'node:crypto';
import type { SimCredential } from '../sim/anthropic.js';
import type { SimKey } from '../sim/server.js';
import type { Verdict } from '../types.js';
import { DAY_MS, HOUR_MS } from '../sim/time.js';

/** One sample profile: its secret, where it is stored, what the simulated API does with it, and what it shows. */
export interface DemoProfile {
  /** The profile id the check pipeline will give it, from its store: `env/<VAR>` or `config/<name>`. */
  id: string;
  secret: string;
  /**
   * A variable of the demo env (whose provider is the one that reads it), or an entry of the demo
   * profiles file: its name, and its fields besides the value (`provider` absent: Anthropic's).
   */
  store: { env: string } | { config: string; fields?: Record<string, unknown> };
  /**
   * How the simulated API treats it: Anthropic's simulator, or the one mounted for a family in
   * src/sim/server.ts. Absent: the API does not know it (a 401 if it were ever sent).
   */
  sim?: SimCredential | { family: string; key: SimKey };
  /** What the run is meant to show, so tests and the CI script can check the demo still demonstrates it. */
  expect: { verdict: Verdict; codes: Partial<Record<'format' | 'expiry' | 'validity' | 'quota', string>> };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWYZabcdefghijklmnopqrstuvwyz0123456789';

/**
 * `<prefix>DEMO<random>DEMO`: credential-shaped so the real classification applies, unguessable so no
 * sample can collide with a real key, and obviously fake to anyone who sees it (the redacted form
 * ends in `…DEMO`). The alphabet has no `x`, so a random run can never read as a placeholder (`xxxxxx`).
 */
export function demoSecret(prefix: string, randomLength = 40): string {
  let body = '';
  for (const byte of randomBytes(randomLength)) body += ALPHABET.charAt(byte % ALPHABET.length);
  return `${prefix}DEMO${body}DEMO`;
}

/** For shapes of hex digits only (`sk-` + 32 hex): `dead…beef` around the random part says it is fake. */
function demoHexSecret(prefix: string, length = 32): string {
  return `${prefix}dead${randomBytes(length).toString('hex').slice(0, length - 8)}beef`;
}

/**
 * A ChatGPT/Codex login token (a JWT) whose claims read like OpenAI's and whose signature is a demo
 * secret: its redacted form ends in `…DEMO` like every other sample.
 */
function demoChatgptToken(now: Date, plan = 'plus'): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const iat = Math.floor(now.getTime() / 1000);
  const claims = {
    iss: 'https://auth.openai.com',
    aud: ['https://api.openai.com/v1'],
    iat,
    exp: iat + 8 * 86_400,
    'https://api.openai.com/auth': { chatgpt_account_id: 'demo-account', chatgpt_plan_type: plan },
  };
  return `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.${demoSecret('')}`;
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Subscription windows with the 5-hour one close to its limit (≥ 80 % reads as `near_limit`). */
function nearLimitUsage(now: number): Record<string, unknown> {
  const weekly = isoSeconds(Math.ceil((now + 3 * DAY_MS) / HOUR_MS) * HOUR_MS);
  return {
    five_hour: { utilization: 91.0, resets_at: isoSeconds(Math.ceil((now + 1.5 * HOUR_MS) / HOUR_MS) * HOUR_MS) },
    seven_day: { utilization: 64.0, resets_at: weekly },
    seven_day_opus: null,
    seven_day_sonnet: { utilization: 18.0, resets_at: weekly },
    seven_day_oauth_apps: null,
    extra_usage: { is_enabled: false, monthly_limit: null, used_credits: null, utilization: null, currency: 'USD' },
  };
}

/** Daily spend (cents, as the cost report writes them) for each day of the month so far. */
function monthToDateCents(now: Date): string[] {
  const days = now.getUTCDate();
  return Array.from({ length: days }, (_, i) => (((i * 7919) % 2300) + 400 + (i % 3) * 55.5).toFixed(2));
}

export function demoProfiles(now: Date): DemoProfile[] {
  const t = now.getTime();
  const samples: Array<Omit<DemoProfile, 'id'>> = [
    {
      secret: demoSecret('sk-ant-api03-'),
      store: { env: 'ANTHROPIC_API_KEY' },
      sim: { kind: 'api_key', rateLimitHeaders: true },
      expect: { verdict: 'works', codes: { validity: 'authenticated', quota: 'no_quota_endpoint' } },
    },
    {
      // `claude setup-token` output in the variable Claude Code documents for it: works, cannot read usage.
      secret: demoSecret('sk-ant-oat01-'),
      store: { env: 'CLAUDE_CODE_OAUTH_TOKEN' },
      sim: { kind: 'oauth', scopes: ['user:inference'] },
      expect: { verdict: 'works', codes: { validity: 'authenticated', quota: 'scope_missing' } },
    },
    {
      secret: demoSecret('sk-ant-admin01-'),
      store: { env: 'ANTHROPIC_ADMIN_KEY' },
      sim: { kind: 'admin_key', costCents: monthToDateCents(now) },
      expect: { verdict: 'works', codes: { validity: 'authenticated', quota: 'cost_report' } },
    },
    {
      // The classic mix-up: the refresh token copied out of a credentials file instead of the access token.
      secret: demoSecret('sk-ant-ort01-'),
      store: { env: 'ANTHROPIC_AUTH_TOKEN' },
      expect: { verdict: 'broken', codes: { format: 'refresh_token_not_access_token', validity: 'prerequisite_failed' } },
    },
    {
      // Subscription access tokens live hours, not days; the owning app refreshes them, so that is fine.
      secret: demoSecret('sk-ant-oat01-'),
      store: { config: 'subscription-login', fields: { kind: 'oauth_token', refreshable: true, expiresAt: isoSeconds(t + 6 * HOUR_MS), scopes: ['user:inference', 'user:profile'] } },
      sim: { kind: 'oauth', usage: nearLimitUsage(t) },
      expect: { verdict: 'works', codes: { expiry: 'valid_until', validity: 'authenticated', quota: 'near_limit' } },
    },
    {
      // Expired access token whose app holds a refresh token: not sent (authdoctor never refreshes), so unknown.
      secret: demoSecret('sk-ant-oat01-'),
      store: { config: 'expired-login', fields: { kind: 'oauth_token', refreshable: true, expiresAt: isoSeconds(t - 3 * HOUR_MS) } },
      expect: { verdict: 'unknown', codes: { expiry: 'expired_refreshable', validity: 'prerequisite_failed' } },
    },
    {
      secret: demoSecret('sk-ant-api03-'),
      store: { config: 'revoked-key' },
      sim: { kind: 'api_key', behaviour: 'revoked' },
      expect: { verdict: 'broken', codes: { validity: 'invalid_credential' } },
    },
    {
      secret: demoSecret('sk-ant-api03-'),
      store: { config: 'throttled-key' },
      sim: { kind: 'api_key', behaviour: 'rate_limited' },
      expect: { verdict: 'works', codes: { validity: 'rate_limited' } },
    },
    {
      secret: demoSecret('sk-ant-api03-'),
      store: { config: 'overloaded-provider' },
      sim: { kind: 'api_key', behaviour: 'overloaded' },
      expect: { verdict: 'unknown', codes: { validity: 'provider_unavailable' } },
    },
    {
      // A valid key is not a funded key: only the balance endpoint tells, without spending anything.
      secret: demoHexSecret('sk-'),
      store: { env: 'DEEPSEEK_API_KEY' },
      sim: { family: 'deepseek', key: { behaviour: 'empty_balance' } },
      expect: { verdict: 'works', codes: { validity: 'authenticated', quota: 'limit_reached' } },
    },
    {
      // Accepted, yet refused altogether: xAI's /api-key says the key is disabled.
      secret: demoSecret('xai-'),
      store: { env: 'XAI_API_KEY' },
      sim: { family: 'xai', key: { behaviour: 'api_key_disabled' } },
      expect: { verdict: 'broken', codes: { validity: 'service_blocked', quota: 'prerequisite_failed' } },
    },
    {
      secret: demoSecret('sk-'),
      store: { env: 'MOONSHOT_API_KEY' },
      sim: { family: 'moonshot', key: {} },
      expect: { verdict: 'works', codes: { validity: 'authenticated', quota: 'balance' } },
    },
    {
      // A team's own gateway (LiteLLM, vLLM …): any server that speaks OpenAI's API, at its own base URL.
      secret: demoSecret('sk-'),
      store: { config: 'team-gateway', fields: { provider: 'openai-compatible', baseUrl: 'https://llm-gateway.example.com/v1' } },
      sim: { family: 'openai-compatible', key: {} },
      expect: { verdict: 'works', codes: { validity: 'authenticated', quota: 'no_quota_endpoint' } },
    },
    {
      // Copilot past its premium allowance with paid overage on: works, and the quota says so.
      secret: demoSecret('gho_', 28),
      store: { env: 'COPILOT_GITHUB_TOKEN' },
      sim: { family: 'github', key: { behaviour: 'overage_billed' } },
      expect: { verdict: 'works', codes: { validity: 'authenticated', quota: 'limit_reached' } },
    },
    {
      // z.ai answers HTTP 200 even when it refuses: the error is in the body, and it is read there.
      secret: demoSecret('', 41),
      store: { env: 'ZAI_API_KEY' },
      expect: { verdict: 'broken', codes: { validity: 'invalid_credential' } },
    },
    {
      secret: demoSecret('sk-cp-'),
      store: { env: 'MINIMAX_API_KEY' },
      sim: { family: 'minimax', key: { behaviour: 'near_limit' } },
      expect: { verdict: 'works', codes: { validity: 'authenticated', quota: 'near_limit' } },
    },
    {
      // A rate-limited key works: 429 means accepted and throttled, never invalid.
      secret: demoSecret('gsk_'),
      store: { env: 'GROQ_API_KEY' },
      sim: { family: 'groq', key: { behaviour: 'rate_limited' } },
      expect: { verdict: 'works', codes: { validity: 'rate_limited' } },
    },
    {
      // Keys without a prefix: the slot decides, and the API's own 401 says the key is revoked.
      secret: demoSecret('', 24),
      store: { env: 'MISTRAL_API_KEY' },
      sim: { family: 'mistral', key: { behaviour: 'revoked' } },
      expect: { verdict: 'broken', codes: { validity: 'invalid_credential' } },
    },
    {
      secret: demoSecret('sk-kimi-'),
      store: { env: 'KIMI_API_KEY' },
      sim: { family: 'kimi-coding', key: {} },
      expect: { verdict: 'works', codes: { validity: 'authenticated', quota: 'usage' } },
    },
    {
      secret: demoSecret('sk-proj-'),
      store: { env: 'OPENAI_API_KEY' },
      sim: { family: 'openai', key: {} },
      expect: { verdict: 'works', codes: { validity: 'authenticated', quota: 'no_quota_endpoint' } },
    },
    {
      // A Codex/ChatGPT login: one request proves it and reads the plan's 5-hour and weekly windows.
      secret: demoChatgptToken(now),
      store: { config: 'chatgpt-login', fields: { provider: 'openai', kind: 'oauth_token', refreshable: true } },
      sim: { family: 'chatgpt', key: { usage: { primary: 37, secondary: 58, plan: 'plus' } } },
      expect: { verdict: 'works', codes: { expiry: 'valid_until', validity: 'authenticated', quota: 'usage' } },
    },
    {
      // A per-key spending limit: what OpenRouter refuses with once it is used up, and no error names it.
      secret: demoSecret('sk-or-v1-'),
      store: { env: 'OPENROUTER_API_KEY' },
      sim: { family: 'openrouter', key: { limit: 25, remaining: 17.6, reset: 'monthly', usage: 7.4 } },
      expect: { verdict: 'works', codes: { validity: 'authenticated', quota: 'key_limit' } },
    },
    {
      // A real key whose Google Cloud project has the Gemini API switched off: not "invalid".
      secret: demoSecret('AIza', 27),
      store: { env: 'GEMINI_API_KEY' },
      sim: { family: 'google', key: { behaviour: 'service_disabled' } },
      expect: { verdict: 'broken', codes: { validity: 'service_blocked' } },
    },
  ];
  return samples.map((p) => ({ id: 'env' in p.store ? `env/${p.store.env}` : `config/${p.store.config}`, ...p }));
}

/** The demo's environment: only its own variables, never this process's. */
export function demoEnv(profiles: readonly DemoProfile[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const p of profiles) if ('env' in p.store) env[p.store.env] = p.secret;
  return env;
}

/** The demo profiles file (see src/profiles/config.ts for the format). */
export function demoProfilesFile(profiles: readonly DemoProfile[]): string {
  const entries: Record<string, unknown> = {};
  for (const p of profiles) {
    if ('config' in p.store) entries[p.store.config] = { ...p.store.fields, value: p.secret };
  }
  return JSON.stringify({ version: 1, profiles: entries }, null, 2) + '\n';
}

/** Anthropic's simulator's credential table. */
export function demoSimCredentials(profiles: readonly DemoProfile[]): Record<string, SimCredential> {
  const table: Record<string, SimCredential> = {};
  for (const p of profiles) if (p.sim && !('family' in p.sim)) table[p.secret] = p.sim;
  return table;
}

/** The other providers' simulator's keys, by family (its mounts). */
export function demoSimKeys(profiles: readonly DemoProfile[]): Record<string, Record<string, SimKey>> {
  const table: Record<string, Record<string, SimKey>> = {};
  for (const p of profiles) if (p.sim && 'family' in p.sim) (table[p.sim.family] ??= {})[p.secret] = p.sim.key;
  return table;
}
