// Token buckets for the sandbox, on the sandbox clock: `burst` requests back to back, then one
// request per `periodMs` (WB's published Интервал / Всплеск). Kept in memory per sandbox instance:
// a Worker isolate's limits are approximate across isolates, which is fine for an emulator.

import type { WbLimit } from "../limits";

export interface TakeResult {
  allowed: boolean;
  /** Requests left in the burst after this one (X-Ratelimit-Remaining). */
  remaining: number;
  /** Seconds until one request is allowed again (X-Ratelimit-Retry, on 429). */
  retryS: number;
  /** Seconds until the burst is full again (X-Ratelimit-Reset, on 429). */
  resetS: number;
}

interface Bucket {
  tokens: number;
  atMs: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  take(key: string, limit: WbLimit, nowMs: number): TakeResult {
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: limit.burst, atMs: nowMs };
      if (this.buckets.size > 50_000) this.buckets.clear();
      this.buckets.set(key, b);
    }
    // A test clock may move backwards; never refill for negative time.
    const elapsed = Math.max(0, nowMs - b.atMs);
    b.tokens = Math.min(limit.burst, b.tokens + elapsed / limit.periodMs);
    b.atMs = Math.max(b.atMs, nowMs);
    // Whole milliseconds first, so float noise (1/3 + 2/3) never rounds a second up.
    const secondsUntil = (tokens: number) => Math.ceil(Math.round(tokens * limit.periodMs) / 1000);
    if (b.tokens >= 1 - 1e-9) {
      b.tokens = Math.max(0, b.tokens - 1);
      return { allowed: true, remaining: Math.floor(b.tokens + 1e-9), retryS: 0, resetS: secondsUntil(limit.burst - b.tokens) };
    }
    return {
      allowed: false,
      remaining: 0,
      retryS: Math.max(1, secondsUntil(1 - b.tokens)),
      resetS: Math.max(1, secondsUntil(limit.burst - b.tokens)),
    };
  }
}
