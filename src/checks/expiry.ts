import { storedExpiryIso } from '../credentials/expiry.js';
import type { Check } from './types.js';

export const EXPIRING_SOON_MS = 24 * 60 * 60 * 1000;

function inWords(ms: number): string {
  const abs = Math.abs(ms);
  const minutes = Math.round(abs / 60_000);
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.round(abs / 3_600_000);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(abs / 86_400_000)} days`;
}

export const expiryCheck: Check<'expiry'> = {
  id: 'expiry',
  run({ profile, classification, results, now }) {
    const format = results.format;
    if (format && (format.status === 'fail' || format.status === 'error')) {
      return { status: 'skip', code: 'prerequisite_failed', summary: 'not checked: the credential itself is not usable' };
    }
    const expiresAt = profile.metadata.expiresAt;
    const at = storedExpiryIso(expiresAt);
    if (at === null || !expiresAt) {
      const summary =
        classification.kind === 'api_key' || classification.kind === 'admin_key'
          ? 'API keys do not expire'
          : expiresAt && expiresAt > 0
            ? 'the stored expiry is not a valid time'
            : 'no expiry stored with this credential';
      return { status: 'skip', code: 'not_applicable', summary };
    }
    const left = expiresAt - now.getTime();
    if (left <= 0) {
      if (profile.metadata.refreshable) {
        return {
          status: 'warn',
          code: 'expired_refreshable',
          summary: `access token expired ${inWords(left)} ago (${at}); a refresh token is stored`,
          hint: 'The app that owns this login refreshes it on its next use; authdoctor never refreshes tokens. If that app fails too, sign in again there.',
        };
      }
      return {
        status: 'fail',
        code: 'expired',
        summary: `expired ${inWords(left)} ago (${at}) and no refresh token is stored`,
        hint: classification.kind === 'setup_token' ? 'Create a new token with `claude setup-token`.' : 'Sign in again in the app that owns this credential.',
      };
    }
    // Subscription access tokens live hours and their app refreshes them: a short life is normal there.
    if (left < EXPIRING_SOON_MS && !profile.metadata.refreshable) {
      return { status: 'warn', code: 'expiring_soon', summary: `expires in ${inWords(left)} (${at})`, hint: 'Replace it before it expires.' };
    }
    if (profile.metadata.refreshable) {
      return { status: 'pass', code: 'valid_until', summary: `valid until ${at} (${inWords(left)} left; the owning app refreshes it)` };
    }
    return { status: 'pass', code: 'valid_until', summary: `valid until ${at} (${inWords(left)} left)` };
  },
};
