// `--base-url <url>` (Anthropic's, as before) and `--base-url <family>=<url>`, repeatable.

import { checkBaseUrl } from '../net/base-url.js';
import { PROVIDER_METAS } from '../providers/registry.js';
import type { Family } from '../providers/types.js';
import { UsageError } from '../types.js';

function families(): Map<string, Family> {
  return new Map(PROVIDER_METAS.flatMap((p) => Object.entries(p.families)));
}

/** Validated base URLs by family. Throws UsageError naming the flag, never the URL (it may hold a password). */
export function parseBaseUrlFlags(values: readonly string[] | Readonly<Record<string, string>>): Record<string, string> {
  const known = families();
  const pairs: Array<[string, string]> = Array.isArray(values)
    ? values.map((v) => {
        if (/^https?:\/\//i.test(v.trim())) return ['anthropic', v];
        const eq = v.indexOf('=');
        if (eq <= 0) throw new UsageError(`--base-url must be an http(s) URL or <family>=<url> (families: ${[...known.keys()].join(', ')})`);
        return [v.slice(0, eq).trim(), v.slice(eq + 1)];
      })
    : Object.entries(values);
  const out: Record<string, string> = {};
  for (const [family, url] of pairs) {
    const spec = known.get(family);
    if (!spec) throw new UsageError(`--base-url: unknown family "${family}" (families: ${[...known.keys()].join(', ')})`);
    if (out[family] !== undefined) throw new UsageError(`--base-url: the ${family} family is given twice`);
    const checked = checkBaseUrl(url, spec);
    if ('error' in checked) throw new UsageError(`--base-url ${family === 'anthropic' && !url.includes('=') ? '' : `${family}=… `}${checked.error}`.replace('  ', ' '));
    out[family] = checked.url;
  }
  return out;
}
