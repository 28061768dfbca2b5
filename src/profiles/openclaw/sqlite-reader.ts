// Reads a SQLite database that another program (openclaw) may be writing right now, without
// ever writing anything: no lock, no `-shm`, no `-wal`, no journal, no checkpoint. The files
// are read as plain bytes, the committed `-wal` frames are laid over the main file in memory
// (sqlite-wal.ts), and the image is queried with sql.js, a WebAssembly SQLite that installs
// without a compiler or a download. sql.js is loaded on first use only, so commands that never
// read openclaw do not pay for it.

import { readFile } from 'node:fs/promises';
import type { Database, SqlJsStatic } from 'sql.js';
import { setV8Flags } from '../../process-owner.js';
import { describeReadFailure, loosePermissions, readFileBytes, type Loose } from '../files.js';
import { applyWal, WalMismatchError } from './sqlite-wal.js';

/** openclaw's state database also holds sessions; allow it room, but not unbounded memory. */
export const MAX_SQLITE_BYTES = 512 * 1024 * 1024;

/** A consistent, read-only, in-memory copy of a database as of its last committed transaction. */
export interface SqliteSnapshot {
  hasTable(name: string): boolean;
  /** Runs a read query; throws SqliteReadError when the image is not a usable database. */
  all(sql: string, params?: unknown[]): Record<string, unknown>[];
  close(): void;
}

export type SqliteOpenResult =
  /** `loose.files`: the files readable by group or others (the database, its `-wal`, or both). */
  | { kind: 'ok'; db: SqliteSnapshot; loose?: Loose }
  | { kind: 'missing' }
  | { kind: 'unreadable'; message: string }
  | { kind: 'malformed'; message: string };

export class SqliteReadError extends Error {
  override name = 'SqliteReadError';
}

type BytesRead = { kind: 'ok'; bytes: Uint8Array; mode: number } | { kind: 'missing' } | { kind: 'unreadable'; message: string };

/** readFileBytes, with every failure but a missing file said in words. */
async function readBytes(file: string, maxBytes: number): Promise<BytesRead> {
  const read = await readFileBytes(file, maxBytes);
  return read.kind === 'ok' || read.kind === 'missing' ? read : { kind: 'unreadable', message: describeReadFailure(read, 'a credential store') };
}

function sameWal(a: BytesRead, b: BytesRead): boolean {
  if (a.kind !== 'ok' || b.kind !== 'ok') return a.kind === b.kind;
  // The header carries the salts and checkpoint sequence: if it is unchanged, the log was not
  // restarted in between, so every page a checkpoint copied into the main file while we read
  // it is still in the second copy of the log and gets laid over the main file again.
  return Buffer.compare(Buffer.from(a.bytes.subarray(0, 32)), Buffer.from(b.bytes.subarray(0, 32))) === 0;
}

/**
 * The WebAssembly file's name in dist/, set by scripts/build.mjs, which copies it there: bundled,
 * sql.js's script no longer sits beside its .wasm. Undefined when src/ runs as is (tests), where
 * sql.js finds its own.
 */
declare const __AUTHDOCTOR_SQL_WASM__: string | undefined;

let sqlJs: Promise<SqlJsStatic> | undefined;
function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= (async () => {
    // V8's optimizing WebAssembly tier compiled SQLite's hot functions a second time: on an openclaw
    // state database of 2.7 MB, peak RSS 90 -> 61 MB and CPU 0.28 -> 0.13 s with the baseline
    // compiler alone, for a handful of small queries. Set at run time, Node 24's V8 no longer heeds
    // --liftoff-only; a tier-up budget no query here exhausts keeps the baseline tier there: 94 -> 70
    // MB, 0.17 -> 0.11 s. (--no-wasm-lazy-compilation looked better still, but on Node 24 sql.js then
    // never finished loading.) Both flags exist in Node 20 to 24's V8: an unknown one would print an
    // error. A V8 flag is process-wide: the command line sets them, the library leaves its host's
    // WebAssembly alone (setV8Flags).
    await setV8Flags('--liftoff-only', '--wasm-tiering-budget=100000000');
    const [{ default: init }, wasmBinary] = await Promise.all([
      import('sql.js'),
      typeof __AUTHDOCTOR_SQL_WASM__ === 'string' ? readFile(new URL(__AUTHDOCTOR_SQL_WASM__, import.meta.url)) : undefined,
    ]);
    return init(wasmBinary ? { wasmBinary } : {});
  })();
  return sqlJs;
}

/** Takes a consistent snapshot of `file` (plus `file-wal`) and opens it in memory. */
export async function openSqliteSnapshot(file: string, maxBytes = MAX_SQLITE_BYTES): Promise<SqliteOpenResult> {
  const walFile = `${file}-wal`;
  let main: BytesRead = { kind: 'missing' };
  let wal: BytesRead = { kind: 'missing' };
  // Read the log before and after the main file; retry if a writer restarted it in between.
  for (let attempt = 0; attempt < 5; attempt++) {
    const walBefore = await readBytes(walFile, maxBytes);
    main = await readBytes(file, maxBytes);
    if (main.kind !== 'ok') break;
    wal = await readBytes(walFile, maxBytes);
    if (sameWal(walBefore, wal)) break;
  }
  if (main.kind !== 'ok') return main;
  if (wal.kind === 'unreadable') return { kind: 'unreadable', message: `its -wal file: ${wal.message}` };

  let image: Uint8Array;
  try {
    image = applyWal(main.bytes, wal.kind === 'ok' ? wal.bytes : null, maxBytes);
  } catch (err) {
    if (err instanceof WalMismatchError) return { kind: 'malformed', message: err.message };
    throw err;
  }

  let SQL: SqlJsStatic;
  try {
    SQL = await loadSqlJs();
  } catch (err) {
    sqlJs = undefined;
    return { kind: 'unreadable', message: `could not load the SQLite reader (${String((err as Error)?.message ?? err)})` };
  }
  let db: Database;
  try {
    db = new SQL.Database(image);
  } catch (err) {
    return { kind: 'malformed', message: sqliteMessage(err) };
  }
  const snapshot = wrap(db);
  // Touch the schema now so "not a database" surfaces here, not in the middle of a query.
  try {
    snapshot.all('SELECT count(*) AS n FROM sqlite_master');
  } catch (err) {
    snapshot.close();
    return { kind: 'malformed', message: (err as Error).message };
  }
  const files: Array<[string, number]> = [[file, main.mode], ...(wal.kind === 'ok' ? [[walFile, wal.mode] as [string, number]] : [])];
  const loose = files.filter(([, mode]) => loosePermissions(mode) !== undefined);
  if (loose.length === 0) return { kind: 'ok', db: snapshot };
  return { kind: 'ok', db: snapshot, loose: { mode: loosePermissions(loose[0]![1])!, files: loose.map(([f]) => f) } };
}

function sqliteMessage(err: unknown): string {
  const text = String((err as Error)?.message ?? err);
  return text.replace(/^Error:\s*/, '') || 'not a usable SQLite database';
}

function wrap(db: Database): SqliteSnapshot {
  const all = (sql: string, params: unknown[] = []): Record<string, unknown>[] => {
    let stmt;
    try {
      stmt = db.prepare(sql);
      stmt.bind(params);
      const rows: Record<string, unknown>[] = [];
      while (stmt.step()) rows.push(stmt.getAsObject());
      return rows;
    } catch (err) {
      throw new SqliteReadError(sqliteMessage(err));
    } finally {
      stmt?.free();
    }
  };
  return {
    all,
    hasTable: (name) => all("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).length > 0,
    close: () => db.close(),
  };
}
