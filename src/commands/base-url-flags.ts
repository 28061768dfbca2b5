// `--base-url <url>` (Anthropic's, as before) and `--base-url <family>=<url>`, repeatable.

import { checkBaseUrl } from '../net/base-url.js';
import { familySpecs } from '../providers/registry.js';
import { UsageError } from '../types.js';

/** The family a bare `--base-url <url>` is for (CONTRACT.md: a bare URL is Anthropic's). */
export const BARE_URL_FAMILY = 'anthropic';

/** Validated base URLs by family. Throws UsageError naming the flag, never the URL (it may hold a password). */
export function parseBaseUrlFlags(values: readonly string[] | Readonly<Record<string, string>>): Record<string, string> {
  const known = familySpecs();
  // Each with the flag as typed, for the error: `--base-url` alone, or with its `<family>=…`.
  const given: Array<{ family: string; url: string; flag: string }> = Array.isArray(values)
    ? values.map((v) => {
        if (/^https?:\/\//i.test(v.trim())) return { family: BARE_URL_FAMILY, url: v, flag: '--base-url' };
        const eq = v.indexOf('=');
        if (eq <= 0) throw new UsageError(`--base-url must be an http(s) URL or <family>=<url> (families: ${[...known.keys()].join(', ')})`);
        const family = v.slice(0, eq).trim();
        return { family, url: v.slice(eq + 1), flag: `--base-url ${family}=…` };
      })
    : Object.entries(values).map(([family, url]) => ({ family, url, flag: `--base-url ${family}=…` }));
  const out: Record<string, string> = {};
  for (const { family, url, flag } of given) {
    const spec = known.get(family);
    if (!spec) throw new UsageError(`--base-url: unknown family "${family}" (families: ${[...known.keys()].join(', ')})`);
    if (out[family] !== undefined) throw new UsageError(`--base-url: the ${family} family is given twice`);
    const checked = checkBaseUrl(url, spec);
    if ('error' in checked) throw new UsageError(`${flag} ${checked.error}`);
    out[family] = checked.url;
  }
  return out;
}
