// Hostile servers for the fault tests: each misbehaves in one precise way, on 127.0.0.1 only.
// They count requests and concurrent connections, and remember the credentials that reached them,
// so tests can prove both what authdoctor reported and what it sent.

import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';

export interface FakeServer {
  url: string;
  port: number;
  /** Requests seen (for raw TCP servers: connections). */
  hits: number;
  /** Most connections open at once. */
  maxConcurrent: number;
  /** Connections open now. */
  open: number;
  /** Credential headers received (x-api-key / authorization), in order. */
  credentials: string[];
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, hit: number) => void;

const TLS_DIR = path.join(ROOT, 'test', 'fixtures', 'tls');

function track(server: net.Server, fake: FakeServer): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    fake.open++;
    fake.maxConcurrent = Math.max(fake.maxConcurrent, fake.open);
    socket.on('close', () => {
      sockets.delete(socket);
      fake.open--;
    });
  });
  return sockets;
}

function listen(server: net.Server, scheme: string, fake: FakeServer, sockets: Set<net.Socket>): Promise<FakeServer> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      fake.port = port;
      fake.url = `${scheme}://127.0.0.1:${port}`;
      fake.close = () =>
        new Promise<void>((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => done());
        });
      resolve(fake);
    });
  });
}

function blank(): FakeServer {
  return { url: '', port: 0, hits: 0, maxConcurrent: 0, open: 0, credentials: [], close: async () => undefined };
}

/** An HTTP (or, with `tls`, HTTPS with the untrusted test certificate) server running `handler`. */
export function startHttp(handler: Handler, o: { tls?: boolean } = {}): Promise<FakeServer> {
  const fake = blank();
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const hit = ++fake.hits;
    const cred = req.headers['x-api-key'] ?? req.headers.authorization;
    if (typeof cred === 'string') fake.credentials.push(cred.replace(/^Bearer\s+/i, ''));
    handler(req, res, hit);
  };
  const server = o.tls
    ? https.createServer(
        { key: readFileSync(path.join(TLS_DIR, 'test-only-key.pem')), cert: readFileSync(path.join(TLS_DIR, 'test-only-cert.pem')) },
        onRequest,
      )
    : http.createServer(onRequest);
  server.keepAliveTimeout = 1000;
  const sockets = track(server, fake);
  return listen(server, o.tls ? 'https' : 'http', fake, sockets);
}

/** A raw TCP server: `onSocket` gets each connection and its first request bytes. */
export function startRaw(onSocket: (socket: net.Socket, request: string) => void): Promise<FakeServer> {
  const fake = blank();
  const server = net.createServer((socket) => {
    fake.hits++;
    socket.on('error', () => undefined);
    socket.once('data', (d) => onSocket(socket, d.toString('latin1')));
  });
  const sockets = track(server, fake);
  return listen(server, 'http', fake, sockets);
}

/** A URL where nothing listens: a port that was bound and released. */
export async function refusedUrl(): Promise<string> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

export const MODELS_OK = JSON.stringify({ data: [{ id: 'claude-test', type: 'model' }], has_more: false, first_id: 'claude-test', last_id: 'claude-test' });

export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_fault', ...headers });
  res.end(text);
}

/** The Anthropic error envelope. */
export function apiError(type: string, message: string): unknown {
  return { type: 'error', error: { type, message }, request_id: 'req_fault' };
}

/** Behaviours by name: each a handler for startHttp. */
export const behaviours = {
  ok: (): Handler => (_req, res) => json(res, 200, MODELS_OK),
  status:
    (status: number, headers: Record<string, string> = {}): Handler =>
    (_req, res) =>
      json(res, status, apiError(status === 529 ? 'overloaded_error' : status === 429 ? 'rate_limit_error' : 'api_error', `status ${status}`), headers),
  /** Headers are never sent: the socket stays open and silent. */
  silent: (): Handler => () => undefined,
  /** 200 and a JSON start, then one byte every 200 ms, forever. */
  trickle: (): Handler => (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"data": [');
    const t = setInterval(() => res.write(' '), 200);
    res.on('close', () => clearInterval(t));
  },
  malformedJson: (): Handler => (_req, res) => json(res, 200, '{"data": [{"id": "claude'),
  html: (): Handler => (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!DOCTYPE html><html><head><title>Sign in to the Wi-Fi</title></head><body>captive portal</body></html>');
  },
  /** 10 MB of valid-looking JSON; `declared` sends content-length, else it is chunked. */
  huge:
    (declared: boolean): Handler =>
    (_req, res) => {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const total = 10 * 1024 * 1024;
      res.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': String(total) } : {}) });
      let sent = 0;
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
    },
  redirect:
    (status: number, location: string): Handler =>
    (_req, res) => {
      res.writeHead(status, { location, 'content-type': 'application/json' });
      res.end('{}');
    },
  /** Slow but correct: answers 200 after `ms`. */
  slow:
    (ms: number): Handler =>
    (_req, res) => {
      const t = setTimeout(() => json(res, 200, MODELS_OK), ms);
      res.on('close', () => clearTimeout(t));
    },
};

/** Reset mid-response: status line and some headers, then a TCP RST. */
export function startResetMidResponse(): Promise<FakeServer> {
  return startRaw((socket) => {
    socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{"data": [');
    setTimeout(() => socket.resetAndDestroy(), 20);
  });
}

export interface ProxyServer {
  url: string;
  /** CONNECT tunnels opened, with their targets. */
  connects: string[];
  /** Plain forward-proxy requests (absolute-form http:// URLs). */
  forwards: string[];
  close(): Promise<void>;
}

/** A small HTTP proxy on loopback: CONNECT tunnels (for https) and forwarding (for http), to 127.0.0.1 only. */
export function startConnectProxy(): Promise<ProxyServer> {
  const proxy: ProxyServer = { url: '', connects: [], forwards: [], close: async () => undefined };
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    proxy.forwards.push(req.url ?? '');
    const target = new URL(req.url ?? '');
    if (target.hostname !== '127.0.0.1') return void res.writeHead(403).end();
    const upstream = http.request(
      { host: '127.0.0.1', port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    proxy.connects.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    client.on('error', () => undefined);
    if (host !== '127.0.0.1') return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const upstream = net.connect(Number(port), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    sockets.add(upstream);
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      proxy.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
      proxy.close = () =>
        new Promise<void>((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => done());
        });
      resolve(proxy);
    });
  });
}
