// Issue 4, item 5: 500 profiles against a fake with mixed faults finish, with --concurrency honoured
// (the fake counts requests in flight), bounded memory, and every profile's result correct.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeSecret, runCli, tempHome } from '../helpers/cli.js';
import { apiError, json, MODELS_OK, startHttp } from './servers.js';

const PROFILES = 500;
const CONCURRENCY = 12;
/** Peak RSS allowed for the whole run, in MiB (a run of one profile takes about 80). */
const MAX_RSS_MIB = 250;

type Fault = 'ok' | 'revoked' | 'unavailable' | 'throttled' | 'html' | 'slow';
const FAULTS: Fault[] = ['ok', 'revoked', 'unavailable', 'throttled', 'html', 'slow'];
const EXPECTED: Record<Fault, [string, string, string]> = {
  ok: ['pass', 'authenticated', 'works'],
  revoked: ['fail', 'invalid_credential', 'broken'],
  unavailable: ['error', 'provider_unavailable', 'unknown'],
  throttled: ['warn', 'rate_limited', 'works'],
  html: ['error', 'unexpected_response', 'unknown'],
  slow: ['pass', 'authenticated', 'works'],
};

describe('load', { timeout: 30_000 }, () => {
  it(`${PROFILES} profiles, random faults, --concurrency ${CONCURRENCY}`, async () => {
    const { home, cleanup } = tempHome();
    const faultOf = new Map<string, Fault>();
    const names: string[] = [];
    const profiles: Record<string, unknown> = {};
    for (let i = 0; i < PROFILES; i++) {
      const key = fakeSecret('sk-ant-api03-', 60);
      const fault = FAULTS[Math.floor(Math.random() * FAULTS.length)]!;
      faultOf.set(key, fault);
      names.push(`p${i}`);
      profiles[`p${i}`] = { value: key };
    }
    let inFlight = 0;
    let maxInFlight = 0;
    const api = await startHttp((req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on('close', () => inFlight--);
      const fault = faultOf.get(String(req.headers['x-api-key'] ?? req.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
      // A little latency everywhere, so that requests overlap and the concurrency bound is tested.
      setTimeout(() => {
        switch (fault) {
          case 'ok':
            return json(res, 200, MODELS_OK);
          case 'revoked':
            return json(res, 401, apiError('authentication_error', 'invalid x-api-key'));
          case 'unavailable':
            return json(res, 503, apiError('api_error', 'unavailable'), { 'retry-after': '0' });
          case 'throttled':
            return json(res, 429, apiError('rate_limit_error', 'slow down'), { 'retry-after': '30' });
          case 'html':
            res.writeHead(200, { 'content-type': 'text/html' });
            return res.end('<html>portal</html>');
          case 'slow':
            return setTimeout(() => json(res, 200, MODELS_OK), 150);
          default:
            return json(res, 400, apiError('invalid_request_error', 'unknown key'));
        }
      }, 5);
    });
    try {
      const cfg = path.join(home, 'profiles.json');
      writeFileSync(cfg, JSON.stringify({ version: 1, profiles }), { mode: 0o600 });
      // Peak RSS of the CLI process, written by a preload when it exits.
      const rssFile = path.join(home, 'rss.txt');
      const preload = path.join(home, 'rss.cjs');
      writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
      mkdirSync(path.join(home, '.config'), { recursive: true });
      const r = await runCli(['check', '--json', '--config', cfg, '--source', 'config', '--base-url', api.url, '--concurrency', String(CONCURRENCY), '--timeout', '5000'], {
        home,
        env: { NODE_OPTIONS: `--require ${preload}` },
        timeoutMs: 60_000,
      });
      const report = JSON.parse(r.stdout);
      expect(report.profiles).toHaveLength(PROFILES);
      const wrong: string[] = [];
      report.profiles.forEach((p: any, i: number) => {
        const key = (profiles[names[i]!] as { value: string }).value;
        const expected = EXPECTED[faultOf.get(key)!];
        const v = p.checks.find((c: any) => c.id === 'validity');
        const got: [string, string, string] = [v.status, v.code, p.verdict];
        if (p.id !== `config/${names[i]}` || got.join() !== expected.join()) wrong.push(`${p.id}: ${got.join()} ≠ ${expected.join()}`);
      });
      expect(wrong.slice(0, 5), `${wrong.length} wrong`).toEqual([]);
      const anyBroken = [...faultOf.values()].includes('revoked');
      expect(r.code).toBe(anyBroken ? 1 : 3);
      expect(maxInFlight).toBeLessThanOrEqual(CONCURRENCY);
      expect(maxInFlight).toBeGreaterThan(1);
      const rssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
      console.log(`[faults] load: ${PROFILES} profiles in ${Math.round(r.elapsedMs)} ms, ${api.hits} requests, max ${maxInFlight} in flight, peak RSS ${Math.round(rssMiB)} MiB`);
      expect(rssMiB).toBeLessThan(MAX_RSS_MIB);
      expect(r.elapsedMs).toBeLessThan(30_000);
    } finally {
      await api.close();
      cleanup();
    }
  }, 60_000);
});
