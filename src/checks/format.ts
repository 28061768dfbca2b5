import type { Check } from './types.js';

export const formatCheck: Check<'format'> = {
  id: 'format',
  run({ profile, classification }) {
    if (profile.secret === null) {
      return {
        status: 'error',
        code: 'unresolved_ref',
        summary: `the secret could not be resolved: ${profile.metadata.unresolved ?? 'unknown reason'}`,
        hint: 'Resolve the reference (set the variable, fix the file) or run with --allow-exec for exec references you trust.',
      };
    }
    const { status, code, summary, hint } = classification;
    const data = classification.warnings.length > 1 ? { warnings: classification.warnings } : undefined;
    return { status, code, summary, ...(hint ? { hint } : {}), ...(data ? { data } : {}) };
  },
};
