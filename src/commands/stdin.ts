// Reading the one credential of --key-stdin: piped text as is, or a hidden prompt on a terminal.

import { UsageError } from '../types.js';

const MAX_STDIN_BYTES = 64 * 1024;

async function readPiped(stream: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_STDIN_BYTES) throw new UsageError(`--key-stdin: more than ${MAX_STDIN_BYTES} bytes on stdin; pipe one credential`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Asks on stderr and reads one line without echoing it. */
async function readHidden(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Promise<string> {
  // Loaded here: only a person pasting at a terminal needs readline (start-up time of every run).
  const [{ createInterface }, { Writable }] = await Promise.all([import('node:readline'), import('node:stream')]);
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  // The interface first: it puts the terminal in raw mode, so nothing typed after the prompt echoes.
  const rl = createInterface({ input: stdin, output: muted, terminal: true });
  stderr.write('Paste the credential and press Enter (input is hidden): ');
  return new Promise((resolve) => {
    rl.once('line', (line) => {
      // Resolve before closing: close() emits 'close' at once, which would resolve with nothing.
      resolve(line + '\n');
      rl.close();
      stderr.write('\n');
    });
    rl.once('close', () => resolve(''));
  });
}

export function readCredentialFromStdin(stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr): Promise<string> {
  return stdin.isTTY ? readHidden(stdin, stderr) : readPiped(stdin);
}
