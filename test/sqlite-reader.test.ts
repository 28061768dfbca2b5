import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteSnapshot, type SqliteOpenResult } from '../src/profiles/openclaw/sqlite-reader.js';
import { applyWal, readCommittedWal } from '../src/profiles/openclaw/sqlite-wal.js';
import { realWalFixture } from './helpers/real-wal-fixture.js';
import { asWalMode, buildImage, encodeWal, evolveImage, framesBetween, writeWalDatabase, type Statement } from './helpers/sqlite-wal-writer.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authdoctor-sqlite-'));
});
afterEach(async () => {
  await chmod(dir, 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const CREATE = 'CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT)';
const put = (k: string, v: string): Statement => ['INSERT OR REPLACE INTO kv VALUES (?, ?)', [k, v]];

async function rows(result: SqliteOpenResult): Promise<Record<string, string>> {
  expect(result.kind).toBe('ok');
  if (result.kind !== 'ok') return {};
  try {
    const out: Record<string, string> = {};
    for (const r of result.db.all('SELECT k, v FROM kv ORDER BY k')) out[r.k as string] = r.v as string;
    return out;
  } finally {
    result.db.close();
  }
}

async function snapshotOf(dirPath: string): Promise<Map<string, { bytes: Buffer; mtimeMs: number }>> {
  const out = new Map<string, { bytes: Buffer; mtimeMs: number }>();
  for (const name of (await readdir(dirPath)).sort()) {
    const full = path.join(dirPath, name);
    out.set(name, { bytes: await readFile(full), mtimeMs: (await stat(full)).mtimeMs });
  }
  return out;
}

describe('readCommittedWal', () => {
  it('finds nothing in an empty, short or foreign file', () => {
    expect(readCommittedWal(new Uint8Array())).toBeNull();
    expect(readCommittedWal(new Uint8Array(31))).toBeNull();
    expect(readCommittedWal(new Uint8Array(4096).fill(7))).toBeNull();
  });

  it('ignores the whole log when its header checksum is wrong, as SQLite does', async () => {
    const base = await buildImage([CREATE, put('a', '1')]);
    const next = await evolveImage(base, [put('a', '2')]);
    const wal = encodeWal(4096, framesBetween(base, next, 4096));
    expect(readCommittedWal(wal)?.committedFrames).toBeGreaterThan(0);
    wal[24] ^= 0xff;
    expect(readCommittedWal(wal)).toBeNull();
  });
});

describe('openSqliteSnapshot', () => {
  it('sees rows committed only in the -wal, and not a transaction still being written', async () => {
    const file = path.join(dir, 'store.sqlite');
    await writeWalDatabase(file, {
      base: [CREATE, put('a', 'checkpointed')],
      commits: [[put('a', 'first commit'), put('b', 'new')], [put('c', 'second commit')]],
      uncommitted: [put('a', 'not committed'), put('d', 'not committed')],
    });
    expect(await rows(await openSqliteSnapshot(file))).toEqual({ a: 'first commit', b: 'new', c: 'second commit' });
  });

  it('reads big-endian checksummed logs too', async () => {
    const file = path.join(dir, 'be.sqlite');
    await writeWalDatabase(file, { base: [CREATE], commits: [[put('a', 'be')]], wal: { bigEndian: true } });
    expect(await rows(await openSqliteSnapshot(file))).toEqual({ a: 'be' });
  });

  it('stops at frames left over from before the log was restarted (other salts)', async () => {
    const base = await buildImage([CREATE, put('a', '0')]);
    const one = await evolveImage(base, [put('a', '1')]);
    const two = await evolveImage(one, [put('a', '2')]);
    const current = encodeWal(4096, framesBetween(asWalMode(base), asWalMode(one), 4096), { salts: [1, 2] });
    const stale = encodeWal(4096, framesBetween(asWalMode(one), asWalMode(two), 4096), { salts: [3, 4] }).subarray(32);
    const file = path.join(dir, 'restarted.sqlite');
    await writeFile(file, asWalMode(base));
    await writeFile(`${file}-wal`, Buffer.concat([current, stale]));
    expect(await rows(await openSqliteSnapshot(file))).toEqual({ a: '1' });
  });

  it('stops at a torn frame and keeps the transactions committed before it', async () => {
    const file = path.join(dir, 'torn.sqlite');
    await writeWalDatabase(file, { base: [CREATE], commits: [[put('a', '1')], [put('a', '2')]] });
    const wal = await readFile(`${file}-wal`);
    wal[wal.length - 10] ^= 0xff; // inside the last frame, part of the second commit
    await writeFile(`${file}-wal`, wal);
    expect(await rows(await openSqliteSnapshot(file))).toEqual({ a: '1' });
  });

  it('follows the database as the log grows it and as a VACUUM shrinks it', async () => {
    const many = Array.from({ length: 300 }, (_, i) => put(`k${String(i).padStart(3, '0')}`, 'x'.repeat(200)));
    const grown = path.join(dir, 'grown.sqlite');
    await writeWalDatabase(grown, { base: [CREATE], commits: [many] });
    expect(Object.keys(await rows(await openSqliteSnapshot(grown)))).toHaveLength(300);

    const shrunk = path.join(dir, 'shrunk.sqlite');
    await writeWalDatabase(shrunk, { base: [CREATE, ...many], commits: [["DELETE FROM kv WHERE k <> 'k007'", 'VACUUM']] });
    const mainPages = (await stat(shrunk)).size / 4096;
    const committed = readCommittedWal(await readFile(`${shrunk}-wal`))!;
    expect(committed.dbSizePages).toBeLessThan(mainPages);
    expect(Object.keys(await rows(await openSqliteSnapshot(shrunk)))).toEqual(['k007']);
  });

  it('reads a -wal written by the real SQLite exactly as SQLite does', async () => {
    const file = path.join(dir, 'openclaw.sqlite');
    await writeFile(file, realWalFixture.main());
    await writeFile(`${file}-wal`, realWalFixture.wal());
    const result = await openSqliteSnapshot(file);
    if (result.kind !== 'ok') throw new Error(result.kind);
    const store = result.db.all("SELECT value_json FROM config_machine_state WHERE state_key = 'authProfiles.store'")[0]!.value_json as string;
    const state = result.db.all("SELECT value_json FROM config_machine_state WHERE state_key = 'authProfiles.state'");
    const filler = result.db.all('SELECT count(*) AS n FROM filler')[0]!.n;
    result.db.close();
    expect(store).toContain(realWalFixture.committedKey);
    expect(store).not.toContain(realWalFixture.uncommittedKey);
    expect(state).toHaveLength(1);
    expect(filler).toBe(0);

    // Without its -wal the same file only has the checkpointed row: the log really mattered.
    await rm(`${file}-wal`);
    const mainOnly = await openSqliteSnapshot(file);
    if (mainOnly.kind !== 'ok') throw new Error(mainOnly.kind);
    expect(JSON.stringify(mainOnly.db.all('SELECT value_json FROM config_machine_state'))).toContain(realWalFixture.checkpointedKey);
    mainOnly.db.close();
  });

  it('creates no side files and leaves every file byte-identical with the same mtime', async () => {
    const file = path.join(dir, 'live.sqlite');
    await writeWalDatabase(file, { base: [CREATE, put('a', '1')], commits: [[put('b', '2')]] });
    await writeFile(path.join(dir, 'real.sqlite'), realWalFixture.main());
    await writeFile(path.join(dir, 'real.sqlite-wal'), realWalFixture.wal());
    // A read-only directory, like a store owned by a running app the reader must not disturb.
    await chmod(dir, 0o500);
    const before = await snapshotOf(dir);
    await rows(await openSqliteSnapshot(file));
    const real = await openSqliteSnapshot(path.join(dir, 'real.sqlite'));
    if (real.kind === 'ok') real.db.close();
    expect(real.kind).toBe('ok');
    const after = await snapshotOf(dir);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, was] of before) {
      expect(after.get(name)!.bytes.equals(was.bytes), name).toBe(true);
      expect(after.get(name)!.mtimeMs, name).toBe(was.mtimeMs);
    }
  });

  it('reports a missing file as missing, and what is not a database as such', async () => {
    expect((await openSqliteSnapshot(path.join(dir, 'absent.sqlite'))).kind).toBe('missing');

    await mkdir(path.join(dir, 'a-dir.sqlite'));
    expect(await openSqliteSnapshot(path.join(dir, 'a-dir.sqlite'))).toMatchObject({ kind: 'unreadable' });

    await symlink(path.join(dir, 'nowhere'), path.join(dir, 'dangling.sqlite'));
    expect(await openSqliteSnapshot(path.join(dir, 'dangling.sqlite'))).toMatchObject({ kind: 'unreadable', message: expect.stringContaining('symbolic link') });

    await writeFile(path.join(dir, 'text.sqlite'), 'this is not a database, just text that is long enough '.repeat(20));
    expect(await openSqliteSnapshot(path.join(dir, 'text.sqlite'))).toMatchObject({ kind: 'malformed' });

    const big = path.join(dir, 'big.sqlite');
    await writeWalDatabase(big, { base: [CREATE, put('a', '1')] });
    expect(await openSqliteSnapshot(big, 1024)).toMatchObject({ kind: 'unreadable', message: expect.stringContaining('too large') });
  });

  it('refuses a -wal whose page size contradicts the database', async () => {
    const file = path.join(dir, 'mismatch.sqlite');
    const base = await buildImage([CREATE], 4096);
    const other = await buildImage([CREATE, put('a', '1')], 1024);
    const small = await buildImage([CREATE], 1024);
    await writeFile(file, asWalMode(base));
    await writeFile(`${file}-wal`, encodeWal(1024, framesBetween(small, other, 1024)));
    expect(await openSqliteSnapshot(file)).toMatchObject({ kind: 'malformed', message: expect.stringContaining('page') });
  });

  it('reports a -wal whose commit claims an absurd database size as malformed instead of throwing', async () => {
    const file = path.join(dir, 'huge.sqlite');
    const base = await buildImage([CREATE], 4096);
    const next = await buildImage([CREATE, put('a', '1')], 4096);
    const frames = framesBetween(asWalMode(base), asWalMode(next), 4096);
    // Checksums are valid, so only the size says something is wrong: 2^32-1 pages of 4 KiB.
    frames[frames.length - 1]!.commitSize = 0xffffffff;
    await writeFile(file, asWalMode(base));
    await writeFile(`${file}-wal`, encodeWal(4096, frames));
    expect(await openSqliteSnapshot(file)).toMatchObject({ kind: 'malformed' });
  });

  it('reports loose permissions of the database or its -wal', async () => {
    const file = path.join(dir, 'perm.sqlite');
    await writeWalDatabase(file, { base: [CREATE], commits: [[put('a', '1')]] });
    await chmod(file, 0o600);
    await chmod(`${file}-wal`, 0o600);
    const tight = await openSqliteSnapshot(file);
    expect(tight.kind === 'ok' && tight.loose).toBe(undefined);
    if (tight.kind === 'ok') tight.db.close();
    await chmod(`${file}-wal`, 0o644);
    const loose = await openSqliteSnapshot(file);
    expect(loose.kind === 'ok' && loose.loose).toEqual({ mode: '0644', files: [`${file}-wal`] });
    if (loose.kind === 'ok') loose.db.close();
  });

  it('keeps the main file as is when there is no -wal', () => {
    const image = new Uint8Array(0);
    expect(applyWal(image, null)).toEqual(new Uint8Array(0));
  });
});
