// The rate-limit table (workers/wb/limits.ts) that the sandbox enforces and the client plans with.
// test/spec/wb-sandbox-responses.test.ts cross-checks every value against the YAML tables.

import { describe, expect, it } from "vitest";

import { limitFor, limitGroupOf, WB_LIMITS } from "../../workers/wb/limits";
import { WB_METHODS, type WbLimitTier, type WbMethodId } from "../../workers/wb/methods";

const TIERS: WbLimitTier[] = ["personal", "service", "baseWithSecret", "base"];
const MIN = 60_000;
const HOUR = 60 * MIN;

describe("WB_LIMITS", () => {
  it("has a row for every method and every token tier", () => {
    for (const id of Object.keys(WB_METHODS) as WbMethodId[]) {
      for (const tier of TIERS) {
        const l = limitFor(id, tier);
        if (id === "stocksWbWarehouses" && tier === "base") {
          expect(l).toBeNull();
          continue;
        }
        expect(l, `${id}/${tier}`).not.toBeNull();
        expect(l?.periodMs).toBeGreaterThan(0);
        expect(l?.burst).toBeGreaterThanOrEqual(1);
      }
    }
    expect(Object.keys(WB_LIMITS).sort()).toEqual(Object.keys(WB_METHODS).sort());
  });

  it("matches the published values", () => {
    expect(limitFor("orders", "personal")).toEqual({ periodMs: MIN, burst: 10 });
    expect(limitFor("orders", "base")).toEqual({ periodMs: 3 * HOUR, burst: 1 });
    expect(limitFor("sales", "service")).toEqual({ periodMs: MIN, burst: 1 });
    expect(limitFor("sales", "base")).toEqual({ periodMs: 2 * HOUR, burst: 1 });
    expect(limitFor("feedbacksList", "baseWithSecret")).toEqual({ periodMs: 333, burst: 6 });
    expect(limitFor("questionAnswer", "base")).toEqual({ periodMs: 12 * MIN, burst: 1 });
    expect(limitFor("pricesList", "personal")).toEqual({ periodMs: 600, burst: 5 });
    expect(limitFor("pricesList", "base")).toEqual({ periodMs: 15 * MIN, burst: 1 });
    expect(limitFor("cardsList", "base")).toEqual({ periodMs: 600, burst: 5 });
    expect(limitFor("stocksWbWarehouses", "personal")).toEqual({ periodMs: 20_000, burst: 1 });
    expect(limitFor("warehouseRemainsCreate", "personal")).toEqual({ periodMs: MIN, burst: 5 });
    expect(limitFor("warehouseRemainsStatus", "personal")).toEqual({ periodMs: 5000, burst: 5 });
    expect(limitFor("warehouseRemainsDownload", "personal")).toEqual({ periodMs: MIN, burst: 1 });
    expect(limitFor("warehouseRemainsDownload", "base")).toEqual({ periodMs: 15 * MIN, burst: 1 });
    expect(limitFor("financeSalesReportDetailed", "personal")).toEqual({ periodMs: MIN, burst: 1 });
    expect(limitFor("financeSalesReportDetailed", "base")).toEqual({ periodMs: 12 * HOUR, burst: 1 });
    expect(limitFor("statisticsPing", "base")).toEqual({ periodMs: 10_000, burst: 3 });
  });

  it("shares one bucket across the Feedbacks and the Prices categories", () => {
    expect(limitGroupOf("feedbacksList")).toBe(limitGroupOf("questionAnswer"));
    expect(limitGroupOf("pricesList")).toBe("category:prices");
    expect(limitGroupOf("orders")).not.toBe(limitGroupOf("sales"));
  });
});
