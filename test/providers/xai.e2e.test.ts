// xAI against its simulator: GET /api-key describes the key (blocks included); a bad key is a 400.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBadKeyMessage, parseKeyInfo } from '../../src/providers/xai/index.js';
import { xaiSim } from '../../src/sim/xai.js';
import { startProviderSim, type ProviderSimServer } from '../../src/sim/server.js';
import { fakeSecret } from '../helpers/cli.js';
import { checkJson } from '../helpers/provider-sim.js';

const key = () => fakeSecret('xai-', 80);
const K = {
  ok: key(), funded: key(), broke: key(), unknown: key(), limited: key(), down: key(), slow: key(),
  blocked: key(), disabled: key(), team: key(), blocked403: key(), odd: key(), other400: key(),
};

let sim: ProviderSimServer;
beforeAll(async () => {
  sim = await startProviderSim({
    providers: [xaiSim],
    slowMs: 3000,
    keys: {
      xai: {
        [K.ok]: {},
        [K.funded]: {},
        [K.broke]: { behaviour: 'no_credits' },
        [K.limited]: { behaviour: 'rate_limited' },
        [K.down]: { behaviour: 'server_error' },
        [K.slow]: { behaviour: 'slow' },
        [K.blocked]: { behaviour: 'api_key_blocked' },
        [K.disabled]: { behaviour: 'api_key_disabled' },
        [K.team]: { behaviour: 'team_blocked' },
        [K.blocked403]: { behaviour: 'blocked_403' },
        [K.odd]: { behaviour: 'odd_flags' },
        [K.other400]: { behaviour: 'unknown_400' },
      },
    },
  });
});
afterAll(() => sim.close());

const run = (secret: string, args: string[] = []) => checkJson(['--timeout', '1500', ...args], { XAI_API_KEY: secret, XAI_BASE_URL: sim.baseUrl('xai') });
const ID = 'env/XAI_API_KEY';

describe.concurrent('xai', { timeout: 30_000 }, () => {
  it('works: GET /api-key alone, quota unsupported', async () => {
    const c = await run(K.ok);
    expect(c.codes(ID)).toMatchObject({ format: 'pass/recognized', validity: 'pass/authenticated', quota: 'unsupported/no_quota_endpoint', inference: 'skip/not_requested' });
    expect(c.profile(ID)).toMatchObject({ provider: 'xai', credential: { kind: 'api_key' }, verdict: 'works' });
    expect(sim.requests.filter((r) => r.credential === K.ok).map((r) => `${r.method} ${r.path} ${r.via}`)).toEqual(['GET /v1/api-key bearer']);
    expect(c.run.code).toBe(0);
  });

  it('a key xAI does not know: its 400 is invalid_credential', async () => {
    const c = await run(K.unknown);
    expect(c.codes(ID)).toMatchObject({ validity: 'fail/invalid_credential', quota: 'skip/prerequisite_failed' });
    expect(c.check(ID, 'validity').httpStatus).toBe(400);
    expect(c.run.code).toBe(1);
  });

  it('a 400 about something else is not a verdict on the key', async () => {
    const c = await run(K.other400);
    expect(c.codes(ID)).toMatchObject({ validity: 'error/unexpected_response' });
    expect(c.run.code).toBe(3);
  });

  for (const [name, flag] of [['blocked', 'api_key_blocked'], ['disabled', 'api_key_disabled'], ['team', 'team_blocked']] as const) {
    it(`${flag} → service_blocked`, async () => {
      const c = await run(K[name]);
      expect(c.codes(ID)).toMatchObject({ validity: 'fail/service_blocked', quota: 'skip/prerequisite_failed' });
      expect(c.check(ID, 'validity').data).toEqual({ blocks: [flag] });
      expect(c.check(ID, 'validity').hint).toBeTruthy();
      expect(c.run.code).toBe(1);
    });
  }

  it('a block told by a 403 instead of the flags reads the same (single-source fact, both ways)', async () => {
    const c = await run(K.blocked403);
    expect(c.codes(ID)).toMatchObject({ validity: 'fail/service_blocked' });
  });

  it('flags that are not booleans never block a working key', async () => {
    const c = await run(K.odd);
    expect(c.codes(ID)).toMatchObject({ validity: 'pass/authenticated' });
  });

  it('rate-limited: works, throttled', async () => {
    const c = await run(K.limited);
    expect(c.codes(ID)).toMatchObject({ validity: 'warn/rate_limited', quota: 'unsupported/no_quota_endpoint' });
    expect(c.check(ID, 'validity').retryAfterSeconds).toBe(12);
    expect(c.profile(ID).verdict).toBe('works');
  });

  it('down: provider_unavailable, never invalid', async () => {
    const c = await run(K.down);
    expect(c.codes(ID)).toMatchObject({ validity: 'error/provider_unavailable', quota: 'skip/prerequisite_failed' });
    expect(c.run.code).toBe(3);
  });

  it('slow: timeout, never invalid', async () => {
    const c = await run(K.slow);
    expect(c.codes(ID)).toMatchObject({ validity: 'error/timeout' });
    expect(c.run.code).toBe(3);
  });

  it('--inference: one token of the cheapest listed model', async () => {
    const c = await run(K.funded, ['--inference']);
    expect(c.codes(ID)).toMatchObject({ inference: 'pass/inference_ok' });
    expect(sim.requests.find((r) => r.credential === K.funded && r.path === '/v1/chat/completions')?.body).toMatchObject({ model: 'grok-3-mini', max_tokens: 1 });
  });

  it('--inference on a team without credits: credit_balance_too_low', async () => {
    const c = await run(K.broke, ['--inference']);
    expect(c.codes(ID)).toMatchObject({ validity: 'pass/authenticated', inference: 'fail/credit_balance_too_low' });
  });

  it('another provider’s key in XAI_API_KEY, and an xAI key in another slot, are wrong_provider and never sent', async () => {
    const groqKey = fakeSecret('gsk_', 52);
    const xaiKey = key();
    const c = await checkJson(['--timeout', '1500'], { XAI_API_KEY: groqKey, GROQ_API_KEY: xaiKey, XAI_BASE_URL: sim.baseUrl('xai'), GROQ_BASE_URL: sim.baseUrl('groq') });
    expect(c.codes(ID)).toMatchObject({ format: 'fail/wrong_provider', validity: 'skip/prerequisite_failed' });
    expect(c.codes('env/GROQ_API_KEY')).toMatchObject({ format: 'fail/wrong_provider', validity: 'skip/prerequisite_failed' });
    expect(sim.requests.some((r) => r.credential === groqKey || r.credential === xaiKey)).toBe(false);
  });

  it('reads /api-key answers and bad-key messages', () => {
    expect(parseKeyInfo({ redacted_api_key: 'xai-…1234', api_key_blocked: false, team_blocked: true })).toEqual({ blocks: ['team_blocked'] });
    expect(parseKeyInfo({ api_key_disabled: 'yes' })).toBeNull();
    expect(parseKeyInfo({ data: [] })).toBeNull();
    expect(parseKeyInfo('<html>')).toBeNull();
    expect(isBadKeyMessage('Incorrect API key provided: xa***12. You can obtain an API key from https://console.x.ai.')).toBe(true);
    expect(isBadKeyMessage('Model not found')).toBe(false);
  });
});
