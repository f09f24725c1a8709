// CabinetGate: one Durable Object per cabinet (`idFromName(cabinetId)`), the single place that
// decides whether a WB call may be made now. WB's limits apply per seller account, so every caller
// for one cabinet (sync pages, "sync now", answering a review) asks the same object; being one
// single-threaded object is what makes "take a token" race-free.
//
// State: one token bucket per limit group (workers/wb/limits.ts limitGroupOf: a method, or a whole
// category where WB says the limit is shared) in the object's SQLite storage, sized from WB_LIMITS
// for the tier passed with each call (the tier belongs to the cabinet's token, which can be
// replaced, so it is not stored here). The arithmetic lives in workers/domain/token-bucket.ts.

import { DurableObject } from "cloudflare:workers";

import { type BucketLimit, type BucketState, blockFor, fullBucket, lowerTo, refill, take, waitMs } from "../domain/token-bucket";
import { WB_LIMITS, limitFor, limitGroupOf } from "../wb/limits";
import type { WbLimitTier, WbMethodId } from "../wb/methods";

export type GateDecision =
  | { granted: true }
  /** WB's limits allow the call only after `retryAfterMs`. */
  | { granted: false; reason: "wait"; retryAfterMs: number }
  /** WB does not serve these methods to this token tier at all; waiting will not help. */
  | { granted: false; reason: "unavailable"; retryAfterMs: null; methods: WbMethodId[]; message: string };

/** What WB said about its limits on one response (workers/wb/client.ts WbRateLimitInfo, in seconds). */
export interface GateObservation {
  status: number;
  remaining: number | null;
  retrySeconds: number | null;
  resetSeconds: number | null;
}

export interface GateGroupState {
  group: string;
  /** Tokens now (refilled when the tier is known), fractional. */
  tokens: number;
  /** Unix ms; null when the group is not blocked. */
  blockedUntil: number | null;
  /** With a tier: the bucket's size and refill period, and when the next request is allowed (unix ms). */
  burst?: number;
  periodMs?: number;
  nextAllowedAt?: number;
}

export interface GateState {
  groups: GateGroupState[];
}

/** Russian, for the seller: why a dataset is not synced at all with this token. */
export function unavailableMessage(tier: WbLimitTier): string {
  return tier === "base"
    ? "Недоступно для базового токена: WB отдаёт эти данные только персональному или сервисному токену либо базовому токену вместе с секретом сервиса."
    : "Недоступно для этого типа токена WB: нужен персональный или сервисный токен.";
}

interface GroupNeed {
  group: string;
  limit: BucketLimit;
  need: number;
}

type Plan = { ok: true; needs: GroupNeed[] } | { ok: false; unavailable: WbMethodId[] };

/** Any method of a group, to size the group's bucket in state(); groups share one limit row. */
const METHODS_BY_GROUP = new Map<string, WbMethodId[]>();
for (const id of Object.keys(WB_LIMITS) as WbMethodId[]) {
  const group = limitGroupOf(id);
  METHODS_BY_GROUP.set(group, [...(METHODS_BY_GROUP.get(group) ?? []), id]);
}

/** The strictest limit among a group's methods for a tier (they share one bucket). */
function groupLimit(group: string, tier: WbLimitTier): BucketLimit | null {
  let result: BucketLimit | null = null;
  for (const id of METHODS_BY_GROUP.get(group) ?? []) {
    const l = limitFor(id, tier);
    if (!l) continue;
    result = result ? { periodMs: Math.max(result.periodMs, l.periodMs), burst: Math.min(result.burst, l.burst) } : { ...l };
  }
  return result;
}

/**
 * Groups and token counts for a list of calls. A method listed twice is two calls, so it needs two
 * tokens from its group (capped at the burst in token-bucket.ts: a page that needs more calls
 * than a group's burst is let through when the bucket is full).
 */
function planFor(methods: readonly WbMethodId[], tier: WbLimitTier): Plan {
  const unavailable: WbMethodId[] = [];
  const needs = new Map<string, GroupNeed>();
  for (const id of methods) {
    if (!(id in WB_LIMITS)) throw new TypeError(`CabinetGate: unknown WB method "${id}"`);
    const limit = limitFor(id, tier);
    if (!limit) {
      if (!unavailable.includes(id)) unavailable.push(id);
      continue;
    }
    const group = limitGroupOf(id);
    const existing = needs.get(group);
    if (existing) existing.need += 1;
    else needs.set(group, { group, limit: groupLimit(group, tier) ?? limit, need: 1 });
  }
  return unavailable.length > 0 ? { ok: false, unavailable } : { ok: true, needs: [...needs.values()] };
}

interface BucketRow extends Record<string, SqlStorageValue> {
  grp: string;
  tokens: number;
  updated_at: number;
  blocked_until: number;
}

export class CabinetGate extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    // Synchronous and idempotent: runs before any RPC is delivered to this instance.
    this.sql.exec(
      `CREATE TABLE IF NOT EXISTS buckets (
         grp TEXT PRIMARY KEY,
         tokens REAL NOT NULL,
         updated_at INTEGER NOT NULL,
         blocked_until INTEGER NOT NULL DEFAULT 0
       )`,
    );
  }

  /**
   * Asks for one call of each listed method (in order, duplicates = several calls): either every
   * group has the tokens and they are all taken, or nothing is taken and the answer says how long
   * until all of them would be available. Methods WB refuses for this tier are refused outright.
   */
  acquire(methods: WbMethodId[], tier: WbLimitTier, now: number = Date.now()): GateDecision {
    return this.decide(methods, tier, now, true);
  }

  /** The answer `acquire` would give now, without taking anything ("sync now" planning). */
  peek(methods: WbMethodId[], tier: WbLimitTier, now: number = Date.now()): GateDecision {
    return this.decide(methods, tier, now, false);
  }

  /**
   * Learns from WB's answer to a call of `methodId`: a 429 empties the group and blocks it for
   * X-Ratelimit-Retry (else X-Ratelimit-Reset, else one period) seconds; X-Ratelimit-Remaining
   * below our count lowers it.
   */
  observe(methodId: WbMethodId, tier: WbLimitTier, info: GateObservation, now: number = Date.now()): GateGroupState | null {
    if (!(methodId in WB_LIMITS)) return null;
    const group = limitGroupOf(methodId);
    const limit = groupLimit(group, tier);
    if (!limit) return null; // WB refuses this tier outright; there is no bucket to learn about.
    let state = refill(this.load(group) ?? fullBucket(limit, now), limit, now);
    if (info.status === 429) {
      const seconds = info.retrySeconds ?? info.resetSeconds;
      state = blockFor(state, now, seconds === null ? limit.periodMs : seconds * 1000);
    } else if (info.remaining !== null) {
      state = lowerTo(state, info.remaining);
    }
    this.save(group, state);
    return this.describe(group, state, limit, now);
  }

  /** Every bucket this cabinet has used; with a tier, refilled to now and with its size. */
  state(tier?: WbLimitTier, now: number = Date.now()): GateState {
    const rows = this.sql.exec<BucketRow>("SELECT grp, tokens, updated_at, blocked_until FROM buckets ORDER BY grp").toArray();
    const groups = rows.map((row) => {
      const stored: BucketState = { tokens: row.tokens, updatedAt: row.updated_at, blockedUntil: row.blocked_until };
      const limit = tier ? groupLimit(row.grp, tier) : null;
      if (!limit) {
        return { group: row.grp, tokens: stored.tokens, blockedUntil: stored.blockedUntil > now ? stored.blockedUntil : null };
      }
      return this.describe(row.grp, refill(stored, limit, now), limit, now);
    });
    return { groups };
  }

  /** Forgets every bucket: for when a cabinet's token is replaced by another seller's (WB counts per seller). */
  reset(): void {
    this.sql.exec("DELETE FROM buckets");
  }

  // ---------------------------------------------------------------------------------------------

  private decide(methods: WbMethodId[], tier: WbLimitTier, now: number, consume: boolean): GateDecision {
    const plan = planFor(methods, tier);
    if (!plan.ok) {
      return { granted: false, reason: "unavailable", retryAfterMs: null, methods: plan.unavailable, message: unavailableMessage(tier) };
    }
    const buckets = plan.needs.map((n) => ({ ...n, state: refill(this.load(n.group) ?? fullBucket(n.limit, now), n.limit, now) }));
    const wait = buckets.reduce((max, b) => Math.max(max, waitMs(b.state, b.limit, now, b.need)), 0);
    if (wait > 0) return { granted: false, reason: "wait", retryAfterMs: wait };
    if (consume) {
      // All or nothing: the writes happen together or not at all.
      this.ctx.storage.transactionSync(() => {
        for (const b of buckets) this.save(b.group, take(b.state, b.limit, b.need));
      });
    }
    return { granted: true };
  }

  private describe(group: string, state: BucketState, limit: BucketLimit, now: number): GateGroupState {
    return {
      group,
      tokens: state.tokens,
      blockedUntil: state.blockedUntil > now ? state.blockedUntil : null,
      burst: limit.burst,
      periodMs: limit.periodMs,
      nextAllowedAt: now + waitMs(state, limit, now),
    };
  }

  private load(group: string): BucketState | null {
    const row = this.sql
      .exec<BucketRow>("SELECT grp, tokens, updated_at, blocked_until FROM buckets WHERE grp = ?", group)
      .toArray()[0];
    return row ? { tokens: row.tokens, updatedAt: row.updated_at, blockedUntil: row.blocked_until } : null;
  }

  private save(group: string, state: BucketState): void {
    this.sql.exec(
      `INSERT INTO buckets (grp, tokens, updated_at, blocked_until) VALUES (?, ?, ?, ?)
       ON CONFLICT (grp) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at, blocked_until = excluded.blocked_until`,
      group,
      state.tokens,
      state.updatedAt,
      state.blockedUntil,
    );
  }
}
