// A simulated API server on 127.0.0.1 for every provider but Anthropic (src/sim/anthropic.ts). Each
// provider's simulator is one file exporting a SimProvider: it is mounted under `/<mount>`, so one
// server answers them all and a profile's base URL is `<url>/<mount><the provider's own path>`. The
// tests use it as their fake provider and `authdoctor demo` runs it in-process. It never logs.
//
// What no provider decides is decided here, the same way for all: which credential arrived, and
// the behaviours of the network in front of an API (slow, down behind a CDN, a bot wall).

import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROVIDER_METAS } from '../providers/registry.js';
import { listenOnLoopback, readBody } from './listen.js';

export interface SimRequest {
  /** Which mounted provider it went to. */
  mount: string;
  method: string;
  /** The path under the mount: `/v1/models`. */
  path: string;
  query: Record<string, string>;
  /** The credential as it arrived, whichever header carried it. */
  credential: string | null;
  /** `bearer`, `token` (GitHub), `authorization` (no scheme), `x-goog-api-key`, `x-api-key`, `query`. */
  via: string | null;
  headers: IncomingHttpHeaders;
  body?: unknown;
  status: number;
}

export interface SimReply {
  status: number;
  /** JSON, or a string sent as text/html (a CDN page, a bot wall). */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * What the network in front of any API may do, decided here for every provider alike; and answers
 * no API should give but some server one day will (a cut JSON body, an empty one, one over 1 MiB).
 */
export type NetworkBehaviour = 'slow' | 'down' | 'cdn_error_page' | 'challenge' | 'malformed_json' | 'empty_body' | 'huge_body';

/** A credential a simulated provider knows: its behaviour, and whatever else that provider's file reads. */
export interface SimKey {
  behaviour?: string;
  [field: string]: unknown;
}

export interface SimContext {
  req: SimRequest;
  /** The credential's entry, or undefined when this provider does not know it (a 401 where it is sent). */
  key: SimKey | undefined;
  now: number;
}

export interface SimProvider {
  /** The first path segment: `openai`, `chatgpt`, `google` … */
  mount: string;
  handle(ctx: SimContext): SimReply;
}

export interface ProviderSimOptions {
  providers: readonly SimProvider[];
  /** By mount, then by secret. */
  keys: Record<string, Record<string, SimKey>>;
  latencyMs?: number;
  /** How long a `slow` credential's answers take. */
  slowMs?: number;
}

export interface ProviderSimServer {
  url: string;
  port: number;
  requests: SimRequest[];
  /** The stand-in for a base URL family's default: its mount, then the default's own path (`/openai/v1`). */
  baseUrl(family: string): string;
  setKey(mount: string, secret: string, key: SimKey): void;
  close(): Promise<void>;
}

/** A family's default base URL's path; `/v1` for a family without a default (a gateway's usual path). */
function defaultPath(family: string): string {
  const spec = PROVIDER_METAS.find((m) => family in m.families)?.families[family];
  if (!spec) throw new Error(`no base URL family ${family}`);
  return spec.default ? new URL(spec.default).pathname.replace(/\/+$/, '') : '/v1';
}

/** Where the credential is, in the order providers use headers. */
function readCredential(headers: IncomingHttpHeaders, query: URLSearchParams): Pick<SimRequest, 'credential' | 'via'> {
  const auth = typeof headers.authorization === 'string' ? headers.authorization : '';
  const bearer = /^Bearer\s+(.+)$/i.exec(auth);
  if (bearer) return { credential: bearer[1]!.trim(), via: 'bearer' };
  const token = /^token\s+(.+)$/i.exec(auth);
  if (token) return { credential: token[1]!.trim(), via: 'token' };
  // A key with no scheme at all, as z.ai's own clients send it.
  if (auth.trim()) return { credential: auth.trim(), via: 'authorization' };
  for (const name of ['x-goog-api-key', 'x-api-key'] as const) {
    const v = headers[name];
    if (typeof v === 'string' && v) return { credential: v.trim(), via: name };
  }
  const key = query.get('key');
  return key ? { credential: key, via: 'query' } : { credential: null, via: null };
}

export function requestId(): string {
  return `req_${randomBytes(12).toString('hex')}`;
}

const CDN_PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>';
const CHALLENGE_PAGE =
  '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body><div id="challenge-platform">Checking your browser before accessing the site.</div></body></html>';

const JSON_TYPE = { 'content-type': 'application/json' };

/** The network's behaviours, before any provider sees the request. */
function networkReply(behaviour: string | undefined): SimReply | undefined {
  switch (behaviour) {
    case 'down':
      return { status: 503, body: { error: { message: 'Service Unavailable', type: 'server_error' } } };
    case 'cdn_error_page':
      return { status: 502, body: CDN_PAGE };
    case 'challenge':
      return { status: 403, body: CHALLENGE_PAGE, headers: { 'cf-mitigated': 'challenge' } };
    case 'malformed_json':
      return { status: 200, body: '{"object": "list", "data": [{"id": ', headers: JSON_TYPE };
    case 'empty_body':
      return { status: 200, headers: JSON_TYPE };
    case 'huge_body':
      return { status: 200, body: `{"object": "list", "data": [${'{"id": "model"},'.repeat(80_000)}{"id": "last"}]}`, headers: JSON_TYPE };
    default:
      return undefined;
  }
}

/** A body as JSON when it is JSON, else its text; undefined when empty (or too large to keep). */
function parsedBody(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function send(res: ServerResponse, reply: SimReply, now: number): void {
  const html = typeof reply.body === 'string';
  const payload = reply.body === undefined ? '' : html ? (reply.body as string) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': html ? 'text/html; charset=UTF-8' : 'application/json',
    'content-length': Buffer.byteLength(payload),
    'x-request-id': requestId(),
    date: new Date(now).toUTCString(),
    ...reply.headers,
  });
  res.end(payload);
}

export function startProviderSim(options: ProviderSimOptions): Promise<ProviderSimServer> {
  const providers = new Map(options.providers.map((p) => [p.mount, p]));
  const keys = new Map(Object.entries(options.keys).map(([mount, byKey]) => [mount, new Map(Object.entries(byKey))]));
  const requests: SimRequest[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, mount = '', ...rest] = url.pathname.split('/');
    const record: SimRequest = {
      mount,
      method: req.method ?? 'GET',
      path: `/${rest.join('/')}`,
      query: Object.fromEntries(url.searchParams),
      ...readCredential(req.headers, url.searchParams),
      headers: req.headers,
      status: 0,
    };
    requests.push(record);
    const body = parsedBody(await readBody(req));
    if (body !== undefined) record.body = body;
    const key = record.credential === null ? undefined : keys.get(mount)?.get(record.credential);
    const latency = (options.latencyMs ?? 0) + (key?.behaviour === 'slow' ? (options.slowMs ?? 5000) : 0);
    if (latency > 0) await sleep(latency, undefined, { signal: gone.signal });
    const now = Date.now();
    const provider = providers.get(mount);
    const reply = !provider ? { status: 404, body: { error: { message: `no simulated provider at /${mount}` } } } : (networkReply(key?.behaviour) ?? provider.handle({ req: record, key, now }));
    record.status = reply.status;
    send(res, reply, now);
  }

  return listenOnLoopback(handle).then((shell) => ({
    ...shell,
    requests,
    baseUrl: (family: string) => `${shell.url}/${family}${defaultPath(family)}`,
    setKey(mount: string, secret: string, key: SimKey) {
      if (!keys.has(mount)) keys.set(mount, new Map());
      keys.get(mount)!.set(secret, key);
    },
  }));
}
