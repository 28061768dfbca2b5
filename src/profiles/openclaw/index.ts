// The openclaw source: every credential profile of every openclaw agent, read-only, from the
// SQLite stores of openclaw 2026.8+ and the JSON files of older versions (see
// shared/openclaw-store.md). Each agent sees the shared store with its own store laid over it;
// profiles of every provider are returned (the checks skip providers they have no module for and
// no configured base URL to check them at as an OpenAI-compatible server).

import path from 'node:path';
import { displayPath } from '../files.js';
import type { DiscoveryResult, Profile, Source, SourceContext } from '../../types.js';
import { AGENT_DATABASE_FILE, listAgents, type AgentLocation } from './agents.js';
import { readOpenclawConfig } from './config.js';
import { readAgentJsonStores, readOAuthJson } from './json-stores.js';
import { mergeLayers, type StoreLayer } from './layers.js';
import { findMigratedArchives } from './leftovers.js';
import { ProblemList } from './problems.js';
import { addAgentView, buildProfile } from './profile-build.js';
import type { SecretRef } from './ref-shape.js';
import { createRefResolver } from './secret-refs.js';
import { readAgentDatabase, readStateDatabase, type SqliteReadContext, type StateDatabase } from './sqlite-stores.js';
import { pathExists, resolveOpenclawPaths, userPath } from './state-dir.js';

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

async function optionalLayer(layer: Promise<StoreLayer | undefined>): Promise<StoreLayer[]> {
  const l = await layer;
  return l ? [l] : [];
}

/** The shared SQLite store lives in the state database or, in the older layout, in main's. */
async function sharedSqliteLayers(stateDb: StateDatabase, sharedMainDatabase: string, rc: SqliteReadContext): Promise<StoreLayer[]> {
  if (stateDb.ownership === 'state-db') return stateDb.shared ? [stateDb.shared] : [];
  return optionalLayer(readAgentDatabase(sharedMainDatabase, rc));
}

export async function discoverOpenclaw(ctx: SourceContext): Promise<DiscoveryResult> {
  const problems = new ProblemList();
  const paths = await resolveOpenclawPaths(ctx);
  const shownStateDir = displayPath(paths.stateDir, ctx.home);
  if (!(await pathExists(paths.stateDir)) && !(await pathExists(paths.mainAgentDir))) {
    if (paths.explicit) problems.add('unreadable_store', shownStateDir, 'the openclaw state dir given with --openclaw-dir does not exist');
    return { profiles: [], problems: problems.items, searched: [`openclaw state dir: ${shownStateDir} (not found)`] };
  }

  const config = await readOpenclawConfig(paths.configFile, ctx, problems);
  const rc: SqliteReadContext = { home: ctx.home, problems, defaults: config.refDefaults };
  const stateDb = await readStateDatabase(paths.stateDatabase, rc);
  const agents = await listAgents(paths, config, stateDb.agentDatabases);

  // Shared stores, lowest first: the legacy JSON files of the main agent dir (which older
  // openclaw shares with every agent), then the SQLite shared store, wherever it lives.
  const sharedMainDatabase = path.join(paths.mainAgentDir, AGENT_DATABASE_FILE);
  const sharedJson = [...(await readAgentJsonStores(paths.mainAgentDir, rc)), ...(await readOAuthJson(paths.oauthDir, rc))];
  const sharedSqlite = await sharedSqliteLayers(stateDb, sharedMainDatabase, rc);

  const localLayers = async (agent: AgentLocation): Promise<{ json: StoreLayer[]; sqlite: StoreLayer[] }> => ({
    json: samePath(agent.dir, paths.mainAgentDir) ? [] : await readAgentJsonStores(agent.dir, rc),
    sqlite:
      stateDb.ownership === 'legacy-main' && samePath(agent.database, sharedMainDatabase)
        ? []
        : await optionalLayer(readAgentDatabase(agent.database, rc)),
  });

  const resolveRef = createRefResolver({
    env: ctx.env,
    allowExec: ctx.options.allowExec,
    providers: config.secretProviders,
    defaults: config.refDefaults,
    userPath: (p) => userPath(p, ctx),
    show: (p) => displayPath(p, ctx.home),
    ...(process.getuid ? { uid: process.getuid() } : {}),
  });

  const routing = { providers: config.providers, configFile: displayPath(paths.configFile, ctx.home) };
  // An exec ref runs a program: that waits until the filters have chosen the profile (Profile.deferred).
  // Without --allow-exec it resolves at once, to the refusal that says so.
  const defer = (ref: SecretRef) => ref.source === 'exec' && ctx.options.allowExec;

  const profiles: Profile[] = [];
  // A shared store's entry is the same credential for every agent that does not override it: one
  // profile, under the first agent that sees it (main first), the others' ids as its aliases.
  const byEntry = new Map<string, Profile>();
  for (const agent of agents) {
    const local = await localLayers(agent);
    // The SQLite stores replaced the JSON files: where both exist, the SQLite entry wins.
    const effective = mergeLayers([...sharedJson, ...local.json, ...sharedSqlite, ...local.sqlite]);
    for (const entry of effective.values()) {
      const listed = byEntry.get(entry.credential.location);
      if (listed) {
        addAgentView(listed, agent.id, entry, ctx.now);
        continue;
      }
      const built = await buildProfile(agent.id, entry, resolveRef, ctx.now, routing, defer);
      profiles.push(built.profile);
      byEntry.set(entry.credential.location, built.profile);
      if (built.unresolvedRef) problems.add('unresolved_ref', built.profile.source.location, built.unresolvedRef);
    }
  }

  const archiveDirs = [paths.mainAgentDir, paths.oauthDir, ...agents.map((a) => a.dir)];
  for (const archive of await findMigratedArchives(archiveDirs)) {
    problems.add(
      'plaintext_leftover',
      displayPath(archive, ctx.home),
      'an archive openclaw left when it migrated this store; it is not used, but it still holds the secrets in plain text — delete it once openclaw works',
    );
  }
  const searched = [`openclaw state dir: ${shownStateDir} (agents: ${agents.map((a) => a.id).join(', ')})`];
  return { profiles, problems: problems.items, searched };
}

export const openclawSource: Source = {
  type: 'openclaw',
  discover: discoverOpenclaw,
};
