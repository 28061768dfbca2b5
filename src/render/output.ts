import { Scrubber } from '../credentials/scrub.js';

type Which = 'stdout' | 'stderr';

/**
 * Every byte authdoctor prints goes through here, scrubbed of every secret the run discovered
 * (CONTRACT.md: the full secret never appears anywhere, whatever happens).
 */
export class Output {
  private readonly streams: Partial<Record<Which, NodeJS.WritableStream>> = {};
  private readonly closed: Record<Which, boolean> = { stdout: false, stderr: false };

  constructor(
    readonly scrubber: Scrubber = new Scrubber(),
    // Getters: Node builds process.stderr on first access (a few ms of start-up most runs never need).
    private readonly out: () => NodeJS.WritableStream = () => process.stdout,
    private readonly err: () => NodeJS.WritableStream = () => process.stderr,
  ) {}

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
    let stream = this.streams[which];
    if (!stream) {
      stream = this.streams[which] = which === 'stdout' ? this.out() : this.err();
      stream.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') throw err;
        this.closed[which] = true;
      });
    }
    stream.write(this.scrubber.scrub(text));
  }
}
