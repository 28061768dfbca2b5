// Neither the scripts that run the built CLI (scripts/clean-env.mjs) nor the tests (helpers/cli.ts
// cleanEnv) let through a variable of this machine that would point a run at its own credentials,
// its own stores or another host.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROVIDER_METAS } from '../src/providers/registry.js';
// @ts-expect-error: a plain .mjs script, without declarations
import { withoutUserSettings } from '../scripts/clean-env.mjs';
import { cleanEnv } from './helpers/cli.js';

/** Every variable a run reads for a credential, a store's place or a base URL, and the proxies. */
const USER_SETTINGS = [
  ...PROVIDER_METAS.flatMap((m) => [...m.envVars.map((v) => v.name), ...Object.values(m.families).flatMap((f) => (f.env ? [f.env] : []))]),
  ...['CLAUDE_CONFIG_DIR', 'CODEX_HOME', 'XDG_CONFIG_HOME'],
  ...['OPENCLAW_STATE_DIR', 'OPENCLAW_CONFIG_PATH', 'OPENCLAW_HOME', 'OPENCLAW_AGENT_DIR', 'OPENCLAW_OAUTH_DIR', 'CLAWDBOT_STATE_DIR', 'CLAWDBOT_CONFIG_PATH'],
  ...['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'NO_PROXY'],
];

afterEach(() => vi.unstubAllEnvs());

describe('a clean environment', () => {
  it("the scripts' leaves out every such variable", () => {
    const env = Object.fromEntries([...USER_SETTINGS, 'PATH'].map((name) => [name, 'set']));
    expect(Object.keys(withoutUserSettings(env))).toEqual(['PATH']);
  });

  it("the tests' leaves out every such variable", () => {
    for (const name of USER_SETTINGS) vi.stubEnv(name, 'set');
    expect(USER_SETTINGS.filter((name) => name in cleanEnv('/nonexistent'))).toEqual([]);
  });
});
