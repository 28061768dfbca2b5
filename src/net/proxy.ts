// HTTPS_PROXY / HTTP_PROXY / NO_PROXY. Node 20's built-in fetch ignores them, so behind a corporate
// proxy every request would fail as a network error. When a proxy variable is set, undici's
// EnvHttpProxyAgent becomes the dispatcher of the one fetch (src/net/http.ts); undici is loaded only
// then, so runs without a proxy do not pay for it at start-up.

import { isLoopbackHost } from './base-url.js';

export interface ProxyInfo {
  /** Whether requests to the base URL go through a proxy (a variable applies and NO_PROXY does not exclude the host). */
  used: boolean;
  /** The proxy variables that were set (names only: their values may hold a password). */
  variables: string[];
}

const VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'] as const;

type Env = Record<string, string | undefined>;

function value(env: Env, upper: string): string | undefined {
  // Lower case wins, as in curl and undici.
  return env[upper.toLowerCase()] || env[upper] || undefined;
}

/** The proxy URL that applies to this scheme, as undici's EnvHttpProxyAgent picks it. */
function proxyFor(env: Env, protocol: string): string | undefined {
  const http = value(env, 'HTTP_PROXY');
  return protocol === 'https:' ? (value(env, 'HTTPS_PROXY') ?? http) : http;
}

/** NO_PROXY as undici reads it: `*`, host names (a leading `.` or `*.` matches subdomains), optional `:port`. */
export function excludedByNoProxy(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry)!;
    const name = m[1]!.replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
    if (m[2] && m[2] !== port) continue;
    if (host === name || host.endsWith('.' + name)) return true;
  }
  return false;
}

/** Which proxy variables are set, and whether one applies to `baseUrl`. Undefined when none is set. */
export function proxyInfo(env: Env, baseUrl: string): ProxyInfo | undefined {
  const variables = VARIABLES.filter((name) => env[name]);
  if (!variables.some((v) => !/no_proxy/i.test(v))) return undefined;
  let used = false;
  try {
    const url = new URL(baseUrl);
    used = proxyFor(env, url.protocol) !== undefined && !excludedByNoProxy(url, value(env, 'NO_PROXY'));
  } catch {
    used = false;
  }
  return { used, variables };
}

/** An undici dispatcher that honours the proxy variables of `env`, or undefined when none is set. */
export async function proxyDispatcher(env: Env): Promise<unknown> {
  const http = value(env, 'HTTP_PROXY');
  const https = value(env, 'HTTPS_PROXY');
  if (!http && !https) return undefined;
  const { EnvHttpProxyAgent } = await import('undici');
  const noProxy = value(env, 'NO_PROXY');
  // Values passed explicitly: the env a run was given may not be process.env (tests, the demo).
  return new EnvHttpProxyAgent({
    ...(http ? { httpProxy: http } : {}),
    ...(https ? { httpsProxy: https } : {}),
    ...(noProxy ? { noProxy } : {}),
  });
}

/**
 * Plain HTTP is allowed only to this machine (DESIGN.md); through a proxy on another host the
 * credential would cross the network in clear text. Returns why nothing may be sent, else undefined.
 */
export function cleartextProxyReason(env: Env, baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' || !proxyInfo(env, baseUrl)?.used) return undefined;
  const proxy = proxyFor(env, url.protocol)!;
  let proxyHost: string;
  try {
    proxyHost = new URL(proxy).hostname;
  } catch {
    proxyHost = '';
  }
  if (isLoopbackHost(proxyHost)) return undefined;
  // The proxy's name only: its URL may carry a password.
  return `the plain-HTTP base URL would go through the HTTP proxy${proxyHost ? ` (${proxyHost})` : ''}: a credential would travel in clear text`;
}
