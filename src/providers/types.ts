// What a provider module offers the checks. Adding a provider is adding a folder under
// src/providers/ that implements this and registering it in src/providers/index.ts.

import type { Classification } from '../credentials/classify.js';
import type { FetchLike } from '../net/http.js';
import type { CheckOutcome, InferenceCode, ProfileMetadata, QuotaCode, ValidityCode } from '../types.js';

/** Everything a probe needs from outside; one per run, shared by every profile. */
export interface ProbeContext {
  baseUrl: string;
  timeoutMs: number;
  fetch: FetchLike;
  /** Aborted when the run is interrupted. */
  signal?: AbortSignal;
  /** Identical requests with identical credentials are made once per run (opaque to callers). */
  cache: Map<string, Promise<unknown>>;
  /** SDK clients, one per credential (opaque to callers). */
  clients: Map<string, Promise<unknown>>;
  now: () => Date;
  /** The run's environment, for provider settings such as ANTHROPIC_WORKSPACE_ID. */
  env: Record<string, string | undefined>;
}

export function newProbeCaches(): Pick<ProbeContext, 'cache' | 'clients'> {
  return { cache: new Map(), clients: new Map() };
}

/** A credential as the checks hand it to a provider: classified, trimmed, with its metadata. */
export interface ClassifiedCredential {
  classification: Classification;
  metadata: ProfileMetadata;
}

export interface ProviderModule {
  /** The provider id used in profiles (`anthropic`). */
  id: string;
  displayName: string;
  defaultBaseUrl: string;
  /** Environment variable that overrides the base URL. */
  baseUrlEnv: string;
  classify(secret: string, metadata: ProfileMetadata): Classification;
  validity(ctx: ProbeContext, cred: ClassifiedCredential): Promise<CheckOutcome<ValidityCode>>;
  /** Only called after validity passed or warned. */
  quota(ctx: ProbeContext, cred: ClassifiedCredential): Promise<CheckOutcome<QuotaCode>>;
  /** Only called with --inference, after validity passed or warned. */
  inference(ctx: ProbeContext, cred: ClassifiedCredential): Promise<CheckOutcome<InferenceCode>>;
}
