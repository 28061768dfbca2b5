import { knownPrefix } from './shapes.js';

const ELLIPSIS = '…';

/**
 * The recognised prefix, an ellipsis and at most the last 4 characters, never more than a quarter
 * of the random part: `sk-ant-api03-…3xQa`. Whitespace and quotes around the value are dropped
 * first so a stray newline cannot widen what is shown.
 */
export function redact(raw: string): string {
  const secret = raw.trim().replace(/^["'`]+|["'`]+$/g, '').trim();
  if (secret === '') return '';
  const prefix = knownPrefix(secret);
  const random = secret.slice(prefix.length);
  const tail = Math.min(4, Math.floor(random.length / 4));
  return prefix + ELLIPSIS + (tail > 0 ? random.slice(-tail) : '');
}
