// Where each profile's requests go (CONTRACT.md, "Where a credential may be sent"): the --base-url
// flag for its family; else the base URL the program owning the credential would use (its source
// records it: the store's own, else the environment's); else the provider's default. Nothing is sent to a URL that is not HTTPS (plain HTTP
// only to this machine), or that would cross a proxy on another host in clear text.

import { checkBaseUrl, displayUrl, insecureReason } from './net/base-url.js';
import { cleartextProxyReason, type ProxySettings } from './net/proxy.js';
import type { ProviderModule } from './providers/types.js';
import type { ProfileEndpoints } from './run.js';
import { UsageError, type CredentialKind, type Profile } from './types.js';

export function resolveEndpoints(
  profile: Profile,
  provider: ProviderModule,
  kind: CredentialKind,
  flags: Readonly<Record<string, string>>,
  proxy: ProxySettings | undefined,
): ProfileEndpoints {
  const families = provider.meta.families;
  const baseUrls: Record<string, string> = {};
  let problem: string | undefined;
  const family = provider.familyOf(kind);
  for (const [name, spec] of Object.entries(families)) {
    const configured = (name === family ? profile.ownBaseUrl : undefined) ?? profile.baseUrls?.[name];
    let url = flags[name] ?? configured?.url ?? spec.default ?? undefined;
    if (!flags[name] && configured) {
      // The flag was checked when parsed; a configured URL is checked here, where it is used.
      const checked = checkBaseUrl(configured.url, spec);
      if ('error' in checked) {
        if (configured.env) throw new UsageError(`${configured.from} ${checked.error}`);
        if (name === family) problem = `the base URL configured in ${configured.from} ${checked.error}`;
        url = undefined;
      } else {
        url = checked.url;
      }
    }
    if (url) baseUrls[name] = url;
  }
  if (!family) return { baseUrls };
  const url = baseUrls[family];
  if (!url) return { baseUrls, insecure: problem ?? `no base URL is configured for this profile (give it one, e.g. with --base-url ${family}=<url>)` };
  const endpoint = url !== families[family]?.default ? displayUrl(url) : undefined;
  const insecure = insecureReason(url) ?? cleartextProxyReason(proxy, url);
  return { baseUrls, ...(endpoint ? { endpoint } : {}), ...(insecure ? { insecure } : {}) };
}
