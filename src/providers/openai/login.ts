// What a ChatGPT/Codex login token says about itself: OpenAI puts the ChatGPT account and plan in a
// namespaced claim (`https://api.openai.com/auth`), the email in `https://api.openai.com/profile`
// (the id token has it as `email`). Pure and small: the Codex source reads it at discovery.

import { jwtClaims, objectClaim, stringClaim } from '../../credentials/jwt.js';
import { AUTH_CLAIM, isOpenAiClaims } from './claims.js';

const PROFILE_CLAIM = 'https://api.openai.com/profile';

export interface ChatgptLogin {
  /** The ChatGPT account (workspace) the token was issued for. */
  accountId?: string;
  /** `plus`, `pro`, `team` …, as the token recorded it at sign-in. */
  plan?: string;
  email?: string;
  /** Issued by OpenAI's sign-in (its issuer, or its namespaced claim). */
  openai: boolean;
}

/** null when the value is no JWT with a readable payload. */
export function chatgptLogin(token: string): ChatgptLogin | null {
  const claims = jwtClaims(token);
  if (!claims) return null;
  const auth = objectClaim(claims, AUTH_CLAIM);
  const login: ChatgptLogin = { openai: isOpenAiClaims(claims) };
  const accountId = stringClaim(auth, 'chatgpt_account_id');
  const plan = stringClaim(auth, 'chatgpt_plan_type');
  const email = stringClaim(objectClaim(claims, PROFILE_CLAIM), 'email') ?? stringClaim(claims, 'email');
  if (accountId) login.accountId = accountId;
  if (plan) login.plan = plan;
  if (email) login.email = email;
  return login;
}
