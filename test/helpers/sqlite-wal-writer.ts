// Builds WAL-mode SQLite databases for tests, including rows that exist only in the `-wal`,
// without a native SQLite: sql.js produces the page images (one database image per committed
// transaction), and this helper writes the pages that changed as WAL frames with SQLite's
// checksums (https://www.sqlite.org/fileformat2.html#walformat). Its checksum code is written
// independently of src/profiles/openclaw/sqlite-wal.ts, so the tests do not grade the reader
// against itself; test/helpers/real-wal-fixture.ts adds a log written by the real SQLite.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';

export type Statement = string | [string, unknown[]];

let sqlJs: Promise<SqlJsStatic> | undefined;
const SQL = () => (sqlJs ??= initSqlJs());

function runAll(db: Database, statements: Statement[]): void {
  for (const s of statements) {
    if (typeof s === 'string') db.run(s);
    else db.run(s[0], s[1]);
  }
}

/** A fresh database image (rollback mode) after running `statements`. */
export async function buildImage(statements: Statement[], pageSize = 4096): Promise<Uint8Array> {
  const db = new (await SQL()).Database();
  db.run(`PRAGMA page_size = ${pageSize}`);
  runAll(db, statements);
  const image = db.export();
  db.close();
  return image;
}

/** The image after running more statements on a copy of it: one committed transaction. */
export async function evolveImage(image: Uint8Array, statements: Statement[]): Promise<Uint8Array> {
  const db = new (await SQL()).Database(Uint8Array.from(image));
  runAll(db, statements);
  const next = db.export();
  db.close();
  return next;
}

/** A copy whose header says "WAL mode" (file format bytes 18/19 = 2), as openclaw's files do. */
export function asWalMode(image: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(image);
  if (copy.length >= 100) {
    copy[18] = 2;
    copy[19] = 2;
  }
  return copy;
}

function checksum(data: Uint8Array, bigEndian: boolean, s: [number, number]): [number, number] {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let [a, b] = s;
  for (let i = 0; i < data.length; i += 8) {
    a = (a + dv.getUint32(i, !bigEndian) + b) >>> 0;
    b = (b + dv.getUint32(i + 4, !bigEndian) + a) >>> 0;
  }
  return [a, b];
}

export interface WalFrame {
  pageNo: number;
  page: Uint8Array;
  /** Database size in pages for the frame that commits a transaction; 0 otherwise. */
  commitSize: number;
}

export interface WalOptions {
  bigEndian?: boolean;
  salts?: [number, number];
  checkpointSeq?: number;
}

/** Encodes a WAL file: header plus frames with cumulative checksums. */
export function encodeWal(pageSize: number, frames: WalFrame[], opts: WalOptions = {}): Uint8Array {
  const bigEndian = opts.bigEndian ?? false;
  const [salt1, salt2] = opts.salts ?? [0x1234abcd, 0x0badf00d];
  const out = new Uint8Array(32 + frames.length * (24 + pageSize));
  const dv = new DataView(out.buffer);
  dv.setUint32(0, bigEndian ? 0x377f0683 : 0x377f0682);
  dv.setUint32(4, 3007000);
  dv.setUint32(8, pageSize);
  dv.setUint32(12, opts.checkpointSeq ?? 0);
  dv.setUint32(16, salt1);
  dv.setUint32(20, salt2);
  let sum = checksum(out.subarray(0, 24), bigEndian, [0, 0]);
  dv.setUint32(24, sum[0]);
  dv.setUint32(28, sum[1]);
  frames.forEach((f, i) => {
    const at = 32 + i * (24 + pageSize);
    dv.setUint32(at, f.pageNo);
    dv.setUint32(at + 4, f.commitSize);
    dv.setUint32(at + 8, salt1);
    dv.setUint32(at + 12, salt2);
    out.set(f.page.subarray(0, pageSize), at + 24);
    sum = checksum(out.subarray(at, at + 8), bigEndian, sum);
    sum = checksum(out.subarray(at + 24, at + 24 + pageSize), bigEndian, sum);
    dv.setUint32(at + 16, sum[0]);
    dv.setUint32(at + 20, sum[1]);
  });
  return out;
}

/** Frames for the pages that differ between two images; the last one commits `after`. */
export function framesBetween(before: Uint8Array, after: Uint8Array, pageSize: number, commit = true): WalFrame[] {
  const frames: WalFrame[] = [];
  const pages = after.length / pageSize;
  for (let p = 1; p <= pages; p++) {
    const next = after.subarray((p - 1) * pageSize, p * pageSize);
    const prev = before.subarray((p - 1) * pageSize, p * pageSize);
    if (prev.length === next.length && Buffer.compare(Buffer.from(prev), Buffer.from(next)) === 0) continue;
    frames.push({ pageNo: p, page: Uint8Array.from(next), commitSize: 0 });
  }
  if (commit && frames.length > 0) frames[frames.length - 1]!.commitSize = pages;
  return frames;
}

export interface WalDatabaseSpec {
  /** Statements already checkpointed into the main file. */
  base: Statement[];
  /** Each entry is one committed transaction that lives only in the `-wal`. */
  commits?: Statement[][];
  /** A transaction whose frames were written but never committed. */
  uncommitted?: Statement[];
  pageSize?: number;
  wal?: WalOptions;
}

/** Writes `<file>` and `<file>-wal` as a running SQLite in WAL mode would leave them. */
export async function writeWalDatabase(file: string, spec: WalDatabaseSpec): Promise<void> {
  const pageSize = spec.pageSize ?? 4096;
  const base = await buildImage(spec.base, pageSize);
  const frames: WalFrame[] = [];
  let current = base;
  for (const commit of spec.commits ?? []) {
    const next = await evolveImage(current, commit);
    frames.push(...framesBetween(asWalMode(current), asWalMode(next), pageSize));
    current = next;
  }
  if (spec.uncommitted) {
    const next = await evolveImage(current, spec.uncommitted);
    frames.push(...framesBetween(asWalMode(current), asWalMode(next), pageSize, false));
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, asWalMode(base));
  if (frames.length > 0) await writeFile(`${file}-wal`, encodeWal(pageSize, frames, spec.wal));
}
