// The parts of openclaw.json that decide where credentials are (it holds no secrets itself):
// agent dirs (`agents.entries.<id>.agentDir`, or the older `agents.list[].{id, agentDir}`) and
// how SecretRefs resolve (`secrets.providers.<alias>`, `secrets.defaults`).

import { describeReadFailure, displayPath, isRecord, readStoreFile } from '../files.js';
import type { SourceContext } from '../../types.js';
import type { ProblemList } from './problems.js';
import type { RefDefaults } from './ref-shape.js';
import { userPath } from './state-dir.js';

export interface OpenclawConfig {
  /** Configured agents: id → agentDir when the config sets one. */
  agents: Map<string, string | undefined>;
  secretProviders: Record<string, Record<string, unknown>>;
  refDefaults: RefDefaults;
  /** `models.providers.<id>`, for the ids that set either field. */
  providers: Map<string, ConfiguredProvider>;
}

export interface ConfiguredProvider {
  /** Where openclaw sends that provider's requests. */
  baseUrl?: string;
  /** The API openclaw speaks there (`openai-completions`, `anthropic-messages`, …). */
  api?: string;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** openclaw normalises agent ids to lower case. */
export function normalizeAgentId(id: string): string {
  return id.trim().toLowerCase();
}

export function emptyConfig(): OpenclawConfig {
  return { agents: new Map(), secretProviders: {}, refDefaults: {}, providers: new Map() };
}

/** Pure: picks the fields authdoctor needs out of a parsed config. */
export function interpretConfig(raw: unknown, ctx: SourceContext): OpenclawConfig {
  const config = emptyConfig();
  if (!isRecord(raw)) return config;
  const agents = isRecord(raw.agents) ? raw.agents : {};
  const add = (id: unknown, entry: unknown) => {
    const name = str(id);
    if (!name) return;
    const dir = isRecord(entry) ? str(entry.agentDir) : undefined;
    config.agents.set(normalizeAgentId(name), dir ? userPath(dir, ctx) : config.agents.get(normalizeAgentId(name)));
  };
  if (isRecord(agents.entries)) for (const [id, entry] of Object.entries(agents.entries)) add(id, entry);
  if (Array.isArray(agents.list)) for (const entry of agents.list) if (isRecord(entry)) add(entry.id, entry);

  const models = isRecord(raw.models) && isRecord(raw.models.providers) ? raw.models.providers : {};
  for (const [id, provider] of Object.entries(models)) {
    if (!isRecord(provider)) continue;
    const [baseUrl, api] = [str(provider.baseUrl), str(provider.api)];
    if (baseUrl || api) config.providers.set(id, { ...(baseUrl ? { baseUrl } : {}), ...(api ? { api } : {}) });
  }

  const secrets = isRecord(raw.secrets) ? raw.secrets : {};
  if (isRecord(secrets.providers)) {
    for (const [alias, provider] of Object.entries(secrets.providers)) {
      if (isRecord(provider)) config.secretProviders[alias] = provider;
    }
  }
  if (isRecord(secrets.defaults)) {
    const d = secrets.defaults;
    config.refDefaults = {
      ...(str(d.env) ? { env: str(d.env) } : {}),
      ...(str(d.file) ? { file: str(d.file) } : {}),
      ...(str(d.exec) ? { exec: str(d.exec) } : {}),
    };
  }
  return config;
}

/**
 * openclaw.json is JSON5, read by openclaw with the json5 package: the same parser here (bundled,
 * loaded only when the file exists). The error names a position, never the text, which may hold a secret.
 */
export async function parseJson5(text: string): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const { default: JSON5 } = await import('json5');
  try {
    return { ok: true, value: JSON5.parse(text.replace(/^\uFEFF/, '')) };
  } catch (err) {
    const { lineNumber, columnNumber } = err as { lineNumber?: unknown; columnNumber?: unknown };
    const where = typeof lineNumber === 'number' && typeof columnNumber === 'number' ? ` at line ${lineNumber}, column ${columnNumber}` : '';
    return { ok: false, message: `invalid JSON5${where}` };
  }
}

export async function readOpenclawConfig(file: string, ctx: SourceContext, problems: ProblemList): Promise<OpenclawConfig> {
  const shown = displayPath(file, ctx.home);
  const read = await readStoreFile(file);
  if (read.kind === 'missing') return emptyConfig();
  if (read.kind !== 'ok') {
    problems.add('unreadable_store', shown, `${describeReadFailure(read, "openclaw's config")}; agent dirs and SecretRef providers from it are unknown`);
    return emptyConfig();
  }
  const parsed = await parseJson5(read.text);
  if (!parsed.ok) {
    problems.add('malformed_store', shown, `${parsed.message}; agent dirs and SecretRef providers from it are unknown`);
    return emptyConfig();
  }
  return interpretConfig(parsed.value, ctx);
}
