// Fake login tokens shaped like the ChatGPT/Codex access token: a JWT with OpenAI's namespaced
// claims and a random signature (nothing checks signatures; each token differs).

import { randomBytes } from 'node:crypto';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export function fakeJwt(claims: Record<string, unknown>): string {
  return `${b64({ alg: 'RS256', typ: 'JWT', kid: 'sim' })}.${b64(claims)}.${randomBytes(64).toString('base64url')}`;
}

export interface LoginOptions {
  accountId?: string;
  plan?: string;
  /** Seconds from now until `exp` (negative: expired). */
  expiresIn?: number;
  email?: string;
}

/** A ChatGPT login access token: issuer, audience, expiry, account and plan as OpenAI writes them. */
export function chatgptToken(o: LoginOptions = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return fakeJwt({
    iss: 'https://auth.openai.com',
    aud: ['https://api.openai.com/v1'],
    sub: `auth0|${randomBytes(6).toString('hex')}`,
    iat: now - 60,
    exp: now + (o.expiresIn ?? 10 * 86_400),
    'https://api.openai.com/auth': { chatgpt_account_id: o.accountId ?? `acc-${randomBytes(8).toString('hex')}`, chatgpt_plan_type: o.plan ?? 'plus' },
    'https://api.openai.com/profile': { email: o.email ?? 'someone@example.com', email_verified: true },
  });
}
