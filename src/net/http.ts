// The one way authdoctor sends a request: node:http(s) with keep-alive agents that live as long as
// the run. Why not fetch: Node's fetch (undici) cannot be stopped during a TLS handshake (an abort
// left the socket connecting until undici's own 10 s connect timeout, so the process outlived
// --timeout and Ctrl-C), and it costs ~30 ms to load and a few ms of CPU per request. Here a
// deadline or Ctrl-C destroys the request and its socket at once, `close()` ends every socket the
// run opened, no redirect is ever followed (node:http never does), and a body is read up to a bound.

import type { Agent, ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { requestIdOf } from './failure.js';
import { proxyAgent, proxyFor, type ProxySettings } from './proxy.js';

export interface RequestRecord {
  method: string;
  /** Origin, path and authdoctor's own query (base URLs never carry one: they are refused). */
  url: string;
  status: number | null;
  durationMs: number;
  requestId?: string;
  /** The server's `Date` header: with durationMs it measures clock skew (`report`). */
  date?: string;
  error?: string;
}

/** What the checks read of a response's headers (the SDK's errors carry the same object). */
export interface HeaderReader {
  get(name: string): string | null;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}

/**
 * node:http's header object, read in place (its names are already lower case). Not LightHeaders,
 * which copies into a map it can change: the SDK's request side needs that, a response does not.
 * The SDK reads answers through get() and entries().
 */
export class ResponseHeaders implements HeaderReader {
  constructor(private readonly raw: IncomingHttpHeaders) {}
  get(name: string): string | null {
    const v = this.raw[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  }
  /** Sorted by name, as the standard Headers class iterates. */
  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw).sort()) yield [name, this.get(name)!];
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Aborting destroys the request and its socket, whatever stage it is in. */
  signal: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  /** Decoded (gzip/deflate/br) and at most `maxBodyBytes`. */
  body: Buffer;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * How long each answered request took, from sending to its whole body, by its headers object: the
 * checks report this time, so a check line and its --verbose line read one clock (the SDK's own work
 * before and after is not the request's). Headers travel where the answer goes, errors included.
 */
const requestTimes = new WeakMap<object, number>();

export function requestTime(headers: unknown): number | undefined {
  return typeof headers === 'object' && headers !== null ? requestTimes.get(headers) : undefined;
}

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly limit: number) {
    super(`response body larger than ${limit} bytes`);
  }
}

/** A connection-level failure on the way through a proxy: the proxy's fault, not the base URL's. */
export class ProxyConnectError extends Error {
  override name = 'ProxyConnectError';
  constructor(
    readonly proxyHost: string,
    override readonly cause: unknown,
  ) {
    super(`the proxy ${proxyHost} failed the connection`);
  }
}

export interface HttpOptions {
  maxBodyBytes: number;
  onRequest?: (record: RequestRecord) => void;
  /** The run's proxy variables, validated; undefined when none is set. */
  proxy?: ProxySettings;
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
  /** Ends every socket the run opened, idle or busy, so the process can exit at once. */
  close(): void;
}

/** What is used of node:http and node:https, which offer it alike. */
interface NodeHttp {
  request(url: URL, options: import('node:https').RequestOptions): ClientRequest;
  Agent: new (options: { keepAlive: boolean }) => Agent;
}

function httpLib(protocol: string): Promise<NodeHttp> {
  return (protocol === 'https:' ? import('node:https') : import('node:http')) as Promise<NodeHttp>;
}

export function createHttpClient(options: HttpOptions): HttpClient {
  // Promises, cached before any await: concurrent first requests then share one agent, where each
  // would otherwise make its own and all but the last kept would escape close().
  const agents = new Map<string, Promise<Agent>>();
  const closing = new AbortController();
  let closed = false;

  function agentFor(url: URL): { agent: Promise<Agent>; proxyHost?: string } {
    const proxy = options.proxy ? proxyFor(options.proxy, url) : undefined;
    const key = proxy ? `${url.protocol}proxy:${proxy.href}` : url.protocol;
    let agent = agents.get(key);
    if (!agent) {
      agent = proxy ? proxyAgent(proxy, url.protocol, closing.signal) : directAgent(url.protocol);
      agents.set(key, agent);
    }
    return proxy ? { agent, proxyHost: proxy.hostname } : { agent };
  }

  return {
    async request(req) {
      if (closed) throw new Error('the run is over: no more requests');
      req.signal.throwIfAborted();
      // From the start: loading node:https and making the run's agent is part of the first request.
      const started = performance.now();
      const lib = await httpLib(req.url.protocol);
      const { agent: pending, proxyHost } = agentFor(req.url);
      const agent = await pending;
      // close() may have come while the agent was being made: it would not reach this request's socket.
      if (closed) throw new Error('the run is over: no more requests');
      const record = (r: Omit<RequestRecord, 'method' | 'url' | 'durationMs'>, durationMs = performance.now() - started) =>
        options.onRequest?.({ method: req.method, url: req.url.origin + req.url.pathname + req.url.search, durationMs, ...r });
      let response: IncomingMessage;
      try {
        response = await send(lib, agent, req);
      } catch (err) {
        const failure = proxyHost && !req.signal.aborted ? new ProxyConnectError(proxyHost, err) : err;
        record({ status: null, error: describe(failure) });
        throw failure;
      }
      const headers = new ResponseHeaders(response.headers);
      const requestId = requestIdOf(headers);
      const date = headers.get('date');
      const answered = { status: response.statusCode ?? 0, ...(requestId ? { requestId } : {}), ...(date ? { date } : {}) };
      // Recorded once the body is in: the time --verbose shows is the whole request's, as the check's is.
      let body: Buffer;
      try {
        body = await readBody(response, options.maxBodyBytes, req.signal);
      } catch (err) {
        record({ ...answered, error: describe(err) });
        throw err;
      }
      const durationMs = performance.now() - started;
      requestTimes.set(headers, durationMs);
      record(answered, durationMs);
      return { status: response.statusCode ?? 0, headers, body };
    },
    close() {
      closed = true;
      closing.abort();
      for (const agent of agents.values()) void agent.then((a) => a.destroy(), () => undefined);
      agents.clear();
    },
  };
}

async function directAgent(protocol: string): Promise<Agent> {
  const lib = await httpLib(protocol);
  // Keep-alive: a run sends several requests to one host; each new TLS handshake costs a round trip.
  return new lib.Agent({ keepAlive: true });
}

/**
 * Settles on the answer's headers, an error, or the abort, whichever comes first. The abort settles
 * it itself: a request waiting for a socket (a proxy's CONNECT that is never answered) emits no error
 * when destroyed until a socket arrives, which may be never.
 */
function send(lib: NodeHttp, agent: Agent, req: HttpRequest): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br', ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    let outgoing: ClientRequest;
    try {
      outgoing = lib.request(req.url, { method: req.method, headers, agent });
    } catch (err) {
      return reject(err);
    }
    const onAbort = () => {
      const err = abortError(req.signal);
      outgoing.destroy(err);
      reject(err);
    };
    req.signal.addEventListener('abort', onAbort, { once: true });
    outgoing.once('response', (response) => {
      req.signal.removeEventListener('abort', onAbort);
      resolve(response);
    });
    outgoing.once('error', (err) => {
      req.signal.removeEventListener('abort', onAbort);
      reject(err);
    });
    outgoing.end(req.body);
  });
}

/** What node:http itself throws for an aborted request. */
function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted', { cause: signal.reason }), { name: 'AbortError', code: 'ABORT_ERR' });
}

/** Reads the body up to `limit` bytes (after decoding), or fails; the signal still applies. */
async function readBody(response: IncomingMessage, limit: number, signal: AbortSignal): Promise<Buffer> {
  const encoding = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  const chunks: Buffer[] = [];
  let size = 0;
  const onAbort = () => response.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    // A compressed body is bounded twice: its own size here, its decoded size below.
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        response.destroy();
        throw new BodyTooLargeError(limit);
      }
      chunks.push(chunk);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  signal.throwIfAborted();
  const raw = Buffer.concat(chunks);
  if (!encoding || encoding === 'identity' || raw.length === 0) return raw;
  return decode(raw, encoding, limit);
}

async function decode(raw: Buffer, encoding: string, limit: number): Promise<Buffer> {
  const zlib = await import('node:zlib');
  const { promisify } = await import('node:util');
  const inflate =
    encoding === 'gzip' || encoding === 'x-gzip' ? zlib.gunzip : encoding === 'deflate' ? zlib.inflate : encoding === 'br' ? zlib.brotliDecompress : undefined;
  if (!inflate) return raw;
  try {
    return await promisify(inflate as (buf: Buffer, o: { maxOutputLength: number }, cb: (e: Error | null, r: Buffer) => void) => void)(raw, { maxOutputLength: limit });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new BodyTooLargeError(limit);
    throw err;
  }
}

/** A short, value-free description for --verbose: an error code, never a message that may echo a URL. */
function describe(err: unknown): string {
  const e = err as { code?: unknown; name?: string; cause?: { code?: unknown } };
  if (err instanceof ProxyConnectError) return `proxy ${err.proxyHost}: ${describe(err.cause)}`;
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return e?.name === 'AbortError' ? 'aborted' : (e?.name ?? 'failed');
}
