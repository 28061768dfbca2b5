import type { CheckId } from '../types.js';
import { expiryCheck } from './expiry.js';
import { formatCheck } from './format.js';
import { inferenceCheck } from './inference.js';
import { quotaCheck } from './quota.js';
import type { Check } from './types.js';
import { validityCheck } from './validity.js';

/** The checks, in the order they run (CONTRACT.md). */
export const CHECKS: { [I in CheckId]: Check<I> }[CheckId][] = [formatCheck, expiryCheck, validityCheck, quotaCheck, inferenceCheck];
