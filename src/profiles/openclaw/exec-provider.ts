// Runs an openclaw `exec` secret provider the way openclaw does (secrets/resolve.ts in its
// sources): the absolute command without a shell, the request as JSON on stdin, a clean
// environment (only what the provider config passes on), a timeout. It runs in its own session
// with pipes for all three streams, so it can never reach the user's terminal. Only reached
// with --allow-exec.

import { spawn } from 'node:child_process';
import { isRecord } from '../files.js';

export interface ExecRequest {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  input: string;
  timeoutMs: number;
  maxOutputBytes: number;
}

export type ExecResult =
  | { kind: 'exit'; code: number | null; stdout: string }
  | { kind: 'timeout' }
  | { kind: 'too_much_output' }
  | { kind: 'spawn_error'; message: string };

export const runExecProvider = (req: ExecRequest): Promise<ExecResult> =>
  new Promise((resolve) => {
    let settled = false;
    const finish = (result: ExecResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(req.command, req.args, {
        cwd: req.cwd,
        env: req.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        shell: false,
        detached: true,
        windowsHide: true,
      });
    } catch (err) {
      resolve({ kind: 'spawn_error', message: String((err as NodeJS.ErrnoException).code ?? (err as Error).message) });
      return;
    }
    const kill = () => {
      try {
        // detached: the child leads its own process group; end helpers it started too.
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      kill();
      finish({ kind: 'timeout' });
    }, req.timeoutMs);

    let bytes = 0;
    const chunks: Buffer[] = [];
    const count = (chunk: Buffer, keep: boolean) => {
      bytes += chunk.length;
      if (bytes > req.maxOutputBytes) {
        kill();
        finish({ kind: 'too_much_output' });
      } else if (keep) {
        chunks.push(chunk);
      }
    };
    child.stdout?.on('data', (c: Buffer) => count(c, true));
    // stderr is drained (a full pipe would block the child) but never shown: it may echo secrets.
    child.stderr?.on('data', (c: Buffer) => count(c, false));
    child.on('error', (err: NodeJS.ErrnoException) => finish({ kind: 'spawn_error', message: String(err.code ?? err.message) }));
    child.on('close', (code) => finish({ kind: 'exit', code, stdout: Buffer.concat(chunks).toString('utf8') }));
    child.stdin?.on('error', () => undefined); // a provider that exits without reading stdin is fine
    child.stdin?.end(req.input);
  });

/** Reads the provider's answer for one id. Errors name what was wrong, never the output. */
export function parseExecOutput(stdout: string, id: string, jsonOnly: boolean): { ok: true; value: unknown } | { ok: false; reason: string } {
  const trimmed = stdout.trim();
  if (!trimmed) return { ok: false, reason: 'it printed nothing' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    // With jsonOnly: false openclaw accepts a bare value for a single id.
    return jsonOnly ? { ok: false, reason: 'it did not print JSON' } : { ok: true, value: trimmed };
  }
  if (!jsonOnly && typeof parsed === 'string') return { ok: true, value: parsed };
  if (!isRecord(parsed)) return { ok: false, reason: 'its answer is not a JSON object' };
  if (parsed.protocolVersion !== 1) return { ok: false, reason: 'its answer does not say protocolVersion 1' };
  if (isRecord(parsed.errors) && id in parsed.errors) return { ok: false, reason: `it reported an error for "${id}"` };
  if (!isRecord(parsed.values)) return { ok: false, reason: 'its answer has no "values"' };
  if (!(id in parsed.values)) return { ok: false, reason: `its answer has no value for "${id}"` };
  return { ok: true, value: parsed.values[id] };
}
