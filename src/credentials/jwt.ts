// Reading a JWT's claims, for what a login token says about itself (expiry, account, plan). No
// signature check: authdoctor only describes a token it found, the provider decides whether it is
// genuine. Pure: a string in, plain data out.

/** Three base64url parts, the first two JSON objects (`{"` encodes as `eyJ`). */
export const JWT_SHAPE = /^eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/** The payload's claims, or null when the value is no JWT or its payload is not a JSON object. */
export function jwtClaims(token: string): Record<string, unknown> | null {
  if (!JWT_SHAPE.test(token)) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** `exp` (seconds) as epoch milliseconds, or null when there is none a Date can hold. */
export function jwtExpiryMs(claims: Record<string, unknown> | null): number | null {
  const exp = claims?.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= 0) return null;
  const ms = exp * 1000;
  return Number.isNaN(new Date(ms).getTime()) ? null : ms;
}

/** A string claim, trimmed; undefined when absent or blank. */
export function stringClaim(claims: Record<string, unknown> | null | undefined, name: string): string | undefined {
  const v = claims?.[name];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** A nested object claim (`https://api.openai.com/auth`). */
export function objectClaim(claims: Record<string, unknown> | null | undefined, name: string): Record<string, unknown> | undefined {
  const v = claims?.[name];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
