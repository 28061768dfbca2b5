// What `check` and `profiles` print when there is nothing to check: why (nothing found, a store that
// could not be used, filters that kept nothing), where authdoctor looked, and what to do next.

import type { Profile } from '../types.js';
import { sanitize } from './sanitize.js';

export interface NothingFound {
  searched: readonly string[];
  /** Stores that could not be used (shown above): they may hold the credentials. */
  problems: number;
  /** Every profile found before the filters. */
  found: ReadonlyArray<Pick<Profile, 'id' | 'provider'>>;
  filters: { profile: readonly string[]; provider: readonly string[] };
}

/** Enough ids to show what they look like, not a list of hundreds. */
const MAX_IDS_SHOWN = 10;

const ID_FORMS = 'env/<VAR>, config/<name>, openclaw/<agent>/<profile id>, claude-code/<where>, codex/<login>, stdin';

/** Filters kept nothing although profiles were found: what was found and how to select it. */
function filteredOut(n: NothingFound): string[] {
  const used = [...n.filters.profile.map((p) => `--profile ${p}`), ...n.filters.provider.map((p) => `--provider ${p}`)];
  const lines = [`No profile matches ${used.join(' ')}.`, '', `Found ${n.found.length} ${n.found.length === 1 ? 'profile' : 'profiles'}:`];
  const width = Math.max(...n.found.slice(0, MAX_IDS_SHOWN).map((p) => sanitize(p.id).length));
  for (const p of n.found.slice(0, MAX_IDS_SHOWN)) lines.push(`  ${sanitize(p.id).padEnd(width)}  ${sanitize(p.provider)}`);
  if (n.found.length > MAX_IDS_SHOWN) lines.push(`  … and ${n.found.length - MAX_IDS_SHOWN} more (authdoctor profiles lists them all)`);
  lines.push(
    '',
    `Ids look like ${ID_FORMS}.`,
    "--profile takes an id, a name, the last part of an id (anthropic:work), or a glob ('openclaw/*').",
  );
  if (n.filters.provider.length) lines.push(`--provider takes a provider as listed above (${[...new Set(n.found.map((p) => sanitize(p.provider)))].join(', ')}).`);
  return lines;
}

export function nothingFound(n: NothingFound): string {
  if (n.found.length > 0) return filteredOut(n).join('\n') + '\n';
  const headline = n.problems
    ? `No credentials to check: ${n.problems === 1 ? 'a credential store' : `${n.problems} credential stores`} could not be used (above).`
    : 'No credentials found.';
  const lines = [headline, '', 'Looked in:'];
  for (const s of n.searched) lines.push(`  - ${sanitize(s)}`);
  lines.push(
    '',
    'Point authdoctor at a key:',
    '  - pipe it in:        pbpaste | authdoctor check --key-stdin   (or: authdoctor check --key-stdin, then paste)',
    '  - the environment:   ANTHROPIC_API_KEY=sk-ant-… authdoctor check',
    '  - a profiles file:   authdoctor check --config ./profiles.json',
    '',
    'To see what authdoctor reports, without any credential: authdoctor demo',
  );
  return lines.join('\n') + '\n';
}
