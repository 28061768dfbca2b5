// Issue 15 #3: text from servers and stores reaches a terminal only with its control characters
// replaced (CONTRACT.md, "Where a credential may be sent"), in every output, while authdoctor's own
// colours survive. JSON keeps store text exactly (escaped, so it is safe on a terminal too).

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeSecret, runCli, tempHome } from '../helpers/cli.js';
import { apiError, json, startHttp } from './servers.js';

/** Control characters other than the newlines between lines of output. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
/** chalk's colours: Select Graphic Rendition sequences, the only escapes authdoctor writes itself. */
const SGR = /\u001b\[[0-9;]*m/g;

function expectTerminalSafe(text: string, what: string): void {
  const stripped = text.replace(SGR, '');
  const at = stripped.search(CONTROL);
  expect(at, `${what}: control character in ${JSON.stringify(stripped.slice(Math.max(0, at - 60), at + 20))}`).toBe(-1);
}

const ERROR_TYPE = 'authentication_error\u001b[2J\u001b]0;pwned\u0007';
const MESSAGE = 'invalid x-api-key \u009b2J\u001b]52;c;cHduZWQ=\u0007 \u0085end\u007f';
const REQUEST_ID = 'req_\u009b31mfake';

describe('server text', { timeout: 30_000 }, () => {
  it('error types, messages and request ids are cleaned in human, verbose, JSON and Markdown output', async () => {
    const server = await startHttp((_req, res) => json(res, 401, apiError(ERROR_TYPE, MESSAGE), { 'request-id': REQUEST_ID }));
    const { home, cleanup } = tempHome();
    try {
      const key = fakeSecret('sk-ant-api03-') + '\n';
      const base = ['--key-stdin', '--base-url', server.url, '--timeout', '3000'];

      const human = await runCli(['check', ...base, '--verbose'], { home, stdin: key, env: { FORCE_COLOR: '1' } });
      expect(human.code).toBe(1);
      expect(human.stdout).toMatch(SGR); // our colours survive
      expect(human.stdout).toContain('authentication_error');
      expectTerminalSafe(human.stdout, 'check stdout');
      expectTerminalSafe(human.stderr, 'check --verbose stderr');
      expect(human.stderr).toMatch(/→ GET/);

      const j = await runCli(['check', ...base, '--json'], { home, stdin: key });
      expectTerminalSafe(j.stdout, 'check --json');
      const validity = JSON.parse(j.stdout).profiles[0].checks.find((c: any) => c.id === 'validity');
      expect([validity.status, validity.code]).toEqual(['fail', 'invalid_credential']);
      // A summary printed with `jq -r` reaches a terminal too: the server's text in it is cleaned.
      expect(validity.summary).not.toMatch(CONTROL);

      const md = await runCli(['report', ...base], { home, stdin: key });
      expect(md.code).toBe(1);
      expectTerminalSafe(md.stdout, 'report');
      expect(md.stdout).toContain('invalid_credential');
    } finally {
      cleanup();
      await server.close();
    }
  });
});

describe('store text', { timeout: 30_000 }, () => {
  const OSC52_ID = 'anthropic:\u001b]52;c;cHduZWQ=\u0007work';
  const C1_PROVIDER = 'evil\u009b2j'; // openclaw lower-cases provider ids

  function plantStore(home: string): void {
    const dir = path.join(home, '.openclaw', 'agents', 'main', 'agent');
    mkdirSync(dir, { recursive: true });
    const profiles = {
      [OSC52_ID]: { type: 'api_key', provider: 'anthropic', key: fakeSecret('sk-ant-api03-') },
      'other:default': { type: 'api_key', provider: C1_PROVIDER, key: fakeSecret('sk-') },
      'anthropic:ref': { type: 'api_key', provider: 'anthropic', keyRef: { source: 'file', provider: 'vault\u001b[2J', id: '/k' } },
    };
    writeFileSync(path.join(dir, 'auth-profiles.json'), JSON.stringify({ version: 1, profiles }), { mode: 0o600 });
  }

  it('profile ids, providers, locations and problems are cleaned on terminals and exact in JSON', async () => {
    const { home, cleanup } = tempHome();
    try {
      plantStore(home);
      const src = ['--source', 'openclaw'];
      for (const args of [['profiles'], ['check', '--offline'], ['check', '--offline', '--quiet'], ['report', '--offline']]) {
        const r = await runCli([...args, ...src], { home, env: { FORCE_COLOR: '1' } });
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).not.toBe(2);
        expectTerminalSafe(r.stdout, `${args.join(' ')} stdout`);
        expectTerminalSafe(r.stderr, `${args.join(' ')} stderr`);
        expect(r.stdout).toContain('anthropic:\uFFFD]52;c;cHduZWQ=\uFFFDwork');
      }
      const listed = await runCli(['profiles', '--json', ...src], { home });
      expectTerminalSafe(listed.stdout, 'profiles --json');
      const ids = JSON.parse(listed.stdout).profiles.map((p: any) => p.id);
      expect(ids).toContain(`openclaw/main/${OSC52_ID}`);
      const checked = await runCli(['check', '--offline', '--json', ...src], { home });
      expectTerminalSafe(checked.stdout, 'check --json');
      const report = JSON.parse(checked.stdout);
      expect(report.profiles.map((p: any) => p.id)).toContain(`openclaw/main/${OSC52_ID}`);
      expect(report.profiles.map((p: any) => p.provider)).toContain(C1_PROVIDER);
      expect(report.problems.some((p: any) => p.message.includes('vault\u001b[2J'))).toBe(true);
    } finally {
      cleanup();
    }
  });
});
