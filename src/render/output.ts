import { Scrubber } from '../credentials/scrub.js';

/**
 * Every byte authdoctor prints goes through here, scrubbed of every secret the run discovered
 * (CONTRACT.md: the full secret never appears anywhere, whatever happens).
 */
export class Output {
  constructor(
    readonly scrubber: Scrubber = new Scrubber(),
    // Getters: Node builds process.stderr on first access (a few ms of start-up most runs never need).
    private readonly out: () => NodeJS.WritableStream = () => process.stdout,
    private readonly err: () => NodeJS.WritableStream = () => process.stderr,
  ) {}

  stdout(text: string): void {
    this.out().write(this.scrubber.scrub(text));
  }

  stderr(text: string): void {
    this.err().write(this.scrubber.scrub(text));
  }

  scrub(text: string): string {
    return this.scrubber.scrub(text);
  }
}
