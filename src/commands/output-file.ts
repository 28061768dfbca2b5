// `--output <file>` (check, report): a reader of the file — a monitoring agent, a script, a person —
// sees the previous file or the new one, never a part of one. The text goes to a temporary file in
// the same directory (the same filesystem, so the rename is atomic), is flushed to disk, then renamed
// over the target. Nothing is left behind: the temporary file is removed when a step fails and when
// the process exits before the rename (a second Ctrl-C calls process.exit).

import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { displayPath } from '../profiles/files.js';
import { UsageError } from '../types.js';

/** Where a file of this name is written first. Hidden, and not `*.prom`: node_exporter's textfile collector never reads it. */
function temporaryName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Replaces `file` with `text` atomically. A symbolic link is followed (its target is replaced, as a plain
 * write would); an existing file keeps its permission bits. Anything but a regular file (a directory, a
 * device such as /dev/null) is refused: a rename would replace it.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const target = await realpath(file).catch(() => file);
  const existing = await stat(target).catch(() => undefined);
  if (existing && !existing.isFile()) throw new Error('not a regular file');
  const temp = temporaryName(target);
  const removeOnExit = () => {
    try {
      unlinkSync(temp);
    } catch {
      // Not there (never created, or already renamed): nothing to clean.
    }
  };
  process.on('exit', removeOnExit);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx');
    if (existing) await handle.chmod(existing.mode & 0o7777);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  } finally {
    process.off('exit', removeOnExit);
  }
}

/**
 * `--output`: writes the (already scrubbed) text, or fails with a usage error (exit 2) that says why in
 * words (`EACCES: permission denied`) without the temporary file's name. Returns the path as shown to the user.
 */
export async function writeOutput(output: string, text: string, home: string): Promise<string> {
  const file = path.resolve(output);
  const shown = displayPath(file, home);
  try {
    await writeFileAtomic(file, text);
  } catch (err) {
    const message = (err as Error).message;
    throw new UsageError(`--output ${shown}: ${/^[A-Z]+: [^,]+/.exec(message)?.[0] ?? message}`);
  }
  return shown;
}
