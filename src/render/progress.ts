// One spinner on stderr while checks run, only on a terminal: "checking 3/8 profiles…".

import type { Ora } from 'ora';

export interface Progress {
  /** Prints lines above the spinner without leaving spinner residue. */
  print(write: () => void): void;
  tick(done: number, total: number): void;
  stop(): void;
}

export const NO_PROGRESS: Progress = { print: (write) => write(), tick: () => undefined, stop: () => undefined };

export async function startProgress(enabled: boolean, total: number, stream: NodeJS.WriteStream): Promise<Progress> {
  // A terminal that reports width 0 (a pty nobody sized, as under `script` in CI) makes ora's
  // line arithmetic divide by zero and erase lines forever: no spinner there.
  if (!enabled || !stream.isTTY || !stream.columns) return NO_PROGRESS;
  const { default: ora } = await import('ora');
  const spinner: Ora = ora({ text: label(0, total), stream, discardStdin: false }).start();
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
