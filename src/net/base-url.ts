// A credential travels only over HTTPS, or plain HTTP to this machine itself (DESIGN.md).

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
    return `not a valid URL: ${baseUrl}`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  return `${url.protocol}//${url.host} is not HTTPS: a credential would travel in clear text`;
}
