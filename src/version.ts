import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The package version, read once from package.json beside dist/. */
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
