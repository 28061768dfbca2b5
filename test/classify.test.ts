import { describe, expect, it } from 'vitest';
import { isPlaceholder, trimCredential } from '../src/credentials/classify.js';
import { classifyAnthropic, oauthKind } from '../src/providers/anthropic/index.js';
import { redact } from '../src/credentials/redact.js';
import { Scrubber } from '../src/credentials/scrub.js';
import { insecureReason } from '../src/net/base-url.js';
import { fakeSecret } from './helpers/cli.js';

const API = fakeSecret('sk-ant-api03-');
const OAT = fakeSecret('sk-ant-oat01-');

describe('classifyAnthropic', () => {
  it.each([
    [API, {}, 'api_key', 'pass', 'recognized'],
    [fakeSecret('sk-ant-admin01-'), {}, 'admin_key', 'pass', 'recognized'],
    [OAT, { refreshable: true }, 'oauth_token', 'pass', 'recognized'],
    [OAT, { scopes: ['user:inference', 'user:profile'] }, 'oauth_token', 'pass', 'recognized'],
    [OAT, { scopes: ['user:inference'] }, 'setup_token', 'pass', 'recognized'],
    [OAT, { storedAs: 'token' }, 'setup_token', 'pass', 'recognized'],
    [OAT, {}, 'setup_token', 'pass', 'recognized'],
    [fakeSecret('sk-ant-ort01-'), {}, 'refresh_token', 'fail', 'refresh_token_not_access_token'],
    ['', {}, 'unknown', 'fail', 'empty'],
    ['   \n', {}, 'unknown', 'fail', 'empty'],
    ['${ANTHROPIC_API_KEY}', {}, 'unknown', 'fail', 'placeholder'],
    ['<your-api-key>', {}, 'unknown', 'fail', 'placeholder'],
    // A template keeps the kind its prefix names: the report still says what belongs here.
    ['sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', {}, 'api_key', 'fail', 'placeholder'],
    ['sk-ant-api03-abc', {}, 'api_key', 'fail', 'malformed'],
    ['sk-ant-api03-' + 'a'.repeat(40) + '!!', {}, 'api_key', 'fail', 'malformed'],
    [API.slice(0, 40) + '\n' + API.slice(40), {}, 'unknown', 'fail', 'malformed'],
    [fakeSecret('sk-proj-'), {}, 'unknown', 'fail', 'wrong_provider'],
    [fakeSecret('sk-', 48), {}, 'unknown', 'fail', 'wrong_provider'],
    [fakeSecret('sk-or-v1-'), {}, 'unknown', 'fail', 'wrong_provider'],
    ['AIza' + 'b'.repeat(35), {}, 'unknown', 'fail', 'wrong_provider'],
    ['ghp_' + 'c'.repeat(36), {}, 'unknown', 'fail', 'wrong_provider'],
    ['openclaw-oauth-refresh-fence:v1:abc', {}, 'oauth_token', 'error', 'refresh_in_progress'],
    ['sk-ant-api04-' + 'd'.repeat(60), {}, 'unknown', 'warn', 'unrecognized_prefix'],
    ['Zq3' + 'e'.repeat(50), {}, 'unknown', 'warn', 'unrecognized_prefix'],
  ] as const)('%#: %s → %s %s %s', (secret, meta, kind, status, code) => {
    const c = classifyAnthropic(secret, meta);
    expect([c.kind, c.status, c.code]).toEqual([kind, status, code]);
  });

  it('trims surrounding whitespace and quotes, tests the trimmed value and warns', () => {
    for (const padded of [` ${API}`, `${API}\n`, `"${API}"`, `'${API}'\r\n`, `\t"${API}" `]) {
      const c = classifyAnthropic(padded);
      expect(c.value).toBe(API);
      expect([c.status, c.code]).toEqual(['warn', 'whitespace']);
    }
  });

  it('accepts one trailing newline from a file or stdin without a warning', () => {
    expect(classifyAnthropic(`${API}\n`, { fromFile: true }).code).toBe('recognized');
    expect(classifyAnthropic(`${API}\r\n`, { fromFile: true }).code).toBe('recognized');
    expect(classifyAnthropic(`${API}\n\n`, { fromFile: true }).code).toBe('whitespace');
  });

  it('warns about loose permissions and keeps both warnings', () => {
    // Issue 13: the security finding leads, so scripts that read only `code` still see it.
    const c = classifyAnthropic(` ${API}`, { loosePermissions: '0644', looseFiles: ['~/keys/anthropic'] });
    expect(c.code).toBe('loose_permissions');
    expect(c.hint).toContain('chmod 600 ~/keys/anthropic');
    expect(c.warnings).toEqual(['whitespace', 'loose_permissions']);
    expect(classifyAnthropic(API, { loosePermissions: '0640' }).code).toBe('loose_permissions');
  });

  it('decides OAuth vs setup token from metadata', () => {
    expect(oauthKind({ refreshable: true, scopes: ['user:inference'] })).toBe('oauth_token');
    expect(oauthKind({ storedAs: 'oauth' })).toBe('oauth_token');
    expect(oauthKind({})).toBe('setup_token');
  });

  it('knows placeholders from real values', () => {
    expect(isPlaceholder('$ANTHROPIC_API_KEY')).toBe(true);
    expect(isPlaceholder('{{ secrets.KEY }}')).toBe(true);
    expect(isPlaceholder('sk-ant-api03-...')).toBe(true);
    expect(isPlaceholder(API)).toBe(false);
  });

  it('trimCredential strips nested quotes', () => {
    expect(trimCredential(` "'abc'" `)).toBe('abc');
  });
});

describe('redact', () => {
  it('keeps the prefix and at most 4 trailing characters', () => {
    const r = redact(API);
    expect(r).toBe(`sk-ant-api03-…${API.slice(-4)}`);
    expect(redact(`  ${API}\n`)).toBe(r);
  });

  it('never shows more than a quarter of the random part', () => {
    expect(redact('sk-ant-api03-abcdefgh')).toBe('sk-ant-api03-…gh');
    expect(redact('abc')).toBe('…');
    expect(redact('')).toBe('');
    expect(redact('Zq3eeeeeeeeeeeeeeeee1234')).toBe('…1234');
  });

  it('uses other providers’ prefixes too', () => {
    expect(redact('sk-proj-' + 'x'.repeat(40) + 'WXYZ')).toBe('sk-proj-…WXYZ');
  });
});

describe('Scrubber', () => {
  it('masks a secret and any 12-character piece of it, but not its public prefix', () => {
    const s = new Scrubber([API]);
    const piece = API.slice(30, 50);
    const out = s.scrub(`key ${API} and ${piece} and ${redact(API)}`);
    expect(out).not.toContain(API);
    expect(out).not.toContain(piece.slice(0, 12));
    expect(out).toContain(redact(API));
  });

  it('masks credential-shaped strings it was never told about', () => {
    const other = fakeSecret('sk-ant-api03-');
    expect(new Scrubber().scrub(`echo: ${other}`)).not.toContain(other.slice(20, 32));
  });

  it('does not mangle text when a placeholder-like short value is registered', () => {
    const s = new Scrubber(['abc']);
    expect(s.scrub('abc env/ANTHROPIC_API_KEY')).toBe('abc env/ANTHROPIC_API_KEY');
  });

  it('scrubs before encoding, so JSON escaping cannot split a secret', () => {
    const odd = 'x"Z9q\\' + 'Qm3"vT8w\\pL5"rN2k' + '"Yb7';
    const s = new Scrubber([odd]);
    const json = JSON.stringify(s.scrubDeep({ message: `echo ${odd}`, [odd]: 1 }));
    expect(s.scrub(JSON.stringify({ message: odd }))).toContain('Qm3');
    expect(json).not.toContain('Qm3');
    expect(json).not.toContain('pL5');
  });

  it('keeps JSON valid', () => {
    const s = new Scrubber([API]);
    const json = s.scrub(JSON.stringify({ message: `invalid key ${API}` }));
    expect(() => JSON.parse(json)).not.toThrow();
  });
});

describe('insecureReason', () => {
  it('allows HTTPS anywhere and plain HTTP only to loopback addresses', () => {
    expect(insecureReason('https://api.anthropic.com')).toBeUndefined();
    for (const ok of ['http://127.0.0.1:8080', 'http://localhost:3000', 'http://[::1]:9000', 'http://127.5.6.7']) expect(insecureReason(ok), ok).toBeUndefined();
    for (const bad of ['http://api.example.com', 'http://10.0.0.1', 'http://gateway.localhost', 'ftp://127.0.0.1', 'not a url']) expect(insecureReason(bad), bad).toBeDefined();
  });
});
