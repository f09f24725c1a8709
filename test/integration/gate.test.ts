import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

import type { CabinetGate } from "../../workers/objects/cabinet-gate";
import { gateFor } from "../../workers/sync/gate";

// The CabinetGate Durable Object through its RPC methods, in workerd with real DO SQLite storage.
// Every call passes `now`, so the tests control time.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

function newGate() {
  return gateFor(env, `gate-test-${crypto.randomUUID()}`);
}

describe("CabinetGate", () => {
  it("grants up to the burst, then refuses with the exact wait", async () => {
    // Proves: a personal token's orders bucket (burst 10, one per minute) lets 10 calls through
    // back to back and then says when the 11th may go.
    const gate = newGate();
    for (let i = 0; i < 10; i++) expect(await gate.acquire(["orders"], "personal", T0)).toEqual({ granted: true });
    expect(await gate.acquire(["orders"], "personal", T0)).toEqual({ granted: false, reason: "wait", retryAfterMs: MINUTE });
    expect(await gate.acquire(["orders"], "personal", T0 + 30_000)).toEqual({ granted: false, reason: "wait", retryAfterMs: 30_000 });
    expect(await gate.acquire(["orders"], "personal", T0 + MINUTE)).toEqual({ granted: true });
  });

  it("a base token gets orders once per 3 hours", async () => {
    // Proves: the tier passed in sizes the bucket (WB's 2026 base-token limits).
    const gate = newGate();
    expect(await gate.acquire(["orders"], "base", T0)).toEqual({ granted: true });
    expect(await gate.acquire(["orders"], "base", T0 + HOUR)).toEqual({ granted: false, reason: "wait", retryAfterMs: 2 * HOUR });
    expect(await gate.acquire(["orders"], "base", T0 + 3 * HOUR)).toEqual({ granted: true });
  });

  it("is all-or-nothing across groups", async () => {
    // Proves: a page needing orders and sales takes neither when sales is exhausted.
    const gate = newGate();
    expect(await gate.acquire(["sales"], "personal", T0)).toEqual({ granted: true }); // sales burst is 1
    const refused = await gate.acquire(["orders", "sales"], "personal", T0);
    expect(refused).toEqual({ granted: false, reason: "wait", retryAfterMs: MINUTE });
    const state = await gate.state("personal", T0);
    // orders was never charged: it has no bucket row yet, i.e. it is still full.
    expect(state.groups.find((g) => g.group === "orders")).toBeUndefined();
    expect(await gate.acquire(["orders", "sales"], "personal", T0 + MINUTE)).toEqual({ granted: true });
    const after = await gate.state("personal", T0 + MINUTE);
    expect(after.groups.find((g) => g.group === "orders")?.tokens).toBe(9);
    expect(after.groups.find((g) => g.group === "sales")?.tokens).toBe(0);
  });

  it("methods of one category share one bucket (feedbacks and questions)", async () => {
    // Proves: WB's "for all methods of the category" limit is one bucket: a base token's single
    // feedbacks-category request per 12 minutes is spent by either method.
    const gate = newGate();
    expect(await gate.acquire(["feedbacksList"], "base", T0)).toEqual({ granted: true });
    expect(await gate.acquire(["questionsList"], "base", T0)).toEqual({ granted: false, reason: "wait", retryAfterMs: 12 * MINUTE });
    const state = await gate.state("base", T0);
    expect(state.groups).toEqual([
      { group: "category:feedbacks", tokens: 0, blockedUntil: null, burst: 1, periodMs: 12 * MINUTE, nextAllowedAt: T0 + 12 * MINUTE },
    ]);
  });

  it("a method listed twice needs two tokens of its group", async () => {
    // Proves: methodsFor's list is calls, not a set: two feedbacks-category calls take two tokens.
    const gate = newGate();
    expect(await gate.acquire(["feedbacksList", "feedbacksCountUnanswered"], "personal", T0)).toEqual({ granted: true });
    expect((await gate.state("personal", T0)).groups[0]?.tokens).toBe(4);
  });

  it("refuses methods WB does not serve to the tier, with a reason for the seller", async () => {
    // Proves: stocks-report for a plain base token is refused outright (no waiting helps), and
    // nothing else in the request is charged.
    const gate = newGate();
    const decision = await gate.acquire(["orders", "stocksWbWarehouses"], "base", T0);
    expect(decision).toMatchObject({ granted: false, reason: "unavailable", retryAfterMs: null, methods: ["stocksWbWarehouses"] });
    expect(decision.granted === false && decision.reason === "unavailable" && decision.message).toMatch(/недоступно для базового токена/i);
    expect((await gate.state("base", T0)).groups).toEqual([]);
    // The same method is fine with a secret (the "base with secret" row).
    expect(await gate.acquire(["stocksWbWarehouses"], "baseWithSecret", T0)).toEqual({ granted: true });
  });

  it("peek answers like acquire without consuming", async () => {
    // Proves: "sync now" can ask when a dataset would run without spending WB's budget.
    const gate = newGate();
    expect(await gate.peek(["sales"], "personal", T0)).toEqual({ granted: true });
    expect(await gate.peek(["sales"], "personal", T0)).toEqual({ granted: true });
    expect(await gate.acquire(["sales"], "personal", T0)).toEqual({ granted: true });
    expect(await gate.peek(["sales"], "personal", T0 + 10_000)).toEqual({ granted: false, reason: "wait", retryAfterMs: 50_000 });
  });

  it("a 429 blocks and empties the group for X-Ratelimit-Retry", async () => {
    // Proves: the gate learns from WB's 429 and holds every caller of the group back.
    const gate = newGate();
    await gate.observe("cardsList", "personal", { status: 429, remaining: null, retrySeconds: 20, resetSeconds: 30 }, T0);
    const state = await gate.state("personal", T0);
    expect(state.groups).toEqual([
      { group: "cardsList", tokens: 0, blockedUntil: T0 + 20_000, burst: 5, periodMs: 600, nextAllowedAt: T0 + 20_000 },
    ]);
    expect(await gate.acquire(["cardsList"], "personal", T0 + 10_000)).toEqual({ granted: false, reason: "wait", retryAfterMs: 10_000 });
    expect(await gate.acquire(["cardsList"], "personal", T0 + 20_000)).toEqual({ granted: true });
  });

  it("a 429 without Retry uses Reset, and without either one period", async () => {
    const gate = newGate();
    await gate.observe("pricesList", "personal", { status: 429, remaining: null, retrySeconds: null, resetSeconds: 7 }, T0);
    expect((await gate.state("personal", T0)).groups[0]?.blockedUntil).toBe(T0 + 7_000);
    await gate.observe("sales", "personal", { status: 429, remaining: null, retrySeconds: null, resetSeconds: null }, T0);
    expect((await gate.state("personal", T0)).groups.find((g) => g.group === "sales")?.blockedUntil).toBe(T0 + MINUTE);
  });

  it("X-Ratelimit-Remaining lowers our count, never raises it", async () => {
    // Proves: WB's view wins when it is stricter (penalised requests, other apps of the seller).
    const gate = newGate();
    expect(await gate.acquire(["orders"], "personal", T0)).toEqual({ granted: true }); // 9 left
    await gate.observe("orders", "personal", { status: 200, remaining: 2, retrySeconds: null, resetSeconds: null }, T0);
    expect((await gate.state("personal", T0)).groups[0]?.tokens).toBe(2);
    await gate.observe("orders", "personal", { status: 200, remaining: 8, retrySeconds: null, resetSeconds: null }, T0);
    expect((await gate.state("personal", T0)).groups[0]?.tokens).toBe(2);
    expect(await gate.acquire(["orders"], "personal", T0)).toEqual({ granted: true });
    expect(await gate.acquire(["orders"], "personal", T0)).toEqual({ granted: true });
    expect(await gate.acquire(["orders"], "personal", T0)).toMatchObject({ granted: false, reason: "wait" });
  });

  it("concurrent acquires never over-grant", async () => {
    // Proves: the single-threaded object serialises callers: 30 parallel asks get exactly the burst.
    const gate = newGate();
    const decisions = await Promise.all(Array.from({ length: 30 }, () => gate.acquire(["orders"], "personal", T0)));
    expect(decisions.filter((d) => d.granted)).toHaveLength(10);
  });

  it("keeps its buckets in SQLite storage across eviction", async () => {
    // Proves: the state is durable (a restarted object does not hand out a fresh burst).
    const gate = newGate();
    for (let i = 0; i < 10; i++) await gate.acquire(["orders"], "personal", T0);
    const rows = await runInDurableObject(gate, (_instance: CabinetGate, state) =>
      state.storage.sql.exec<{ grp: string; tokens: number }>("SELECT grp, tokens FROM buckets").toArray(),
    );
    expect(rows).toEqual([{ grp: "orders", tokens: 0 }]);
    await evictDurableObject(gate);
    expect(await gate.acquire(["orders"], "personal", T0)).toMatchObject({ granted: false, reason: "wait" });
  });

  it("rejects unknown method ids", async () => {
    // Proves: a typo in a dataset's methodsFor fails loudly instead of passing ungated.
    const gate = newGate();
    await runInDurableObject(gate, (instance: CabinetGate) => {
      // @ts-expect-error: deliberately not a WbMethodId
      expect(() => instance.acquire(["nope"], "personal", T0)).toThrow(/unknown WB method/);
    });
  });
});
