import { classifyAnthropic } from '../../credentials/classify.js';
import type { CheckOutcome, CredentialKind, InferenceCode } from '../../types.js';
import type { ClassifiedCredential, ProviderModule } from '../types.js';
import { anthropicInference } from './inference.js';
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

function credentialOf(c: ClassifiedCredential): { cred: Credential; cap: Capability } {
  const cap: Capability = CAPABILITIES[c.classification.kind];
  if (!cap.auth) throw new Error(`a ${c.classification.kind} is never sent`);
  return { cred: { value: c.classification.value, auth: cap.auth }, cap };
}

export const anthropic: ProviderModule = {
  id: 'anthropic',
  displayName: 'Anthropic',
  defaultBaseUrl: 'https://api.anthropic.com',
  baseUrlEnv: 'ANTHROPIC_BASE_URL',
  classify: classifyAnthropic,

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
      return { status: 'skip', code: 'not_applicable', summary: `a ${c.classification.kind.replace('_', ' ')} cannot call the Messages API` };
    }
    return anthropicInference(ctx, cred);
  },
};
