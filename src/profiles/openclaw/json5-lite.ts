// openclaw reads openclaw.json with JSON5, and its docs show snippets like
// `{ source: "env", provider: "default", id: "X" }` that people paste into it. authdoctor only
// needs a few fields from that file, so instead of a dependency this rewrites the JSON5 that
// appears in practice into JSON: comments, trailing commas, unquoted keys and single-quoted
// strings. It is string-aware, so `//` inside a URL string stays intact. Comments and trailing
// commas become spaces, so error positions still point at the right line.

import { parseStoreJson } from '../files.js';

const IDENTIFIER_START = /[A-Za-z_$\p{L}]/u;
const IDENTIFIER_PART = /[A-Za-z0-9_$\p{L}\p{N}]/u;

/** Index of the next character that is not whitespace or inside a comment. */
function nextSignificant(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\uFEFF') {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else {
      break;
    }
  }
  return i;
}

/** Blanks out a span but keeps its newlines, so line numbers survive. */
function blank(span: string): string {
  return span.replace(/[^\n]/g, ' ');
}

/** End index (exclusive) of a string literal starting at `start` with quote `q`. */
function stringEnd(text: string, start: number, q: string): number {
  let i = start + 1;
  while (i < text.length && text[i] !== q) i += text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

/** Rewrites a single-quoted JSON5 string as a double-quoted JSON string. */
function requote(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && body[i + 1] === "'") {
      out += "'";
      i++;
    } else if (c === '\\') {
      out += c + (body[i + 1] ?? '');
      i++;
    } else if (c === '"') {
      out += '\\"';
    } else {
      out += c;
    }
  }
  return `"${out}"`;
}

/** Turns JSON5-as-written-by-people into strict JSON text. */
export function json5ToJson(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i, '"');
      out += text.slice(i, end);
      i = end;
    } else if (c === "'") {
      const end = stringEnd(text, i, "'");
      out += requote(text.slice(i + 1, end - 1));
      i = end;
    } else if (c === '/' && text[i + 1] === '/') {
      const newline = text.indexOf('\n', i);
      const end = newline === -1 ? text.length : newline;
      out += blank(text.slice(i, end));
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close === -1 ? text.length : close + 2;
      out += blank(text.slice(i, end));
      i = end;
    } else if (c === ',') {
      const next = text[nextSignificant(text, i + 1)];
      out += next === '}' || next === ']' ? ' ' : ',';
      i++;
    } else if (IDENTIFIER_START.test(c)) {
      let end = i + 1;
      while (end < text.length && IDENTIFIER_PART.test(text[end]!)) end++;
      const word = text.slice(i, end);
      // A bare word followed by ':' is an object key; anything else (true, null, …) stays.
      out += text[nextSignificant(text, end)] === ':' ? JSON.stringify(word) : word;
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Parses a JSON5-tolerant config file; errors name a position, never the content. */
export function parseJson5Lite(text: string): ReturnType<typeof parseStoreJson> {
  return parseStoreJson(json5ToJson(text.replace(/^\uFEFF/, '')));
}
