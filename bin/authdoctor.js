#!/usr/bin/env node
import { main } from '../dist/cli.js';

main().catch((err) => {
  // Last resort: a bug escaped every check's isolation. Never print a stack with values in it.
  process.stderr.write(`authdoctor: internal error: ${err && err.name ? err.name : 'Error'}${err && err.message ? `: ${String(err.message).slice(0, 200)}` : ''}\n`);
  process.exitCode = 2;
});
