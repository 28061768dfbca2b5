// The Claude Code source: the OAuth login Claude Code keeps in `<config dir>/.credentials.json`
// (`claudeAiOauth`) and, on macOS, in the Keychain item "Claude Code-credentials". The config
// dir is --claude-dir, else $CLAUDE_CONFIG_DIR, else ~/.claude; with a configured dir Claude Code
// names its Keychain item "Claude Code-credentials-<first 8 hex of sha256(dir)>".
// Read-only, and never a prompt on the terminal: the Keychain is read with `security -w` under a
// timeout, so a macOS permission dialog nobody answers becomes a problem entry, not a hang.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { DiscoveryResult, Problem, Profile, ProfileMetadata, Source, SourceContext } from '../types.js';
import { anthropicMeta } from '../providers/anthropic/meta.js';
import { environmentBaseUrls } from './env.js';
import { describeReadFailure, displayPath, expandHome, isRecord, nonBlank, parseStoreJson, readStoreFile } from './files.js';

export const CREDENTIALS_FILE = '.credentials.json';
const KEYCHAIN_SERVICE = 'Claude Code-credentials';
/** security exits with errSecItemNotFound (44) when there is no such item. */
const SECURITY_ITEM_NOT_FOUND = 44;
/** Long enough to click "Allow" in a terminal session; short where nobody may be watching. */
const KEYCHAIN_TIMEOUT_INTERACTIVE_MS = 30_000;
const KEYCHAIN_TIMEOUT_UNATTENDED_MS = 3_000;

export interface ClaudeOauth {
  accessToken: string;
  hasRefresh: boolean;
  expiresAt: number | null;
  scopes: string[] | null;
  subscriptionType?: string;
  rateLimitTier?: string;
}

export type ClaudeCredentialsParse =
  | { kind: 'none' }
  | { kind: 'ok'; oauth: ClaudeOauth }
  | { kind: 'malformed'; message: string };

function parseScopes(v: unknown): string[] | null {
  if (Array.isArray(v)) return v.filter((s): s is string => typeof s === 'string');
  if (typeof v === 'string') return v.split(/\s+/).filter(Boolean);
  return null;
}

/** Pure: the text of `.credentials.json` (or the Keychain item) → the OAuth login, if any. */
export function parseClaudeCredentials(text: string): ClaudeCredentialsParse {
  const parsed = parseStoreJson(text);
  if (!parsed.ok) return { kind: 'malformed', message: parsed.message };
  if (!isRecord(parsed.value)) return { kind: 'malformed', message: 'the file is not a JSON object' };
  const oauth = parsed.value.claudeAiOauth;
  // A file with only `mcpOAuth` (MCP server logins) holds no Claude login: nothing to check.
  if (oauth === undefined) return { kind: 'none' };
  if (!isRecord(oauth)) return { kind: 'malformed', message: '"claudeAiOauth" is not a JSON object' };
  if (typeof oauth.accessToken !== 'string') return { kind: 'malformed', message: '"claudeAiOauth" has no accessToken string' };
  const result: ClaudeOauth = {
    accessToken: oauth.accessToken,
    hasRefresh: nonBlank(oauth.refreshToken),
    expiresAt: typeof oauth.expiresAt === 'number' && Number.isFinite(oauth.expiresAt) ? oauth.expiresAt : null,
    scopes: parseScopes(oauth.scopes),
  };
  if (nonBlank(oauth.subscriptionType)) result.subscriptionType = oauth.subscriptionType;
  if (nonBlank(oauth.rateLimitTier)) result.rateLimitTier = oauth.rateLimitTier;
  return { kind: 'ok', oauth: result };
}

function profileFrom(where: 'credentials-file' | 'keychain', location: string, oauth: ClaudeOauth, env: SourceContext['env'], loosePermissions?: string): Profile {
  const metadata: ProfileMetadata = {
    storedAs: 'oauth',
    refreshable: oauth.hasRefresh,
    expiresAt: oauth.expiresAt,
    scopes: oauth.scopes,
  };
  if (oauth.subscriptionType) metadata.subscriptionType = oauth.subscriptionType;
  if (oauth.rateLimitTier) metadata.notes = [`rate limit tier: ${oauth.rateLimitTier}`];
  if (loosePermissions) {
    metadata.loosePermissions = loosePermissions;
    metadata.looseFiles = [location.replace(/#.*$/, '')];
  }
  // Claude Code reads ANTHROPIC_BASE_URL: its login is tested where Claude Code would send it.
  const baseUrls = environmentBaseUrls(anthropicMeta, env);
  return {
    id: `claude-code/${where}`,
    name: where,
    provider: 'anthropic',
    source: { type: 'claude-code', location },
    secret: oauth.accessToken,
    metadata,
    ...(baseUrls ? { baseUrls } : {}),
  };
}

/** The config dir and whether the user chose it (which changes the Keychain item name). */
export function claudeConfigDir(ctx: SourceContext): { dir: string; configured?: string } {
  const configured = ctx.options.claudeDir?.trim() || ctx.env.CLAUDE_CONFIG_DIR?.trim();
  if (!configured) return { dir: path.join(ctx.home, '.claude') };
  const expanded = expandHome(configured, ctx.home);
  return { dir: path.resolve(expanded), configured: expanded };
}

export function keychainService(configuredDir: string | undefined): string {
  if (!configuredDir) return KEYCHAIN_SERVICE;
  return `${KEYCHAIN_SERVICE}-${createHash('sha256').update(configuredDir).digest('hex').slice(0, 8)}`;
}

export type SecurityResult =
  | { kind: 'ok'; stdout: string }
  | { kind: 'exit'; code: number | null }
  | { kind: 'timeout' }
  | { kind: 'error'; message: string };

export type SecurityRunner = (args: string[], timeoutMs: number) => Promise<SecurityResult>;

/**
 * Runs macOS `security` (by absolute path: a diagnostic should not run whatever `security` comes
 * first in PATH and hand it a Keychain query) with no stdin, so it can never prompt on the
 * terminal, and a timeout.
 */
export const securityRunner = (binary = '/usr/bin/security'): SecurityRunner => (args, timeoutMs) =>
  new Promise((resolve) => {
    let settled = false;
    const done = (r: SecurityResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'ignore'], shell: false });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done({ kind: 'timeout' });
    }, timeoutMs);
    const out: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => out.push(c));
    child.on('error', (err: NodeJS.ErrnoException) => done({ kind: 'error', message: String(err.code ?? err.message) }));
    child.on('close', (code) =>
      done(code === 0 ? { kind: 'ok', stdout: Buffer.concat(out).toString('utf8') } : { kind: 'exit', code }),
    );
  });

/** `security -w` prints binary-looking data as hex; the item is JSON either way. */
function keychainText(stdout: string): string {
  const trimmed = stdout.replace(/\r?\n$/, '');
  if (/^(?:[0-9a-fA-F]{2})+$/.test(trimmed)) {
    const decoded = Buffer.from(trimmed, 'hex').toString('utf8');
    if (decoded.trimStart().startsWith('{')) return decoded;
  }
  return trimmed;
}

async function fromFile(file: string, ctx: SourceContext, problems: Problem[]): Promise<Profile[]> {
  const shown = displayPath(file, ctx.home);
  const fail = (code: Problem['code'], message: string): Profile[] => {
    problems.push({ source: 'claude-code', location: shown, code, message });
    return [];
  };
  const read = await readStoreFile(file);
  if (read.kind === 'missing') return [];
  if (read.kind !== 'ok') return fail('unreadable_store', describeReadFailure(read, 'a credentials file'));
  const parsed = parseClaudeCredentials(read.text);
  if (parsed.kind === 'malformed') return fail('malformed_store', parsed.message);
  if (parsed.kind === 'none') return [];
  return [profileFrom('credentials-file', `${shown}#/claudeAiOauth`, parsed.oauth, ctx.env, read.loosePermissions)];
}

async function fromKeychain(service: string, ctx: SourceContext, run: SecurityRunner, problems: Problem[]): Promise<Profile[]> {
  // CONTRACT.md: the location of a Keychain credential is `keychain` (the service is in `searched`).
  const location = 'keychain';
  const fail = (code: Problem['code'], message: string): Profile[] => {
    problems.push({ source: 'claude-code', location, code, message });
    return [];
  };
  const timeoutMs = ctx.interactive() ? KEYCHAIN_TIMEOUT_INTERACTIVE_MS : KEYCHAIN_TIMEOUT_UNATTENDED_MS;
  const result = await run(['find-generic-password', '-s', service, '-w'], timeoutMs);
  switch (result.kind) {
    case 'exit':
      if (result.code === SECURITY_ITEM_NOT_FOUND) return [];
      return fail('unreadable_store', `the macOS Keychain did not hand out the item (security exited with code ${String(result.code)}; it may be locked or access was denied)`);
    case 'timeout':
      return fail(
        'unreadable_store',
        `reading the Keychain item timed out after ${timeoutMs / 1000} s; macOS may be waiting for permission — run authdoctor in a terminal and allow access`,
      );
    case 'error':
      return fail('unreadable_store', `could not run the macOS security tool (${result.message})`);
    case 'ok': {
      const parsed = parseClaudeCredentials(keychainText(result.stdout));
      if (parsed.kind === 'malformed') return fail('malformed_store', parsed.message);
      if (parsed.kind === 'none') return [];
      return [profileFrom('keychain', location, parsed.oauth, ctx.env)];
    }
  }
}

export function createClaudeCodeSource(deps: { runSecurity?: SecurityRunner } = {}): Source {
  return {
    type: 'claude-code',
    async discover(ctx: SourceContext): Promise<DiscoveryResult> {
      const problems: Problem[] = [];
      const { dir, configured } = claudeConfigDir(ctx);
      const file = path.join(dir, CREDENTIALS_FILE);
      const searched = [`Claude Code credentials file: ${displayPath(file, ctx.home)}`];
      const profiles = await fromFile(file, ctx, problems);
      if (ctx.platform === 'darwin') {
        const service = keychainService(configured);
        searched.push(`Claude Code Keychain item: ${service}`);
        profiles.push(...(await fromKeychain(service, ctx, deps.runSecurity ?? securityRunner(), problems)));
      }
      return { profiles, problems, searched };
    },
  };
}

export const claudeCodeSource: Source = createClaudeCodeSource();
