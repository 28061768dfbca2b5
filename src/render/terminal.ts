import type { Palette } from './human.js';
import { PLAIN } from './human.js';

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
