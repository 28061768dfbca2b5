// Spawns the built CLI the way a user runs it, with a scrubbed environment and a temporary HOME,
// so tests never read this machine's own credentials.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PROVIDER_METAS } from '../../src/providers/registry.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'authdoctor.js');

/**
 * Besides every provider's (PROVIDER_VARIABLES), variables that could point a run at real credentials
 * or real hosts (where the stores are, Anthropic's extra request headers, proxies, Node's options),
 * or make it write outside the test's home or not at all (the compile cache).
 */
const SCRUBBED = /^(ANTHROPIC_|CLAUDE_|OPENCLAW_|CLAWDBOT_|CODEX_HOME$|XDG_CONFIG_HOME$|HTTPS?_PROXY$|https?_proxy$|NO_PROXY$|no_proxy$|ALL_PROXY$|all_proxy$|NODE_OPTIONS$|NODE_DISABLE_COMPILE_CACHE$|XDG_CACHE_HOME$|FORCE_COLOR$|NO_COLOR$)/;

/** Every provider's key and base URL variables: a key of this machine must never reach a test run. */
const PROVIDER_VARIABLES = new Set(PROVIDER_METAS.flatMap((m) => [...m.envVars.map((v) => v.name), ...Object.values(m.families).flatMap((f) => (f.env ? [f.env] : []))]));

/** Preloaded into every spawned CLI, before a test's own NODE_OPTIONS: no connection leaves this machine. */
const LOOPBACK_ONLY = `--import=${pathToFileURL(path.join(ROOT, 'test', 'helpers', 'loopback-only.mjs')).href}`;

export function cleanEnv(home: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !SCRUBBED.test(k) && !PROVIDER_VARIABLES.has(k)) env[k] = v;
  env.HOME = home;
  env.USERPROFILE = home;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  env.NODE_OPTIONS = env.NODE_OPTIONS ? `${LOOPBACK_ONLY} ${env.NODE_OPTIONS}` : LOOPBACK_ONLY;
  return env;
}

export function tempHome(prefix = 'authdoctor-test-'): { home: string; cleanup: () => void } {
  const home = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

export interface RunOptions {
  home: string;
  env?: Record<string, string | undefined>;
  stdin?: string;
  timeoutMs?: number;
  cwd?: string;
}

/** Runs `node bin/authdoctor.js ...args` asynchronously (the fake API lives in this process). */
export function runCli(args: string[], o: RunOptions): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: cleanEnv(o.home, o.env),
      cwd: o.cwd ?? o.home,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, elapsedMs: performance.now() - started });
    });
    child.stdin.end(o.stdin ?? '');
  });
}

/** A credential-shaped random secret of the given prefix; each call differs. */
export function fakeSecret(prefix: string, length = 95): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  let body = '';
  for (let i = 0; i < length; i++) body += alphabet[Math.floor(Math.random() * alphabet.length)];
  return prefix + body;
}

/** A random secret of lower-case hex digits (DeepSeek's keys, z.ai's id part). */
export function fakeHex(length = 32): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

/** Every prefix a provider's keys start with, longest first (`sk-ant-api03-` before `sk-`). */
const KEY_PREFIXES = [...new Set(PROVIDER_METAS.flatMap((m) => m.shapes.map((s) => s.prefix)))].filter(Boolean).sort((a, b) => b.length - a.length);

/** How much of a secret is its provider's prefix, which a redacted form shows (`sk-ant-api03-…`). */
function knownPrefixLength(secret: string): number {
  return KEY_PREFIXES.find((p) => secret.startsWith(p))?.length ?? 0;
}

/** The 12-character windows of any secret's part after its known prefix that appear in the text. */
export function leakedWindows(text: string, secrets: string[], prefixLength = knownPrefixLength): string[] {
  const leaks: string[] = [];
  for (const s of secrets) {
    const start = Math.max(0, prefixLength(s));
    for (let i = start; i + 12 <= s.length; i++) {
      const w = s.slice(i, i + 12);
      if (text.includes(w)) {
        leaks.push(w);
        break;
      }
    }
  }
  return leaks;
}
