import { usable, type Check } from './types.js';

export const inferenceCheck: Check<'inference'> = {
  id: 'inference',
  run({ profile, provider, classification, results, options, probe }) {
    if (!options.inference) return { status: 'skip', code: 'not_requested', summary: 'run with --inference to test a real request (may spend a few tokens)' };
    if (options.offline) return { status: 'skip', code: 'offline', summary: 'not sent (--offline)' };
    if (!usable(results.validity)) {
      return { status: 'skip', code: 'prerequisite_failed', summary: 'not sent: the credential was not confirmed to work' };
    }
    return provider.inference(probe, { classification, metadata: profile.metadata });
  },
};
