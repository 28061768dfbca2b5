// Text from servers and stores (error messages and types, request ids, profile ids, paths, notes) on
// its way to a terminal (CONTRACT.md, "Where a credential may be sent"): a control character in it
// could clear the screen, retitle the window, write the clipboard (OSC 52) or forge a line of the
// report. Renderers pass every untrusted string through here before they add their own colours, so
// chalk's sequences survive and nothing else does. JSON keeps the text as it is (see render/json.ts).

/** C0 (newline and tab too: every field is shown on one line), DEL and C1 (U+009B is a CSI by itself). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LINE_BREAKS = /\r\n|[\n\t]/g;
const REPLACEMENT = '\uFFFD';
/** Longer than any id, path or message worth reading on a terminal line. */
export const MAX_SHOWN = 500;
const TOO_DEEP = '[nested too deep]';
/** Depth at which sanitizeDeep stops walking (report data is bounded well below this). */
const MAX_DEPTH = 64;

/**
 * One line of untrusted text, safe for a terminal: line breaks and tabs become spaces, every other
 * control character becomes U+FFFD (visible, so a reader sees something was there), and the text is
 * cut to `max` characters (without splitting a surrogate pair).
 */
export function sanitize(text: string, max = MAX_SHOWN): string {
  // Most text has nothing to replace: one scan, no copy.
  if (text.length <= max && !ANY_CONTROL.test(text)) return text;
  const clean = text.replace(LINE_BREAKS, ' ').replace(CONTROL, REPLACEMENT);
  if (clean.length <= max) return clean;
  // Room for the ellipsis; a high surrogate kept last would be half a character.
  const cut = /[\uD800-\uDBFF]/.test(clean[max - 2] ?? '') ? max - 2 : max - 1;
  return clean.slice(0, cut) + '…';
}

/**
 * Every string inside a value (keys too) through `sanitize`, for renderers that draw on many fields
 * (the Markdown report, the human report): none can be forgotten. Bounded in depth like Scrubber.scrubDeep.
 */
export function sanitizeDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return sanitize(value) as T;
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP as T;
  if (Array.isArray(value)) return value.map((v: unknown) => sanitizeDeep(v, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [sanitize(k), sanitizeDeep(v, depth + 1)])) as T;
}
