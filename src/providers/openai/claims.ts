// Whether a JWT is OpenAI's: small and data-like, so meta.ts (loaded with every run) can tell a
// ChatGPT login from another service's token without loading the module.

import { jwtClaims, objectClaim } from '../../credentials/jwt.js';

/** OpenAI's namespaced claim with the ChatGPT account and plan. */
export const AUTH_CLAIM = 'https://api.openai.com/auth';

/**
 * A token OpenAI issued (a ChatGPT/Codex login): its issuer or audience names OpenAI, or it carries
 * OpenAI's own auth claim. Other services issue JWTs too, so only these claims make one OpenAI's.
 */
export function isOpenAiClaims(claims: Record<string, unknown>): boolean {
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const names = [claims.iss, ...aud].filter((v): v is string => typeof v === 'string');
  return names.some((n) => /^https:\/\/(auth|api)\.openai\.com(\/|$)/.test(n)) || objectClaim(claims, AUTH_CLAIM) !== undefined;
}

export function isOpenAiJwt(token: string): boolean {
  const claims = jwtClaims(token);
  return claims !== null && isOpenAiClaims(claims);
}
