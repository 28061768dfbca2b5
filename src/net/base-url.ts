// Where a credential may be sent (CONTRACT.md): only over HTTPS, or plain HTTP to this machine
// itself; never to a URL that carries a password, a query or a fragment.

import type { Family } from '../providers/types.js';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  // Not `*.localhost`: some resolvers send those names to DNS, and then to another machine.
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Returns a reason when the base URL must not receive a credential, else undefined. */
export function insecureReason(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return 'the base URL is not a valid URL';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  return `${url.protocol}//${url.host} is not HTTPS: a credential would travel in clear text`;
}

/**
 * A base URL as authdoctor accepts it: http(s), with a host, and nothing that does not belong in one
 * (a user name or password, a query, a fragment). Returns the URL without trailing slashes, or why
 * not; the reason never repeats the URL, which may hold a password.
 */
export function checkBaseUrl(text: string, family?: Pick<Family, 'versionInPaths'>): { url: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { error: 'is not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: 'must be an http:// or https:// URL' };
  if (!url.hostname) return { error: 'has no host name' };
  if (url.username || url.password) return { error: 'must not contain a user name or password' };
  if (url.search || text.includes('?')) return { error: 'must not contain a query (?…): a key in a URL ends up in logs' };
  if (url.hash || text.includes('#')) return { error: 'must not contain a fragment (#…)' };
  const path = url.pathname.replace(/\/+$/, '');
  // Anthropic's SDK adds /v1 itself: a base URL ending in it would request /v1/v1/models.
  const version = family?.versionInPaths;
  if (version && path.endsWith(version)) {
    return { error: `must not end in ${version}: the API paths already start with it (use ${url.origin}${path.slice(0, -version.length)})` };
  }
  return { url: url.origin + path };
}
