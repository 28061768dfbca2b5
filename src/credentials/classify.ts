// Classification: what a stored string is, from its shape and what the store says about it.
// Pure: no I/O, so every rule is a unit test.

import type { CredentialKind, FormatCode, ProfileMetadata, Status } from '../types.js';
import { ANTHROPIC_PREFIXES, FOREIGN_PATTERNS, OPENCLAW_REFRESH_FENCE } from './prefixes.js';

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

/** The smallest random part a real Anthropic credential has; anything shorter is a fragment. */
const MIN_BODY_LENGTH = 20;
const BODY_CHARS = /^[A-Za-z0-9_-]+$/;

/** Strips one trailing newline: what `echo key > file` and `echo key | authdoctor` add. */
export function stripOneNewline(s: string): string {
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

/**
 * An `sk-ant-oat01-` token is an OAuth access token when the store holds a refresh token for it or
 * its scopes include `user:profile`; stored alone as a long-lived token it is a setup token.
 * Unknown scopes and no refresh token read as a setup token, and the quota probe then asks the
 * provider rather than assuming (DESIGN.md).
 */
export function oauthKind(meta: ProfileMetadata): 'oauth_token' | 'setup_token' {
  if (meta.refreshable) return 'oauth_token';
  if (meta.scopes) return meta.scopes.includes('user:profile') ? 'oauth_token' : 'setup_token';
  if (meta.storedAs === 'oauth') return 'oauth_token';
  return 'setup_token';
}

function result(
  kind: CredentialKind,
  value: string,
  status: Status,
  code: FormatCode,
  summary: string,
  hint?: string,
): Classification {
  return hint === undefined
    ? { kind, value, status, code, summary, warnings: [] }
    : { kind, value, status, code, summary, hint, warnings: [] };
}

/** Classifies a credential for an Anthropic slot. */
export function classifyAnthropic(raw: string, meta: ProfileMetadata = {}): Classification {
  const untrimmed = meta.fromFile ? stripOneNewline(raw) : raw;
  const value = trimCredential(untrimmed);

  if (value === '') return result('unknown', value, 'fail', 'empty', 'the credential is empty', 'Store the key itself, not an empty value.');

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
      'unknown',
      value,
      'fail',
      'placeholder',
      'a placeholder is stored instead of a real credential',
      'Replace the template text with the key itself (the variable was never expanded).',
    );
  }

  if (/\s/.test(value)) {
    return result('unknown', value, 'fail', 'malformed', 'the credential contains whitespace or a line break inside it', 'Paste the key again as one unbroken line.');
  }

  const anthropic = ANTHROPIC_PREFIXES.find((p) => value.startsWith(p.prefix));
  if (anthropic) {
    const body = value.slice(anthropic.prefix.length);
    if (anthropic.kind === 'refresh_token') {
      return result(
        'refresh_token',
        value,
        'fail',
        'refresh_token_not_access_token',
        'this is an OAuth refresh token, not a credential that can call the API; it was not sent',
        'Use the access token (sk-ant-oat01-…) or an API key; a refresh token is only for the app that owns the login.',
      );
    }
    if (body.length < MIN_BODY_LENGTH || !BODY_CHARS.test(body)) {
      return result(anthropic.kind, value, 'fail', 'malformed', `looks like a truncated or damaged ${anthropic.label}`, 'Copy the whole key again; it may have been cut off.');
    }
    const kind = anthropic.kind === 'oauth_token' ? oauthKind(meta) : anthropic.kind;
    const label = kind === 'setup_token' ? 'Anthropic setup token (long-lived OAuth token)' : anthropic.label;
    return finish(result(kind, value, 'pass', 'recognized', label), untrimmed, value, meta);
  }

  const foreign = FOREIGN_PATTERNS.find((p) => p.test.test(value));
  if (foreign) {
    return result(
      'unknown',
      value,
      'fail',
      'wrong_provider',
      `this looks like a ${foreign.provider} key, not an Anthropic credential; it was not sent`,
      'Put this key where that provider is configured, and an Anthropic key (sk-ant-…) here.',
    );
  }

  const unknown = result(
    'unknown',
    value,
    'warn',
    'unrecognized_prefix',
    value.startsWith('sk-ant-') ? 'an Anthropic credential of a shape authdoctor does not know' : 'not a known Anthropic credential shape',
    'Anthropic keys start with sk-ant-api03- (API key), sk-ant-admin01- (admin key) or sk-ant-oat01- (OAuth token).',
  );
  return finish(unknown, untrimmed, value, meta);
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
  const hint =
    warnings[0] === 'whitespace'
      ? 'Remove the whitespace or quotes around the stored key: some tools send it as is and fail.'
      : 'Restrict the file to its owner: chmod 600 <file>.';
  return {
    ...c,
    status: c.status === 'pass' ? 'warn' : c.status,
    code: c.status === 'pass' ? warnings[0]! : c.code,
    summary: `${c.summary}; ${notes.join('; ')}`,
    hint: c.hint ?? hint,
    warnings,
  };
}
