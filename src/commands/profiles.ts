// `authdoctor profiles`: what was found, without a single request.

import { storedExpiryIso } from '../credentials/expiry.js';
import { redact } from '../credentials/redact.js';
import type { ProviderModule } from '../providers/types.js';
import { classifySafely, moduleFor, modulesFor } from '../run.js';
import { renderProblems, type Palette } from '../render/human.js';
import { nothingFound } from '../render/nothing-found.js';
import { toJson } from '../render/json.js';
import type { Output } from '../render/output.js';
import { sanitize } from '../render/sanitize.js';
import { colorEnabled, isTerminal, palette } from '../render/terminal.js';
import type { CredentialInfo, ExitCode, Profile, ProfileListing, ProfilesReport } from '../types.js';
import type { CheckArgs } from './args.js';
import { discoverProfiles, type Discovered, type PipelineDeps } from './pipeline.js';

/** The file(s) others may read that hold a profile's secret, as the chmod hint names them. */
function looseFile(m: Profile['metadata']): string | undefined {
  if (!m.loosePermissions) return undefined;
  return m.looseFiles?.join(' ') ?? 'the file holding it';
}

function looseNote(m: Profile['metadata']): string | undefined {
  return m.loosePermissions ? `file mode ${m.loosePermissions}: ${looseFile(m)} is readable by other users` : undefined;
}

export function listing(p: Profile, modules: ReadonlyMap<string, ProviderModule>): ProfileListing {
  const provider = moduleFor(p, modules);
  // A classifier that throws lists the kind as unknown; `check` reports it as a format error.
  const kind: CredentialInfo['kind'] = provider ? classifySafely(p, provider).kind : 'unknown';
  const notes = [...(p.metadata.notes ?? [])];
  if (p.aliases?.length) notes.unshift(`also ${p.aliases.join(', ')} (the same store entry)`);
  if (p.metadata.unresolved) notes.unshift(`unresolved: ${p.metadata.unresolved}`);
  const loose = looseNote(p.metadata);
  if (loose) notes.push(loose);
  if (p.uncheckable) notes.push(`not checked: ${p.uncheckable}`);
  else if (!provider) notes.push(`not checked: no ${p.provider} provider module, and no base URL to check it as an OpenAI-compatible server`);
  else if (p.checkedAs) notes.push(`checked as ${p.checkedAs} at the base URL of ${p.ownBaseUrl?.from ?? 'its store'}`);
  return {
    id: p.id,
    name: p.name,
    ...(p.aliases?.length ? { aliases: p.aliases } : {}),
    provider: p.provider,
    source: p.source,
    credential: {
      kind,
      redacted: p.secret === null ? '' : redact(p.secret),
      expiresAt: storedExpiryIso(p.metadata.expiresAt),
      scopes: p.metadata.scopes ?? null,
    },
    notes,
  };
}

/**
 * One line per file that others may read, with the profiles it holds: several profiles of one file
 * (a profiles file, an openclaw store) would otherwise repeat the same note on every row.
 */
function looseFiles(profiles: readonly Profile[], p: Palette): string[] {
  const byFile = new Map<string, { mode: string; ids: string[] }>();
  for (const profile of profiles) {
    const file = looseFile(profile.metadata);
    if (!file) continue;
    const entry = byFile.get(file) ?? { mode: profile.metadata.loosePermissions!, ids: [] };
    entry.ids.push(profile.id);
    byFile.set(file, entry);
  }
  return [...byFile].map(([file, { mode, ids }]) =>
    p.yellow(sanitize(`▲ ${file} (file mode ${mode}) is readable by other users and holds ${ids.join(', ')}: chmod 600 ${file}`, 2000)),
  );
}

function table(rows: ProfileListing[], profiles: readonly Profile[], p: Palette): string {
  const header = ['ID', 'PROVIDER', 'KIND', 'CREDENTIAL', 'EXPIRES', 'SOURCE'];
  // Store text (ids, providers, paths, notes) is made safe for the terminal before it is measured and padded.
  const cells = rows.map((r) => [r.id, r.provider, r.credential.kind, r.credential.redacted || '—', r.credential.expiresAt ?? '—', r.source.location].map((c) => sanitize(c)));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!))).join('  ');
  const out = [p.bold(line(header))];
  rows.forEach((r, i) => {
    out.push(line(cells[i]!));
    const loose = looseNote(profiles[i]!.metadata);
    for (const note of r.notes) if (note !== loose) out.push(p.dim(`    ${sanitize(note)}`));
  });
  const files = looseFiles(profiles, p);
  return files.length ? [...out, '', ...files].join('\n') : out.join('\n');
}

/** What `profiles --json` prints and the library's discover() returns (unscrubbed), with what discovery found. */
export async function profilesReport(args: CheckArgs, deps: PipelineDeps): Promise<{ report: ProfilesReport; discovered: Discovered }> {
  const discovered = await discoverProfiles(args, deps);
  const { profiles, problems } = discovered;
  const modules = await modulesFor(profiles);
  return { report: { schemaVersion: 1, profiles: profiles.map((p) => listing(p, modules)), problems }, discovered };
}

export async function profilesCommand(args: CheckArgs, deps: PipelineDeps, out: Output): Promise<ExitCode> {
  const { report, discovered } = await profilesReport(args, deps);
  const { profiles, problems, searched, unfiltered } = discovered;
  const rows = report.profiles;
  if (args.json) {
    out.stdout(toJson(out.scrubber.scrubDeep(report)));
  } else {
    const pal = await palette(colorEnabled(args.color, deps.terminalEnv ?? deps.env, { isTTY: isTerminal(1) }));
    const blocks: string[] = [];
    if (rows.length) blocks.push(table(rows, profiles, pal));
    const pr = renderProblems(problems, { palette: pal });
    if (pr) blocks.push(pr);
    if (!rows.length) blocks.push(nothingFound({ searched, problems: problems.length, found: unfiltered, filters: args }).trimEnd());
    out.stdout(blocks.join('\n\n') + '\n');
  }
  return rows.length ? 0 : 4;
}
