// One request can answer two checks (a balance endpoint answers validity and quota): renderers show
// it once, with its time, and point the other check at it.

import type { CheckResult } from '../types.js';

/** For each check answered by the request of an earlier check of the profile, that check's id. */
export function sharedRequests(checks: readonly CheckResult[]): Map<CheckResult, string> {
  const first = new Map<string, string>();
  const shared = new Map<CheckResult, string>();
  for (const c of checks) {
    if (!c.requestId) continue;
    const earlier = first.get(c.requestId);
    if (earlier) shared.set(c, earlier);
    else first.set(c.requestId, c.id);
  }
  return shared;
}
