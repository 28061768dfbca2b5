// Personal data in a report meant to be pasted into a ticket: the home directory, the user name and
// email addresses. Secrets are the Scrubber's job (credentials/scrub.ts); this removes what
// identifies the person, over the whole text, so no renderer has to remember to.

export interface IdentityOptions {
  /** Home directories to show as `~` (the run's HOME and the OS's idea of it may differ). */
  homes: string[];
  /** Login names to hide wherever they stand as a word (paths outside home, profile names). */
  userNames: string[];
  /** `--include-identity`: keep email addresses (the person asked for them to be shown). */
  includeIdentity: boolean;
}

/** Too short to replace as a word without mangling ordinary text. */
const MIN_USER_NAME = 3;
/** Shared account names identify nobody, and replacing them would mangle words such as `user:profile`. */
const GENERIC_USERS = new Set(['root', 'user', 'admin', 'administrator', 'guest', 'ubuntu', 'debian', 'node', 'runner', 'app', 'docker', 'vagrant', 'ec2-user']);
/**
 * Login names that are also words of the report itself: openclaw's default agent is `main` (so
 * `openclaw/main/anthropic:default` and `~/.openclaw/agents/main/…`), profiles are called `work`, `dev`,
 * `default`. Such a name is hidden only where it names a person: as the folder of a home directory
 * (`/home/main`, `C:\\Users\\work`), which the homes above do not already cover.
 */
const COMMON_WORDS = new Set(['main', 'work', 'default', 'home', 'dev', 'test', 'prod', 'personal', 'shared', 'team', 'local', 'agent', 'agents', 'config', 'data', 'demo', 'ops', 'api', 'bot', 'ci', 'build', 'backup', 'server', 'web', 'mail', 'office', 'private', 'public', 'staff', 'service', 'anthropic', 'openai', 'claude', 'codex', 'openclaw', 'env', 'stdin', 'keychain']);
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function scrubIdentity(text: string, o: IdentityOptions): string {
  let out = text;
  // Longest first, so that a home inside another (/home/u and /home/u/sub) maps as a whole.
  const homes = [...new Set(o.homes.map((h) => h.replace(/[\\/]+$/, '')).filter((h) => h.length > 1))].sort((a, b) => b.length - a.length);
  for (const home of homes) out = out.replace(new RegExp(`${escapeRegExp(home)}(?![A-Za-z0-9_-])`, 'g'), '~');
  if (!o.includeIdentity) {
    // The same address gets the same placeholder, so two profiles of one account still read as one.
    const seen = new Map<string, number>();
    out = out.replace(EMAIL, (m) => {
      const key = m.toLowerCase();
      if (!seen.has(key)) seen.set(key, seen.size + 1);
      return `[email ${seen.get(key)}]`;
    });
  }
  for (const name of new Set(o.userNames)) {
    if (name.length < MIN_USER_NAME || GENERIC_USERS.has(name.toLowerCase())) continue;
    // A word of its own: not part of a longer name or identifier, not the local part of a kept email;
    // a common word only as a home directory's folder.
    const before = COMMON_WORDS.has(name.toLowerCase()) ? String.raw`(?<=[\\/](?:[Hh]ome|[Uu]sers)[\\/])` : '(?<![A-Za-z0-9_.-])';
    out = out.replace(new RegExp(`${before}${escapeRegExp(name)}(?![A-Za-z0-9_@-])`, 'g'), '[user]');
  }
  return out;
}
