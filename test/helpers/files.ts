// Files a test lays out in its temporary HOME, and what a run must leave unchanged there.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes `content` (text as it is, anything else as JSON) to `rel` under `root`, making the folders. Returns the path. */
export function writeUnder(root: string, rel: string, content: unknown, mode = 0o600): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2), { mode });
  return file;
}

const OWN_CACHE = path.join('.cache', 'authdoctor', 'compile-cache');

/**
 * The one folder a run may write in a home: the compile cache of authdoctor's own code (README,
 * Privacy; bin/authdoctor.js). Snapshots of a home leave it out; anything else under .cache counts.
 */
export function isOwnCache(rel: string): boolean {
  return rel === OWN_CACHE || rel.startsWith(OWN_CACHE + path.sep);
}

/** The folders above it, which making it creates (or changes the mtime of): walked, their own mtime not kept. */
export function leadsToOwnCache(rel: string): boolean {
  return rel === '.cache' || rel === path.dirname(OWN_CACHE);
}

/** Every file under a directory (by relative path) with its hash and mtime, to prove a run wrote nothing. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (isOwnCache(path.relative(dir, p))) continue;
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) out.set(path.relative(dir, p), `${createHash('sha256').update(readFileSync(p)).digest('hex')} ${statSync(p).mtimeMs}`);
    }
  };
  walk(dir);
  return out;
}
