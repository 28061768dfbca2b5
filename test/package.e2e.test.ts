// The packed package, installed alone (scripts/smoke.mjs), and a strict TypeScript consumer of its
// declarations. Needs `npm run build` first.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ROOT, tempHome } from './helpers/cli.js';

const { home: work, cleanup } = tempHome('authdoctor-package-');
let smoke: ReturnType<typeof spawnSync>;
beforeAll(() => {
  smoke = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'smoke.mjs'), '--keep', work], { env: cleanEnv(work), encoding: 'utf8', timeout: 180_000 });
}, 200_000);
afterAll(cleanup);

const project = () => path.join(work, 'project');

describe('the packed package', () => {
  it('installs alone, offline, small, and its CLI and library run without a warning', () => {
    expect(smoke.status, `${smoke.stdout}\n${smoke.stderr}`).toBe(0);
    expect(smoke.stdout).toMatch(/ok {3}npx authdoctor demo/);
  });

  it('import and require both return a report that validates against authdoctor/schema', () => {
    for (const file of ['esm.mjs', 'cjs.cjs']) {
      const { report, schema } = JSON.parse(readFileSync(path.join(work, `${file}.json`), 'utf8')) as { report: unknown; schema: object };
      const ajv = new Ajv2020.default({ allErrors: true, strict: true });
      addFormats.default(ajv);
      const validate = ajv.compile(schema);
      expect(validate(report), `${file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      expect(schema).toEqual(JSON.parse(readFileSync(path.join(ROOT, 'schema', 'report.schema.json'), 'utf8')));
    }
  });

  it('a strict TypeScript consumer compiles against the shipped declarations; an unknown option does not', () => {
    const consumer = `import { check, discover, type CheckOptions, type ProfilesReport, type Report } from 'authdoctor';
import schema from 'authdoctor/schema';

const options: CheckOptions = { provider: ['anthropic'], source: ['env', 'openclaw'], baseUrl: { openai: 'https://example.com/v1' }, timeout: 5000 };
export async function main(signal: AbortSignal): Promise<number> {
  const report: Report = await check({ ...options, inference: false, signal });
  const one: Report = await check({ key: 'sk-ant-api03-x', provider: ['anthropic'], env: { HOME: '/tmp' } });
  const found: ProfilesReport = await discover({ source: ['openclaw'], openclawDir: '/tmp/oc' });
  const verdicts: string[] = report.profiles.map((p) => p.verdict);
  const code: 0 | 1 | 2 | 3 | 4 | 130 = one.exitCode;
  // @ts-expect-error an unknown option is a type error
  await check({ offine: true });
  // @ts-expect-error so is a flag of the wrong type
  await check({ provider: 'anthropic' });
  // @ts-expect-error discover() takes no check options
  await discover({ offline: true });
  return verdicts.length + found.profiles.length + code + String(schema.$schema).length;
}
`;
    const cjsConsumer = `import authdoctor = require('authdoctor');
import schema = require('authdoctor/schema');
export async function run(): Promise<string> {
  const report = await authdoctor.check({ offline: true });
  return report.summary.works + schema.title;
}
`;
    writeFileSync(path.join(project(), 'consumer.ts'), consumer);
    writeFileSync(path.join(project(), 'consumer-cjs.cts'), cjsConsumer);
    writeFileSync(
      path.join(project(), 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          noEmit: true,
          types: ['node'],
          // The consumer's own @types/node: the project has no other package, so this repository's.
          typeRoots: [path.join(ROOT, 'node_modules', '@types')],
        },
        files: ['consumer.ts', 'consumer-cjs.cts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project()], { cwd: project(), encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 60_000);
});
