import { describe, expect, it } from "vitest";

import { type BucketLimit, type BucketState, blockFor, fullBucket, lowerTo, refill, take, waitMs } from "../../workers/domain/token-bucket";
import { WB_LIMITS, limitFor } from "../../workers/wb/limits";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

// Personal-token orders: one request per minute, burst 10 (12-reports.yaml).
const ORDERS: BucketLimit = { periodMs: MINUTE, burst: 10 };

describe("token bucket arithmetic", () => {
  it("a new bucket is full, and a full bucket stays at burst however long it waits", () => {
    // Proves: the first calls of a new cabinet may use WB's whole burst, and idle time never
    // accumulates more than the burst.
    const b = fullBucket(ORDERS, T0);
    expect(b).toEqual({ tokens: 10, updatedAt: T0, blockedUntil: 0 });
    expect(refill(b, ORDERS, T0 + 24 * HOUR).tokens).toBe(10);
  });

  it("refills by elapsed / period, fractionally", () => {
    // Proves: half a period gives half a request, so waits are exact rather than rounded.
    const empty: BucketState = { tokens: 0, updatedAt: T0, blockedUntil: 0 };
    expect(refill(empty, ORDERS, T0 + 30_000).tokens).toBeCloseTo(0.5);
    expect(refill(empty, ORDERS, T0 + 3 * MINUTE).tokens).toBeCloseTo(3);
  });

  it("a clock going backwards refills nothing and never drains", () => {
    // Proves: callers with a slightly older `now` (another isolate) cannot corrupt the bucket.
    const b: BucketState = { tokens: 2, updatedAt: T0, blockedUntil: 0 };
    const r = refill(b, ORDERS, T0 - 5_000);
    expect(r.tokens).toBe(2);
    expect(r.updatedAt).toBe(T0);
  });

  it("a lowered burst (token replaced by a lower tier) caps the tokens at once", () => {
    // Proves: switching a cabinet to a base token cannot spend the personal token's larger burst.
    const b: BucketState = { tokens: 10, updatedAt: T0, blockedUntil: 0 };
    const base = limitFor("orders", "base");
    expect(base).toEqual({ periodMs: 3 * HOUR, burst: 1 });
    expect(refill(b, base as BucketLimit, T0).tokens).toBe(1);
  });

  it("waitMs is 0 with a token, else the time to refill the missing part", () => {
    // Proves: the gate's retryAfterMs is exactly when the bucket will hold what is needed.
    const b: BucketState = { tokens: 0.25, updatedAt: T0, blockedUntil: 0 };
    expect(waitMs({ ...b, tokens: 1 }, ORDERS, T0)).toBe(0);
    expect(waitMs(b, ORDERS, T0)).toBe(45_000);
    expect(waitMs(b, ORDERS, T0, 3)).toBe(165_000);
  });

  it("needing more than the burst waits for a full bucket, not forever", () => {
    // Proves: a page that needs more calls of a group than its burst is still granted eventually.
    const b: BucketState = { tokens: 0, updatedAt: T0, blockedUntil: 0 };
    const base = { periodMs: 12 * MINUTE, burst: 1 };
    expect(waitMs(b, base, T0, 2)).toBe(12 * MINUTE);
    expect(take({ ...b, tokens: 1 }, base, 2).tokens).toBe(0);
  });

  it("floating-point refill of whole tokens is not off by a hair", () => {
    // Proves: 3 refills of 1/3 make a usable token (no 0.9999… tokens that never suffice).
    let b: BucketState = { tokens: 0, updatedAt: T0, blockedUntil: 0 };
    const l = { periodMs: 3, burst: 1 };
    for (let i = 1; i <= 3; i++) b = refill(b, l, T0 + i);
    expect(waitMs(b, l, T0 + 3)).toBe(0);
  });

  it("take removes tokens and never goes negative", () => {
    const b: BucketState = { tokens: 1.5, updatedAt: T0, blockedUntil: 0 };
    expect(take(b, ORDERS).tokens).toBeCloseTo(0.5);
    expect(take({ ...b, tokens: 0.2 }, ORDERS).tokens).toBe(0);
  });

  it("a 429 empties the bucket and blocks it; the next request waits for the block and a refill", () => {
    // Proves: after WB's 429 we stay silent for X-Ratelimit-Retry, and do not burst afterwards.
    const b = blockFor(fullBucket(ORDERS, T0), T0, 20_000);
    expect(b.tokens).toBe(0);
    expect(b.blockedUntil).toBe(T0 + 20_000);
    expect(waitMs(b, ORDERS, T0)).toBe(MINUTE);
    const longBlock = blockFor(fullBucket(ORDERS, T0), T0, 5 * MINUTE);
    expect(waitMs(refill(longBlock, ORDERS, T0 + MINUTE), ORDERS, T0 + MINUTE)).toBe(4 * MINUTE);
    // A shorter block never shortens a longer one already in place.
    expect(blockFor(longBlock, T0, 1_000).blockedUntil).toBe(T0 + 5 * MINUTE);
  });

  it("X-Ratelimit-Remaining only ever lowers our count", () => {
    // Proves: penalised requests (WB counts a 4xx as several) and other clients of the seller
    // lower our budget; a stale higher report cannot raise it.
    const b: BucketState = { tokens: 6, updatedAt: T0, blockedUntil: 0 };
    expect(lowerTo(b, 2).tokens).toBe(2);
    expect(lowerTo(b, 9).tokens).toBe(6);
    expect(lowerTo(b, 0).tokens).toBe(0);
  });

  it("requests sent as soon as allowed never exceed WB's allowance in any window", () => {
    // Proves the bucket's central promise for every method and tier of the limits table: over
    // 48 hours of greedy calls, any window of length W holds at most burst + W / period requests.
    for (const [method, row] of Object.entries(WB_LIMITS)) {
      for (const [tier, limit] of Object.entries(row)) {
        if (!limit) continue;
        let b = fullBucket(limit, T0);
        let now = T0;
        const grants: number[] = [];
        const end = T0 + Math.max(48 * HOUR, limit.periodMs * 20);
        while (now < end && grants.length < 2_000) {
          b = refill(b, limit, now);
          const w = waitMs(b, limit, now);
          if (w === 0) {
            b = take(b, limit);
            grants.push(now);
          } else {
            now += w;
          }
        }
        const windowMs = limit.periodMs * 5;
        for (let i = 0; i < grants.length; i++) {
          let j = i;
          while (j < grants.length && (grants[j] as number) < (grants[i] as number) + windowMs) j++;
          expect(j - i, `${method}/${tier}`).toBeLessThanOrEqual(limit.burst + windowMs / limit.periodMs);
        }
      }
    }
  });
});
