// The SQLite write-ahead log, read the way SQLite's own recovery reads it
// (https://www.sqlite.org/walformat.html, https://www.sqlite.org/fileformat2.html#walformat).
// openclaw keeps its stores in WAL mode, so the newest committed rows may exist only in
// `<db>-wal`. A reader that cannot write (no `-shm`, no checkpoint) must therefore lay the
// committed frames over the main file itself. Pure functions: bytes in, bytes out.

const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const MAGIC_LITTLE_ENDIAN = 0x377f0682;
const MAGIC_BIG_ENDIAN = 0x377f0683;
const WAL_FORMAT_VERSION = 3007000;

/** The committed content of a WAL: the newest version of each page, and the database size. */
export interface CommittedWal {
  pageSize: number;
  /** Database size in pages after the last committed transaction. */
  dbSizePages: number;
  /** Page number → byte offset of that page's newest committed image inside the WAL. */
  pageOffsets: Map<number, number>;
  /** How many frames were committed (for tests and diagnostics). */
  committedFrames: number;
}

function isValidPageSize(n: number): boolean {
  return n >= 512 && n <= 65536 && (n & (n - 1)) === 0;
}

/**
 * SQLite's WAL checksum: the input is read as 32-bit words (byte order chosen by the magic
 * number) and folded pairwise into two running sums. Returns the new [s0, s1].
 */
export function walChecksum(
  bytes: Uint8Array,
  start: number,
  end: number,
  bigEndian: boolean,
  seed: readonly [number, number],
): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let s0 = seed[0];
  let s1 = seed[1];
  for (let i = start; i < end; i += 8) {
    const x0 = view.getUint32(i, !bigEndian);
    const x1 = view.getUint32(i + 4, !bigEndian);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

/**
 * Finds the committed frames of a WAL file. Like SQLite's recovery, it stops at the first
 * frame whose salt or cumulative checksum does not match (a torn write, or a frame left over
 * from before the log was restarted) and discards frames after the last commit frame
 * (a transaction still being written). Returns null when the log holds no committed frame.
 */
export function readCommittedWal(wal: Uint8Array): CommittedWal | null {
  if (wal.length < WAL_HEADER_BYTES) return null;
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== MAGIC_LITTLE_ENDIAN && magic !== MAGIC_BIG_ENDIAN) return null;
  const bigEndian = magic === MAGIC_BIG_ENDIAN;
  if (view.getUint32(4, false) !== WAL_FORMAT_VERSION) return null;
  const pageSize = view.getUint32(8, false);
  if (!isValidPageSize(pageSize)) return null;

  // A header whose checksum fails means SQLite treats the whole log as empty.
  let sum = walChecksum(wal, 0, 24, bigEndian, [0, 0]);
  if (sum[0] !== view.getUint32(24, false) || sum[1] !== view.getUint32(28, false)) return null;
  const salt1 = view.getUint32(16, false);
  const salt2 = view.getUint32(20, false);

  const committed = new Map<number, number>();
  const pending = new Map<number, number>();
  let dbSizePages = 0;
  let committedFrames = 0;
  let pendingFrames = 0;
  const frameBytes = FRAME_HEADER_BYTES + pageSize;
  for (let at = WAL_HEADER_BYTES; at + frameBytes <= wal.length; at += frameBytes) {
    const pageNo = view.getUint32(at, false);
    const commitSize = view.getUint32(at + 4, false);
    if (pageNo === 0) break;
    if (view.getUint32(at + 8, false) !== salt1 || view.getUint32(at + 12, false) !== salt2) break;
    sum = walChecksum(wal, at, at + 8, bigEndian, sum);
    sum = walChecksum(wal, at + FRAME_HEADER_BYTES, at + frameBytes, bigEndian, sum);
    if (sum[0] !== view.getUint32(at + 16, false) || sum[1] !== view.getUint32(at + 20, false)) break;
    pending.set(pageNo, at + FRAME_HEADER_BYTES);
    pendingFrames++;
    if (commitSize !== 0) {
      for (const [page, offset] of pending) committed.set(page, offset);
      committedFrames += pendingFrames;
      pending.clear();
      pendingFrames = 0;
      dbSizePages = commitSize;
    }
  }
  if (committedFrames === 0) return null;
  return { pageSize, dbSizePages, pageOffsets: committed, committedFrames };
}

/** The page size a database header declares (1 means 65536), or undefined for an empty file. */
export function databasePageSize(main: Uint8Array): number | undefined {
  if (main.length < 100) return undefined;
  const raw = (main[16]! << 8) | main[17]!;
  const size = raw === 1 ? 65536 : raw;
  return isValidPageSize(size) ? size : undefined;
}

export class WalMismatchError extends Error {
  override name = 'WalMismatchError';
}

/**
 * Builds the database image a reader would see: the main file with the committed WAL pages
 * laid over it, sized as the last commit says. The header is then marked as an ordinary
 * rollback-journal database of exactly that size, so an in-memory SQLite opens the image
 * without looking for a `-wal` or `-shm` of its own.
 */
export function applyWal(main: Uint8Array, wal: Uint8Array | null, maxBytes = Number.MAX_SAFE_INTEGER): Uint8Array {
  const committed = wal ? readCommittedWal(wal) : null;
  const mainPageSize = databasePageSize(main);
  if (!committed) return markAsRollbackImage(Uint8Array.from(main), mainPageSize);
  if (mainPageSize !== undefined && mainPageSize !== committed.pageSize) {
    throw new WalMismatchError(
      `its -wal uses ${committed.pageSize}-byte pages but the database uses ${mainPageSize}-byte pages`,
    );
  }
  const { pageSize, dbSizePages } = committed;
  // The size comes from the log (checksummed, not validated): a damaged or hostile one must not
  // make us allocate gigabytes, or throw a RangeError that would end the whole run.
  if (dbSizePages * pageSize > maxBytes) {
    throw new WalMismatchError(`its -wal says the database is ${dbSizePages} pages of ${pageSize} bytes, more than can be read safely`);
  }
  const image = new Uint8Array(dbSizePages * pageSize);
  image.set(main.subarray(0, Math.min(main.length, image.length)));
  for (const [pageNo, offset] of committed.pageOffsets) {
    if (pageNo > dbSizePages) continue; // pages beyond the committed size were truncated away
    image.set(wal!.subarray(offset, offset + pageSize), (pageNo - 1) * pageSize);
  }
  return markAsRollbackImage(image, pageSize);
}

function markAsRollbackImage(image: Uint8Array, pageSize: number | undefined): Uint8Array {
  if (image.length < 100 || pageSize === undefined) return image;
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  // Bytes 18/19 are 2 in WAL mode; 1 makes SQLite treat the image as a self-contained file.
  image[18] = 1;
  image[19] = 1;
  // The in-header page count is trusted only when "version-valid-for" equals the change
  // counter; set both so SQLite uses the size we computed instead of a stale one.
  view.setUint32(28, Math.floor(image.length / pageSize), false);
  view.setUint32(92, view.getUint32(24, false), false);
  return image;
}
