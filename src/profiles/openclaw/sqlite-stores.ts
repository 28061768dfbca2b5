// openclaw's SQLite stores (2026.8 and later). The state database `state/openclaw.sqlite` says
// who owns the shared store (`auth.sharedStore` in config_machine_state): `state-db` keeps it in
// that database's `authProfiles.store`/`authProfiles.state` rows; absent or `legacy-main` keeps
// it in the main agent's `openclaw-agent.sqlite`. Every agent database may hold the agent's own
// store in `auth_profile_store`/`auth_profile_state`, row `primary`. The state database also
// registers agent databases in `agent_databases`.

import path from 'node:path';
import { displayPath, parseStoreJson, type Loose } from '../files.js';
import { layerFromParse } from './json-stores.js';
import type { StoreLayer } from './layers.js';
import type { ProblemList } from './problems.js';
import type { RefDefaults } from './ref-shape.js';
import { openSqliteSnapshot, SqliteReadError, type SqliteSnapshot } from './sqlite-reader.js';
import { parseProfileStore, parseUsage } from './store-parse.js';

export interface SqliteReadContext {
  home: string;
  problems: ProblemList;
  defaults?: RefDefaults;
}

export type SharedOwnership = 'state-db' | 'legacy-main';

export interface StateDatabase {
  ownership: SharedOwnership;
  /** The shared store, when the state database owns it. */
  shared?: StoreLayer;
  /** Agent id → database path, from `agent_databases`. */
  agentDatabases: Array<{ agentId: string; path: string }>;
}

interface Cell {
  /** e.g. `authProfiles.store` or `auth_profile_store`: shown after `#` in locations. */
  label: string;
  text: string | undefined;
}

/** Opens a database, runs `read`, and turns any failure into a problem naming the file. */
async function withDatabase<T>(file: string, rc: SqliteReadContext, read: (db: SqliteSnapshot, loose?: Loose) => T): Promise<T | undefined> {
  const shown = displayPath(file, rc.home);
  const opened = await openSqliteSnapshot(file);
  if (opened.kind === 'missing') return undefined;
  if (opened.kind === 'unreadable') {
    rc.problems.add('unreadable_store', shown, opened.message);
    return undefined;
  }
  if (opened.kind === 'malformed') {
    rc.problems.add('malformed_store', shown, `not a readable SQLite database: ${opened.message}`);
    return undefined;
  }
  try {
    const loose = opened.loose && { mode: opened.loose.mode, files: opened.loose.files.map((f) => displayPath(f, rc.home)) };
    return read(opened.db, loose);
  } catch (err) {
    if (!(err instanceof SqliteReadError)) throw err;
    rc.problems.add('malformed_store', shown, `not a readable SQLite database: ${err.message}`);
    return undefined;
  } finally {
    opened.db.close();
  }
}

function textCell(rows: Record<string, unknown>[], column: string): string | undefined {
  const value = rows[0]?.[column];
  return typeof value === 'string' ? value : undefined;
}

/** Parses a store cell and its state cell into a layer (or problems). */
function layerFromCells(file: string, store: Cell, state: Cell, loose: Loose | undefined, rc: SqliteReadContext): StoreLayer | undefined {
  if (store.text === undefined) return undefined;
  const shown = displayPath(file, rc.home);
  const cellShown = `${shown}#${store.label}`;
  const parsed = parseStoreJson(store.text);
  if (!parsed.ok) {
    rc.problems.add('malformed_store', cellShown, parsed.message);
    return undefined;
  }
  const where = {
    shown: cellShown,
    locate: (_pointer: string, profileId: string) => `${cellShown}/${profileId}`,
    ...(loose ? { loose } : {}),
  };
  const layer = layerFromParse(parseProfileStore(parsed.value, { allowFlat: false, defaults: rc.defaults }), where, rc.problems);
  if (!layer || state.text === undefined) return layer;
  const stateParsed = parseStoreJson(state.text);
  if (!stateParsed.ok) {
    // Cooldown notes are a nicety; a broken state cell does not hide the credentials.
    rc.problems.add('malformed_store', `${shown}#${state.label}`, stateParsed.message);
    return layer;
  }
  for (const [id, stats] of parseUsage(stateParsed.value)) layer.usage.set(id, stats);
  return layer;
}

function parseOwnership(text: string | undefined, where: string, problems: ProblemList): SharedOwnership | 'invalid' {
  if (text === undefined) return 'legacy-main';
  const parsed = parseStoreJson(text);
  const value = parsed.ok ? parsed.value : undefined;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1) {
    const location = (value as { location?: unknown }).location;
    if (location === 'state-db' || location === 'legacy-main') return location;
  }
  problems.add('malformed_store', where, 'the shared auth store location is invalid; openclaw asks for `openclaw doctor --fix`');
  return 'invalid';
}

export async function readStateDatabase(file: string, rc: SqliteReadContext): Promise<StateDatabase> {
  const shown = displayPath(file, rc.home);
  const result = await withDatabase(file, rc, (db, loose): StateDatabase => {
    // An agent may have several rows (one per path it used); oldest first, so the newest wins.
    const agentDatabases = db.hasTable('agent_databases')
      ? db
          .all('SELECT * FROM agent_databases')
          .filter((r) => typeof r.agent_id === 'string' && typeof r.path === 'string')
          .sort((a, b) => Number(a.last_seen_at ?? 0) - Number(b.last_seen_at ?? 0))
          .map((r) => ({ agentId: r.agent_id as string, path: r.path as string }))
      : [];
    if (!db.hasTable('config_machine_state')) return { ownership: 'legacy-main', agentDatabases };
    const value = (key: string) => textCell(db.all('SELECT value_json FROM config_machine_state WHERE state_key = ?', [key]), 'value_json');
    const ownership = parseOwnership(value('auth.sharedStore'), `${shown}#auth.sharedStore`, rc.problems);
    const storeText = value('authProfiles.store');
    // With an invalid marker, show the state-db store if there is one rather than nothing.
    if (ownership === 'legacy-main' || (ownership === 'invalid' && storeText === undefined)) {
      return { ownership: 'legacy-main', agentDatabases };
    }
    const shared = layerFromCells(
      file,
      { label: 'authProfiles.store', text: storeText },
      { label: 'authProfiles.state', text: value('authProfiles.state') },
      loose,
      rc,
    );
    return shared ? { ownership: 'state-db', shared, agentDatabases } : { ownership: 'state-db', agentDatabases };
  });
  return result ?? { ownership: 'legacy-main', agentDatabases: [] };
}

/** An agent database's own store (`openclaw-agent.sqlite`), or undefined. */
export async function readAgentDatabase(file: string, rc: SqliteReadContext): Promise<StoreLayer | undefined> {
  const layer = await withDatabase(file, rc, (db, loose) => {
    const cell = (table: string, keyColumn: string, valueColumn: string): Cell => ({
      label: table,
      text: db.hasTable(table)
        ? textCell(db.all(`SELECT ${valueColumn} FROM ${table} WHERE ${keyColumn} = 'primary'`), valueColumn)
        : undefined,
    });
    return layerFromCells(
      file,
      cell('auth_profile_store', 'store_key', 'store_json'),
      cell('auth_profile_state', 'state_key', 'state_json'),
      loose,
      rc,
    );
  });
  return layer ?? undefined;
}

/** Paths in `agent_databases` are relative to the state dir unless absolute. */
export function agentDatabasePath(stateDir: string, registered: string): string {
  return path.isAbsolute(registered) ? registered : path.join(stateDir, registered);
}
