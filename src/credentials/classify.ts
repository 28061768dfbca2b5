// Classification: what a stored string is, from its shape and what the store says about it. The
// steps every provider shares live here; a provider adds its shapes (meta.ts) and, where the shape
// alone does not decide, a `refine` step. Pure: no I/O, so every rule is a unit test.

import type { KeyShape, ProviderMeta } from '../providers/types.js';
import type { CredentialKind, FormatCode, ProfileMetadata, Status } from '../types.js';
import { distinctiveOwners, sharedOwners } from './shapes.js';

export interface Classification {
  kind: CredentialKind;
  /** The value that is tested and sent: surrounding whitespace and quotes removed. */
  value: string;
  status: Status;
  code: FormatCode;
  summary: string;
  hint?: string;
  /** Further warnings beyond `code` (a value can be both padded and loosely stored). */
  warnings: FormatCode[];
}

/** CONTRACT.md: shorter or longer values cannot be credentials; they are `malformed` and never sent. */
const MIN_SECRET_LENGTH = 16;
export const MAX_SECRET_LENGTH = 16 * 1024;

/** openclaw writes this inert marker while it refreshes an OAuth token. */
const OPENCLAW_REFRESH_FENCE = 'openclaw-oauth-refresh-fence:v1:';

/** Strips one trailing newline: what `echo key > file` and `echo key | authdoctor` add. */
function stripOneNewline(s: string): string {
  return s.replace(/\r?\n$/, '');
}

/** Removes surrounding whitespace and matching quotes, as a shell or a YAML file might leave them. */
export function trimCredential(s: string): string {
  let v = s.trim();
  for (;;) {
    const m = /^(["'`])([\s\S]*)\1$/.exec(v);
    if (!m) return v;
    v = m[2]!.trim();
  }
}

const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^\$\{[^}]*\}$/, // ${ANTHROPIC_API_KEY}
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $ANTHROPIC_API_KEY
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %ANTHROPIC_API_KEY%
  /^\{\{.*\}\}$/, // {{ secrets.KEY }}
  /^<[^>]*>$/, // <your-key>
  /\byour[-_ ]?(api[-_ ]?)?(key|token|secret)\b/i,
  /(?:^|[-_])(?:x{6,}|\*{4,})/i, // sk-ant-api03-xxxxxxxx, sk-ant-****
  /\.\.\.|…/, // sk-ant-api03-...
  /^(changeme|change[-_]me|placeholder|replace[-_]?me|todo|dummy|example|null|undefined|none|secret|token|key)$/i,
];

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_PATTERNS.some((re) => re.test(value));
}

/** A variable reference that was never expanded, as opposed to template text such as `<your-key>`. */
function isUnexpandedVariable(value: string): boolean {
  return /^(\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%)$/.test(value);
}

export function result(kind: CredentialKind, value: string, status: Status, code: FormatCode, summary: string, hint?: string): Classification {
  return hint === undefined ? { kind, value, status, code, summary, warnings: [] } : { kind, value, status, code, summary, hint, warnings: [] };
}

/**
 * "an OpenAI key", "a Groq key", "an admin_key", "an object": the article follows the sound of the
 * word. A lower-case x before a capital is said "ex" (xAI); so is an abbreviation spelt out letter by
 * letter that starts with F, H, L, M, N, R, S or X (an MCP server, an SDK).
 */
export function withArticle(name: string): string {
  // A "u" said "you" (user, unique, usage) and "one" take "a".
  const vowelSound = /^(?:[aeiouAEIOU]|x[A-Z]|[FHLMNRSX][A-Z0-9]*(?![a-z]))/.test(name) && !/^(?:uni|use|usa|usu|eu|one\b)/i.test(name);
  return `${vowelSound ? 'an' : 'a'} ${name}`;
}

/** Where the shape alone does not decide: the provider reads the metadata or the token's contents. */
export type Refine = (c: Classification, shape: KeyShape | undefined, meta: ProfileMetadata) => Classification;

/**
 * Classifies a credential for a slot of `provider`. The slot decides the provider; a shape only rules
 * out: another provider's distinctive shape is `wrong_provider` and never sent.
 */
export function classifyFor(provider: ProviderMeta, raw: string, meta: ProfileMetadata = {}, refine?: Refine): Classification {
  const untrimmed = meta.fromFile ? stripOneNewline(raw) : raw;
  // Length first: a 20 MB value must not reach the pattern tests below.
  if (untrimmed.length > 4 * MAX_SECRET_LENGTH) return tooLong('unknown', '');
  const value = trimCredential(untrimmed);

  if (value === '') return result('unknown', value, 'fail', 'empty', 'the credential is empty', 'Store the key itself, not an empty value.');
  if (value.length > MAX_SECRET_LENGTH) return tooLong('unknown', value);
  if (value.startsWith(OPENCLAW_REFRESH_FENCE)) {
    return result(
      'oauth_token',
      value,
      'error',
      'refresh_in_progress',
      'openclaw is refreshing this OAuth token right now (refresh marker stored); nothing was sent',
      'Run authdoctor again in a minute; if the marker stays, sign in again in openclaw.',
    );
  }
  if (isPlaceholder(value)) {
    return result(
      placeholderKind(provider, value, meta),
      value,
      'fail',
      'placeholder',
      'a placeholder is stored instead of a real credential',
      isUnexpandedVariable(value)
        ? 'Replace the reference with the key itself: the variable was never expanded.'
        : 'Replace the template text with the key itself.',
    );
  }
  if (value.length < MIN_SECRET_LENGTH) {
    return result('unknown', value, 'fail', 'malformed', `only ${value.length} characters: too short to be a credential; it was not sent`, 'Copy the whole key again; it may have been cut off.');
  }
  if (/\s/.test(value)) {
    return result('unknown', value, 'fail', 'malformed', 'the credential contains whitespace or a line break inside it', 'Paste the key again as one unbroken line.');
  }

  const shape = provider.shapes.find((s) => s.test.test(value));
  const others = provider.otherShapes;
  if (!shape?.distinctive && !(typeof others === 'object' && others.foreign === 'allowed')) {
    // Another provider's own shape never belongs here, even where a loose shape of this one matches
    // too (`sk-ant-…` is an `sk-` key); a shape several others share (a bare `sk-`) does not either,
    // unless this provider uses it or its slot takes keys of any shape (the slot decides).
    let owners = distinctiveOwners(value).filter((p) => p.id !== provider.id);
    if (owners.length === 0 && !shape && others === 'unrecognized') owners = sharedOwners(value, provider.id);
    if (owners.length > 0) {
      const owner = owners.map((p) => p.displayName).join(' or ');
      return result(
        'unknown',
        value,
        'fail',
        'wrong_provider',
        `this looks like ${withArticle(owner)} key, not ${withArticle(provider.displayName)} credential; it was not sent`,
        `Put this key where ${owner} is configured, and ${withArticle(provider.displayName)} key here.`,
      );
    }
  }

  let c: Classification;
  if (shape) c = result(shape.kind, value, 'pass', 'recognized', shape.label);
  else if (typeof others === 'object') c = result(others.kind, value, 'pass', 'recognized', others.label);
  else {
    const known = provider.shapes.filter((s) => s.prefix).map((s) => `${s.prefix}… (${s.label})`);
    c = result(
      'unknown',
      value,
      'warn',
      'unrecognized_prefix',
      `not a known ${provider.displayName} credential shape; tried anyway`,
      known.length ? `${provider.displayName} credentials start with ${known.join(', ')}.` : undefined,
    );
  }
  if (refine) c = refine(c, shape, meta);
  return c.status === 'fail' || c.status === 'error' ? c : finish(c, untrimmed, value, meta);
}

const STORED_KINDS: Record<NonNullable<ProfileMetadata['storedAs']>, CredentialKind> = {
  oauth: 'oauth_token',
  token: 'setup_token',
  api_key: 'api_key',
  admin_key: 'admin_key',
};

/** What a template stands for, where the store or the template's prefix says (`"sk-ant-oat01-…"` declared a setup token). */
function placeholderKind(provider: ProviderMeta, value: string, meta: ProfileMetadata): CredentialKind {
  if (meta.storedAs) return STORED_KINDS[meta.storedAs];
  const shape = provider.shapes.find((s) => s.prefix && value.startsWith(s.prefix) && s.distinctive);
  return shape?.kind ?? 'unknown';
}

function tooLong(kind: CredentialKind, value: string): Classification {
  return result(kind, value, 'fail', 'malformed', `longer than ${MAX_SECRET_LENGTH / 1024} KiB: no credential is that long; it was not sent`, 'Check what is stored here: a file or document instead of a key?');
}

/** Adds the warnings that do not change what the credential is: padding and loose file permissions. */
function finish(c: Classification, untrimmed: string, value: string, meta: ProfileMetadata): Classification {
  const warnings: FormatCode[] = [];
  if (untrimmed !== value) warnings.push('whitespace');
  if (meta.loosePermissions) warnings.push('loose_permissions');
  if (warnings.length === 0) return c;
  const notes = warnings.map((w) =>
    w === 'whitespace'
      ? 'surrounding whitespace, quotes or a newline were trimmed before testing'
      : `the file holding it is readable by other users (mode ${meta.loosePermissions})`,
  );
  // Both matter, and the file one is the security problem: it leads when there are two.
  const code: FormatCode = warnings.includes('loose_permissions') ? 'loose_permissions' : 'whitespace';
  const hint =
    code === 'whitespace'
      ? 'Remove the whitespace or quotes around the stored key: some tools send it as is and fail.'
      : `Restrict the file to its owner: chmod 600 ${meta.looseFiles?.join(' ') ?? '<file>'}.`;
  return {
    ...c,
    status: c.status === 'pass' ? 'warn' : c.status,
    code: c.status === 'pass' ? code : c.code,
    summary: `${c.summary}; ${notes.join('; ')}`,
    hint: c.hint ?? hint,
    warnings,
  };
}
