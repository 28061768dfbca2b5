// The code cache of bin/code-cache.js (Node before 22.1; from 22.1 Node's own takes its place): what
// it writes, that a run with it prints exactly what a run without it does, and that it trusts only a
// folder of this user's and only entries made from the files as they are now.

import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeSecret, ROOT, runCli, tempHome } from './helpers/cli.js';

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
    // The command's entry and the check command's chunk, each named after the file it was made from.
    const cli = statSync(path.join(ROOT, 'dist', 'cli.cjs'));
    expect(names).toContain(`cli.cjs@${cli.size}-${Math.trunc(cli.mtimeMs)}`);
    expect(names.some((n) => /^check-\w+\.cjs@/.test(n))).toBe(true);
    for (const n of names) expect(statSync(path.join(dir, n)).mode & 0o777, n).toBe(0o600);

    const before = names.map((n) => statSync(path.join(dir, n)).mtimeMs);
    const warm = await check(home);
    expect(warm.code).toBe(3);
    expect(warm.stderr).toBe('');
    expect(stable(warm.stdout)).toBe(stable(cold.stdout));
    // Everything was found: nothing written again.
    expect(entries(home).names).toEqual(names);
    expect(names.map((n) => statSync(path.join(dir, n)).mtimeMs)).toEqual(before);
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

  it('is not used in a folder others may write, nor with NODE_DISABLE_COMPILE_CACHE', async () => {
    const open = freshHome();
    mkdirSync(cacheRoot(open), { recursive: true });
    chmodSync(cacheRoot(open), 0o777);
    const r = await check(open);
    expect(r.code).toBe(3);
    expect(readdirSync(cacheRoot(open))).toEqual([]);

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
});
