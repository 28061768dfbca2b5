// Does the API accept the credential? The cheapest request the kind supports, spending no tokens.

import type { CheckOutcome, CredentialKind, ValidityCode } from '../../types.js';
import type { Exchange } from '../exchange.js';
import { describeHttp, isObject, outcome, pageInsteadOfApi, throttled, undecided, wrongShape } from '../outcomes.js';
import { ANTHROPIC, CLAUDE_CODE_ONLY } from './outcomes.js';
import type { RequestSpec } from './request.js';

export const MODELS_PROBE: RequestSpec = { method: 'get', path: '/v1/models', query: { limit: 1 } };
export const ORGANIZATION_PROBE: RequestSpec = { method: 'get', path: '/v1/organizations/me' };

export function describeSpec(spec: RequestSpec): string {
  return `${spec.method.toUpperCase()} ${spec.path}`;
}

function invalidHint(kind: CredentialKind, message: string | undefined): string {
  if (message && /not allowed for this organization/i.test(message)) {
    return 'The organization does not allow OAuth sign-in: use an API key, or ask an organization admin.';
  }
  switch (kind) {
    case 'oauth_token':
      return 'The login expired or was revoked: sign in again in the app that owns it (e.g. `claude` → /login).';
    case 'setup_token':
      return 'The token was revoked or expired: create a new one with `claude setup-token`.';
    case 'admin_key':
      return 'The admin key was revoked or mistyped: create a new one in the Console (Settings → Admin keys).';
    default:
      return 'The key was revoked, deleted or mistyped: create a new key in the Console (Settings → API keys).';
  }
}

function acceptsShape(spec: RequestSpec, data: unknown): boolean {
  if (!isObject(data)) return false;
  return spec === ORGANIZATION_PROBE ? typeof data.id === 'string' : Array.isArray(data.data);
}

/** Maps the answer to the validity request. Pure: the exchange in, the outcome out. */
export function validityOutcome(ex: Exchange, spec: RequestSpec, kind: CredentialKind): CheckOutcome<ValidityCode> {
  const what = describeSpec(spec);
  if (ex.ok) {
    if (!acceptsShape(spec, ex.data)) return wrongShape(ex, what, ANTHROPIC);
    return outcome(ex, 'pass', 'authenticated', `accepted by ${what}`);
  }
  const f = ex.failure;
  if (f.type === 'transport') return undecided(ex, what, ANTHROPIC);
  const page = pageInsteadOfApi(ex, what, ANTHROPIC);
  if (page) return page;
  if (CLAUDE_CODE_ONLY.test(f.message ?? '')) {
    return outcome(
      ex,
      'warn',
      'permission_denied',
      `authenticated, but restricted to Claude Code (${describeHttp(f)})`,
      'This subscription token only works inside Claude Code; use an API key for other tools.',
    );
  }
  switch (f.status) {
    case 401:
      return outcome(ex, 'fail', 'invalid_credential', `rejected by ${what} (${describeHttp(f)})`, invalidHint(kind, f.message));
    case 400:
    case 404:
      if (/workspace/i.test(f.message ?? '')) {
        const sent = f.status === 404 || /valid workspace id/i.test(f.message ?? '');
        return outcome(
          ex,
          'fail',
          'workspace_required',
          sent ? `the workspace id sent is not usable (${describeHttp(f)})` : `this identity-linked key needs a workspace id (${describeHttp(f)})`,
          sent
            ? 'Check ANTHROPIC_WORKSPACE_ID: it must be the id (wrkspc_…) of a workspace this key may act in.'
            : 'Set ANTHROPIC_WORKSPACE_ID to the id (wrkspc_…) of the workspace this key acts in; authdoctor sends it as anthropic-workspace-id.',
        );
      }
      return undecided(ex, what, ANTHROPIC);
    case 402:
      return outcome(ex, 'warn', 'permission_denied', `authenticated, but billing blocks requests (${describeHttp(f)})`, 'Check Plans & Billing in the Console.');
    case 403:
      return outcome(ex, 'warn', 'permission_denied', `authenticated, but ${what} was refused (${describeHttp(f)})`, 'The credential works but lacks permission for this request; check its workspace or role.');
    case 429:
      return throttled({ ...ex, failure: f });
    default:
      return undecided(ex, what, ANTHROPIC);
  }
}
