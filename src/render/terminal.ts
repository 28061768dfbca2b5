import { fstatSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { Palette } from './human.js';
import { PLAIN } from './human.js';

/**
 * Whether a file descriptor is a terminal, asked without building process.stdout/stdin/stderr (each
 * getter builds a stream, and pipes and terminals bring node:net along: ~3 ms of a short run). A
 * terminal is a character device; only then is node:tty loaded to tell it from /dev/null.
 */
export function isTerminal(fd: 0 | 1 | 2): boolean {
  try {
    return fstatSync(fd).isCharacterDevice() && isatty(fd);
  } catch {
    // Closed (EBADF): not a terminal.
    return false;
  }
}

/**
 * Colour only on a terminal, never with NO_COLOR (any non-empty value, no-color.org) or
 * --no-color; FORCE_COLOR forces it (for tests of colour output and CI logs that render ANSI).
 */
export function colorEnabled(flag: boolean, env: Record<string, string | undefined>, stream: { isTTY?: boolean }): boolean {
  if (!flag) return false;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** chalk, loaded only when colour is on. */
export async function palette(enabled: boolean): Promise<Palette> {
  if (!enabled) return PLAIN;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { green: c.green, yellow: c.yellow, red: c.red, cyan: c.cyan, magenta: c.magenta, dim: c.dim, bold: c.bold };
}
