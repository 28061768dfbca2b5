// HTTPS_PROXY / HTTP_PROXY / NO_PROXY, read from the run's environment. Node 20's http clients
// ignore them, so behind a corporate proxy every request would fail as a network error. When a
// proxy applies to a URL, the request goes through an agent of https-proxy-agent (CONNECT tunnel)
// or http-proxy-agent; both are loaded only then, so runs without a proxy do not pay for them.

import type { Agent } from 'node:http';
import { UsageError } from '../types.js';
import { isLoopbackHost } from './base-url.js';

type Env = Record<string, string | undefined>;

export interface ProxyInfo {
  /** Whether requests of this run go through a proxy (a variable applies and NO_PROXY does not exclude the host). */
  used: boolean;
  /** The proxy variables that were set (names only: their values may hold a password). */
  variables: string[];
}

/** The proxy variables of a run, parsed once. */
export interface ProxySettings {
  http?: URL;
  https?: URL;
  noProxy?: string;
  variables: string[];
}

const VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'] as const;

/** Lower case wins, as in curl and undici. Returns the variable's name with its value. */
function pick(env: Env, upper: string): { name: string; value: string } | undefined {
  for (const name of [upper.toLowerCase(), upper]) if (env[name]) return { name, value: env[name]! };
  return undefined;
}

/**
 * A proxy URL as curl reads it: `host:port` without a scheme means `http://host:port`. Anything that is
 * not an http(s) proxy is a usage error naming the variable (never its value: it may hold a password).
 */
function parseProxy(name: string, value: string): URL {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? value.trim() : `http://${value.trim()}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${name} is not a valid proxy URL (expected http://host:port)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${name}: only http:// and https:// proxies are supported, not ${url.protocol}//`);
  }
  if (!url.hostname) throw new UsageError(`${name} is not a valid proxy URL (expected http://host:port)`);
  return url;
}

/** The run's proxy settings, or undefined when no proxy variable is set. Throws UsageError on a bad one. */
export function proxySettings(env: Env): ProxySettings | undefined {
  const variables = VARIABLES.filter((name) => env[name]);
  const http = pick(env, 'HTTP_PROXY');
  const https = pick(env, 'HTTPS_PROXY');
  if (!http && !https) return variables.length ? { variables } : undefined;
  const settings: ProxySettings = { variables };
  if (http) settings.http = parseProxy(http.name, http.value);
  if (https) settings.https = parseProxy(https.name, https.value);
  const noProxy = pick(env, 'NO_PROXY');
  if (noProxy) settings.noProxy = noProxy.value;
  return settings;
}

/** NO_PROXY as curl and undici read it: `*`, host names (a leading `.` or `*.` matches subdomains), optional `:port`. */
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

/** The proxy a request to `url` goes through, or undefined when it goes directly. */
export function proxyFor(settings: ProxySettings, url: URL): URL | undefined {
  const proxy = url.protocol === 'https:' ? (settings.https ?? settings.http) : settings.http;
  return proxy && !excludedByNoProxy(url, settings.noProxy) ? proxy : undefined;
}

/** For the report: which variables were set, and whether any of these base URLs used a proxy. */
export function proxyInfo(settings: ProxySettings | undefined, baseUrls: readonly string[]): ProxyInfo | undefined {
  if (!settings || !settings.variables.some((v) => !/no_proxy/i.test(v))) return undefined;
  const used = baseUrls.some((b) => {
    try {
      return proxyFor(settings, new URL(b)) !== undefined;
    } catch {
      return false;
    }
  });
  return { used, variables: settings.variables };
}

/** A CommonJS package's export, as Node's and esbuild's ESM interop each present it. */
function exported<T>(mod: Record<string, unknown>, name: string): T {
  return (mod[name] ?? (mod.default as Record<string, unknown>)[name]) as T;
}

/**
 * `closed` ends every connection to the proxy, including one still waiting for the CONNECT answer:
 * the agents hand their options to net.connect / tls.connect, which honour a signal, while the agent
 * itself tracks no socket until the tunnel is up (so its destroy() cannot reach that one).
 */
export async function proxyAgent(proxy: URL, protocol: string, closed: AbortSignal): Promise<Agent> {
  if (protocol === 'https:') {
    const Https = exported<typeof import('https-proxy-agent').HttpsProxyAgent>(await import('https-proxy-agent'), 'HttpsProxyAgent');
    return new Https(proxy, { keepAlive: true, signal: closed }) as unknown as Agent;
  }
  const Http = exported<typeof import('http-proxy-agent').HttpProxyAgent>(await import('http-proxy-agent'), 'HttpProxyAgent');
  return new Http(proxy, { keepAlive: true, signal: closed }) as unknown as Agent;
}

/**
 * Plain HTTP is allowed only to this machine (DESIGN.md); through a proxy on another host the
 * credential would cross the network in clear text. Returns why nothing may be sent, else undefined.
 */
export function cleartextProxyReason(settings: ProxySettings | undefined, baseUrl: string): string | undefined {
  if (!settings) return undefined;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:') return undefined;
  const proxy = proxyFor(settings, url);
  if (!proxy || isLoopbackHost(proxy.hostname)) return undefined;
  // The proxy's name only: its URL may carry a password.
  return `the plain-HTTP base URL would go through the HTTP proxy (${proxy.hostname}): a credential would travel in clear text`;
}
