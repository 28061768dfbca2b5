// Issue 4, item 7: HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured (https-proxy-agent for CONNECT
// tunnels, http-proxy-agent for plain HTTP), tested with a proxy on loopback; the JSON report says when one was used.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/net/http.js';
import { proxySettings } from '../../src/net/proxy.js';
import { BIN, cleanEnv, fakeSecret, ROOT, tempHome } from '../helpers/cli.js';
import { budgetMs, checkKey, expectUndecided } from './harness.js';
import { behaviours, refusedUrl, startConnectProxy, startHttp, startRaw, type FakeServer } from './servers.js';

/** A proxy that accepts the connection, reads the CONNECT and never answers; `asked` settles when the CONNECT arrives. */
async function startSilentProxy(): Promise<{ proxy: FakeServer; asked: Promise<void> }> {
  let arrived: () => void;
  const asked = new Promise<void>((r) => (arrived = r));
  const proxy = await startRaw(() => arrived());
  return { proxy, asked };
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  while (!condition() && performance.now() < end) await new Promise((r) => setTimeout(r, 20));
  return condition();
}

/** Trusting the test certificate the way a corporate-proxy user trusts their CA (the tls_error hint). */
const TRUST_TEST_CA = { NODE_EXTRA_CA_CERTS: path.join(ROOT, 'test', 'fixtures', 'tls', 'test-only-cert.pem') };

describe.concurrent('proxies', { timeout: 30_000 }, () => {
  it('HTTPS_PROXY: an https request tunnels through CONNECT, and the report says so', async () => {
    const [proxy, api] = await Promise.all([startConnectProxy(), startHttp(behaviours.ok(), { tls: true })]);
    try {
      const c = await checkKey(api.url, { env: { ...TRUST_TEST_CA, HTTPS_PROXY: proxy.url } });
      expect([c.validity.status, c.validity.code, c.run.code]).toEqual(['pass', 'authenticated', 0]);
      expect(proxy.connects).toEqual([`127.0.0.1:${api.port}`]);
      expect(c.report.proxy).toEqual({ used: true, variables: ['HTTPS_PROXY'] });
    } finally {
      await Promise.all([proxy.close(), api.close()]);
    }
  });

  it('NO_PROXY excludes the host: sent directly, report says not used', async () => {
    const [proxy, api] = await Promise.all([startConnectProxy(), startHttp(behaviours.ok(), { tls: true })]);
    try {
      const c = await checkKey(api.url, { env: { ...TRUST_TEST_CA, https_proxy: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } });
      expect([c.validity.code, c.run.code]).toEqual(['authenticated', 0]);
      expect(proxy.connects).toEqual([]);
      expect(api.hits).toBe(1);
      expect(c.report.proxy).toEqual({ used: false, variables: ['https_proxy', 'NO_PROXY'] });
    } finally {
      await Promise.all([proxy.close(), api.close()]);
    }
  });

  it('HTTP_PROXY applies to an http (loopback) base URL', async () => {
    const [proxy, api] = await Promise.all([startConnectProxy(), startHttp(behaviours.ok())]);
    try {
      const c = await checkKey(api.url, { env: { HTTP_PROXY: proxy.url } });
      expect([c.validity.code, c.run.code]).toEqual(['authenticated', 0]);
      expect(proxy.connects.length + proxy.forwards.length).toBe(1);
      expect(c.report.proxy.used).toBe(true);
    } finally {
      await Promise.all([proxy.close(), api.close()]);
    }
  });

  it('HTTP_PROXY on another host and a plain-HTTP base URL → insecure_base_url, nothing sent', () =>
    startHttp(behaviours.ok()).then(async (api) => {
      try {
        const c = await checkKey(api.url, { env: { HTTP_PROXY: 'http://proxy.example.invalid:3128' } });
        expect([c.validity.status, c.validity.code, c.run.code]).toEqual(['error', 'insecure_base_url', 3]);
        expect(c.validity.hint).toMatch(/NO_PROXY/);
        expect(api.hits).toBe(0);
      } finally {
        await api.close();
      }
    }));

  it('a dead proxy → network_error, never invalid_credential', async () => {
    const api = await startHttp(behaviours.ok(), { tls: true });
    try {
      const c = await checkKey(api.url, { env: { ...TRUST_TEST_CA, HTTPS_PROXY: await refusedUrl() } });
      expectUndecided(c, 'network_error');
      // The proxy's fault, said as such: not "nothing answers at the base URL" (issue 12).
      expect(c.validity.summary).toMatch(/proxy 127\.0\.0\.1/);
      expect(c.validity.hint).toMatch(/HTTPS_PROXY/);
      expect(api.hits).toBe(0);
      expect(c.run.elapsedMs).toBeLessThan(budgetMs(3000, 1));
    } finally {
      await api.close();
    }
  });

  it('without the test CA, the proxied TLS failure is tls_error with the NODE_EXTRA_CA_CERTS hint', async () => {
    const [proxy, api] = await Promise.all([startConnectProxy(), startHttp(behaviours.ok(), { tls: true })]);
    try {
      const c = await checkKey(api.url, { env: { HTTPS_PROXY: proxy.url } });
      expectUndecided(c, 'tls_error');
      expect(c.validity.hint).toContain('NODE_EXTRA_CA_CERTS');
    } finally {
      await Promise.all([proxy.close(), api.close()]);
    }
  });

  // Issue 15, item 8: a proxy variable without a scheme crashed every networked run.
  it('a proxy variable without a scheme means http://, as curl reads it', async () => {
    const [proxy, api] = await Promise.all([startConnectProxy(), startHttp(behaviours.ok(), { tls: true })]);
    try {
      const c = await checkKey(api.url, { env: { ...TRUST_TEST_CA, HTTPS_PROXY: proxy.url.replace(/^http:\/\//, '') } });
      expect([c.validity.code, c.run.code]).toEqual(['authenticated', 0]);
      expect(proxy.connects).toEqual([`127.0.0.1:${api.port}`]);
    } finally {
      await Promise.all([proxy.close(), api.close()]);
    }
  });

  it('a proxy variable authdoctor cannot use is a usage error that names it, never an internal error', async () => {
    for (const value of ['socks5://127.0.0.1:1080', 'http://[bad', 'http://user:hunter2@']) {
      const c = await checkKey('https://127.0.0.1:9', { env: { HTTPS_PROXY: value } }).catch((e: Error) => e);
      const run = 'run' in c ? c.run : undefined;
      expect(c, String(c)).not.toBeInstanceOf(Error);
      expect(run!.code).toBe(2);
      expect(run!.stderr).toContain('HTTPS_PROXY');
      expect(run!.stderr).not.toContain('hunter2');
      expect(run!.stderr).not.toMatch(/internal error/);
    }
  });

  it('no proxy variable → no proxy field', () =>
    startHttp(behaviours.ok()).then(async (api) => {
      try {
        const c = await checkKey(api.url);
        expect(c.validity.code).toBe('authenticated');
        expect(c.report).not.toHaveProperty('proxy');
      } finally {
        await api.close();
      }
    }));

  // A proxy that accepts TCP and never answers the CONNECT: the request has no socket of its own yet,
  // so only the abort listener in send() ends it, and only the run's close() ends the tunnel socket.
  it('a silent proxy: the deadline is honoured and the process exits', async () => {
    const { proxy } = await startSilentProxy();
    try {
      const c = await checkKey('https://127.0.0.1:9', { timeout: 1000, env: { HTTPS_PROXY: proxy.url } });
      expectUndecided(c, 'timeout');
      expect(proxy.hits).toBe(1);
      expect(c.run.elapsedMs).toBeLessThan(budgetMs(1000, 1));
    } finally {
      await proxy.close();
    }
  });

  it('a silent proxy: the request rejects when aborted, and close() ends the connection to the proxy', async () => {
    const { proxy, asked } = await startSilentProxy();
    const http = createHttpClient({ maxBodyBytes: 1024, proxy: proxySettings({ HTTPS_PROXY: proxy.url })! });
    try {
      const deadline = new AbortController();
      const pending = http.request({ method: 'GET', url: new URL('https://127.0.0.1:9/v1/models'), headers: {}, signal: deadline.signal });
      await asked;
      deadline.abort();
      const failed = await Promise.race([pending.catch((e: unknown) => e), new Promise((r) => setTimeout(() => r('still pending'), 2000))]);
      expect((failed as Error).name).toBe('AbortError');
      expect(proxy.open).toBe(1);
      http.close();
      expect(await until(() => proxy.open === 0, 2000)).toBe(true);
    } finally {
      http.close();
      await proxy.close();
    }
  });

  it('a silent proxy: Ctrl-C exits 130 within a second', async () => {
    const { proxy, asked } = await startSilentProxy();
    const { home, cleanup } = tempHome();
    try {
      const child = spawn(process.execPath, [BIN, 'check', '--key-stdin', '--json', '--base-url', 'https://127.0.0.1:9', '--timeout', '20000'], {
        env: cleanEnv(home, { HTTPS_PROXY: proxy.url }),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      child.stdin.end(fakeSecret('sk-ant-api03-') + '\n');
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await asked;
      const sent = performance.now();
      child.kill('SIGINT');
      const code = await exited;
      clearTimeout(killer);
      expect(code).toBe(130);
      expect(performance.now() - sent).toBeLessThan(1000);
      expect(JSON.parse(stdout).exitCode).toBe(130);
    } finally {
      await proxy.close();
      cleanup();
    }
  }, 20_000);
});
