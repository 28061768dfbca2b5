// The run's HTTP client (src/net/http.ts) in process: what close() leaves behind.

import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../src/net/http.js';
import { startRaw } from './faults/servers.js';

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  while (!condition() && performance.now() < end) await new Promise((r) => setTimeout(r, 20));
  return condition();
}

describe('createHttpClient', () => {
  it('concurrent first requests share one agent: close() ends every connection they opened', async () => {
    // Answers with keep-alive and never closes a connection itself: only the client can.
    const api = await startRaw((socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\n{}'));
    const http = createHttpClient({ maxBodyBytes: 1024 });
    try {
      const url = new URL(`${api.url}/v1/models`);
      const answers = await Promise.all(Array.from({ length: 8 }, () => http.request({ method: 'GET', url, headers: {}, signal: new AbortController().signal })));
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
      expect(api.open).toBeGreaterThan(0);
      http.close();
      expect(await until(() => api.open === 0, 2000), `${api.open} connections left open`).toBe(true);
    } finally {
      http.close();
      await api.close();
    }
  });
});
