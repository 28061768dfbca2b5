import { classifyFor, result, withArticle, type Classification, type Refine } from '../../credentials/classify.js';
import type { CheckOutcome, CredentialKind, InferenceCode, ProfileMetadata } from '../../types.js';
import type { ClassifiedCredential, ProviderModule } from '../types.js';
import { anthropicInference } from './inference.js';
import { anthropicMeta } from './meta.js';
import { anthropicQuota, type QuotaProbe } from './quota.js';
import { send, type AuthStyle, type Credential, type RequestSpec } from './request.js';
import { MODELS_PROBE, ORGANIZATION_PROBE, validityOutcome } from './validity.js';

interface Capability {
  /** How the credential is sent; null: never sent. */
  auth: AuthStyle | null;
  validity: RequestSpec | null;
  quota: QuotaProbe;
  inference: boolean;
}

/** Which probe fits which kind (DESIGN.md). The compiler checks that every kind has an entry. */
export const CAPABILITIES = {
  api_key: { auth: 'key', validity: MODELS_PROBE, quota: 'rate_limit_headers', inference: true },
  admin_key: { auth: 'key', validity: ORGANIZATION_PROBE, quota: 'cost_report', inference: false },
  oauth_token: { auth: 'oauth', validity: MODELS_PROBE, quota: 'oauth_usage', inference: true },
  setup_token: { auth: 'oauth', validity: MODELS_PROBE, quota: 'oauth_usage', inference: true },
  refresh_token: { auth: null, validity: null, quota: 'none', inference: false },
  // An unknown shape is tried anyway, as a key: never against OAuth-only endpoints.
  unknown: { auth: 'key', validity: MODELS_PROBE, quota: 'rate_limit_headers', inference: true },
} as const satisfies Record<CredentialKind, Capability>;

/** The smallest random part a real Anthropic credential has; anything shorter is a fragment. */
const MIN_BODY_LENGTH = 20;
const BODY_CHARS = /^[A-Za-z0-9_-]+$/;

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

const refine: Refine = (c, shape, meta) => {
  if (!shape) return c;
  if (shape.kind === 'unknown') {
    return {
      ...result('unknown', c.value, 'warn', 'unrecognized_prefix', 'an Anthropic credential of a shape authdoctor does not know; tried anyway'),
      hint: 'Anthropic keys start with sk-ant-api03- (API key), sk-ant-admin01- (admin key) or sk-ant-oat01- (OAuth token).',
    };
  }
  if (shape.kind === 'refresh_token') {
    return result(
      'refresh_token',
      c.value,
      'fail',
      'refresh_token_not_access_token',
      'this is an OAuth refresh token, not a credential that can call the API; it was not sent',
      'Use the access token (sk-ant-oat01-…) or an API key; a refresh token is only for the app that owns the login.',
    );
  }
  const body = c.value.slice(shape.prefix.length);
  if (body.length < MIN_BODY_LENGTH || !BODY_CHARS.test(body)) {
    return result(shape.kind, c.value, 'fail', 'malformed', `looks like a truncated or damaged ${shape.label}`, 'Copy the whole key again; it may have been cut off.');
  }
  if (shape.kind !== 'oauth_token') return c;
  const kind = oauthKind(meta);
  return { ...c, kind, summary: kind === 'setup_token' ? 'Anthropic setup token (long-lived OAuth token)' : c.summary };
};

export function classifyAnthropic(secret: string, meta: ProfileMetadata = {}): Classification {
  return classifyFor(anthropicMeta, secret, meta, refine);
}

function credentialOf(c: ClassifiedCredential): { cred: Credential; cap: Capability } {
  const cap: Capability = CAPABILITIES[c.classification.kind];
  if (!cap.auth) throw new Error(`${withArticle(c.classification.kind)} is never sent`);
  return { cred: { value: c.classification.value, auth: cap.auth }, cap };
}

export const anthropic: ProviderModule = {
  meta: anthropicMeta,
  classify: classifyAnthropic,
  familyOf: (kind) => (CAPABILITIES[kind].auth ? 'anthropic' : null),

  async validity(ctx, c) {
    const { cred, cap } = credentialOf(c);
    const spec = cap.validity!;
    return validityOutcome(await send(ctx, cred, spec), spec, c.classification.kind);
  },

  quota(ctx, c) {
    const { cred, cap } = credentialOf(c);
    return anthropicQuota(ctx, c, cred, cap.quota);
  },

  async inference(ctx, c): Promise<CheckOutcome<InferenceCode>> {
    const { cred, cap } = credentialOf(c);
    if (!cap.inference) {
      return { status: 'skip', code: 'not_applicable', summary: `${c.classification.kind === 'admin_key' ? 'an admin key' : 'this credential'} cannot call the Messages API` };
    }
    return anthropicInference(ctx, cred);
  },
};
