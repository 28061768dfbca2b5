import { storedExpiryIso } from '../credentials/expiry.js';
import type { CredentialKind, Profile, SourceType } from '../types.js';
import type { Check } from './types.js';

export const EXPIRING_SOON_MS = 24 * 60 * 60 * 1000;

/** The program that owns a login, by where it was found: a hint can say where to sign in. */
const OWNERS: Partial<Record<SourceType, string>> = { openclaw: 'openclaw', 'claude-code': 'Claude Code', codex: 'the Codex CLI' };

function ownerOf(profile: Profile): string {
  return OWNERS[profile.source.type] ?? 'the app that owns this login';
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What to do about an expired credential, by kind; a login is renewed by signing in (the default). */
const EXPIRED_HINTS: Partial<Record<CredentialKind, string>> = {
  api_key: "Create a new key in the provider's console, store it in place of this one, and delete the old key there.",
  admin_key: "Create a new admin key in the provider's console, store it in place of this one, and delete the old key there.",
  setup_token: 'Create a new token with `claude setup-token`.',
};

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
      return { status: 'skip', code: 'prerequisite_failed', summary: `not checked: ${format.status === 'fail' ? 'the credential itself is not usable' : `the credential could not be checked (${format.code})`}` };
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
          hint: `${capitalize(ownerOf(profile))} refreshes it on its next use; authdoctor never refreshes tokens. If that fails too, sign in again there.`,
        };
      }
      const key = classification.kind === 'api_key' || classification.kind === 'admin_key';
      return {
        status: 'fail',
        code: 'expired',
        // A key is not renewed by signing in, and a refresh token is not something a key has.
        summary: key ? `expired ${inWords(left)} ago (${at}), as stored with it` : `expired ${inWords(left)} ago (${at}) and no refresh token is stored`,
        hint: EXPIRED_HINTS[classification.kind] ?? `Sign in again in ${ownerOf(profile)}.`,
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
