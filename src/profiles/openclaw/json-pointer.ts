// RFC 6901 JSON pointers: openclaw's `file` SecretRefs address a value inside a JSON file with
// one, and authdoctor's locations use them to point at a profile inside a store file.

/** Escapes one key for use as a pointer segment (`~` → `~0`, `/` → `~1`). */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(...keys: string[]): string {
  return keys.map((k) => '/' + pointerSegment(k)).join('');
}

/** Follows a pointer into parsed JSON; the error names the segment, never a value. */
export function readPointer(
  root: unknown,
  pointer: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (pointer === '') return { ok: true, value: root };
  if (!pointer.startsWith('/')) return { ok: false, message: `"${pointer}" is not a JSON pointer (it must start with "/")` };
  let current: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const index = /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : -1;
      if (index < 0 || index >= current.length) return { ok: false, message: `segment "${key}" is not in the file` };
      current = current[index];
    } else if (current !== null && typeof current === 'object' && Object.hasOwn(current, key)) {
      current = (current as Record<string, unknown>)[key];
    } else {
      return { ok: false, message: `segment "${key}" is not in the file` };
    }
  }
  return { ok: true, value: current };
}
