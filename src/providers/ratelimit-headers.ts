// OpenAI-style `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` response headers as data
// (OpenAI, Groq and the servers that copy them). They are documented on inference answers; on a
// models list they may be absent, so every field is optional and no header gives no data.

import type { HeaderReader } from '../net/http.js';
import type { Exchange } from './exchange.js';

export interface RateLimitBucket {
  limit?: number;
  remaining?: number;
  resetAt?: string;
}

export interface RateLimits {
  requests?: RateLimitBucket;
  tokens?: RateLimitBucket;
}

const UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `6m0s`, `7.66s`, `250ms`, `1h2m` → milliseconds; a bare number is seconds. Anything else: undefined. */
export function durationMs(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(t)) return undefined;
  let total = 0;
  for (const [, n, unit] of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) total += Number(n) * UNITS_MS[unit!]!;
  return Number.isFinite(total) ? total : undefined;
}

function count(v: string | null): number | undefined {
  if (v === null || !/^\s*\d+(\.\d+)?\s*$/.test(v)) return undefined;
  return Number(v);
}

export function parseRateLimitHeaders(headers: HeaderReader, now: Date): RateLimits | undefined {
  const out: RateLimits = {};
  for (const name of ['requests', 'tokens'] as const) {
    const bucket: RateLimitBucket = {};
    const limit = count(headers.get(`x-ratelimit-limit-${name}`));
    const remaining = count(headers.get(`x-ratelimit-remaining-${name}`));
    const reset = headers.get(`x-ratelimit-reset-${name}`);
    const ms = reset === null ? undefined : durationMs(reset);
    if (limit !== undefined) bucket.limit = limit;
    if (remaining !== undefined) bucket.remaining = remaining;
    // A duration far beyond any rate-limit window is not one: left out rather than shown as a date.
    if (ms !== undefined && ms < 366 * UNITS_MS.d!) bucket.resetAt = new Date(now.getTime() + ms).toISOString();
    if (Object.keys(bucket).length) out[name] = bucket;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The headers of an exchange, whether it was answered or refused over HTTP (a 429 carries them too). */
export function rateLimitsOf(ex: Exchange, now: Date): RateLimits | undefined {
  if (ex.ok) return parseRateLimitHeaders(ex.headers, now);
  return ex.failure.type === 'http' ? parseRateLimitHeaders(ex.failure.headers, now) : undefined;
}
