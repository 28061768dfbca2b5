// The Codex CLI source: the login Codex keeps in `<CODEX_HOME>/auth.json` (--codex-home, else
// $CODEX_HOME, else ~/.codex): `{ auth_mode, OPENAI_API_KEY, tokens: { access_token (a JWT),
// refresh_token, id_token, account_id }, last_refresh }`. It holds up to two credentials: the
// ChatGPT login (`codex/chatgpt`) and an API key (`codex/api-key`). Read-only: Codex owns the file
// and refreshes the login itself.

import path from 'node:path';
import { openaiMeta } from '../providers/openai/meta.js';
import { chatgptLogin } from '../providers/openai/login.js';
import type { DiscoveryResult, Problem, Profile, ProfileMetadata, Source, SourceContext } from '../types.js';
import { environmentBaseUrls } from './env.js';
import { describeReadFailure, displayPath, expandHome, isRecord, nonBlank, parseStoreJson, readStoreFile } from './files.js';

const AUTH_FILE = 'auth.json';

interface CodexLogin {
  accessToken: string;
  hasRefresh: boolean;
  accountId?: string;
  /** The id token, for the plan and email it records (never sent). */
  idToken?: string;
  lastRefresh?: string;
}

export type CodexAuthParse =
  | { kind: 'ok'; authMode?: string; login?: CodexLogin; apiKey?: string }
  | { kind: 'malformed'; message: string };

/** Pure: the text of auth.json → the login and the API key it holds. Messages never quote a value. */
export function parseCodexAuth(text: string): CodexAuthParse {
  const parsed = parseStoreJson(text);
  if (!parsed.ok) return { kind: 'malformed', message: parsed.message };
  const doc = parsed.value;
  if (!isRecord(doc)) return { kind: 'malformed', message: 'the file is not a JSON object' };
  const out: CodexAuthParse & { kind: 'ok' } = { kind: 'ok' };
  if (nonBlank(doc.auth_mode)) out.authMode = doc.auth_mode;
  const key = doc.OPENAI_API_KEY;
  if (typeof key === 'string') out.apiKey = key;
  else if (key !== undefined && key !== null) return { kind: 'malformed', message: '"OPENAI_API_KEY" is neither a string nor null' };
  const tokens = doc.tokens;
  if (tokens === undefined || tokens === null) return out;
  if (!isRecord(tokens)) return { kind: 'malformed', message: '"tokens" is not a JSON object' };
  if (typeof tokens.access_token !== 'string') return { kind: 'malformed', message: '"tokens" has no access_token string' };
  const login: CodexLogin = { accessToken: tokens.access_token, hasRefresh: nonBlank(tokens.refresh_token) };
  if (nonBlank(tokens.account_id)) login.accountId = tokens.account_id.trim();
  if (nonBlank(tokens.id_token)) login.idToken = tokens.id_token.trim();
  if (nonBlank(doc.last_refresh)) login.lastRefresh = doc.last_refresh;
  out.login = login;
  return out;
}

/** --codex-home, else $CODEX_HOME, else ~/.codex; and whether the user named it. */
function codexHome(ctx: SourceContext): { dir: string; explicit: boolean } {
  const flag = ctx.options.codexHome?.trim();
  const configured = flag || ctx.env.CODEX_HOME?.trim();
  if (!configured) return { dir: path.join(ctx.home, '.codex'), explicit: false };
  return { dir: path.resolve(expandHome(configured, ctx.home)), explicit: Boolean(flag) };
}

/** The auth mode Codex is in, when it is not the one this profile holds: the other credential is idle. */
function idleNote(authMode: string | undefined, mode: 'chatgpt' | 'apikey'): string[] {
  if (!authMode) return [];
  const uses = authMode.replace('_', '').toLowerCase();
  return uses.startsWith(mode) ? [] : [`Codex is in auth_mode "${authMode}": it does not use this credential now`];
}

function loginProfile(login: CodexLogin, authMode: string | undefined, shown: string, ctx: SourceContext, loose?: string): Profile {
  const claims = chatgptLogin(login.accessToken);
  const idClaims = login.idToken ? chatgptLogin(login.idToken) : null;
  const metadata: ProfileMetadata = { storedAs: 'oauth', refreshable: login.hasRefresh };
  if (login.accountId) metadata.accountId = login.accountId;
  const plan = claims?.plan ?? idClaims?.plan;
  const email = claims?.email ?? idClaims?.email;
  if (plan) metadata.subscriptionType = plan;
  if (email) metadata.email = email;
  const notes = [...idleNote(authMode, 'chatgpt'), ...(login.lastRefresh ? [`Codex last refreshed this login at ${login.lastRefresh.slice(0, 40)}`] : [])];
  if (notes.length) metadata.notes = notes;
  return profile('chatgpt', `${shown}#/tokens/access_token`, login.accessToken, metadata, ctx, shown, loose);
}

function profile(name: string, location: string, secret: string, metadata: ProfileMetadata, ctx: SourceContext, file: string, loose?: string): Profile {
  if (loose) {
    metadata.loosePermissions = loose;
    metadata.looseFiles = [file];
  }
  // Codex reads OPENAI_BASE_URL and CHATGPT_BASE_URL: its credentials are tested where it would send them.
  const baseUrls = environmentBaseUrls(openaiMeta, ctx.env);
  return { id: `codex/${name}`, name, provider: openaiMeta.id, source: { type: 'codex', location }, secret, metadata, ...(baseUrls ? { baseUrls } : {}) };
}

async function discoverCodex(ctx: SourceContext): Promise<DiscoveryResult> {
  const { dir, explicit } = codexHome(ctx);
  const file = path.join(dir, AUTH_FILE);
  const shown = displayPath(file, ctx.home);
  const searched = [`Codex CLI login: ${shown}`];
  const problems: Problem[] = [];
  const fail = (code: Problem['code'], message: string): DiscoveryResult => {
    problems.push({ source: 'codex', location: shown, code, message });
    return { profiles: [], problems, searched };
  };
  const read = await readStoreFile(file);
  if (read.kind === 'missing') return explicit ? fail('unreadable_store', 'no auth.json in the Codex home given with --codex-home') : { profiles: [], problems, searched };
  if (read.kind !== 'ok') return fail('unreadable_store', describeReadFailure(read, 'a Codex login'));
  const parsed = parseCodexAuth(read.text);
  if (parsed.kind === 'malformed') return fail('malformed_store', parsed.message);
  const profiles: Profile[] = [];
  if (parsed.login) profiles.push(loginProfile(parsed.login, parsed.authMode, shown, ctx, read.loosePermissions));
  if (parsed.apiKey !== undefined) {
    const notes = idleNote(parsed.authMode, 'apikey');
    profiles.push(profile('api-key', `${shown}#/OPENAI_API_KEY`, parsed.apiKey, notes.length ? { notes } : {}, ctx, shown, read.loosePermissions));
  }
  return { profiles, problems, searched };
}

export const codexSource: Source = { type: 'codex', discover: discoverCodex };
