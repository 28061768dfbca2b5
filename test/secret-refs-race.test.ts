// Issue 15 #9: openclaw's refusals for secret files and exec commands must hold even when the file
// is swapped between a check and its use. The swap is simulated deterministically: `lstat` reports
// what the path was when a path-based check looked (a regular, private file), while the path is by
// then a link or a looser file. Only decisions taken on what is actually opened or run hold.

import { chmod, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRefResolver, type RefResolverOptions } from '../src/profiles/openclaw/secret-refs.js';

/** Paths whose lstat reports another path's stat: what the path was before the swap. */
const before = vi.hoisted(() => new Map<string, string>());
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const lstat = ((p: string, ...rest: []) => (before.has(String(p)) ? fs.stat(before.get(String(p))!) : fs.lstat(p, ...rest))) as typeof fs.lstat;
  return { ...fs, lstat, default: { ...fs, lstat } };
});

const SECRET = 'sk-ant-api03-race-condition-secret-0001';
let dir: string;

beforeEach(async () => {
  // A real path: on macOS the temp dir is reached through a link, which is not what is tested here.
  dir = await realpath(await mkdtemp(path.join(tmpdir(), 'authdoctor-race-')));
  before.clear();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function resolver(providers: RefResolverOptions['providers'], allowExec = false) {
  return createRefResolver({
    env: {},
    allowExec,
    providers,
    defaults: {},
    userPath: (p) => p,
    show: (p) => p,
    ...(process.getuid ? { uid: process.getuid() } : {}),
  });
}

async function put(file: string, content: string, mode: number): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  await chmod(file, mode);
  return file;
}

describe('secret files: every fact comes from the open file', () => {
  it('a link swapped in after the check is not read through', async () => {
    const target = await put(path.join(dir, 'elsewhere', 'target.txt'), SECRET, 0o600);
    const link = path.join(dir, 'secret.txt');
    await symlink(target, link);
    before.set(link, target); // the check saw a private regular file
    const resolve = resolver({ f: { source: 'file', path: link, mode: 'singleValue' } });
    const r = await resolve({ source: 'file', provider: 'f', id: 'value' });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/symbolic link, which openclaw refuses/) });
  });

  it('mode and hard links are those of the file opened, not of the path checked earlier', async () => {
    const strict = await put(path.join(dir, 'strict.txt'), 'unused', 0o600);
    const loose = await put(path.join(dir, 'loose.txt'), SECRET, 0o644);
    before.set(loose, strict); // the check saw mode 0600
    const resolve = resolver({ f: { source: 'file', path: loose, mode: 'singleValue' } });
    const r = await resolve({ source: 'file', provider: 'f', id: 'value' });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/accessible to group or others \(mode 0644\)/) });
  });
});

describe('exec commands: what is checked is what runs', () => {
  const helperText = `#!${process.execPath}
let input = '';
process.stdin.on('data', (c) => (input += c)).on('end', () => {
  const id = JSON.parse(input).ids[0];
  console.log(JSON.stringify({ protocolVersion: 1, values: { [id]: process.argv[1] } }));
});
`;

  it('runs the real path, so a link in the path swapped after the check changes nothing', async () => {
    const helper = await put(path.join(dir, 'real', 'helper'), helperText, 0o700);
    await symlink(path.join(dir, 'real'), path.join(dir, 'linked'));
    const resolve = resolver({ vault: { source: 'exec', command: path.join(dir, 'linked', 'helper') } }, true);
    const r = await resolve({ source: 'exec', provider: 'vault', id: 'k' });
    expect(r).toMatchObject({ ok: true, secret: helper });
  });

  it('refuses a command in a directory other users may change (it could be swapped before it starts)', async () => {
    await put(path.join(dir, 'shared', 'helper'), helperText, 0o700);
    await chmod(path.join(dir, 'shared'), 0o777);
    const resolve = resolver({ vault: { source: 'exec', command: path.join(dir, 'shared', 'helper') } }, true);
    expect(await resolve({ source: 'exec', provider: 'vault', id: 'k' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/shared \(on the path to .*helper\) may be changed by other users/),
    });
    const insecure = resolver({ vault: { source: 'exec', command: path.join(dir, 'shared', 'helper'), allowInsecurePath: true } }, true);
    expect(await insecure({ source: 'exec', provider: 'vault', id: 'k' })).toMatchObject({ ok: true });
  });

  it('accepts a sticky shared directory such as /tmp: others cannot replace what is not theirs', async () => {
    await put(path.join(dir, 'sticky', 'own', 'helper'), helperText, 0o700);
    await chmod(path.join(dir, 'sticky'), 0o1777);
    const resolve = resolver({ vault: { source: 'exec', command: path.join(dir, 'sticky', 'own', 'helper') } }, true);
    expect(await resolve({ source: 'exec', provider: 'vault', id: 'k' })).toMatchObject({ ok: true });
  });
});
