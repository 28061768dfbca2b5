import { fstatSync, write, writeSync } from 'node:fs';
import { Scrubber } from '../credentials/scrub.js';
import { sanitize } from './sanitize.js';
import { isTerminal } from './terminal.js';

type Which = 'stdout' | 'stderr';
const FD: Record<Which, 1 | 2> = { stdout: 1, stderr: 2 };

/**
 * How text reaches a descriptor. process.stdout would build a stream, and for a pipe load node:net
 * with it (a few ms of a short run), so:
 * - `sync`: a file or /dev/null, written at once (nothing there makes a write wait on anyone);
 * - `queued`: a pipe or socket, one write at a time off the main thread: a reader that stops
 *   reading (`| less`) must not stall the run, its timeouts, its servers or Ctrl-C;
 * - `stream`: a terminal, and whatever is not known, through Node's stream.
 */
type How = 'sync' | 'queued' | 'stream';

function howToWrite(fd: 1 | 2): How {
  try {
    const st = fstatSync(fd);
    if (st.isFile()) return 'sync';
    if (st.isCharacterDevice()) return isTerminal(fd) ? 'stream' : 'sync';
    if (st.isFIFO() || st.isSocket()) return 'queued';
  } catch {
    // Let Node's stream decide.
  }
  return 'stream';
}

/**
 * Every byte authdoctor prints goes through here, scrubbed of every secret the run discovered
 * (CONTRACT.md: the full secret never appears anywhere, whatever happens). Order holds per stream:
 * once a pipe someone made non-blocking is full (EAGAIN), the rest and everything after it goes
 * through Node's stream, which waits for the reader.
 */
export class Output {
  private readonly streams: Partial<Record<Which, NodeJS.WritableStream>> = {};
  private readonly closed: Record<Which, boolean> = { stdout: false, stderr: false };
  private readonly how: Record<Which, How | undefined>;
  private readonly queue: Record<Which, Buffer[]> = { stdout: [], stderr: [] };
  private readonly writing: Record<Which, boolean> = { stdout: false, stderr: false };
  /** Set when a write failed other than by the reader going away: the run then ends with exit 2. */
  failed = false;

  constructor(
    readonly scrubber: Scrubber = new Scrubber(),
    // Getters: Node builds process.stderr on first access (a few ms of start-up most runs never need).
    // Given streams are always written through (tests); the defaults only when the descriptor asks for it.
    private readonly out?: () => NodeJS.WritableStream,
    private readonly err?: () => NodeJS.WritableStream,
  ) {
    // undefined: decided on the first write.
    this.how = { stdout: out ? 'stream' : undefined, stderr: err ? 'stream' : undefined };
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
    const how = (this.how[which] ??= howToWrite(FD[which]));
    if (how === 'queued') {
      this.queue[which].push(bytes);
      if (!this.writing[which]) this.next(which);
      return;
    }
    if (how === 'sync') {
      try {
        while (bytes.length > 0) bytes = bytes.subarray(writeSync(FD[which], bytes));
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') return this.fail(which, err as NodeJS.ErrnoException);
        this.how[which] = 'stream';
      }
    }
    this.stream(which).write(bytes);
  }

  /** Writes the first queued chunk, then the next, until none is left. */
  private next(which: Which): void {
    const bytes = this.queue[which][0];
    this.writing[which] = bytes !== undefined;
    if (bytes === undefined) return;
    write(FD[which], bytes, 0, bytes.length, null, (err, written) => {
      if (err) {
        const left = this.queue[which];
        this.queue[which] = [];
        this.writing[which] = false;
        if (err.code !== 'EAGAIN') return this.fail(which, err);
        this.how[which] = 'stream';
        for (const chunk of left) this.stream(which).write(chunk);
        return;
      }
      if (written < bytes.length) this.queue[which][0] = bytes.subarray(written);
      else this.queue[which].shift();
      this.next(which);
    });
  }

  private stream(which: Which): NodeJS.WritableStream {
    let stream = this.streams[which];
    if (!stream) {
      stream = this.streams[which] = which === 'stdout' ? (this.out ?? (() => process.stdout))() : (this.err ?? (() => process.stderr))();
      stream.on('error', (err: NodeJS.ErrnoException) => this.fail(which, err));
    }
    return stream;
  }

  /**
   * The reader went away (EPIPE): nothing more is printed there, quietly. Anything else (a full
   * disk): said on stderr, and the run ends with exit 2, whatever it found.
   */
  private fail(which: Which, err: NodeJS.ErrnoException): void {
    this.closed[which] = true;
    if (err.code === 'EPIPE') return;
    this.failed = true;
    process.exitCode = 2;
    if (which === 'stdout' && !this.closed.stderr) this.stderr(`authdoctor: cannot write to stdout: ${sanitize(err.message, 200)}\n`);
  }
}
