// Token-bucket arithmetic for WB's rate limits (no I/O; the CabinetGate Durable Object stores the
// state and calls these). WB's model (reference/wb-api.md §0): a bucket holds at most `burst`
// requests and one request's worth comes back every `periodMs`. On top of that WB may block a
// bucket outright after a 429 (X-Ratelimit-Retry), which we keep as `blockedUntil`.
//
// Tokens are fractional: a bucket refilled for half a period holds half a request, which is what
// makes "when is the next request allowed" exact instead of rounded to whole periods.

export interface BucketLimit {
  /** One request's worth of budget comes back every periodMs. */
  periodMs: number;
  /** Capacity: this many requests may be sent back to back. */
  burst: number;
}

export interface BucketState {
  tokens: number;
  /** When `tokens` was last brought up to date (unix ms). */
  updatedAt: number;
  /** No request before this time (unix ms), whatever `tokens` says; 0 = not blocked. */
  blockedUntil: number;
}

/** A bucket never used before: full, as WB's own is for a seller who has not called the method. */
export function fullBucket(limit: BucketLimit, now: number): BucketState {
  return { tokens: limit.burst, updatedAt: now, blockedUntil: 0 };
}

/**
 * The bucket at `now`: refilled by elapsed/periodMs, capped at burst. A clock that went backwards
 * (another isolate's `now`) refills nothing rather than draining. A burst lowered since (the token
 * was replaced by one of a lower tier) caps the tokens at once.
 */
export function refill(state: BucketState, limit: BucketLimit, now: number): BucketState {
  const elapsed = Math.max(0, now - state.updatedAt);
  const tokens = Math.min(limit.burst, state.tokens + elapsed / limit.periodMs);
  return { tokens, updatedAt: Math.max(now, state.updatedAt), blockedUntil: state.blockedUntil };
}

/**
 * Milliseconds from `now` until `need` requests may be sent from this (already refilled) bucket;
 * 0 = now. `need` above the burst is treated as the burst: a bucket cannot hold more, so the best
 * we can do is wait until it is full.
 */
export function waitMs(state: BucketState, limit: BucketLimit, now: number, need = 1): number {
  const want = Math.min(need, limit.burst);
  const blocked = Math.max(0, state.blockedUntil - now);
  // Epsilons: floating-point refill (3 × 1/3 of a token, 2/3 of 3 h) must neither leave 0.9999…
  // tokens forever nor turn an exact 7,200,000 ms into 7,200,001.
  const missing = want - state.tokens;
  const forTokens = missing > 1e-9 ? Math.ceil(missing * limit.periodMs - 1e-6) : 0;
  return Math.max(blocked, forTokens);
}

/** Takes `need` tokens (callers check `waitMs` first). Never goes below zero. */
export function take(state: BucketState, limit: BucketLimit, need = 1): BucketState {
  const want = Math.min(need, limit.burst);
  return { ...state, tokens: Math.max(0, state.tokens - want) };
}

/**
 * After a 429: WB says no request for `blockMs`. The bucket is emptied (WB counts the refused
 * request too, and its own bucket is evidently empty) and blocked until now + blockMs; it refills
 * from empty, so the next request waits for both the block and one period.
 */
export function blockFor(state: BucketState, now: number, blockMs: number): BucketState {
  return { tokens: 0, updatedAt: Math.max(now, state.updatedAt), blockedUntil: Math.max(state.blockedUntil, now + Math.max(0, blockMs)) };
}

/**
 * WB reported `remaining` requests left (X-Ratelimit-Remaining). Our count only ever goes down to
 * match it: WB counts penalised requests (4xx on Marketplace) as several, and other clients of the
 * same seller account draw from the same bucket. A higher report is ignored, since it may predate
 * calls we already granted.
 */
export function lowerTo(state: BucketState, remaining: number): BucketState {
  return remaining < state.tokens ? { ...state, tokens: Math.max(0, remaining) } : state;
}
