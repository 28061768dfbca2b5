// One spinner on stderr while checks run, only on a terminal: "checking 3/8 profiles…".

import type { Ora } from 'ora';
import { colorEnabled } from './terminal.js';

export interface Progress {
  /** Prints lines above the spinner without leaving spinner residue. */
  print(write: () => void): void;
  tick(done: number, total: number): void;
  stop(): void;
}

export const NO_PROGRESS: Progress = { print: (write) => write(), tick: () => undefined, stop: () => undefined };

/**
 * A spinner only where a person watches a terminal: not in CI (where ora would print its text as a
 * plain line instead, leaving residue in the log), not on a dumb terminal, and not on a terminal
 * of width 0 (a pty nobody sized), where ora's line arithmetic divides by zero and erases forever.
 */
export function spinnerWanted(stream: { isTTY?: boolean; columns?: number }, env: Record<string, string | undefined>): boolean {
  return stream.isTTY === true && Boolean(stream.columns) && env.CI === undefined && env.TERM !== 'dumb';
}

/** `colorFlag`: --color / --no-color; the spinner's colour follows the same rules as the report's. */
export async function startProgress(total: number, stream: NodeJS.WriteStream, env: Record<string, string | undefined>, colorFlag: boolean): Promise<Progress> {
  if (!spinnerWanted(stream, env)) return NO_PROGRESS;
  const { default: ora } = await import('ora');
  // Enablement is decided above, once, so ora's own (similar) detection cannot disagree with it.
  const color = colorEnabled(colorFlag, env, stream) ? 'cyan' : false;
  const spinner: Ora = ora({ text: label(0, total), stream, discardStdin: false, isEnabled: true, color }).start();
  return {
    print(write) {
      spinner.clear();
      write();
      spinner.render();
    },
    tick(done, totalNow) {
      spinner.text = label(done, totalNow);
    },
    stop() {
      spinner.stop();
    },
  };
}

function label(done: number, total: number): string {
  return `checking ${done}/${total} ${total === 1 ? 'profile' : 'profiles'}…`;
}
