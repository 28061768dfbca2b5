// One request to the Anthropic API through the real SDK, with the credential passed explicitly and
// every byte carried by the run's HTTP client (src/net/http.ts), under the shared deadline, retry
// and cache of src/providers/exchange.ts.

import type { BaseAnthropic } from '@anthropic-ai/sdk/client';
import type { HttpClient, ResponseHeaders } from '../../net/http.js';
import { headerEntries } from '../../net/light-headers.js';
import { exchange, type Exchange } from '../exchange.js';
import type { ProbeContext } from '../types.js';

export const OAUTH_BETA = 'oauth-2025-04-20';

/** How a credential authenticates: API and admin keys as keys, OAuth and setup tokens as bearer tokens. */
export type AuthStyle = 'key' | 'oauth';

export interface Credential {
  value: string;
  auth: AuthStyle;
}

export interface RequestSpec {
  method: 'get' | 'post';
  path: string;
  query?: Record<string, string | number>;
  body?: Record<string, unknown>;
}

/**
 * ANTHROPIC_CUSTOM_HEADERS of the run's environment, parsed as the SDK parses it ("Name: value" per
 * line). The bundled SDK reads no environment of its own (scripts/build.mjs), so the headers a
 * gateway needs still go out, from the environment the run was given.
 */
export function customHeaders(env: ProbeContext['env']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of (env.ANTHROPIC_CUSTOM_HEADERS?.trim() ?? '').split('\n')) {
    const colon = line.indexOf(':');
    if (colon >= 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * The headers that say who is asking, set on every request. Per-request headers come after the
 * default (custom) ones, so setting these here keeps the credential under test the only one sent
 * and keeps the OAuth beta.
 */
export function authHeaders(cred: Credential, env: ProbeContext['env']): Record<string, string | null> {
  const headers: Record<string, string | null> = { authorization: `Bearer ${cred.value}`, 'x-api-key': null };
  if (cred.auth === 'oauth') return { ...headers, 'anthropic-beta': OAUTH_BETA };
  // Identity-linked API keys must name the workspace they act in; the SDK does not read this variable.
  const workspace = env.ANTHROPIC_WORKSPACE_ID?.trim();
  return workspace ? { ...headers, 'anthropic-workspace-id': workspace } : headers;
}

/**
 * What the SDK reads of a fetch Response (status, headers, url, the body as JSON or text), over the
 * bytes the run's client has already read and bounded. A web Response would copy them into a web
 * stream only for the SDK to read them back out: measurable CPU per request at scale.
 */
export interface SdkResponse {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  headers: ResponseHeaders;
  body: null;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

export function sdkResponse(url: URL, status: number, headers: ResponseHeaders, body: Buffer): SdkResponse {
  const text = () => body.toString('utf8');
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    url: url.href,
    headers,
    body: null,
    json: async () => JSON.parse(text()) as unknown,
    text: async () => text(),
  };
}

/** The SDK speaks fetch; this fetch is the run's HTTP client, so the SDK's requests obey its rules. */
export function sdkFetch(http: HttpClient): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    // Whatever HeadersInit the SDK passes: a Headers object (the bundle's light one), pairs or a record.
    const headers = Object.fromEntries(headerEntries(init?.headers as Parameters<typeof headerEntries>[0]).map(([k, v]) => [k.toLowerCase(), v]));
    const res = await http.request({
      method: (init?.method ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET',
      url,
      headers,
      // The exchange always passes its deadline; the SDK never sends without one.
      signal: init?.signal ?? AbortSignal.abort(),
      ...(typeof init?.body === 'string' ? { body: init.body } : {}),
    });
    return sdkResponse(url, res.status, res.headers, res.body);
  }) as unknown as typeof fetch;
}

function baseUrl(ctx: ProbeContext): string {
  return ctx.baseUrls.anthropic!.replace(/\/+$/, '');
}

/**
 * One SDK client per base URL, for every credential: the credential under test travels only in each
 * request's own headers (authHeaders), which the SDK puts last. The client's own key is a stand-in
 * that those headers always replace: a client made without one would look for credentials in
 * profile and config files, and one client per credential cost a construction per profile.
 */
const STAND_IN_KEY = 'authdoctor-sends-the-credential-per-request';

function client(ctx: ProbeContext): Promise<BaseAnthropic> {
  const key = baseUrl(ctx);
  let c = ctx.clients.get(key) as Promise<BaseAnthropic> | undefined;
  if (!c) {
    c = import('@anthropic-ai/sdk/client').then(
      ({ BaseAnthropic: SDK }) =>
        new SDK({
          apiKey: STAND_IN_KEY,
          baseURL: baseUrl(ctx),
          maxRetries: 0,
          timeout: ctx.timeoutMs,
          fetch: sdkFetch(ctx.http),
          logLevel: 'off',
          defaultHeaders: customHeaders(ctx.env),
        }),
    );
    ctx.clients.set(key, c);
  }
  return c;
}

/** Sends one request (at most twice, once per run); see exchange(). */
export async function send(ctx: ProbeContext, cred: Credential, spec: RequestSpec): Promise<Exchange> {
  const key = JSON.stringify(['anthropic', baseUrl(ctx), spec.method, spec.path, spec.query ?? null, spec.body ?? null, cred.auth, cred.value]);
  // Loading the SDK (the first time, ~100 ms) is not the request's time: it happens before the clock starts.
  const sdk = await client(ctx);
  return exchange(ctx, key, async (signal) => {
    const options = {
      signal,
      timeout: ctx.timeoutMs,
      headers: { accept: 'application/json', ...authHeaders(cred, ctx.env) },
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.body ? { body: spec.body } : {}),
    };
    const { data, response, request_id } = await (spec.method === 'get' ? sdk.get(spec.path, options) : sdk.post(spec.path, options)).withResponse();
    const date = response.headers.get('date');
    return { status: response.status, data, headers: response.headers, ...(request_id ? { requestId: request_id } : {}), ...(date ? { date } : {}) };
  });
}

export type { Exchange };
