// Which agents exist and where their stores are: `main`, every dir under `<stateDir>/agents`,
// every agent the config names, and every agent database the state database registers.

import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { OpenclawConfig } from './config.js';
import { normalizeAgentId } from './config.js';
import type { OpenclawPaths } from './state-dir.js';
import { agentDatabasePath } from './sqlite-stores.js';

export const MAIN_AGENT_ID = 'main';
export const AGENT_DATABASE_FILE = 'openclaw-agent.sqlite';

export interface AgentLocation {
  id: string;
  /** The agent dir: legacy JSON stores and, by default, the agent database. */
  dir: string;
  database: string;
}

async function agentDirNames(stateDir: string): Promise<string[]> {
  const entries = await readdir(path.join(stateDir, 'agents'), { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

export async function listAgents(
  paths: OpenclawPaths,
  config: OpenclawConfig,
  registered: Array<{ agentId: string; path: string }>,
): Promise<AgentLocation[]> {
  const ids = new Set<string>([MAIN_AGENT_ID]);
  for (const name of await agentDirNames(paths.stateDir)) ids.add(normalizeAgentId(name));
  for (const id of config.agents.keys()) ids.add(id);
  const databases = new Map<string, string>();
  for (const row of registered) {
    const id = normalizeAgentId(row.agentId);
    if (!id) continue;
    ids.add(id);
    databases.set(id, agentDatabasePath(paths.stateDir, row.path));
  }
  const sorted = [...ids].filter(Boolean).sort((a, b) => (a === MAIN_AGENT_ID ? -1 : b === MAIN_AGENT_ID ? 1 : a.localeCompare(b)));
  return sorted.map((id) => {
    const dir = config.agents.get(id) ?? (id === MAIN_AGENT_ID ? paths.mainAgentDir : path.join(paths.stateDir, 'agents', id, 'agent'));
    return { id, dir, database: databases.get(id) ?? path.join(dir, AGENT_DATABASE_FILE) };
  });
}
