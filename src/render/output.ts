import { writeSync } from 'node:fs';
import { Scrubber } from '../credentials/scrub.js';
import { isTerminal } from './terminal.js';

type Which = 'stdout' | 'stderr';
const FD: Record<Which, 1 | 2> = { stdout: 1, stderr: 2 };

/**
 * Every byte authdoctor prints goes through here, scrubbed of every secret the run discovered
 * (CONTRACT.md: the full secret never appears anywhere, whatever happens).
 *
 * Text for a pipe or a file is written straight to the file descriptor: process.stdout would build
 * a stream (and, for a pipe, load node:net) for what is a few synchronous writes, which Node makes
 * for pipes and files anyway. A terminal, or a pipe that would block (EAGAIN: someone made it
 * non-blocking and it is full), goes through Node's stream, which waits; once a stream has taken
 * text, everything after it goes there too, so the order holds.
 */
export class Output {
  private readonly streams: Partial<Record<Which, NodeJS.WritableStream>> = {};
  private readonly closed: Record<Which, boolean> = { stdout: false, stderr: false };
  private readonly direct: Record<Which, boolean | undefined>;

  constructor(
    readonly scrubber: Scrubber = new Scrubber(),
    // Getters: Node builds process.stderr on first access (a few ms of start-up most runs never need).
    // Given streams are always written through (tests); the defaults only when no direct write can.
    private readonly out?: () => NodeJS.WritableStream,
    private readonly err?: () => NodeJS.WritableStream,
  ) {
    // undefined: decided on the first write (whether the descriptor is a terminal).
    this.direct = { stdout: out ? false : undefined, stderr: err ? false : undefined };
  }

  stdout(text: string): void {
    this.write('stdout', text);
  }

  stderr(text: string): void {
    this.write('stderr', text);
  }

  scrub(text: string): string {
    return this.scrubber.scrub(text);
  }

  /**
   * A reader that stops early (`check | head -3`) closes the pipe: what is left to print goes
   * nowhere, but the run goes on to its end, so that the exit code (`set -o pipefail`) is the real one.
   */
  private write(which: Which, text: string): void {
    if (this.closed[which]) return;
    let bytes = Buffer.from(this.scrubber.scrub(text));
    this.direct[which] ??= !isTerminal(FD[which]);
    if (this.direct[which]) {
      try {
        while (bytes.length > 0) bytes = bytes.subarray(writeSync(FD[which], bytes));
        return;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') {
          this.closed[which] = true;
          return;
        }
        if (code !== 'EAGAIN') throw err;
        this.direct[which] = false;
      }
    }
    this.stream(which).write(bytes);
  }

  private stream(which: Which): NodeJS.WritableStream {
    let stream = this.streams[which];
    if (!stream) {
      stream = this.streams[which] = which === 'stdout' ? (this.out ?? (() => process.stdout))() : (this.err ?? (() => process.stderr))();
      stream.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') throw err;
        this.closed[which] = true;
      });
    }
    return stream;
  }
}
