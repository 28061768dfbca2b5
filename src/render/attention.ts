// What needs doing after a run, shared by the human report's closing list and the Markdown "What to
// do next": each hint once, with every profile it concerns, most important first. Steps are things
// to do; what only informs (a kind of credential that has no quota endpoint) is kept apart.

import type { Report, Status } from '../types.js';

export interface Attention {
  text: string;
  profiles: string[];
  codes: string[];
}

export interface AttentionList {
  /** Things to do: broken, unverified, store problems, warnings. */
  steps: Attention[];
  /** Things to know: what a kind of credential cannot provide. Nothing to fix. */
  info: Attention[];
}

/** How each renderer writes a code span, its own prose and untrusted text. */
export interface Words {
  code(text: string): string;
  prose(text: string): string;
  esc(text: string): string;
}

const PLAIN: Words = { code: (s) => s, prose: (s) => s, esc: (s) => s };

/**
 * Most important first: broken, then what comes before verifying (the clock), unverified, stores,
 * warnings. A skip with a hint is what left its profile unverified (validity under --offline).
 */
const RANK: Partial<Record<Status, number>> = { fail: 0, error: 2, skip: 2, warn: 4 };
export const RANK_BEFORE_VERIFYING = 1;
const RANK_PROBLEM = 3;

/** `first`: steps the caller knows of beyond the report (the Markdown's clock skew), with their rank. */
export function attention(report: Pick<Report, 'profiles' | 'problems'>, w: Words = PLAIN, first: Array<{ rank: number; text: string; code: string }> = []): AttentionList {
  const lists = { steps: new Map<string, Attention & { rank: number }>(), info: new Map<string, Attention & { rank: number }>() };
  const add = (list: keyof typeof lists, rank: number, text: string, profile: string | null, code: string) => {
    let a = lists[list].get(text);
    if (!a) lists[list].set(text, (a = { rank, text, profiles: [], codes: [] }));
    a.rank = Math.min(a.rank, rank);
    if (profile && !a.profiles.includes(profile)) a.profiles.push(profile);
    if (!a.codes.includes(code)) a.codes.push(code);
  };
  for (const f of first) add('steps', f.rank, f.text, null, f.code);
  for (const p of report.profiles) {
    for (const c of p.checks) {
      if (c.code === 'interrupted') add('steps', RANK.error!, 'Run authdoctor again: the run was interrupted before these were checked.', p.id, c.code);
      if (c.status === 'unsupported' && c.hint) add('info', 0, w.prose(c.hint), p.id, c.code);
      const rank = RANK[c.status];
      if (rank === undefined) continue;
      // A failure without a hint still needs doing something about; its summary says what.
      const text = c.hint ?? (c.status === 'fail' || c.status === 'error' ? `${c.id}: ${c.summary}` : undefined);
      if (text) add('steps', rank, w.prose(text), p.id, c.code);
    }
  }
  // An unresolved reference is already a step above, on the profile it belongs to, with the hint that
  // fits (set the variable, --allow-exec); "fix or remove" the store entry would send people wrong.
  const shown = new Set(report.profiles.filter((p) => p.checks.some((c) => c.code === 'unresolved_ref')).map((p) => p.source.location));
  for (const pr of report.problems) {
    if (pr.code === 'unresolved_ref' && shown.has(pr.location)) continue;
    add('steps', RANK_PROBLEM, `Fix or remove ${w.code(pr.location)}: ${w.esc(pr.message)}`, null, pr.code);
  }
  const sorted = (m: Map<string, Attention & { rank: number }>) =>
    [...m.values()].sort((a, b) => a.rank - b.rank).map(({ text, profiles, codes }) => ({ text, profiles, codes }));
  return { steps: sorted(lists.steps), info: sorted(lists.info) };
}
