import { open, lstat } from 'node:fs/promises';
import { constants, lstatSync } from 'node:fs';
import path from 'node:path';
import type { ProfileMetadata } from '../types.js';

/** Shows a path with `~` for the home directory, so reports carry no user name. */
export function displayPath(p: string, home: string): string {
  if (home && (p === home || p.startsWith(home.endsWith(path.sep) ? home : home + path.sep))) {
    return '~' + p.slice(home.replace(/[\\/]+$/, '').length);
  }
  return p;
}

/** Expands a leading `~` or `~/` to the home directory. */
export function expandHome(p: string, home: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/')) return path.join(home, p.slice(2));
  return p;
}

/** Refuse to slurp absurd files: a credential store is kilobytes, not gigabytes. */
export const MAX_STORE_BYTES = 50 * 1024 * 1024;

export type ReadFailure =
  | { kind: 'missing' }
  | { kind: 'unreadable'; message: string }
  | { kind: 'too_large'; size: number }
  | { kind: 'not_a_file' };

export interface BytesOk {
  kind: 'ok';
  bytes: Buffer;
  /** Permission bits (e.g. 0o600). */
  mode: number;
}

export interface ReadOk {
  kind: 'ok';
  text: string;
  /** e.g. "0644" when group or others may read the file, else undefined. */
  loosePermissions?: string;
}

/** What the open file itself says about who may change it: a refusal is decided on these. */
export interface OpenedFacts {
  /** Permission bits (e.g. 0o600). */
  mode: number;
  uid: number;
  nlink: number;
}

/** Why a careful read refused a file before reading a byte of it. */
export type Refusal = { kind: 'symlink' } | { kind: 'refused'; reason: string };

interface Care {
  /** Refuse a symbolic link as the file itself (O_NOFOLLOW): the refusal and the read are one open. */
  noFollow: boolean;
  /** Decides on the open file's own fstat, before a byte is read; a reason refuses it. */
  accept?: (facts: OpenedFacts) => string | undefined;
}

/**
 * Reads a whole file without following surprises: a directory, a FIFO, a file over `maxBytes` or
 * a symlink loop becomes a typed failure instead of a hang or a crash. Opened read-only with
 * O_NONBLOCK so a FIFO cannot block the run.
 */
export async function readFileBytes(file: string, maxBytes: number): Promise<BytesOk | ReadFailure> {
  // Without noFollow or accept nothing is refused: the result is a plain read's.
  return (await readOpened(file, maxBytes, { noFollow: false })) as BytesOk | ReadFailure;
}

/**
 * Reads a file that must not be a symbolic link and must pass `accept` (a secret file, as openclaw
 * allows one). Every fact is taken from the open handle, never from a path looked at earlier, so a
 * link or another file swapped in between a check and the read cannot be read through.
 */
export function readRefusingFile(file: string, maxBytes: number, accept: (facts: OpenedFacts) => string | undefined): Promise<BytesOk | ReadFailure | Refusal> {
  return readOpened(file, maxBytes, { noFollow: true, accept });
}

// Windows has no O_NOFOLLOW (and no POSIX links to refuse).
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;

async function readOpened(file: string, maxBytes: number, care: Care): Promise<BytesOk | ReadFailure | Refusal> {
  // Most files looked for are not there: said by one synchronous lstat (nothing at all at that path,
  // not even a dangling link), without the thread pool and fs/promises an asynchronous open would
  // start (~3 ms of a short run). Whatever is there is opened and judged from its handle as before.
  try {
    if (lstatSync(file, { throwIfNoEntry: false }) === undefined) return { kind: 'missing' };
  } catch {
    // ENOTDIR, EACCES, a name too long: the open below says which, as it always did.
  }
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | (care.noFollow ? O_NOFOLLOW : 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // O_NOFOLLOW on a link: ELOOP on Linux and macOS, EMLINK on FreeBSD.
    if (care.noFollow && (code === 'ELOOP' || code === 'EMLINK')) return { kind: 'symlink' };
    if (code === 'ENOENT') {
      // A dangling symlink is ENOENT too, but the user should hear about it.
      const link = await lstat(file).catch(() => undefined);
      if (link?.isSymbolicLink()) return { kind: 'unreadable', message: 'a symbolic link to a file that does not exist' };
      return { kind: 'missing' };
    }
    if (code === 'ELOOP') return { kind: 'unreadable', message: 'a symbolic link loop' };
    if (code === 'EISDIR') return { kind: 'not_a_file' };
    return { kind: 'unreadable', message: describeFsError(err) };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { kind: 'not_a_file' };
    const refused = care.accept?.({ mode: st.mode & 0o777, uid: st.uid, nlink: st.nlink });
    if (refused) return { kind: 'refused', reason: refused };
    if (st.size > maxBytes) return { kind: 'too_large', size: st.size };
    const bytes = await handle.readFile();
    if (bytes.length > maxBytes) return { kind: 'too_large', size: bytes.length };
    return { kind: 'ok', bytes, mode: st.mode & 0o777 };
  } catch (err) {
    return { kind: 'unreadable', message: describeFsError(err) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Who besides the owner may read a secret: the mode, and the files holding it that have that mode. */
export interface Loose {
  mode: string;
  files: string[];
}

/** A profile's metadata saying so. */
export function looseMetadata(loose: Loose): Pick<ProfileMetadata, 'loosePermissions' | 'looseFiles'> {
  return { loosePermissions: loose.mode, looseFiles: loose.files };
}

/** "0644" when group or others may read a file of this mode (never on Windows), else undefined. */
export function loosePermissions(mode: number): string | undefined {
  return process.platform !== 'win32' && (mode & 0o077) !== 0 ? mode.toString(8).padStart(4, '0') : undefined;
}

/** Reads a small text file (a credential store or a secret file) with readFileBytes' care. */
export async function readStoreFile(file: string, maxBytes = MAX_STORE_BYTES): Promise<ReadOk | ReadFailure> {
  const read = await readFileBytes(file, maxBytes);
  if (read.kind !== 'ok') return read;
  const loose = loosePermissions(read.mode);
  return loose ? { kind: 'ok', text: read.bytes.toString('utf8'), loosePermissions: loose } : { kind: 'ok', text: read.bytes.toString('utf8') };
}

/** Why a file could not be read, in the words every source uses; `what` names what it was meant to be ("a Codex login"). */
export function describeReadFailure(read: ReadFailure, what: string): string {
  switch (read.kind) {
    case 'missing':
      return 'it does not exist';
    case 'unreadable':
      return `cannot read it: ${read.message}`;
    case 'not_a_file':
      return 'it is not a regular file (a directory or a device)';
    case 'too_large':
      return `it is too large to be ${what} (${read.size} bytes); not read`;
  }
}

export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'a symbolic link loop';
    case 'EISDIR':
      return 'a directory, not a file';
    case 'ENOENT':
      return 'does not exist';
    default:
      return e?.code ? `${e.code}` : String(e?.message ?? err);
  }
}

/** Where JSON.parse stopped, as an offset into the text (its message says it one way or another). */
function jsonErrorOffset(text: string, err: unknown): number | 'end' | undefined {
  const message = String((err as Error)?.message ?? '');
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) {
    const lines = text.split('\n').slice(0, Number(lc[1]) - 1);
    return lines.reduce((n, l) => n + l.length + 1, 0) + Number(lc[2]) - 1;
  }
  const pos = /position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  return message.includes('Unexpected end') ? 'end' : undefined;
}

/** "line 3, column 5", and what is wrong there when it is a mistake people make by hand. */
function describeJsonError(text: string, err: unknown): string | undefined {
  const offset = jsonErrorOffset(text, err);
  if (offset === undefined) return undefined;
  if (offset === 'end') return 'end of file (something is not closed)';
  const before = text.slice(0, offset);
  const at = `line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`;
  // A comma before a closing bracket: fine in JavaScript, JSON5 and many editors, not in JSON.
  const trailingComma = /,\s*$/.test(before) && /^[}\]]/.test(text.slice(offset));
  return trailingComma ? `${at}: a comma before "${text[offset]}" (JSON allows no trailing comma)` : at;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function nonBlank(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

/**
 * Parses JSON for a store: returns the value or a message naming the position (never the
 * content, which may be a secret).
 */
export function parseStoreJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    const where = describeJsonError(body, err);
    return { ok: false, message: where ? `invalid JSON at ${where}` : 'invalid JSON' };
  }
}
