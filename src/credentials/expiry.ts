/**
 * A stored expiry (epoch ms) as an ISO date, or null when none is stored or it is no time a Date can
 * hold: a store may say anything (`1e20`), and toISOString() throws on what it cannot represent.
 */
export function storedExpiryIso(expiresAt: number | null | undefined): string | null {
  if (typeof expiresAt !== 'number' || !(expiresAt > 0)) return null;
  const at = new Date(expiresAt);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}
