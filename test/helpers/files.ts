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

/**
 * The one folder a run may write in a home: the compile cache of authdoctor's own code (README,
 * Privacy), ~/.cache/authdoctor/ (bin/authdoctor.js). Snapshots of a home leave it out, and `.cache`
 * itself, whose mtime changes when that folder is made; anything else under .cache still counts.
 */
export function isOwnCache(rel: string): boolean {
  return rel === '.cache' || rel === path.join('.cache', 'authdoctor') || rel.startsWith(path.join('.cache', 'authdoctor') + path.sep);
}

/** Every file under a directory (by relative path) with its hash and mtime, to prove a run wrote nothing. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (isOwnCache(path.relative(dir, p)) && entry.name !== '.cache') continue;
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) out.set(path.relative(dir, p), `${createHash('sha256').update(readFileSync(p)).digest('hex')} ${statSync(p).mtimeMs}`);
    }
  };
  walk(dir);
  return out;
}
