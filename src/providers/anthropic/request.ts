// One request to the Anthropic API, as plain HTTP through the run's client (src/net/http.ts), under
// the shared deadline, retry and cache of src/providers/exchange.ts, like every other provider.
// Not through @anthropic-ai/sdk: the SDK compiled 640 KB of code and loaded Node's fetch stack on
// every online run, built a client per credential, and read its settings from process.env. What it
// put on the wire is here: the API version, the credential, and the headers a gateway needs.

import { sendHttp, type Exchange } from '../exchange.js';
import type { ProbeContext } from '../types.js';

/** What @anthropic-ai/sdk 1.x sends (anthropic-api.md). */
export const ANTHROPIC_VERSION = '2026-10-21';
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
 * ANTHROPIC_CUSTOM_HEADERS of the run's environment ("Name: value" per line, as Claude Code and the
 * SDK read it): the headers a gateway may need still go out.
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
 * The headers that say who is asking, set on every request over any custom ones (null: none of that
 * name), so that the credential under test is the only one sent and the OAuth beta stays.
 */
export function authHeaders(cred: Credential, env: ProbeContext['env']): Record<string, string | null> {
  const headers: Record<string, string | null> = { authorization: `Bearer ${cred.value}`, 'x-api-key': null };
  if (cred.auth === 'oauth') return { ...headers, 'anthropic-beta': OAUTH_BETA };
  // Identity-linked API keys must name the workspace they act in.
  const workspace = env.ANTHROPIC_WORKSPACE_ID?.trim();
  return workspace ? { ...headers, 'anthropic-workspace-id': workspace } : headers;
}

function baseUrl(ctx: ProbeContext): string {
  return ctx.baseUrls.anthropic!.replace(/\/+$/, '');
}

/** Sends one request (at most twice, once per run); see exchange(). */
export function send(ctx: ProbeContext, cred: Credential, spec: RequestSpec): Promise<Exchange> {
  // Lower case, so that the credential's own headers below replace a custom one of the same name.
  const custom = Object.fromEntries(Object.entries(customHeaders(ctx.env)).map(([k, v]) => [k.toLowerCase(), v]));
  const headers: Record<string, string> = { ...custom, 'anthropic-version': ANTHROPIC_VERSION };
  for (const [k, v] of Object.entries(authHeaders(cred, ctx.env))) {
    if (v === null) delete headers[k];
    else headers[k] = v;
  }
  return sendHttp(ctx, {
    method: spec.method === 'get' ? 'GET' : 'POST',
    base: baseUrl(ctx),
    path: spec.path,
    headers,
    ...(spec.query ? { query: spec.query } : {}),
    ...(spec.body ? { body: spec.body } : {}),
  });
}

export type { Exchange };
