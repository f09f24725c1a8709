import { describe, expect, it } from "vitest";

import { blockFreshness, datasetFreshness, isStale } from "../../workers/domain/freshness";
import { growthPercent } from "../../workers/domain/growth";
import { dashboardPeriods, dayList, isMoscowDay, moscowDayEnd } from "../../workers/domain/moscow-periods";
import {
  classifyStock,
  countStockStatuses,
  daysOfStock,
  displayDays,
  sizeStock,
  stockThresholds,
} from "../../workers/domain/stock-status";

describe("growthPercent", () => {
  it("matches the original bot's example: 151 orders today vs 253 yesterday is −40 %", () => {
    // (151 − 253) / 253 = −40.3 %
    expect(growthPercent(151, 253)).toBe(-40);
  });

  it("rounds half away from zero, both ways", () => {
    expect(growthPercent(3, 2)).toBe(50); // exactly 50
    expect(growthPercent(201, 200)).toBe(1); // 0.5 → 1
    expect(growthPercent(199, 200)).toBe(-1); // −0.5 → −1 (Math.round would give −0)
    expect(growthPercent(1_125, 1_000)).toBe(13); // 12.5 → 13
    expect(growthPercent(875, 1_000)).toBe(-13); // −12.5 → −13
    expect(growthPercent(1_001, 1_000)).toBe(0); // 0.1 → 0
    expect(Object.is(growthPercent(999, 1_000), 0)).toBe(true); // −0.1 → 0, not −0
  });

  it("has no percent when growing from zero, and 0 → 0 is no change", () => {
    expect(growthPercent(5, 0)).toBeNull();
    expect(growthPercent(0, 0)).toBe(0);
  });

  it("falls to −100 % when everything is gone, and grows past 100 %", () => {
    expect(growthPercent(0, 42)).toBe(-100);
    expect(growthPercent(550_000, 150_000)).toBe(267); // 266.67
  });

  it("refuses non-numbers", () => {
    expect(growthPercent(Number.NaN, 1)).toBeNull();
    expect(growthPercent(1, Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe("dashboardPeriods (Moscow days start at 21:00 UTC)", () => {
  it("20:59:59.999 UTC is still the previous Moscow day", () => {
    const p = dashboardPeriods(new Date("2026-11-23T20:59:59.999Z"));
    expect(p.today).toBe("2026-11-23");
    expect(p.todayStart.toISOString()).toBe("2026-11-22T21:00:00.000Z");
  });

  it("21:00 UTC starts the next Moscow day, and every period follows from it", () => {
    const now = new Date("2026-11-23T21:00:00.000Z");
    const p = dashboardPeriods(now);
    expect(p.today).toBe("2026-11-24");
    expect(p.todayStart.toISOString()).toBe("2026-11-23T21:00:00.000Z");
    expect(p.yesterday).toBe("2026-11-23");
    expect(p.dayBeforeYesterday).toBe("2026-11-22");
    expect(p.yesterdaySameTime.toISOString()).toBe("2026-11-22T21:00:00.000Z");
    expect(p.last7).toEqual({ from: "2026-11-17", to: "2026-11-23" });
    expect(p.previous7).toEqual({ from: "2026-11-10", to: "2026-11-16" });
    expect(p.last30).toEqual({ from: "2026-10-25", to: "2026-11-23" });
    expect(p.previous30).toEqual({ from: "2026-09-25", to: "2026-10-24" });
    expect(p.allDays).toEqual({ from: "2026-09-25", to: "2026-11-24" });
    expect(dayList(p.allDays.from, p.allDays.to)).toHaveLength(61);
  });

  it("the same time yesterday is exactly 24 hours earlier (Moscow has no DST)", () => {
    const now = new Date("2026-03-29T10:15:30.500Z"); // a European DST switch day: irrelevant here
    expect(dashboardPeriods(now).yesterdaySameTime.getTime()).toBe(now.getTime() - 86_400_000);
  });

  it("crosses month and year ends", () => {
    const p = dashboardPeriods(new Date("2027-01-01T00:00:00Z")); // 03:00 Moscow, Jan 1st
    expect(p.today).toBe("2027-01-01");
    expect(p.yesterday).toBe("2026-12-31");
    expect(p.last7).toEqual({ from: "2026-12-25", to: "2026-12-31" });
    expect(dashboardPeriods(new Date("2028-02-29T12:00:00Z")).yesterday).toBe("2028-02-28");
  });

  it("a Moscow day ends where the next begins", () => {
    expect(moscowDayEnd("2026-12-31").toISOString()).toBe("2026-12-31T21:00:00.000Z");
  });

  it("validates day strings", () => {
    expect(isMoscowDay("2026-11-24")).toBe(true);
    expect(isMoscowDay("2026-02-30")).toBe(false);
    expect(isMoscowDay("2026-2-3")).toBe(false);
    expect(isMoscowDay("24.11.2026")).toBe(false);
  });
});

describe("days of stock and status", () => {
  const t = stockThresholds(); // critical < 7 days, attention < 14

  it("divides units (stock + in way to the buyer) by average daily orders", () => {
    // 5 + 1 units, 29 orders in 30 days → 6 / 0.9667 = 6.21 days
    const s = sizeStock({ quantity: 5, inWayToClient: 1, ordersInWindow: 29 }, t);
    expect(s.units).toBe(6);
    expect(s.avgDailyOrders).toBeCloseTo(29 / 30, 10);
    expect(s.daysOfStock).toBeCloseTo(6.2069, 4);
    expect(displayDays(s.daysOfStock)).toBe(6.2);
    expect(s.status).toBe("critical");
  });

  it("classifies at the exact thresholds", () => {
    // 30 orders in 30 days = 1 a day, so units = days.
    const at = (units: number) => sizeStock({ quantity: units, inWayToClient: 0, ordersInWindow: 30 }, t).status;
    expect(at(0)).toBe("zero");
    expect(at(1)).toBe("critical");
    expect(at(6)).toBe("critical");
    expect(at(7)).toBe("low"); // 7 days is not below 7
    expect(at(13)).toBe("low");
    expect(at(14)).toBe("ok");
  });

  it("stock without orders never runs out; no stock is zero whatever the demand", () => {
    expect(daysOfStock(4, 0)).toBeNull();
    expect(classifyStock(4, null, t)).toBe("ok");
    expect(daysOfStock(0, 0)).toBe(0);
    expect(sizeStock({ quantity: 0, inWayToClient: 0, ordersInWindow: 0 }, t).status).toBe("zero");
  });

  it("ignores negative stock from bad data rather than going below zero", () => {
    expect(sizeStock({ quantity: -3, inWayToClient: 2, ordersInWindow: 30 }, t)).toMatchObject({ units: 2, status: "critical" });
  });

  it("a custom threshold moves both bounds", () => {
    expect(stockThresholds(10)).toEqual({ criticalDays: 10, attentionDays: 20 });
    expect(classifyStock(9, 9.9, stockThresholds(10))).toBe("critical");
    expect(classifyStock(15, 15, stockThresholds(10))).toBe("low");
  });

  it("display rounds down so the estimate never promises more", () => {
    expect(displayDays(6.99)).toBe(6.9);
    expect(displayDays(7)).toBe(7);
    expect(displayDays(0.3)).toBe(0.3); // float noise (0.3 * 10 = 2.9999…) must not lose a tenth
    expect(displayDays(null)).toBeNull();
  });

  it("counts statuses, needing attention = critical + zero + low", () => {
    expect(countStockStatuses(["critical", "zero", "zero", "low", "ok", "ok"])).toEqual({
      sizes: 6,
      critical: 1,
      zero: 2,
      low: 1,
      ok: 2,
      needsAttention: 4,
    });
  });
});

describe("freshness", () => {
  const now = new Date("2026-11-24T12:00:00Z");
  const ago = (min: number) => new Date(now.getTime() - min * 60_000);

  it("is stale after twice the refresh interval, or when never synced", () => {
    expect(isStale(ago(10), 5 * 60_000, now)).toBe(false); // exactly 2× is still fresh
    expect(isStale(ago(10.01), 5 * 60_000, now)).toBe(true);
    expect(isStale(null, 5 * 60_000, now)).toBe(true);
  });

  it("a block is as old as its oldest dataset and stale if any is", () => {
    const f = blockFreshness([datasetFreshness("stocks", ago(20), 30 * 60_000, now), datasetFreshness("orders", ago(11), 5 * 60_000, now)]);
    expect(f).toEqual({ updatedAt: ago(20), stale: true, datasets: ["stocks", "orders"] });
  });

  it("a never-synced dataset leaves the block without a date", () => {
    const f = blockFreshness([datasetFreshness("cards", null, 3_600_000, now), datasetFreshness("orders", ago(1), 300_000, now)]);
    expect(f).toEqual({ updatedAt: null, stale: true, datasets: ["cards", "orders"] });
  });
});
