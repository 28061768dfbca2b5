// Where each profile's requests go (CONTRACT.md, "Where a credential may be sent"): the --base-url
// flag for its family; else the base URL the program owning the credential would use (its source
// records it: the store's own, else the environment's); else the provider's default. Nothing is sent to a URL that is not HTTPS (plain HTTP
// only to this machine), or that would cross a proxy on another host in clear text.

import type { InsecureBaseUrl } from './checks/types.js';
import { checkBaseUrl, insecureReason } from './net/base-url.js';
import { cleartextProxyReason, type ProxySettings } from './net/proxy.js';
import type { ProviderModule } from './providers/types.js';
import type { ProfileEndpoints } from './run.js';
import type { CredentialKind, Profile } from './types.js';

export function resolveEndpoints(
  profile: Profile,
  provider: ProviderModule,
  kind: CredentialKind,
  flags: Readonly<Record<string, string>>,
  proxy: ProxySettings | undefined,
): ProfileEndpoints {
  const families = provider.meta.families;
  const baseUrls: Record<string, string> = {};
  let problem: InsecureBaseUrl | undefined;
  const family = provider.familyOf(kind);
  for (const [name, spec] of Object.entries(families)) {
    const configured = (name === family ? profile.ownBaseUrl : undefined) ?? profile.baseUrls?.[name];
    let url = flags[name] ?? configured?.url ?? spec.default ?? undefined;
    if (!flags[name] && configured) {
      // The flag was checked when parsed; a configured URL is checked here, where it is used (one from
      // the environment was already a usage error before an online run: pipeline.ts).
      const checked = checkBaseUrl(configured.url, spec);
      if ('error' in checked) {
        if (name === family) {
          problem = {
            reason: `the base URL configured in ${configured.from} ${checked.error}`,
            hint: `Correct the base URL in ${configured.from}, or give one with --base-url ${name}=<url>.`,
          };
        }
        url = undefined;
      } else {
        url = checked.url;
      }
    }
    if (url) baseUrls[name] = url;
  }
  if (!family) return { baseUrls };
  const url = baseUrls[family];
  if (!url) {
    return { baseUrls, insecure: problem ?? { reason: 'no base URL is configured for this profile', hint: `Give it one, e.g. with --base-url ${family}=<url>.` } };
  }
  // Printable as it is: a flag or a configured URL is checkBaseUrl's output (no user info, no query).
  const endpoint = url !== families[family]?.default ? url : undefined;
  const insecure = insecurity(url, proxy);
  return { baseUrls, ...(endpoint ? { endpoint } : {}), ...(insecure ? { insecure } : {}) };
}

/** Plain HTTP to another host (the https:// hint fits), or to this machine through a proxy on another host. */
function insecurity(url: string, proxy: ProxySettings | undefined): InsecureBaseUrl | undefined {
  const plain = insecureReason(url);
  if (plain) return { reason: plain };
  const viaProxy = cleartextProxyReason(proxy, url);
  // A loopback URL: its host name is safe to print.
  return viaProxy ? { reason: viaProxy, hint: `Add ${new URL(url).hostname} to NO_PROXY: a server on this machine needs no proxy.` } : undefined;
}
