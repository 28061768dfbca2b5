// OpenAI's error bodies that say more than their status (providers.md).

import type { HttpFailure } from '../../net/failure.js';

/**
 * A restricted key without the permission a request needs: OpenAI answers 401 or 403 "You have
 * insufficient permissions for this operation. Missing scopes: api.model.read". The key itself is
 * fine, whatever the status says.
 */
export function isMissingScope(message: string): boolean {
  return /missing scopes?:/i.test(message) || /insufficient permissions for this operation/i.test(message);
}

/** No credit left: `insufficient_quota` (sent with a 429), or a 402. */
export function isNoCredit(f: HttpFailure): boolean {
  return f.errorCode === 'insufficient_quota' || f.errorType === 'insufficient_quota' || f.status === 402;
}
