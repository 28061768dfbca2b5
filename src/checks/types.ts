import type { Classification } from '../credentials/classify.js';
import type { ProbeContext, ProviderModule } from '../providers/types.js';
import type { AnyCode, CheckId, CheckOutcome, CheckResult, CodeByCheck, Profile } from '../types.js';

/** Why a base URL must not receive credentials, and the next step when it is not "use https://". */
export interface InsecureBaseUrl {
  reason: string;
  hint?: string;
}

export interface CheckOptions {
  offline: boolean;
  quota: boolean;
  inference: boolean;
  /** Set when the base URL must not receive credentials. */
  insecureBaseUrl?: InsecureBaseUrl;
}

export interface CheckInput {
  profile: Profile;
  provider: ProviderModule;
  classification: Classification;
  /** Results of the checks that ran before this one. */
  results: Partial<Record<CheckId, CheckResult>>;
  options: CheckOptions;
  probe: ProbeContext;
  now: Date;
}

/** One check: returns data, never prints. */
export interface Check<I extends CheckId = CheckId> {
  id: I;
  run(input: CheckInput): CheckOutcome<CodeByCheck[I]> | Promise<CheckOutcome<CodeByCheck[I]>>;
}

/** True when a check passed or only warned: the credential is usable as far as it could tell. */
export function usable(result: CheckResult | undefined): boolean {
  return result?.status === 'pass' || result?.status === 'warn';
}

/** Codes of a skip that a flag of the run caused (no --inference, --no-quota, --offline): the same on every profile. */
export const FLAG_SKIP_CODES: ReadonlySet<AnyCode> = new Set<AnyCode>(['not_requested', 'disabled', 'offline']);
