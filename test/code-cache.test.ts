// The code cache of bin/code-cache.js (Node before 22.1; from 22.1 Node's own takes its place): what
// it writes, that a run with it prints exactly what a run without it does, and that it trusts only a
// folder of this user's and only entries made from the files as they are now.

import { createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cleanEnv, fakeSecret, leakedWindows, ROOT, runCli, tempHome } from './helpers/cli.js';

const KEY = fakeSecret('sk-ant-api03-');
const homes: (() => void)[] = [];
afterAll(() => homes.forEach((cleanup) => cleanup()));

function freshHome(): string {
  const { home, cleanup } = tempHome();
  homes.push(cleanup);
  return home;
}

const cacheRoot = (home: string) => path.join(home, '.cache', 'authdoctor', 'compile-cache');
/** The entries (`<file>@<size>-<mtime>`) of the one folder this Node and this dist/ use. */
function entries(home: string): { dir: string; names: string[] } {
  const folders = existsSync(cacheRoot(home)) ? readdirSync(cacheRoot(home)) : [];
  if (folders.length === 0) return { dir: '', names: [] };
  expect(folders).toHaveLength(1);
  const dir = path.join(cacheRoot(home), folders[0]!);
  return { dir, names: readdirSync(dir).sort() };
}

const check = (home: string, env: Record<string, string> = {}) => runCli(['check', '--offline', '--json'], { home, env: { ANTHROPIC_API_KEY: KEY, ...env } });
/** The report without what differs from run to run. */
const stable = (stdout: string) => JSON.stringify({ ...JSON.parse(stdout), durationMs: 0, startedAt: '', finishedAt: '' }).replace(/"durationMs":\d+/g, '"durationMs":0');

describe.skipIf(typeof enableCompileCache === 'function')('code cache (Node before 22.1)', () => {
  it('keeps the compiled code of each dist/ file a run loads, in a folder of mode 0700, and a cached run prints the same', async () => {
    const home = freshHome();
    const cold = await check(home);
    expect(cold.code).toBe(3);
    expect(cold.stderr).toBe('');
    const { dir, names } = entries(home);
    expect(statSync(cacheRoot(home)).mode & 0o777).toBe(0o700);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    // The command's entry and the check command's chunk, each named after the file it was made from:
    // the build's hash of its content (its first line), its size and its mtime.
    const cli = statSync(path.join(ROOT, 'dist', 'cli.cjs'));
    const hash = /^\/\*authdoctor:([0-9a-f]{16})\*\//.exec(readFileSync(path.join(ROOT, 'dist', 'cli.cjs'), 'utf8'))![1];
    expect(names).toContain(`cli.cjs@${hash}-${cli.size}-${Math.trunc(cli.mtimeMs)}`);
    expect(names.some((n) => /^check-\w+\.cjs@/.test(n))).toBe(true);
    for (const n of names) expect(statSync(path.join(dir, n)).mode & 0o777, n).toBe(0o600);

    // Compiled code, no data: no part of the key the runs checked is in any entry.
    for (const n of names) expect(leakedWindows(readFileSync(path.join(dir, n)).toString('latin1'), [KEY]), n).toEqual([]);

    // An entry rewritten is a new file (written aside, then renamed): its inode tells, whatever the mtime resolution.
    const before = names.map((n) => statSync(path.join(dir, n)).ino);
    const warm = await check(home);
    expect(warm.code).toBe(3);
    expect(warm.stderr).toBe('');
    expect(stable(warm.stdout)).toBe(stable(cold.stdout));
    // Everything was found: nothing written again.
    expect(entries(home).names).toEqual(names);
    expect(names.map((n) => statSync(path.join(dir, n)).ino)).toEqual(before);
  });

  it('an entry V8 refuses is compiled afresh and replaced; entries of files no longer in dist/ are removed', async () => {
    const home = freshHome();
    await check(home);
    const { dir, names } = entries(home);
    const cli = names.find((n) => n.startsWith('cli.cjs@'))!;
    writeFileSync(path.join(dir, cli), Buffer.alloc(4096, 7));
    writeFileSync(path.join(dir, 'chunk-GONE0000.cjs@100-1'), 'old');
    const run = await check(home);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).summary.profiles).toBe(1);
    expect(readFileSync(path.join(dir, cli)).equals(Buffer.alloc(4096, 7))).toBe(false);
    expect(entries(home).names).not.toContain('chunk-GONE0000.cjs@100-1');
  });

  it('first runs at the same time all work, leave no temporary file, and fill the cache once', async () => {
    const home = freshHome();
    const runs = await Promise.all(Array.from({ length: 6 }, () => check(home)));
    for (const r of runs) {
      expect(r.code).toBe(3);
      expect(r.stderr).toBe('');
    }
    const { dir, names } = entries(home);
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const inodes = names.map((n) => statSync(path.join(dir, n)).ino);
    expect((await check(home)).code).toBe(3);
    expect(entries(home).names).toEqual(names);
    expect(names.map((n) => statSync(path.join(dir, n)).ino)).toEqual(inodes);
  });

  it('a file changed in place, with its size and mtime kept, is not run from the old entry', () => {
    // An upgrade can keep both (a tarball's fixed mtime, a string of the same length): the build's
    // content hash on the first line tells the entries apart. Here on a copy of the package.
    const home = freshHome();
    const pkg = path.join(home, 'pkg');
    for (const part of ['bin', 'dist', 'package.json']) cpSync(path.join(ROOT, part), path.join(pkg, part), { recursive: true });
    const run = () => spawnSync(process.execPath, [path.join(pkg, 'bin', 'authdoctor.js'), '--version', '--json'], { env: cleanEnv(home), cwd: home, encoding: 'utf8' });
    const before = run();
    expect(before.status, before.stderr).toBe(0);
    const version = before.stdout.trim();
    // The chunk holding the version string, rewritten as a build would, same size, same mtime.
    const file = readdirSync(path.join(pkg, 'dist')).map((f) => path.join(pkg, 'dist', f)).find((f) => f.endsWith('.cjs') && readFileSync(f, 'utf8').includes(`"${version}"`))!;
    const st = statSync(file);
    const body = readFileSync(file, 'utf8').replace(/^[^\n]*\n/, '').replace(`"${version}"`, `"${'9'.repeat(version.length)}"`);
    writeFileSync(file, `/*authdoctor:${createHash('sha256').update(body).digest('hex').slice(0, 16)}*/\n${body}`);
    utimesSync(file, st.atime, st.mtime);
    expect(statSync(file).size).toBe(st.size);
    const after = run();
    expect(after.status, after.stderr).toBe(0);
    expect(after.stdout.trim()).toBe('9'.repeat(version.length));
  });

  it('stays warm across runs that read an openclaw SQLite store, whose V8 flags V8 stamps on new data', async () => {
    const home = freshHome();
    // The committed openclaw store in its SQLite layout (test/fixtures/openclaw).
    const sqlite = () => runCli(['check', '--offline', '--json', '--source', 'openclaw', '--openclaw-dir', path.join(ROOT, 'test', 'fixtures', 'openclaw', 'sqlite-main')], { home });
    const stamps = () => {
      const { dir, names } = entries(home);
      return new Map(names.map((n) => [n, statSync(path.join(dir, n)).mtimeMs]));
    };
    expect((await sqlite()).code).toBe(3);
    const first = stamps();
    // Entries of files compiled after the flags changed are kept apart.
    expect([...first.keys()].some((n) => n.endsWith('+flags'))).toBe(true);
    expect([...first.keys()].some((n) => n.startsWith('cli.cjs@') && !n.endsWith('+flags'))).toBe(true);
    // Accepted the next time: nothing refused, so nothing written again.
    expect((await sqlite()).code).toBe(3);
    expect(stamps()).toEqual(first);
    // A run without the flags neither refuses nor rewrites what the SQLite runs made; then both stay warm.
    expect((await check(home)).code).toBe(3);
    const mixed = stamps();
    for (const [name, mtime] of first) expect(mixed.get(name), name).toBe(mtime);
    expect((await sqlite()).code).toBe(3);
    expect((await check(home)).code).toBe(3);
    expect(stamps()).toEqual(mixed);
  });
});

// The folder rules are bin/authdoctor.js's, for Node's own cache (>= 22.1) as for bin/code-cache.js.
describe('compile cache folder', () => {
  it('is not used in a folder others may write, or under one, nor with NODE_DISABLE_COMPILE_CACHE', async () => {
    const open = freshHome();
    mkdirSync(cacheRoot(open), { recursive: true });
    chmodSync(cacheRoot(open), 0o777);
    const r = await check(open);
    expect(r.code).toBe(3);
    expect(readdirSync(cacheRoot(open))).toEqual([]);

    // Someone who may write ~/.cache/authdoctor could swap compile-cache for a folder of theirs.
    const above = freshHome();
    mkdirSync(cacheRoot(above), { recursive: true });
    chmodSync(path.dirname(cacheRoot(above)), 0o777);
    expect((await check(above)).code).toBe(3);
    expect(readdirSync(cacheRoot(above))).toEqual([]);
    // A cache directory like /tmp (sticky, everyone may write) is fine: no one can rename what is ours there.
    const sticky = freshHome();
    const xdg = path.join(sticky, 'shared');
    mkdirSync(xdg, { mode: 0o777 });
    chmodSync(xdg, 0o1777);
    expect((await check(sticky, { XDG_CACHE_HOME: xdg })).code).toBe(3);
    expect(readdirSync(path.join(xdg, 'authdoctor', 'compile-cache'))).toHaveLength(1);

    const off = freshHome();
    const o = await check(off, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(o.code).toBe(3);
    expect(existsSync(cacheRoot(off))).toBe(false);
  });

  it('goes to XDG_CACHE_HOME when that is an absolute path', async () => {
    const home = freshHome();
    const xdg = path.join(home, 'xdg');
    const r = await check(home, { XDG_CACHE_HOME: xdg });
    expect(r.code).toBe(3);
    expect(readdirSync(path.join(xdg, 'authdoctor', 'compile-cache'))).toHaveLength(1);
    expect(existsSync(cacheRoot(home))).toBe(false);
  });

  it('is not used when the folder is a symbolic link', async () => {
    const linked = freshHome();
    const target = path.join(linked, 'elsewhere');
    mkdirSync(target, { mode: 0o700 });
    mkdirSync(path.dirname(cacheRoot(linked)), { recursive: true, mode: 0o700 });
    symlinkSync(target, cacheRoot(linked));
    expect((await check(linked)).code).toBe(3);
    expect(readdirSync(target)).toEqual([]);
  });

  // Only root can hand a folder to someone else (CI runs as root).
  it.skipIf(process.getuid?.() !== 0)('is not used when the folder is someone else’s', async () => {
    const theirs = freshHome();
    mkdirSync(cacheRoot(theirs), { recursive: true, mode: 0o700 });
    chownSync(cacheRoot(theirs), 65534, 65534);
    expect((await check(theirs)).code).toBe(3);
    expect(readdirSync(cacheRoot(theirs))).toEqual([]);
  });
});
