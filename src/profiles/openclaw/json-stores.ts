// The legacy JSON stores that openclaw before the SQLite move still reads at run time:
// per agent dir `auth-profiles.json` (+ `auth-state.json`), or `auth.json` when there is no
// usable auth-profiles.json; and `credentials/oauth.json` in the state dir.

import path from 'node:path';
import { describeReadFailure, displayPath, parseStoreJson, readStoreFile, type Loose } from '../files.js';
import type { LocatedCredential, StoreLayer } from './layers.js';
import type { ProblemList } from './problems.js';
import type { RefDefaults } from './ref-shape.js';
import { parseFlatStore, parseOAuthFile, parseProfileStore, parseUsage, type StoreParse } from './store-parse.js';

export interface JsonReadContext {
  home: string;
  problems: ProblemList;
  defaults?: RefDefaults;
}

interface JsonFile {
  value: unknown;
  loosePermissions?: string;
}

/** Reads and parses one JSON file; failures become problems, a missing file is just absent. */
export async function readJsonFile(file: string, rc: JsonReadContext): Promise<JsonFile | undefined> {
  const shown = displayPath(file, rc.home);
  const read = await readStoreFile(file);
  if (read.kind === 'missing') return undefined;
  if (read.kind !== 'ok') {
    rc.problems.add('unreadable_store', shown, describeReadFailure(read, 'a credential store'));
    return undefined;
  }
  const parsed = parseStoreJson(read.text);
  if (!parsed.ok) {
    rc.problems.add('malformed_store', shown, parsed.message);
    return undefined;
  }
  return read.loosePermissions ? { value: parsed.value, loosePermissions: read.loosePermissions } : { value: parsed.value };
}

/** Turns a parse result into a layer, reporting what openclaw would ignore or refuse. */
export function layerFromParse(
  parse: StoreParse,
  where: { shown: string; locate: (pointer: string, profileId: string) => string; loose?: Loose },
  problems: ProblemList,
): StoreLayer | undefined {
  if (parse.kind === 'malformed') {
    problems.add('malformed_store', where.shown, parse.message);
    return undefined;
  }
  if (parse.kind === 'unsupported') {
    problems.add('unsupported_store', where.shown, parse.message);
    return undefined;
  }
  for (const issue of parse.issues) problems.add('malformed_store', where.locate(issue.pointer, issue.profileId), issue.message);
  const credentials: LocatedCredential[] = parse.credentials.map((c) => ({
    ...c,
    location: where.locate(c.pointer, c.profileId),
    ...(where.loose ? { loose: where.loose } : {}),
  }));
  return { credentials, usage: parse.usage };
}

function jsonWhere(file: string, home: string, loosePermissions?: string) {
  const shown = displayPath(file, home);
  return { shown, locate: (pointer: string) => `${shown}#${pointer}`, ...(loosePermissions ? { loose: { mode: loosePermissions, files: [shown] } } : {}) };
}

/** The JSON stores of one agent dir, as the pre-SQLite openclaw reads them. */
export async function readAgentJsonStores(agentDir: string, rc: JsonReadContext): Promise<StoreLayer[]> {
  const storeFile = path.join(agentDir, 'auth-profiles.json');
  const legacyFile = path.join(agentDir, 'auth.json');
  const store = await readJsonFile(storeFile, rc);
  let layer: StoreLayer | undefined;
  if (store) {
    const where = jsonWhere(storeFile, rc.home, store.loosePermissions);
    layer = layerFromParse(parseProfileStore(store.value, { allowFlat: true, defaults: rc.defaults }), where, rc.problems);
  }
  const legacy = await readJsonFile(legacyFile, rc);
  if (legacy) {
    const where = jsonWhere(legacyFile, rc.home, legacy.loosePermissions);
    const legacyLayer = layerFromParse(parseFlatStore(legacy.value, rc.defaults), where, rc.problems);
    if (!layer) {
      layer = legacyLayer;
    } else if (legacyLayer && legacyLayer.credentials.length > 0) {
      // openclaw reads auth.json only when auth-profiles.json is unusable: this copy is dead.
      rc.problems.add(
        'plaintext_leftover',
        where.shown,
        'openclaw ignores this legacy file because auth-profiles.json exists, but it still holds secrets in plain text; delete it once openclaw works',
      );
    }
  }
  if (!layer) return [];
  const state = await readJsonFile(path.join(agentDir, 'auth-state.json'), rc);
  if (state) for (const [id, stats] of parseUsage(state.value)) layer.usage.set(id, stats);
  return [layer];
}

/** `<oauthDir>/oauth.json`: only fills `<provider>:default` ids the main store lacks. */
export async function readOAuthJson(oauthDir: string, rc: JsonReadContext): Promise<StoreLayer[]> {
  const file = path.join(oauthDir, 'oauth.json');
  const json = await readJsonFile(file, rc);
  if (!json) return [];
  const layer = layerFromParse(parseOAuthFile(json.value), jsonWhere(file, rc.home, json.loosePermissions), rc.problems);
  return layer ? [{ ...layer, fillOnly: true }] : [];
}
