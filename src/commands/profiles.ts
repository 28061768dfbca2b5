// `authdoctor profiles`: what was found, without a single request.

import { storedExpiryIso } from '../credentials/expiry.js';
import { redact } from '../credentials/redact.js';
import type { ProviderModule } from '../providers/types.js';
import { classifySafely, moduleFor, modulesFor } from '../run.js';
import { renderProblems, type Palette } from '../render/human.js';
import { toJson } from '../render/json.js';
import type { Output } from '../render/output.js';
import { sanitize, sanitizeDeep } from '../render/sanitize.js';
import { colorEnabled, palette } from '../render/terminal.js';
import type { CredentialInfo, ExitCode, Problem, Profile, ProfileSource } from '../types.js';
import type { CheckArgs } from './args.js';
import { nothingFound } from './check.js';
import { discoverProfiles, type PipelineDeps } from './pipeline.js';

export interface ProfileListing {
  id: string;
  name: string;
  provider: string;
  source: ProfileSource;
  credential: CredentialInfo;
  /** Store notes and why a secret is unresolved, for a person reading the list. */
  notes: string[];
}

export function listing(p: Profile, modules: ReadonlyMap<string, ProviderModule>): ProfileListing {
  const provider = moduleFor(p, modules);
  // A classifier that throws lists the kind as unknown; `check` reports it as a format error.
  const kind: CredentialInfo['kind'] = provider ? classifySafely(p, provider).kind : 'unknown';
  const notes = [...(p.metadata.notes ?? [])];
  if (p.metadata.unresolved) notes.unshift(`unresolved: ${p.metadata.unresolved}`);
  if (p.metadata.loosePermissions) notes.push(`file mode ${p.metadata.loosePermissions}: readable by other users`);
  if (p.uncheckable) notes.push(`not checked: ${p.uncheckable}`);
  else if (!provider) notes.push(`not checked: no ${p.provider} provider module, and no base URL to check it as an OpenAI-compatible server`);
  else if (p.checkedAs) notes.push(`checked as ${p.checkedAs} at the base URL of ${p.ownBaseUrl?.from ?? 'its store'}`);
  return {
    id: p.id,
    name: p.name,
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

function table(rows: ProfileListing[], p: Palette): string {
  const header = ['ID', 'PROVIDER', 'KIND', 'CREDENTIAL', 'EXPIRES', 'SOURCE'];
  // Store text (ids, providers, paths, notes) is made safe for the terminal before it is measured and padded.
  const cells = rows.map((r) => [r.id, r.provider, r.credential.kind, r.credential.redacted || '—', r.credential.expiresAt ?? '—', r.source.location].map((c) => sanitize(c)));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!))).join('  ');
  const out = [p.bold(line(header))];
  rows.forEach((r, i) => {
    out.push(line(cells[i]!));
    for (const note of r.notes) out.push(p.dim(`    ${sanitize(note)}`));
  });
  return out.join('\n');
}

export async function profilesCommand(args: CheckArgs, deps: PipelineDeps, out: Output): Promise<ExitCode> {
  const { profiles, problems, searched } = await discoverProfiles(args, deps);
  const modules = await modulesFor(profiles);
  const rows = profiles.map((p) => listing(p, modules));
  if (args.json) {
    const listingJson = { schemaVersion: 1, profiles: rows, problems } satisfies { schemaVersion: 1; profiles: ProfileListing[]; problems: Problem[] };
    out.stdout(toJson(out.scrubber.scrubDeep(listingJson)));
  } else {
    const pal = await palette(colorEnabled(args.color, deps.env, process.stdout));
    const blocks: string[] = [];
    if (rows.length) blocks.push(table(rows, pal));
    const pr = renderProblems(problems, { palette: pal });
    if (pr) blocks.push(pr);
    if (!rows.length) blocks.push(nothingFound(searched, args.profile.length + args.provider.length > 0).trimEnd());
    out.stdout(blocks.join('\n\n') + '\n');
  }
  return rows.length ? 0 : 4;
}
