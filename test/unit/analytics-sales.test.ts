// Sales analytics (workers/domain/analytics/sales-analytics.ts) on hand-computed fixtures.

import { describe, expect, it } from "vitest";

import { type DailyFigures, cardPeriods, comparePeriods, dynamics, previousPeriod, rates, topCards, totalsOf } from "../../workers/domain/analytics/sales-analytics";

function day(d: string, nmId: number, f: Partial<DailyFigures> = {}): DailyFigures {
  return {
    day: d,
    nmId,
    ordersCount: 0,
    ordersSumKopecks: 0,
    cancelsCount: 0,
    salesCount: 0,
    salesSumKopecks: 0,
    returnsCount: 0,
    returnsSumKopecks: 0,
    forPayKopecks: 0,
    ...f,
  };
}

describe("totals and comparison", () => {
  const rows = [
    day("2026-11-01", 0, { ordersCount: 10, ordersSumKopecks: 100_000, cancelsCount: 2, salesCount: 6, salesSumKopecks: 60_000, returnsCount: 1, returnsSumKopecks: 10_000, forPayKopecks: 40_000 }),
    day("2026-11-02", 0, { ordersCount: 20, ordersSumKopecks: 150_000, cancelsCount: 1, salesCount: 9, salesSumKopecks: 90_000, returnsCount: 0, forPayKopecks: 70_000 }),
    day("2026-11-03", 0, { ordersCount: 5, ordersSumKopecks: 50_000, salesCount: 5, salesSumKopecks: 50_000 }),
    day("2026-11-04", 0, { ordersCount: 30, ordersSumKopecks: 300_000, salesCount: 10, salesSumKopecks: 100_000 }),
  ];

  it("sums a period with revenue, net units, average order and rates", () => {
    const t = totalsOf(rows, { from: "2026-11-01", to: "2026-11-02" });
    expect(t).toMatchObject({
      ordersCount: 30,
      ordersSumKopecks: 250_000,
      cancelsCount: 3,
      salesCount: 15,
      salesSumKopecks: 150_000,
      returnsCount: 1,
      returnsSumKopecks: 10_000,
      forPayKopecks: 110_000,
      revenueKopecks: 140_000,
      netUnits: 14,
      averageOrderKopecks: 8_333,
    });
    // Buyout 15 / (15 + 3); returns 1 / 15.
    expect(t.rates.buyoutRate).toBeCloseTo(15 / 18, 12);
    expect(t.rates.returnRate).toBeCloseTo(1 / 15, 12);
    expect(t.rates.returnsExceedSales).toBe(false);
  });

  it("compares with the equally long period before", () => {
    expect(previousPeriod({ from: "2026-11-03", to: "2026-11-04" })).toEqual({ from: "2026-11-01", to: "2026-11-02" });
    expect(previousPeriod({ from: "2026-03-01", to: "2026-03-31" })).toEqual({ from: "2026-01-29", to: "2026-02-28" });
    const c = comparePeriods(totalsOf(rows, { from: "2026-11-03", to: "2026-11-04" }), totalsOf(rows, { from: "2026-11-01", to: "2026-11-02" }));
    // Orders 35 vs 30 → +17 %; revenue 150 000 vs 140 000 → +7 %.
    expect(c.growth).toEqual({ ordersCount: 17, ordersSumKopecks: 40, salesCount: 0, revenueKopecks: 7, forPayKopecks: -100 });
  });

  it("returns exceeding sales: the rate is capped at 100 % and flagged; no sales → no rate", () => {
    expect(rates(2, 0, 5)).toEqual({ buyoutRate: 1, returnRate: 1, returnsExceedSales: true });
    expect(rates(0, 0, 3)).toEqual({ buyoutRate: null, returnRate: null, returnsExceedSales: true });
    expect(rates(0, 0, 0)).toEqual({ buyoutRate: null, returnRate: null, returnsExceedSales: false });
    const t = totalsOf([day("2026-11-01", 7, { salesCount: 1, salesSumKopecks: 1_000, returnsCount: 3, returnsSumKopecks: 3_000 })]);
    expect(t).toMatchObject({ revenueKopecks: -2_000, netUnits: -2 });
  });
});

describe("dynamics", () => {
  const rows = ["2026-11-01", "2026-11-02", "2026-11-09", "2026-11-30", "2026-12-01"].map((d) => day(d, 0, { ordersCount: 1, ordersSumKopecks: 100 }));

  it("by week: Monday–Sunday buckets, the partial ones marked", () => {
    // 2026-11-01 is a Sunday: its week starts Monday 26.10 and is cut by the period.
    const b = dynamics(rows, { from: "2026-11-01", to: "2026-11-17" }, "week");
    expect(b.map((x) => [x.from, x.to, x.complete, x.totals.ordersCount])).toEqual([
      ["2026-10-26", "2026-11-01", false, 1],
      ["2026-11-02", "2026-11-08", true, 1],
      ["2026-11-09", "2026-11-15", true, 1],
      ["2026-11-16", "2026-11-22", false, 0],
    ]);
  });

  it("by month and by day, every bucket present", () => {
    const m = dynamics(rows, { from: "2026-11-01", to: "2026-12-01" }, "month");
    expect(m.map((x) => [x.from, x.to, x.complete, x.totals.ordersCount])).toEqual([
      ["2026-11-01", "2026-11-30", true, 4],
      ["2026-12-01", "2026-12-31", false, 1],
    ]);
    const d = dynamics(rows, { from: "2026-11-29", to: "2026-12-02" }, "day");
    expect(d.map((x) => [x.from, x.totals.ordersCount])).toEqual([
      ["2026-11-29", 0],
      ["2026-11-30", 1],
      ["2026-12-01", 1],
      ["2026-12-02", 0],
    ]);
  });
});

describe("top cards", () => {
  const period = { from: "2026-11-08", to: "2026-11-14" };
  const rows = [
    // Card 1: big, flat. Card 2: grows 5 → 10 sales. Card 3: 0 → 4 (new, no growth %). Card 4: 1 → 6 (too small a base).
    day("2026-11-01", 1, { salesCount: 20, salesSumKopecks: 200_000 }),
    day("2026-11-10", 1, { salesCount: 20, salesSumKopecks: 200_000 }),
    day("2026-11-02", 2, { salesCount: 5, salesSumKopecks: 50_000 }),
    day("2026-11-11", 2, { salesCount: 10, salesSumKopecks: 100_000 }),
    day("2026-11-12", 3, { salesCount: 4, salesSumKopecks: 120_000 }),
    day("2026-11-03", 4, { salesCount: 1, salesSumKopecks: 1_000 }),
    day("2026-11-13", 4, { salesCount: 6, salesSumKopecks: 6_000, returnsCount: 7, returnsSumKopecks: 7_000 }),
    day("2026-11-13", 0, { salesCount: 999 }),
  ];
  const cards = cardPeriods(rows, period);

  it("by revenue and by units", () => {
    expect(topCards(cards, "revenue", 10).map((c) => c.nmId)).toEqual([1, 3, 2]);
    expect(topCards(cards, "units", 2).map((c) => c.nmId)).toEqual([1, 2]);
  });

  it("by growth, among cards with a base of at least 3 units", () => {
    const g = topCards(cards, "growth", 10);
    expect(g.map((c) => [c.nmId, c.revenueGrowthPercent])).toEqual([[2, 100]]);
    expect(cards.find((c) => c.nmId === 3)?.revenueGrowthPercent).toBeNull();
    expect(cards.find((c) => c.nmId === 4)?.current.rates.returnsExceedSales).toBe(true);
  });
});
