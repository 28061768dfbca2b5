// An agent's effective profiles are several stores laid over each other, later ones winning per
// profile id, as openclaw merges them: the shared store under the agent's own, the SQLite
// stores over the legacy JSON files they replaced. Pure.

import type { Loose } from '../files.js';
import type { StoredCredential, UsageStats } from './store-parse.js';

export interface LocatedCredential extends StoredCredential {
  /** Display location: the store file with `~`, plus `#` and where the entry is inside it. */
  location: string;
  /** The file(s) holding the literal secret, when group or others may read them (a SQLite store's `-wal` too). */
  loose?: Loose;
}

export interface StoreLayer {
  credentials: LocatedCredential[];
  usage: Map<string, UsageStats>;
  /** oauth.json only fills profile ids the store below does not already have. */
  fillOnly?: boolean;
}

export interface EffectiveCredential {
  credential: LocatedCredential;
  usage?: UsageStats;
  /** Locations of entries with the same id that this one overrides. */
  overrides: string[];
}

export function mergeLayers(layers: StoreLayer[]): Map<string, EffectiveCredential> {
  const merged = new Map<string, EffectiveCredential>();
  const usage = new Map<string, UsageStats>();
  for (const layer of layers) {
    for (const credential of layer.credentials) {
      const below = merged.get(credential.profileId);
      if (below && layer.fillOnly) continue;
      const overrides = below ? [...below.overrides, below.credential.location] : [];
      merged.set(credential.profileId, { credential, overrides });
    }
    for (const [id, stats] of layer.usage) usage.set(id, stats);
  }
  for (const [id, effective] of merged) {
    const stats = usage.get(id);
    if (stats) effective.usage = stats;
  }
  return merged;
}
