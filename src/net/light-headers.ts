// The part of the WHATWG Headers class that the Anthropic SDK uses, for the bundle (scripts/build.mjs
// puts it in place of the global inside the SDK's modules). Node's global Headers is lazily loaded
// with the whole of Node's fetch implementation, ~20 ms of every run that sends an Anthropic
// request, for a few maps of strings; requests themselves go through node:http (src/net/http.ts).

type Init = Iterable<readonly [string, string]> | Record<string, string | readonly string[] | undefined> | { forEach(cb: (value: string, name: string) => void): void } | null | undefined;

/** The name/value pairs of anything a Headers constructor takes. */
export function headerEntries(init: Init): Array<[string, string]> {
  if (!init) return [];
  const out: Array<[string, string]> = [];
  if (typeof (init as { forEach?: unknown }).forEach === 'function' && !Array.isArray(init)) {
    (init as { forEach(cb: (value: string, name: string) => void): void }).forEach((value, name) => out.push([name, value]));
    return out;
  }
  if (Symbol.iterator in Object(init)) {
    for (const [name, value] of init as Iterable<readonly [string, string]>) out.push([String(name), String(value)]);
    return out;
  }
  for (const [name, value] of Object.entries(init as Record<string, string | readonly string[] | undefined>)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.push([name, String(v)]);
  }
  return out;
}

export class LightHeaders implements Iterable<[string, string]> {
  readonly #map = new Map<string, string>();

  constructor(init?: Init) {
    for (const [name, value] of headerEntries(init)) this.append(name, value);
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const v = String(value).trim();
    const prev = this.#map.get(key);
    this.#map.set(key, prev === undefined ? v : `${prev}, ${v}`);
  }

  set(name: string, value: string): void {
    this.#map.set(name.toLowerCase(), String(value).trim());
  }

  get(name: string): string | null {
    return this.#map.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.#map.has(name.toLowerCase());
  }

  delete(name: string): void {
    this.#map.delete(name.toLowerCase());
  }

  getSetCookie(): string[] {
    return [];
  }

  forEach(cb: (value: string, name: string, headers: LightHeaders) => void, thisArg?: unknown): void {
    for (const [name, value] of this) cb.call(thisArg, value, name, this);
  }

  /** Sorted by name, as the standard class iterates. */
  *entries(): IterableIterator<[string, string]> {
    yield* [...this.#map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}
