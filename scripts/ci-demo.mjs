#!/usr/bin/env node
// CI: the README's first command on a fresh clone. Runs `authdoctor demo` (human) and `demo --json`
// the way a new user would (after `npm ci`, which builds dist/), and fails unless both exit 0 and
// show every verdict. Usage: node scripts/ci-demo.mjs   (from .ci/run, after npm ci)

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'authdoctor.js');
const VERDICTS = ['works', 'broken', 'unknown'];
/** A credential-shaped string: redacted values (`sk-ant-api03-…DEMO`) never match. */
const CREDENTIAL = /sk-ant-[a-z]+\d*-[A-Za-z0-9_-]{8,}/;

// An empty HOME and no provider variables: the demo must not need (or read) anything of the machine's.
const home = mkdtempSync(path.join(os.tmpdir(), 'authdoctor-ci-demo-'));
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ANTHROPIC_|CLAUDE_|OPENCLAW_|XDG_CONFIG_HOME$|NO_COLOR$|FORCE_COLOR$)/.test(k)));
Object.assign(env, { HOME: home, USERPROFILE: home });

const failures = [];
function run(args) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: home, env, encoding: 'utf8', timeout: 60_000 });
  const shown = `authdoctor ${args.join(' ')}`;
  if (r.error) failures.push(`${shown}: ${r.error.message}`);
  if (r.status !== 0) failures.push(`${shown}: exit ${r.status ?? r.signal}, expected 0\n${r.stderr}`);
  if (CREDENTIAL.test(r.stdout + r.stderr)) failures.push(`${shown}: printed something credential-shaped`);
  return r;
}

try {
  const human = run(['demo', '--no-color']);
  process.stdout.write(human.stdout);
  for (const v of VERDICTS) {
    // Profile header lines read "<mark> <verdict> <id> …".
    if (!new RegExp(`^\\S+ ${v} `, 'm').test(human.stdout)) failures.push(`authdoctor demo: no profile with verdict "${v}" in the output`);
  }

  const json = run(['demo', '--json']);
  let report;
  try {
    report = JSON.parse(json.stdout);
  } catch (err) {
    failures.push(`authdoctor demo --json: stdout is not JSON (${err.message})`);
  }
  if (report) {
    const seen = new Set(report.profiles.map((p) => p.verdict));
    for (const v of VERDICTS) if (!seen.has(v)) failures.push(`authdoctor demo --json: no profile with verdict "${v}"`);
    console.log(`demo --json: ${report.profiles.length} profiles, verdicts ${[...seen].sort().join(', ')}`);
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}

if (failures.length) {
  console.error(`\nci-demo: FAILED\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log('ci-demo: ok (demo and demo --json exit 0 and show every verdict)');
