import { usable, type Check } from './types.js';

export const quotaCheck: Check<'quota'> = {
  id: 'quota',
  run({ profile, provider, classification, results, options, probe }) {
    if (!options.quota) return { status: 'skip', code: 'disabled', summary: 'skipped (--no-quota)' };
    if (options.offline) return { status: 'skip', code: 'offline', summary: 'not sent (--offline)' };
    if (!usable(results.validity)) {
      return { status: 'skip', code: 'prerequisite_failed', summary: 'not probed: the credential was not confirmed to work' };
    }
    return provider.quota(probe, { classification, metadata: profile.metadata });
  },
};
