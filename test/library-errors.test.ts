// CONTRACT.md: the library's results never contain a full secret, whatever happens. A failure is
// injected after discovery (reading the proxy variables throws) with the secret in its message: the
// rejection check() returns is scrubbed like the report would be. Needs `npm run build` first.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import type * as Lib from '../src/index.js';
import { fakeSecret, leakedWindows, ROOT, tempHome } from './helpers/cli.js';

const lib = (await import(pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href)) as typeof Lib;

it('a failure inside check() rejects with the secrets it may quote scrubbed', async () => {
  const { home, cleanup } = tempHome();
  try {
    // Mistral keys have no distinctive prefix: only the run's own scrubber knows this one.
    const key = fakeSecret('', 32).replace(/[_-]/g, 'x');
    const known = { HOME: home, MISTRAL_API_KEY: key };
    const env = new Proxy(known, {
      get: (target, name) => {
        if (name === 'https_proxy') throw new TypeError(`injected failure near ${key}`);
        return target[name as keyof typeof known];
      },
    });
    const err = (await lib.check({ env, source: ['env'] }).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/injected failure near/);
    expect(err.name).toBe('TypeError');
    expect(leakedWindows(`${err.message}\n${err.stack}`, [key], () => 0)).toEqual([]);
  } finally {
    cleanup();
  }
});
