// What a provider offers the rest of authdoctor. A provider is a folder under src/providers/: a
// `meta.ts` (static facts, loaded with every run: ids, base URL families, environment variables,
// key shapes) and an `index.ts` (the module, loaded only when a profile of that provider is found),
// plus one line in src/providers/registry.ts.

import type { Classification } from '../credentials/classify.js';
import type { HttpClient } from '../net/http.js';
import type { CheckOutcome, CredentialKind, InferenceCode, ProfileMetadata, QuotaCode, ValidityCode } from '../types.js';

/** A base URL family: the URLs one kind of credential is sent to (`--base-url <family>=<url>`). */
export interface Family {
  /** The environment variable that overrides it for the programs that read it (CONTRACT.md). */
  env: string | null;
  /** null: no default (`openai-compatible` needs the profile's own base URL). */
  default: string | null;
  /**
   * The API's paths already start with this version segment (Anthropic's SDK adds `/v1`, Gemini's
   * paths are `/v1beta/…`): a base URL ending in it would double it, and is refused with a fix.
   */
  versionInPaths?: '/v1' | '/v1beta';
}

/**
 * A key shape a provider uses. `distinctive` shapes belong to their provider alone (`sk-ant-`,
 * `sk-proj-`, `AIza`): another provider's slot holding one is `wrong_provider`, never sent. Shapes
 * several providers share (a bare `sk-`) only help `--key-stdin` name its candidates.
 */
export interface KeyShape {
  /** A pattern, or any test of the whole value (a token's claims can say whose it is). */
  test: { test(value: string): boolean };
  /** The public part shown in redacted values (`sk-proj-`); '' when the shape has none. */
  prefix: string;
  distinctive: boolean;
  kind: CredentialKind;
  label: string;
}

/** An environment variable the env source reads, and what its name says about the credential. */
export interface EnvVar {
  name: string;
  metadata?: ProfileMetadata;
}

export interface ProviderMeta {
  id: string;
  /** "OpenAI": used in summaries and hints ("an OpenAI key"). */
  displayName: string;
  /** Where hints send people when the provider is down. */
  statusPage?: string;
  families: Readonly<Record<string, Family>>;
  envVars: readonly EnvVar[];
  /** openclaw's provider ids that mean this provider (`openai-codex` → `openai`); its own id always counts. */
  openclawIds?: readonly string[];
  /**
   * Where openclaw sends an openclaw id's credentials when its config names no base URL, for ids
   * that do not use the family default (`minimax-cn` → the China region's API).
   */
  openclawDefaultBaseUrls?: Readonly<Record<string, string>>;
  /**
   * false: openclaw's `models.providers.<id>.baseUrl` is not where this provider's probe goes, so it
   * is not followed (Copilot's is the inference API; the probe asks the GitHub API).
   */
  followsOpenclawBaseUrl?: false;
  /**
   * Where a provider has several families: the one openclaw's `models.providers.<id>.baseUrl` sets,
   * by openclaw id (`openai` → `openai`, `openai-codex` → `chatgpt`). Without an entry, that base
   * URL applies to the family the credential's kind is sent to.
   */
  openclawFamilies?: Readonly<Record<string, string>>;
  shapes: readonly KeyShape[];
  /**
   * A value matching none of `shapes`: 'unrecognized' tries it anyway with a warning; a kind means
   * the slot decides (keys without a prefix). `foreign: 'allowed'` accepts even another provider's
   * distinctive shape (a gateway may take any key).
   */
  otherShapes: 'unrecognized' | { kind: CredentialKind; label: string; foreign?: 'allowed' };
  load(): Promise<ProviderModule>;
}

/** Everything a probe needs from outside; one per run, shared by every profile. */
export interface RunContext {
  http: HttpClient;
  timeoutMs: number;
  /** Aborted when the run is interrupted. */
  signal?: AbortSignal;
  /** Identical requests with identical credentials are made once per run (opaque to callers). */
  cache: Map<string, Promise<unknown>>;
  /** SDK clients, one per base URL (opaque to callers). */
  clients: Map<string, Promise<unknown>>;
  now: () => Date;
  /** The run's environment, for provider settings such as ANTHROPIC_WORKSPACE_ID. */
  env: Record<string, string | undefined>;
  /** `authdoctor/<version>`: some providers refuse requests without a User-Agent. */
  userAgent: string;
}

/** The run's context with this profile's base URLs: one per family of its provider. */
export interface ProbeContext extends RunContext {
  baseUrls: Readonly<Record<string, string>>;
}

export function newProbeCaches(): Pick<RunContext, 'cache' | 'clients'> {
  return { cache: new Map(), clients: new Map() };
}

/** A credential as the checks hand it to a provider: classified, trimmed, with its metadata. */
export interface ClassifiedCredential {
  classification: Classification;
  metadata: ProfileMetadata;
}

/**
 * What a check outcome may add for the run: a kind only the provider's answer reveals (an OpenRouter
 * key that `/key` calls a management key is an `admin_key`), and how long the request that decided it
 * took (`requestMs`, set by outcome()): the check's time is the request's, not that of loading an SDK
 * first. The run applies both and drops the fields.
 */
export type ProviderOutcome<C extends string> = CheckOutcome & { code: C; credentialKind?: CredentialKind; requestMs?: number };

export interface ProviderModule {
  meta: ProviderMeta;
  classify(secret: string, metadata: ProfileMetadata): Classification;
  /** The family a credential of this kind is sent to; null when it is never sent. */
  familyOf(kind: CredentialKind): string | null;
  validity(ctx: ProbeContext, cred: ClassifiedCredential): Promise<ProviderOutcome<ValidityCode>>;
  /** Only called after validity passed or warned. */
  quota(ctx: ProbeContext, cred: ClassifiedCredential): Promise<ProviderOutcome<QuotaCode>>;
  /** Only called with --inference, after validity passed or warned. */
  inference(ctx: ProbeContext, cred: ClassifiedCredential): Promise<ProviderOutcome<InferenceCode>>;
}
