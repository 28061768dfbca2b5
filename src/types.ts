// The shared vocabulary of authdoctor. CONTRACT.md is the source of truth for every
// string-literal union below: scripts branch on these words, so they change only on purpose.

export type SourceType = 'env' | 'openclaw' | 'claude-code' | 'codex' | 'config' | 'stdin';
export const SOURCE_TYPES: readonly SourceType[] = ['env', 'stdin', 'config', 'openclaw', 'claude-code', 'codex'];

export type CredentialKind = 'api_key' | 'admin_key' | 'oauth_token' | 'setup_token' | 'refresh_token' | 'unknown';

export type Status = 'pass' | 'warn' | 'fail' | 'unsupported' | 'skip' | 'error';

export type CheckId = 'format' | 'expiry' | 'validity' | 'quota' | 'inference';
export const CHECK_IDS: readonly CheckId[] = ['format', 'expiry', 'validity', 'quota', 'inference'];

export type Verdict = 'works' | 'broken' | 'unknown' | 'skipped';

/** Codes shared by every check that sends a request and could not decide. */
export type NetworkErrorCode =
  | 'network_error'
  | 'timeout'
  | 'tls_error'
  | 'provider_unavailable'
  | 'blocked_by_challenge'
  | 'unexpected_response'
  | 'insecure_base_url'
  | 'internal_error';

/**
 * Codes any check may have: `provider_not_supported` (a provider authdoctor has no module for: every
 * check is skipped), `interrupted` (the run was stopped, by Ctrl-C, before this check finished).
 */
export type UncheckableCode = 'provider_not_supported' | 'interrupted';

export type FormatCode =
  | 'recognized'
  | 'whitespace'
  | 'unrecognized_prefix'
  | 'loose_permissions'
  | 'empty'
  | 'malformed'
  | 'placeholder'
  | 'wrong_provider'
  | 'refresh_token_not_access_token'
  | 'refresh_in_progress'
  | 'unresolved_ref'
  | 'internal_error'
  | UncheckableCode;

export type ExpiryCode =
  | 'not_applicable'
  | 'valid_until'
  | 'expiring_soon'
  | 'expired_refreshable'
  | 'expired'
  | 'prerequisite_failed'
  | 'internal_error'
  | UncheckableCode;

export type ValidityCode =
  | 'authenticated'
  | 'rate_limited'
  | 'permission_denied'
  | 'invalid_credential'
  | 'workspace_required'
  | 'service_blocked'
  | 'account_mismatch'
  | NetworkErrorCode
  | 'offline'
  | 'prerequisite_failed'
  | UncheckableCode;

export type QuotaCode =
  | 'usage'
  | 'cost_report'
  | 'key_limit'
  | 'balance'
  | 'near_limit'
  | 'limit_reached'
  | 'no_quota_endpoint'
  | 'scope_missing'
  | 'rate_limited'
  | NetworkErrorCode
  | 'disabled'
  | 'offline'
  | 'prerequisite_failed'
  | UncheckableCode;

export type InferenceCode =
  | 'not_requested'
  | 'not_applicable'
  | 'prerequisite_failed'
  | 'offline'
  | 'inference_ok'
  | 'rate_limited'
  | 'permission_denied'
  | 'invalid_credential'
  | 'credit_balance_too_low'
  | 'spend_limit_reached'
  | NetworkErrorCode
  | UncheckableCode;

export interface CodeByCheck {
  format: FormatCode;
  expiry: ExpiryCode;
  validity: ValidityCode;
  quota: QuotaCode;
  inference: InferenceCode;
}

export type AnyCode = CodeByCheck[CheckId];

/** What a check decides. Checks return this; renderers turn it into words. */
export interface CheckOutcome<C extends AnyCode = AnyCode> {
  status: Status;
  code: C;
  summary: string;
  hint?: string;
  httpStatus?: number;
  requestId?: string;
  retryAfterSeconds?: number;
  data?: Record<string, unknown>;
}

export interface CheckResult<C extends AnyCode = AnyCode> extends CheckOutcome<C> {
  id: CheckId;
  durationMs: number;
}

/** What a source knows about a credential besides the secret itself. */
export interface ProfileMetadata {
  /** Epoch milliseconds of the stored expiry, when the store has one. */
  expiresAt?: number | null;
  /** Stored OAuth scopes, when known. */
  scopes?: string[] | null;
  /** True when the owning app holds a refresh token for this access token. */
  refreshable?: boolean;
  /**
   * How the store types the credential ('oauth', 'token', 'api_key'): an OAuth access token and a
   * long-lived setup token share one prefix, so the store's word decides between them.
   */
  storedAs?: 'oauth' | 'token' | 'api_key' | 'admin_key';
  /** The mode of the file holding the secret, when group or others may read it; `looseFiles` names the files. */
  loosePermissions?: string;
  /**
   * Set with `loosePermissions`: the files holding the secret that others may read (display form, `~`
   * for home), for hints that name them. A SQLite store's `-wal` holds its latest writes, and may be one.
   */
  looseFiles?: string[];
  /** The secret could not be resolved (e.g. an exec SecretRef without --allow-exec). */
  unresolved?: string;
  /** A subscription type the store recorded (e.g. "max"), shown in reports. */
  subscriptionType?: string;
  /** The account id the store keeps beside a login token (Codex `account_id`, openclaw `accountId`). */
  accountId?: string;
  /** Account email the store recorded; shown only where identity is allowed. */
  email?: string;
  /** Free-form notes from the store worth showing in a triage report (cooldowns, disabled reasons). */
  notes?: string[];
  /** Where the secret came from as raw bytes: one trailing newline from a file or stdin is normal. */
  fromFile?: boolean;
  /**
   * The API the owning app speaks at the profile's own base URL, when it says (openclaw's
   * `models.providers.<id>.api`: `openai-completions`, `anthropic-messages`, …).
   */
  api?: string;
}

/** A base URL and where it was configured (`ANTHROPIC_BASE_URL`, `~/.openclaw/openclaw.json`, …). */
export interface ConfiguredUrl {
  url: string;
  from: string;
  /** From an environment variable: a bad one is a usage error, like a bad flag. */
  env?: boolean;
}

export interface ProfileSource {
  type: SourceType;
  /** An env var name, a file path with `~` plus `#pointer`, `keychain`, or `stdin`. */
  location: string;
}

export interface Profile {
  /** `<source>/<name>`, unique in a run. */
  id: string;
  name: string;
  /**
   * Other ids of this same store entry, where one entry is seen from several places (openclaw's
   * shared store, by every agent that does not override it): listed once, matched by any.
   */
  aliases?: string[];
  /** `anthropic`, or another provider's name (checked only when a provider module exists). */
  provider: string;
  /**
   * The module that checks it, when not `provider`'s own: an openclaw provider authdoctor has no
   * module for but whose config gives a base URL is checked as `openai-compatible`.
   */
  checkedAs?: string;
  /**
   * Why no request could honestly test it, when its source knows (a provider only a cloud SDK
   * authenticates, a stored marker that is no credential): the report's `skipReason`.
   */
  uncheckable?: string;
  /**
   * Base URLs the program owning this credential would use, by family, when not the default: from
   * the environment for the environment's own credentials, Claude Code's and the Codex CLI's; from
   * openclaw's config; from the profiles file (CONTRACT.md, "Where a credential may be sent").
   */
  baseUrls?: Record<string, ConfiguredUrl>;
  /**
   * The store's own base URL for this credential (openclaw's `models.providers.<id>.baseUrl`, a
   * profiles-file `baseUrl`): it applies to the family this credential's kind is sent to.
   */
  ownBaseUrl?: ConfiguredUrl;
  source: ProfileSource;
  /** The secret as stored (untrimmed); null when it could not be resolved. Never printed. */
  secret: string | null;
  metadata: ProfileMetadata;
  /**
   * A secret whose resolution runs a program (an openclaw `exec` SecretRef with --allow-exec): left for
   * after the filters, so `--profile`, `--provider` and `--source` limit what runs. See resolveDeferred.
   */
  deferred?: () => Promise<DeferredSecret>;
}

/** What a deferred resolution gives: the secret (or null) and the profile's metadata with what it found. */
export interface DeferredSecret {
  secret: string | null;
  metadata: ProfileMetadata;
  /** Why the secret could not be resolved: becomes an `unresolved_ref` problem. */
  unresolved?: string;
}

export type ProblemCode =
  | 'unreadable_store'
  | 'malformed_store'
  | 'unsupported_store'
  | 'unresolved_ref'
  | 'plaintext_leftover';

export interface Problem {
  source: SourceType;
  location: string;
  code: ProblemCode;
  message: string;
}

export interface CredentialInfo {
  kind: CredentialKind;
  redacted: string;
  expiresAt: string | null;
  scopes: string[] | null;
}

export interface ProfileReport {
  id: string;
  name: string;
  provider: string;
  source: ProfileSource;
  credential: CredentialInfo;
  /** The base URL its requests went to, when it is not the provider's default (a relay is never silent). */
  endpoint?: string;
  verdict: Verdict;
  /** Why a profile could not be checked at all (verdict `skipped`). */
  skipReason?: string;
  /** Other profile ids that hold the same secret (checked once, results shared). */
  sameSecretAs?: string[];
  /** Other ids of the same store entry (openclaw's shared store, seen by several agents). */
  aliases?: string[];
  checks: CheckResult[];
}

export interface Summary {
  profiles: number;
  works: number;
  broken: number;
  unknown: number;
  skipped: number;
}

/** 130: interrupted (Ctrl-C, or the library caller's signal). */
export type ExitCode = 0 | 1 | 2 | 3 | 4 | 130;

export interface Report {
  schemaVersion: 1;
  tool: { name: 'authdoctor'; version: string };
  startedAt: string;
  durationMs: number;
  exitCode: ExitCode;
  summary: Summary;
  problems: Problem[];
  profiles: ProfileReport[];
  /** Present when a proxy variable was set: names only, and whether requests to the base URL used it. */
  proxy?: { used: boolean; variables: string[] };
}

/** One profile of `profiles --json`: what was found, without a request. */
export interface ProfileListing {
  id: string;
  name: string;
  /** Other ids of the same store entry (openclaw's shared store, seen by several agents). */
  aliases?: string[];
  provider: string;
  source: ProfileSource;
  credential: CredentialInfo;
  /** Store notes and why a secret is unresolved, for a person reading the list. */
  notes: string[];
}

/** `profiles --json`, and what the library's discover() returns. */
export interface ProfilesReport {
  schemaVersion: 1;
  profiles: ProfileListing[];
  problems: Problem[];
}

/** Everything a source needs from the outside world enters here, so sources are testable without globals. */
export interface SourceContext {
  env: Record<string, string | undefined>;
  home: string;
  platform: NodeJS.Platform;
  now: Date;
  /** Whether stdin is an interactive terminal (never prompt when it is not); asked only when it matters. */
  interactive: () => boolean;
  options: {
    config?: string;
    /** True when --config was given explicitly: then an unreadable file is a usage error. */
    configExplicit?: boolean;
    openclawDir?: string;
    claudeDir?: string;
    codexHome?: string;
    /** --provider: what a --key-stdin key is (else its shape decides). */
    provider?: readonly string[];
    allowExec: boolean;
    /** Text read from stdin for --key-stdin. */
    stdinText?: string;
  };
}

export interface DiscoveryResult {
  profiles: Profile[];
  problems: Problem[];
  /** Where the source looked (paths with `~`, variable names), for the "nothing found" message. */
  searched?: string[];
}

/** One place credentials live. One file per source under src/profiles/. */
export interface Source {
  type: SourceType;
  discover(ctx: SourceContext): Promise<DiscoveryResult>;
}

/** An input error the user must fix (exit 2): bad flag values, an unreadable --config. */
export class UsageError extends Error {
  override name = 'UsageError';
  /** What the library's callers branch on (CONTRACT.md, Library). */
  readonly code = 'usage_error';
}
