// `openclaw doctor --fix` renames each migrated JSON store to `<name>.migrated-<time>-<uuid>`.
// Those archives are not used any more but still hold the secrets in plain text, so a triage
// report points them out. Only names are looked at: the files are never opened.

import { readdir } from 'node:fs/promises';
import path from 'node:path';

const MIGRATED = /\.migrated-/;
/** Agent dirs hold little; the depth bound keeps a stray symlink or deep tree from mattering. */
const MAX_DEPTH = 2;

async function walk(dir: string, depth: number, found: Set<string>): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && MIGRATED.test(entry.name)) found.add(full);
    // Session transcripts can be huge and hold no stores.
    else if (entry.isDirectory() && depth < MAX_DEPTH && entry.name !== 'sessions') await walk(full, depth + 1, found);
  }
}

/** Every `*.migrated-*` file in the given dirs (and their subdirs, a little way down). */
export async function findMigratedArchives(dirs: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const dir of new Set(dirs)) await walk(dir, 0, found);
  return [...found].sort();
}
