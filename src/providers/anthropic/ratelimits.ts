import type { HeaderReader } from '../../net/http.js';

// anthropic-ratelimit-* response headers, as data. Whether the models list carries them is
// unconfirmed: every field is optional and absent headers give an empty result.

export interface RateLimitBucket {
  limit?: number;
  remaining?: number;
  resetAt?: string;
}

export interface UnifiedWindow {
  usedPercent?: number;
  resetsAt?: string;
  status?: string;
}

export interface RateLimits {
  requests?: RateLimitBucket;
  tokens?: RateLimitBucket;
  inputTokens?: RateLimitBucket;
  outputTokens?: RateLimitBucket;
  /** Subscription tokens: anthropic-ratelimit-unified-<window>-* (undocumented). */
  unified?: { status?: string; windows: Record<string, UnifiedWindow> };
}

const BUCKETS = [
  ['requests', 'requests'],
  ['tokens', 'tokens'],
  ['input-tokens', 'inputTokens'],
  ['output-tokens', 'outputTokens'],
] as const;

function num(v: string | null): number | undefined {
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function isoFromEpochSeconds(v: string | null): string | undefined {
  const n = num(v);
  return n === undefined ? undefined : new Date(n * 1000).toISOString();
}

export function parseRateLimits(headers: HeaderReader): RateLimits | undefined {
  const out: RateLimits = {};
  for (const [name, key] of BUCKETS) {
    const bucket: RateLimitBucket = {};
    const limit = num(headers.get(`anthropic-ratelimit-${name}-limit`));
    const remaining = num(headers.get(`anthropic-ratelimit-${name}-remaining`));
    const reset = headers.get(`anthropic-ratelimit-${name}-reset`);
    if (limit !== undefined) bucket.limit = limit;
    if (remaining !== undefined) bucket.remaining = remaining;
    if (reset) bucket.resetAt = reset;
    if (Object.keys(bucket).length) out[key] = bucket;
  }
  const windows: Record<string, UnifiedWindow> = {};
  for (const [name, value] of headers) {
    const m = /^anthropic-ratelimit-unified-(.+)-(utilization|reset|status)$/.exec(name);
    if (!m) continue;
    const w = (windows[m[1]!] ??= {});
    if (m[2] === 'utilization') {
      const u = num(value);
      if (u !== undefined) w.usedPercent = Math.round(u * 1000) / 10;
    } else if (m[2] === 'reset') {
      const iso = isoFromEpochSeconds(value);
      if (iso) w.resetsAt = iso;
    } else {
      w.status = value;
    }
  }
  const unifiedStatus = headers.get('anthropic-ratelimit-unified-status') ?? undefined;
  if (Object.keys(windows).length || unifiedStatus) out.unified = { ...(unifiedStatus ? { status: unifiedStatus } : {}), windows };
  return Object.keys(out).length ? out : undefined;
}
