import type { Check } from './types.js';

export const validityCheck: Check<'validity'> = {
  id: 'validity',
  run({ profile, provider, classification, results, options, probe }) {
    const format = results.format;
    if (format && (format.status === 'fail' || format.status === 'error')) {
      return { status: 'skip', code: 'prerequisite_failed', summary: `not sent: ${format.status === 'fail' ? 'the format check failed' : `the credential could not be checked (${format.code})`}` };
    }
    const expiry = results.expiry;
    if (expiry?.status === 'fail' || expiry?.code === 'expired_refreshable') {
      return { status: 'skip', code: 'prerequisite_failed', summary: 'not sent: the stored access token has expired' };
    }
    if (options.offline) return { status: 'skip', code: 'offline', summary: 'not sent (--offline)', hint: 'Run without --offline to ask the provider whether the credential works.' };
    if (options.insecureBaseUrl) {
      return {
        status: 'error',
        code: 'insecure_base_url',
        summary: `nothing sent: ${options.insecureBaseUrl.reason}`,
        hint: options.insecureBaseUrl.hint ?? 'Use an https:// base URL (plain http is allowed only to localhost).',
      };
    }
    return provider.validity(probe, { classification, metadata: profile.metadata });
  },
};
