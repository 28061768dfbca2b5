// Issue 4, item 1: honest under faults. Each hostile server behaviour is its own test, through the
// built CLI. None may yield invalid_credential; each finishes within --timeout plus the documented
// retry budget (one retry, for 5xx/529/resets only).

import { describe, expect, it } from 'vitest';
import { budgetMs, checkKey, expectUndecided } from './harness.js';
import { spawn } from 'node:child_process';
import { BIN, cleanEnv, fakeSecret, tempHome } from '../helpers/cli.js';
import { behaviours, refusedUrl, startHttp, startRaw, startResetMidResponse, type FakeServer } from './servers.js';

/** Accepts TCP and reads the TLS ClientHello, then never answers: a handshake that stalls. */
const startStalledTls = () => startRaw(() => undefined);
const httpsUrl = (s: FakeServer) => s.url.replace(/^http:/, 'https:');

async function withServer<T>(server: Promise<FakeServer>, fn: (s: FakeServer) => Promise<T>): Promise<T> {
  const s = await server;
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

describe.concurrent('transport faults', { timeout: 30_000 }, () => {
  it('connection refused → network_error, no retry', async () => {
    const c = await checkKey(await refusedUrl());
    expectUndecided(c, 'network_error');
    expect(c.run.elapsedMs).toBeLessThan(budgetMs(3000, 1));
  });

  it('unresolvable host (.invalid) → network_error, fast', async () => {
    // RFC 2606: .invalid never resolves. https so that the insecure-URL guard does not stop it first.
    const c = await checkKey('https://authdoctor-fault-test.invalid', { timeout: 5000 });
    expectUndecided(c, 'network_error');
    expect(c.run.elapsedMs).toBeLessThan(budgetMs(5000, 1));
  });

  it('self-signed certificate → tls_error with the NODE_EXTRA_CA_CERTS hint', () =>
    withServer(startHttp(behaviours.ok(), { tls: true }), async (s) => {
      const c = await checkKey(s.url);
      expectUndecided(c, 'tls_error');
      expect(c.validity.hint).toContain('NODE_EXTRA_CA_CERTS');
      expect(c.run.elapsedMs).toBeLessThan(budgetMs(3000, 1));
    }));

  it('reset mid-response → network_error after exactly one retry', () =>
    withServer(startResetMidResponse(), async (s) => {
      const c = await checkKey(s.url);
      expectUndecided(c, 'network_error');
      expect(s.hits).toBe(2);
      expect(c.run.elapsedMs).toBeLessThan(budgetMs(3000, 2));
    }));

  it('headers never come → timeout, no retry', () =>
    withServer(startHttp(behaviours.silent()), async (s) => {
      const c = await checkKey(s.url, { timeout: 1500 });
      expectUndecided(c, 'timeout');
      expect(s.hits).toBe(1);
      expect(c.run.elapsedMs).toBeGreaterThanOrEqual(1500);
      expect(c.run.elapsedMs).toBeLessThan(budgetMs(1500, 1));
    }));

  it('a body that trickles forever → timeout', () =>
    withServer(startHttp(behaviours.trickle()), async (s) => {
      const c = await checkKey(s.url, { timeout: 1500 });
      expectUndecided(c, 'timeout');
      expect(s.hits).toBe(1);
      expect(c.run.elapsedMs).toBeLessThan(budgetMs(1500, 1));
    }));

  it('200 with malformed JSON → unexpected_response', () =>
    withServer(startHttp(behaviours.malformedJson()), async (s) => {
      const c = await checkKey(s.url);
      expectUndecided(c, 'unexpected_response');
      expect(s.hits).toBe(1);
      expect(c.run.elapsedMs).toBeLessThan(budgetMs(3000, 1));
    }));

  it('200 with an HTML page → unexpected_response', () =>
    withServer(startHttp(behaviours.html()), async (s) => {
      const c = await checkKey(s.url);
      expectUndecided(c, 'unexpected_response');
      expect(c.validity.httpStatus).toBe(200);
      expect(c.run.elapsedMs).toBeLessThan(budgetMs(3000, 1));
    }));

  // Issue 13, item 1: the socket goes with the deadline, so nothing keeps the process alive after it.
  it('a TLS handshake that stalls → timeout at --timeout, and the process exits then', () =>
    withServer(startStalledTls(), async (s) => {
      const c = await checkKey(httpsUrl(s), { timeout: 1000 });
      expectUndecided(c, 'timeout');
      expect(c.run.elapsedMs).toBeLessThan(budgetMs(1000, 1));
    }));

  it('a TLS handshake that stalls honours a --timeout longer than any library default', () =>
    withServer(startStalledTls(), async (s) => {
      const c = await checkKey(httpsUrl(s), { timeout: 12_000 });
      expectUndecided(c, 'timeout');
      // Node's fetch gave up at its own 10 s connect timeout, before the deadline the user set.
      expect(c.run.elapsedMs).toBeGreaterThanOrEqual(12_000);
      expect(c.run.elapsedMs).toBeLessThan(budgetMs(12_000, 1));
    }), 40_000);

  it('Ctrl-C during a stalled TLS handshake exits 130 at once', () =>
    withServer(startStalledTls(), async (s) => {
      const { home, cleanup } = tempHome();
      try {
        const child = spawn(process.execPath, [BIN, 'check', '--key-stdin', '--json', '--base-url', httpsUrl(s), '--timeout', '20000'], { env: cleanEnv(home), stdio: ['pipe', 'ignore', 'ignore'] });
        child.stdin.end(`${fakeSecret('sk-ant-api03-')}\n`);
        const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
        while (s.hits === 0) await new Promise((r) => setTimeout(r, 20));
        const sent = performance.now();
        child.kill('SIGINT');
        expect(await exited).toBe(130);
        expect(performance.now() - sent).toBeLessThan(1000);
      } finally {
        cleanup();
      }
    }));

  for (const declared of [true, false]) {
    it(`a 10 MB body (${declared ? 'content-length' : 'chunked'}) → unexpected_response, read bounded`, () =>
      withServer(startHttp(behaviours.huge(declared)), async (s) => {
        const c = await checkKey(s.url);
        expectUndecided(c, 'unexpected_response');
        expect(s.hits).toBe(1);
        expect(c.run.elapsedMs).toBeLessThan(budgetMs(3000, 1));
      }));
  }
});

describe.concurrent('provider errors', { timeout: 30_000 }, () => {
  for (const status of [500, 502, 503, 504, 529]) {
    it(`${status} without retry-after → provider_unavailable after one retry`, () =>
      withServer(startHttp(behaviours.status(status)), async (s) => {
        const c = await checkKey(s.url);
        expectUndecided(c, 'provider_unavailable');
        expect(c.validity.httpStatus).toBe(status);
        expect(s.hits).toBe(2);
        expect(c.run.elapsedMs).toBeLessThan(budgetMs(3000, 2));
      }));

    it(`${status} with a short retry-after (1 s) → waits, retries once`, () =>
      withServer(startHttp(behaviours.status(status, { 'retry-after': '1' })), async (s) => {
        const c = await checkKey(s.url);
        expectUndecided(c, 'provider_unavailable');
        expect(s.hits).toBe(2);
        expect(c.run.elapsedMs).toBeGreaterThanOrEqual(1000);
        expect(c.run.elapsedMs).toBeLessThan(budgetMs(3000, 2));
      }));

    it(`${status} with a long retry-after (120 s) → reported, not waited for`, () =>
      withServer(startHttp(behaviours.status(status, { 'retry-after': '120' })), async (s) => {
        const c = await checkKey(s.url);
        expectUndecided(c, 'provider_unavailable');
        expect(s.hits).toBe(1);
        expect(c.validity.retryAfterSeconds).toBe(120);
        expect(c.run.elapsedMs).toBeLessThan(budgetMs(3000, 1));
      }));
  }

  // Outside 200-599 (a hostile or broken server): still an HTTP answer, as every other provider reads it, not a failed connection.
  it('HTTP 999 → provider_unavailable with its status', () =>
    withServer(startHttp(behaviours.status(999)), async (s) => {
      const c = await checkKey(s.url);
      expectUndecided(c, 'provider_unavailable');
      expect(c.validity.httpStatus).toBe(999);
    }));

  it('429 with a huge retry-after → rate_limited warn, no wait, no retry', () =>
    withServer(startHttp(behaviours.status(429, { 'retry-after': '999999999' })), async (s) => {
      const c = await checkKey(s.url);
      expect(c.validity.status).toBe('warn');
      expect(c.validity.code).toBe('rate_limited');
      expect(c.validity.retryAfterSeconds).toBe(999999999);
      expect(s.hits).toBe(1);
      expect(c.report.profiles[0].verdict).toBe('works');
      expect(c.run.code).toBe(0);
      expect(c.run.elapsedMs).toBeLessThan(budgetMs(3000, 1));
    }));

  it('429 with an HTTP-date retry-after far in the future → rate_limited, no wait', () =>
    withServer(startHttp(behaviours.status(429, { 'retry-after': new Date(Date.now() + 86_400_000).toUTCString() })), async (s) => {
      const c = await checkKey(s.url);
      expect(c.validity.code).toBe('rate_limited');
      expect(s.hits).toBe(1);
      expect(c.run.code).toBe(0);
    }));
});
