import { readFileSync } from 'node:fs';

declare const __AUTHDOCTOR_VERSION__: string | undefined;

let cached: string | undefined = typeof __AUTHDOCTOR_VERSION__ === 'string' ? __AUTHDOCTOR_VERSION__ : undefined;

/**
 * The package version: written into the bundle by the build (scripts/build.mjs, from package.json),
 * read once from package.json beside dist/ when running from the sources (tests).
 */
export function version(): string {
  if (cached === undefined) {
    try {
      cached = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      cached = '0.0.0';
    }
  }
  return cached;
}
