// Issue 4, item 7: HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured (https-proxy-agent for CONNECT
// tunnels, http-proxy-agent for plain HTTP), tested with a proxy on loopback; the JSON report says when one was used.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { budgetMs, checkKey, expectUndecided } from './harness.js';
import { behaviours, refusedUrl, startConnectProxy, startHttp } from './servers.js';

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
});
