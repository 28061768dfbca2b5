// Resolves openclaw SecretRefs the way openclaw's secrets/resolve.ts does, with the same
// refusals (a provider that is not configured, an env var outside the allowlist, a secret file
// that is a symlink or readable by others), so "unresolved" here means openclaw fails too.
// Differences on purpose: `exec` runs only with --allow-exec, and only a command no other user can
// swap (no directory on its path writable by others: a check of the file alone could be raced);
// `store` refs are never read; env refs see authdoctor's environment, which may differ from
// openclaw's service environment.

import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { withArticle } from '../../credentials/classify.js';
import { parseStoreJson, readRefusingFile, type Loose } from '../files.js';
import { parseExecOutput, runExecProvider } from './exec-provider.js';
import { readPointer } from './json-pointer.js';
import { describeRef, type RefDefaults, type SecretRef } from './ref-shape.js';

export type RefResolution =
  | { ok: true; secret: string; via: string; fromFile?: boolean; loose?: Loose }
  | { ok: false; reason: string };

export interface RefResolverOptions {
  env: Record<string, string | undefined>;
  allowExec: boolean;
  providers: Record<string, Record<string, unknown>>;
  defaults: RefDefaults;
  /** openclaw's path expansion (`~`, then absolute). */
  userPath: (p: string) => string;
  /** `~` for home, for messages. */
  show: (p: string) => string;
  /** The current uid; openclaw refuses secret files and commands owned by someone else. */
  uid?: number;
}

export type RefResolver = (ref: SecretRef) => Promise<RefResolution>;

const DEFAULT_FILE_MAX_BYTES = 1024 * 1024;
const DEFAULT_EXEC_TIMEOUT_MS = 5000;
const DEFAULT_EXEC_MAX_OUTPUT_BYTES = 1024 * 1024;
const SINGLE_VALUE_ID = 'value';
const EXEC_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,255}$/;

type Config = Record<string, unknown>;

function fail(reason: string): RefResolution {
  return { ok: false, reason };
}

function positiveInt(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback;
}

function modeText(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

/** A configured path must not depend on openclaw's working directory, which we cannot know. */
function looksAbsolute(p: string): boolean {
  const t = p.trim();
  return path.isAbsolute(t) || t === '~' || t.startsWith('~/');
}

function asSecret(value: unknown, via: string, extra: { fromFile?: boolean; loose?: Loose } = {}): RefResolution {
  if (typeof value !== 'string') return fail(`${via} holds ${value === null ? 'null' : Array.isArray(value) ? 'an array' : withArticle(typeof value)}, not a string`);
  if (!value.trim()) return fail(`${via} is empty`);
  return { ok: true, secret: value, via, ...extra };
}

export function createRefResolver(opts: RefResolverOptions): RefResolver {
  const cache = new Map<string, Promise<RefResolution>>();
  const filePayloads = new Map<string, Promise<FilePayload>>();

  function providerConfig(ref: SecretRef): Config | string {
    const config = opts.providers[ref.provider];
    if (!config) {
      if (ref.source === 'env' && ref.provider === (opts.defaults.env ?? 'default')) return { source: 'env' };
      return `secret provider "${ref.provider}" is not configured in openclaw.json (secrets.providers)`;
    }
    if (config.source !== ref.source) {
      return `secret provider "${ref.provider}" has source "${String(config.source)}" but the ref asks for "${ref.source}"`;
    }
    return config;
  }

  function resolveEnv(ref: SecretRef, config: Config): RefResolution {
    const allowlist = Array.isArray(config.allowlist) ? config.allowlist : undefined;
    if (allowlist && !allowlist.includes(ref.id)) {
      return fail(`environment variable ${ref.id} is not in secrets.providers.${ref.provider}.allowlist, so openclaw refuses it`);
    }
    const value = opts.env[ref.id];
    if (value === undefined || !value.trim()) {
      return fail(`environment variable ${ref.id} is not set for authdoctor (openclaw may get it from its own service environment)`);
    }
    return { ok: true, secret: value, via: `environment variable ${ref.id}` };
  }

  type FilePayload = { ok: true; text: string; shown: string; loosePermissions?: string } | { ok: false; reason: string };

  /** Reads a file provider's file once, with openclaw's safety refusals. */
  async function readFilePayload(alias: string, config: Config): Promise<FilePayload> {
    const label = `secrets.providers.${alias}.path`;
    if (typeof config.path !== 'string' || !config.path.trim()) return { ok: false, reason: `${label} is not set` };
    if (!looksAbsolute(config.path)) return { ok: false, reason: `${label} is relative; authdoctor cannot know openclaw's working directory` };
    const file = opts.userPath(config.path);
    const shown = opts.show(file);
    const insecureAllowed = config.allowInsecurePath === true;
    const maxBytes = positiveInt(config.maxBytes, DEFAULT_FILE_MAX_BYTES);
    // openclaw's refusals, decided on the file that is open (no link followed), not on a path looked
    // at before: a link or file swapped in between cannot be read through.
    const read = await readRefusingFile(file, maxBytes, (st) => {
      if (insecureAllowed) return undefined;
      if (st.nlink > 1) return `the secret file ${shown} has other hard links, which openclaw refuses`;
      if ((st.mode & 0o077) !== 0) return `the secret file ${shown} is accessible to group or others (mode ${modeText(st.mode)}), which openclaw refuses`;
      if (opts.uid !== undefined && st.uid !== opts.uid) return `the secret file ${shown} belongs to another user, which openclaw refuses`;
      return undefined;
    });
    switch (read.kind) {
      case 'ok': {
        const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '');
        return (read.mode & 0o077) !== 0 ? { ok: true, text, shown, loosePermissions: modeText(read.mode) } : { ok: true, text, shown };
      }
      case 'refused':
        return { ok: false, reason: read.reason };
      case 'symlink':
        return { ok: false, reason: `the secret file ${shown} is a symbolic link, which openclaw refuses` };
      case 'missing':
        return { ok: false, reason: `the secret file ${shown} does not exist or cannot be read` };
      case 'not_a_file':
        return { ok: false, reason: `the secret file ${shown} is not a regular file` };
      case 'too_large':
        return { ok: false, reason: `the secret file ${shown} is larger than ${maxBytes} bytes` };
      case 'unreadable':
        return { ok: false, reason: `the secret file ${shown} cannot be read` };
    }
  }

  async function resolveFile(ref: SecretRef, config: Config): Promise<RefResolution> {
    let payload = filePayloads.get(ref.provider);
    if (!payload) {
      payload = readFilePayload(ref.provider, config);
      filePayloads.set(ref.provider, payload);
    }
    const file = await payload;
    if (!file.ok) return fail(file.reason);
    const extra = file.loosePermissions ? { loose: { mode: file.loosePermissions, files: [file.shown] } } : {};
    const mode = config.mode ?? 'json';
    if (mode === 'singleValue') {
      if (ref.id !== SINGLE_VALUE_ID) return fail(`the singleValue file provider "${ref.provider}" expects the ref id "value"`);
      // The whole file is the secret, minus the one trailing newline an editor adds.
      return asSecret(file.text.replace(/\r?\n$/, ''), `the secret file ${file.shown}`, { ...extra, fromFile: true });
    }
    if (mode !== 'json') return fail(`secrets.providers.${ref.provider}.mode "${String(mode)}" is not json or singleValue`);
    const parsed = parseStoreJson(file.text);
    if (!parsed.ok) return fail(`the secret file ${file.shown} is not valid JSON (${parsed.message})`);
    if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      return fail(`the secret file ${file.shown} is not a JSON object`);
    }
    const found = readPointer(parsed.value, ref.id);
    if (!found.ok) return fail(`the secret file ${file.shown}: ${found.message}`);
    return asSecret(found.value, `the secret file ${file.shown}#${ref.id}`, extra);
  }

  async function resolveExec(ref: SecretRef, config: Config): Promise<RefResolution> {
    const label = `secrets.providers.${ref.provider}.command`;
    if (typeof config.command !== 'string' || !config.command.trim()) return fail(`${label} is not set`);
    if (!looksAbsolute(config.command)) return fail(`${label} must be an absolute path`);
    let command = opts.userPath(config.command);
    if (!opts.allowExec) {
      return fail(`an exec SecretRef: it would run ${opts.show(command)}; authdoctor runs it only with --allow-exec`);
    }
    if (!EXEC_ID.test(ref.id) || ref.id.split('/').some((s) => s === '.' || s === '..')) {
      return fail(`the exec ref id "${ref.id}" is not one openclaw accepts`);
    }
    const st = await lstat(command).catch(() => undefined);
    if (!st) return fail(`${opts.show(command)} does not exist`);
    if (st.isSymbolicLink() && config.allowSymlinkCommand !== true) return fail(`${opts.show(command)} is a symbolic link, which openclaw refuses`);
    // Every link in the path is resolved once, and that path is both checked and run: a link swapped
    // in afterwards changes nothing. What is left is a swap of the file itself, which needs write
    // access to a directory on the path: checked below.
    const real = await realpath(command).catch(() => undefined);
    if (!real) return fail(`${opts.show(command)} does not exist`);
    if (st.isSymbolicLink()) command = real;
    const target = await lstat(real).catch(() => undefined);
    if (!target?.isFile()) return fail(`${opts.show(command)} is not a regular file`);
    const trusted = Array.isArray(config.trustedDirs) ? config.trustedDirs.filter((d): d is string => typeof d === 'string') : [];
    if (trusted.length > 0 && !trusted.some((d) => isInside(opts.userPath(d), command))) {
      return fail(`${opts.show(command)} is outside ${`secrets.providers.${ref.provider}.trustedDirs`}`);
    }
    if (config.allowInsecurePath !== true) {
      if ((target.mode & 0o022) !== 0) return fail(`${opts.show(command)} is writable by group or others, which openclaw refuses`);
      if (opts.uid !== undefined && target.uid !== opts.uid) return fail(`${opts.show(command)} belongs to another user, which openclaw refuses`);
      const open = opts.uid === undefined ? undefined : await openDirectory(real, opts.uid);
      if (open) {
        return fail(
          `${opts.show(open)} (on the path to ${opts.show(command)}) may be changed by other users, so the command could be swapped between authdoctor's checks and its start; authdoctor refuses it (allowInsecurePath: true accepts it)`,
        );
      }
    }
    const env: Record<string, string> = {};
    for (const name of Array.isArray(config.passEnv) ? config.passEnv : []) {
      const value = typeof name === 'string' ? opts.env[name] : undefined;
      if (value !== undefined) env[name as string] = value;
    }
    if (config.env && typeof config.env === 'object') {
      for (const [k, v] of Object.entries(config.env)) if (typeof v === 'string') env[k] = v;
    }
    const timeoutMs = positiveInt(config.timeoutMs, DEFAULT_EXEC_TIMEOUT_MS);
    const result = await runExecProvider({
      command: real,
      args: Array.isArray(config.args) ? config.args.filter((a): a is string => typeof a === 'string') : [],
      cwd: path.dirname(command),
      env,
      input: JSON.stringify({ protocolVersion: 1, provider: ref.provider, ids: [ref.id] }),
      timeoutMs,
      maxOutputBytes: positiveInt(config.maxOutputBytes, DEFAULT_EXEC_MAX_OUTPUT_BYTES),
    });
    const what = `the exec provider "${ref.provider}"`;
    if (result.kind === 'timeout') return fail(`${what} did not answer within ${timeoutMs} ms`);
    if (result.kind === 'too_much_output') return fail(`${what} printed too much output`);
    if (result.kind === 'spawn_error') return fail(`${what} could not be started (${result.message})`);
    if (result.code !== 0) return fail(`${what} exited with code ${String(result.code)}`);
    const answer = parseExecOutput(result.stdout, ref.id, config.jsonOnly !== false);
    if (!answer.ok) return fail(`${what}: ${answer.reason}`);
    return asSecret(answer.value, `${what} (id "${ref.id}")`);
  }

  async function resolve(ref: SecretRef): Promise<RefResolution> {
    if (ref.source === 'store') return fail("the secret lives in openclaw's own secret store; authdoctor cannot read it");
    if (ref.source !== 'env' && ref.source !== 'file' && ref.source !== 'exec') {
      return fail(`SecretRef source "${ref.source}" is resolved by an openclaw plugin; authdoctor cannot resolve it`);
    }
    const config = providerConfig(ref);
    if (typeof config === 'string') return fail(config);
    if (ref.source === 'env') return resolveEnv(ref, config);
    if (ref.source === 'file') return resolveFile(ref, config);
    return resolveExec(ref, config);
  }

  return (ref) => {
    const key = describeRef(ref);
    let result = cache.get(key);
    if (!result) {
      result = resolve(ref).catch((err: unknown) => fail(`could not resolve it (${String((err as Error)?.message ?? err)})`));
      cache.set(key, result);
    }
    return result;
  };
}

/**
 * The first directory above `file` that someone other than `uid` and root may change entries of
 * (owned by another user, or group- or world-writable without the sticky bit), or undefined. `file`
 * is a real path: no link in it to follow.
 */
async function openDirectory(file: string, uid: number): Promise<string | undefined> {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const st = await lstat(dir).catch(() => undefined);
    if (!st) return dir;
    const sticky = (st.mode & 0o1000) !== 0;
    if ((st.uid !== uid && st.uid !== 0) || ((st.mode & 0o022) !== 0 && !sticky)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(path.resolve(dir), path.resolve(file));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
