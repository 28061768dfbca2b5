// A provider module as a table: per credential kind, where it is sent and which request answers
// each check. `satisfies Record<CredentialKind, KindCapability>` makes a forgotten kind a compile
// error, so adding a kind means deciding, for every provider, what it can be asked.

import { classifyFor, result, type Refine } from '../credentials/classify.js';
import type { CredentialKind, InferenceCode, ProfileMetadata, QuotaCode, ValidityCode } from '../types.js';
import type { ClassifiedCredential, ProbeContext, ProviderMeta, ProviderModule, ProviderOutcome } from './types.js';

export type Probe<C extends string> = (ctx: ProbeContext, c: ClassifiedCredential) => Promise<ProviderOutcome<C>>;

export interface KindCapability {
  /** The base URL family this kind is sent to; null: never sent (format fails first). */
  family: string | null;
  validity: Probe<ValidityCode>;
  quota: Probe<QuotaCode>;
  inference: Probe<InferenceCode>;
}

const neverSent = (): Promise<never> => Promise.reject(new Error('this kind of credential is never sent'));

/** A kind `format` always fails (a refresh token): nothing about it is ever sent. */
export const NEVER_SENT: KindCapability = { family: null, validity: neverSent, quota: neverSent, inference: neverSent };

/** Quota for a kind that has no quota endpoint: information, not a failure, and no request. */
export function noQuotaEndpoint(summary: string, hint?: string, data?: (ctx: ProbeContext, c: ClassifiedCredential) => Promise<Record<string, unknown> | undefined>): Probe<QuotaCode> {
  return async (ctx, c) => {
    const extra = data ? await data(ctx, c) : undefined;
    return { status: 'unsupported', code: 'no_quota_endpoint', summary, ...(hint ? { hint } : {}), ...(extra ? { data: extra } : {}) };
  };
}

/** --inference for a kind that cannot (an admin key) or should not (a plan's own allowance) run it. */
export function notApplicable(summary: string): Probe<InferenceCode> {
  return async () => ({ status: 'skip', code: 'not_applicable', summary });
}

/**
 * The table of a provider whose credentials are all one thing (a key, a plan token): every kind a
 * shape or a store may suggest is tried as that, except a refresh token, which is never sent.
 */
export function everyKindAs(cap: KindCapability) {
  return { api_key: cap, admin_key: cap, oauth_token: cap, setup_token: cap, refresh_token: NEVER_SENT, unknown: cap } as const satisfies Record<CredentialKind, KindCapability>;
}

/**
 * A provider's sign-in (openclaw's device or OAuth logins) stores a token of no shape the provider's
 * keys have: the store's word for it (`oauth`, or the others in `storedAs`) makes it an OAuth token.
 */
export function signInFromStore(label: string, storedAs: ReadonlyArray<ProfileMetadata['storedAs']> = ['oauth']): Refine {
  return (c, shape, meta) => (!shape && meta.storedAs !== undefined && storedAs.includes(meta.storedAs) ? result('oauth_token', c.value, 'pass', 'recognized', label) : c);
}

/** A module from its meta and table; classification is the shared one, with the provider's own `refine` step. */
export function tableModule(meta: ProviderMeta, table: Readonly<Record<CredentialKind, KindCapability>>, refine?: Refine): ProviderModule {
  const row = (c: ClassifiedCredential) => table[c.classification.kind];
  return {
    meta,
    classify: (secret, metadata) => classifyFor(meta, secret, metadata, refine),
    familyOf: (kind) => table[kind].family,
    validity: (ctx, c) => row(c).validity(ctx, c),
    quota: (ctx, c) => row(c).quota(ctx, c),
    inference: (ctx, c) => row(c).inference(ctx, c),
  };
}
