import { ANTHROPIC_PREFIXES, FOREIGN_PATTERNS } from './prefixes.js';

const ELLIPSIS = '…';

/** The recognisable, non-secret prefix of a credential ('' when the shape is unknown). */
export function knownPrefix(secret: string): string {
  const anthropic = ANTHROPIC_PREFIXES.find((p) => secret.startsWith(p.prefix));
  if (anthropic) return anthropic.prefix;
  if (secret.startsWith('sk-ant-')) return 'sk-ant-';
  const foreign = FOREIGN_PATTERNS.find((p) => p.test.test(secret));
  return foreign ? foreign.prefix(secret) : '';
}

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
