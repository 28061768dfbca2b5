// Issue 15 #4: an answer nested 20,000 levels deep must not take down the run. Only the numbers
// authdoctor needs are copied from server data, and every walk over results is bounded.

import { describe, expect, it } from 'vitest';
import { fakeSecret, runCli, tempHome } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { MODELS_OK, json, startHttp, type FakeServer } from './servers.js';

const DEPTH = 20_000;

/** `{"a":{"a":…1…}}`, nested `depth` levels, as text (JSON.stringify itself would overflow). */
function nested(depth: number, leaf = '1'): string {
  return '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
}

/** Lists one model; answers the inference request with `usage` as given (raw JSON text). */
function inferenceServer(usage: string): Promise<FakeServer> {
  return startHttp((req, res) => {
    if (req.method === 'GET') return json(res, 200, MODELS_OK);
    json(res, 200, `{"type":"message","id":"msg_1","role":"assistant","content":[],"usage":${usage}}`);
  });
}

describe('deeply nested answers', { timeout: 30_000 }, () => {
  // Each answer's usage, and the token counts authdoctor copies from it (numbers only; none from the first).
  for (const [name, usage, counts] of [
    ['usage nested 20,000 levels deep', nested(DEPTH), undefined],
    ['token counts beside a deep field', `{"input_tokens":3,"output_tokens":1,"server_tool_use":${nested(DEPTH)}}`, { input_tokens: 3, output_tokens: 1 }],
  ] as const) {
    it(`${name}: every output is printed, the counts are numbers`, async () => {
      const server = await inferenceServer(usage);
      const { home, cleanup } = tempHome();
      try {
        const args = ['--key-stdin', '--inference', '--base-url', server.url, '--timeout', '5000'];
        const stdin = fakeSecret('sk-ant-api03-') + '\n';
        const r = await runCli(['check', ...args, '--json'], { home, stdin });
        expect(r.stderr).not.toMatch(/internal error|RangeError/);
        expect(r.code).toBe(0);
        const report = JSON.parse(r.stdout);
        expect(schemaErrors(report)).toBe('');
        const inference = report.profiles[0].checks.find((c: any) => c.id === 'inference');
        expect([inference.status, inference.code]).toEqual(['pass', 'inference_ok']);
        expect(inference.data.usage).toEqual(counts);

        for (const command of [['check', '--no-color'], ['report']]) {
          const out = await runCli([...command, ...args], { home, stdin });
          expect(out.stderr, command[0]).not.toMatch(/internal error|RangeError/);
          expect(out.code, command[0]).toBe(0);
          expect(out.stdout, command[0]).toMatch(/inference_ok|1-token request/);
        }
      } finally {
        cleanup();
        await server.close();
      }
    });
  }
});
