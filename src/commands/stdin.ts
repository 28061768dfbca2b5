// Reading the one credential of --key-stdin: piped text as is, or a hidden prompt on a terminal.

import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
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
function readHidden(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Promise<string> {
  stderr.write('Paste the credential and press Enter (input is hidden): ');
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input: stdin, output: muted, terminal: true });
  return new Promise((resolve) => {
    rl.once('line', (line) => {
      rl.close();
      stderr.write('\n');
      resolve(line + '\n');
    });
    rl.once('close', () => resolve(''));
  });
}

export function readCredentialFromStdin(stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr): Promise<string> {
  return stdin.isTTY ? readHidden(stdin, stderr) : readPiped(stdin);
}
