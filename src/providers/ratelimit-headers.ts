// `x-ratelimit-{limit,remaining,reset}-{requests,tokens}`, the headers OpenAI (and the APIs that copy
// it, such as Groq) send, as the `data.rateLimits` buckets every renderer shows. Documented on
// inference answers; on a models list they may be absent, which gives no data rather than an error.

import type { HeaderReader } from '../net/http.js';

export interface RateLimitBucket {
  limit?: number;
  remaining?: number;
  /** When the bucket is full again (ISO). */
  resetAt?: string;
}

const UNITS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };

/** `6m0s`, `1s`, `20ms`, `1h2m3.5s` (or a bare number of seconds) → seconds; null when unreadable. */
export function durationSeconds(text: string): number | null {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  if (!/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(t)) return null;
  let total = 0;
  for (const [, n, unit] of t.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) total += Number(n) * UNITS[unit!]!;
  return total;
}

function num(v: string | null): number | undefined {
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** The buckets present in the answer, or undefined when it carried none. `now` is when it arrived. */
export function xRateLimits(headers: HeaderReader, now: Date): Record<string, RateLimitBucket> | undefined {
  const out: Record<string, RateLimitBucket> = {};
  for (const name of ['requests', 'tokens']) {
    const bucket: RateLimitBucket = {};
    const limit = num(headers.get(`x-ratelimit-limit-${name}`));
    const remaining = num(headers.get(`x-ratelimit-remaining-${name}`));
    const reset = headers.get(`x-ratelimit-reset-${name}`);
    const seconds = reset ? durationSeconds(reset) : null;
    if (limit !== undefined) bucket.limit = limit;
    if (remaining !== undefined) bucket.remaining = remaining;
    if (seconds !== null) bucket.resetAt = new Date(now.getTime() + seconds * 1000).toISOString();
    if (Object.keys(bucket).length) out[name] = bucket;
  }
  return Object.keys(out).length ? out : undefined;
}
