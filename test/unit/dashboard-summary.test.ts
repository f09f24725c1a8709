import { describe, expect, it } from "vitest";

import { SYNC_DATASETS, type SyncDataset } from "../../db/schema";
import { type DayTotals, buildDashboardSummary, roundRating, totalsOver } from "../../workers/domain/dashboard-summary";
import { type DatasetFreshness, datasetFreshness } from "../../workers/domain/freshness";
import { addDays } from "../../workers/domain/calendar-day";
import { dashboardPeriods } from "../../workers/domain/moscow-periods";
import { countStockStatuses, stockThresholds } from "../../workers/domain/stock-status";

// The original bot's screen of 09.02.2026 (PRODUCT.md), at 15:00 Moscow: 151 orders today for
// 1 536 289 ₽, yesterday 253 for 2 621 944 ₽.
const now = new Date("2026-02-09T12:00:00Z");
const periods = dashboardPeriods(now);
const HOUR = 3_600_000;

function freshness(lastSuccess: Partial<Record<SyncDataset, Date>>): Record<SyncDataset, DatasetFreshness> {
  const out = {} as Record<SyncDataset, DatasetFreshness>;
  for (const d of SYNC_DATASETS) out[d] = datasetFreshness(d, lastSuccess[d] ?? null, HOUR, now);
  return out;
}

function day(offset: number, count: number, sumKopecks: number): DayTotals {
  return { day: addDays("2026-02-09", offset), count, sumKopecks };
}

describe("buildDashboardSummary", () => {
  const days: DayTotals[] = [
    day(0, 151, 153_628_900),
    day(-1, 253, 262_194_400),
    day(-2, 200, 200_000_000),
    // The rest of the last 7 days (−3 … −7): 100 orders a day, 1 000 000 ₽.
    ...[-3, -4, -5, -6, -7].map((d) => day(d, 100, 100_000_000)),
    // Previous 7 (−8 … −14): 80 a day.
    ...[-8, -9, -10, -11, -12, -13, -14].map((d) => day(d, 80, 80_000_000)),
    // One day of each 30-day half beyond the weeks, and a day outside every period.
    day(-30, 1_000, 1),
    day(-31, 500, 2),
    day(-61, 999_999, 999_999),
  ];

  const summary = buildDashboardSummary({
    now,
    periods,
    days,
    todaySoFar: { count: 151, sumKopecks: 153_628_900 },
    yesterdaySoFar: { count: 160, sumKopecks: 170_000_000 },
    stocks: countStockStatuses(["critical", "critical", "zero", "low", "ok"]),
    thresholds: stockThresholds(7),
    reviews: { total: 7_732, unanswered: 3_542, averageRating: 4.7345 },
    products: { total: 120, active: 97 },
    freshness: freshness({ orders: new Date(now.getTime() - 10 * 60_000), stocks: new Date(now.getTime() - 3 * HOUR), feedbacks: now }),
  });

  it("today vs yesterday at the same time of day", () => {
    // count (151 − 160) / 160 = −5.6 % → −6; sum (1 536 289 − 1 700 000) / 1 700 000 = −9.6 % → −10
    expect(summary.orders.today).toEqual({
      from: "2026-02-09",
      to: "2026-02-09",
      until: now,
      count: 151,
      sumKopecks: 153_628_900,
      previous: { from: "2026-02-08", to: "2026-02-08", until: new Date("2026-02-08T12:00:00Z"), count: 160, sumKopecks: 170_000_000 },
      countGrowthPercent: -6,
      sumGrowthPercent: -10,
    });
  });

  it("yesterday whole vs the day before", () => {
    // (253 − 200) / 200 = 26.5 % → 27; (262 194 400 − 200 000 000) / 200 000 000 = 31.1 % → 31
    expect(summary.orders.yesterday).toMatchObject({
      from: "2026-02-08",
      until: null,
      count: 253,
      sumKopecks: 262_194_400,
      previous: { from: "2026-02-07", count: 200 },
      countGrowthPercent: 27,
      sumGrowthPercent: 31,
    });
  });

  it("7 whole days ending yesterday vs the 7 before", () => {
    // 253 + 200 + 5 × 100 = 953 vs 7 × 80 = 560 → +70.2 % → +70
    expect(summary.orders.last7).toMatchObject({
      from: "2026-02-02",
      to: "2026-02-08",
      count: 953,
      sumKopecks: 262_194_400 + 200_000_000 + 500_000_000,
      previous: { from: "2026-01-26", to: "2026-02-01", count: 560, sumKopecks: 560_000_000 },
      countGrowthPercent: 70,
    });
  });

  it("30 whole days ending yesterday vs the 30 before; today and older days stay out", () => {
    // last 30 = 953 + 560 + 1 000 (day −30) = 2 513; previous 30 = 500 (day −31) → +402.6 % → +403
    expect(summary.orders.last30).toMatchObject({
      from: "2026-01-10",
      to: "2026-02-08",
      count: 2_513,
      previous: { from: "2025-12-11", to: "2026-01-09", count: 500, sumKopecks: 2 },
      countGrowthPercent: 403,
    });
  });

  it("stocks, reviews and products", () => {
    expect(summary.stocks).toMatchObject({ sizes: 5, critical: 2, zero: 1, low: 1, ok: 1, needsAttention: 4, criticalDays: 7, attentionDays: 14 });
    expect(summary.reviews).toMatchObject({ total: 7_732, unanswered: 3_542, averageRating: 4.73 });
    expect(summary.products).toMatchObject({ total: 120, active: 97 });
  });

  it("each block carries the freshness of the datasets it is computed from", () => {
    expect(summary.orders.freshness).toEqual({ updatedAt: new Date(now.getTime() - 10 * 60_000), stale: false, datasets: ["orders"] });
    // Stocks synced 3 h ago with a 1 h interval: stale, and the block is as old as that.
    expect(summary.stocks.freshness).toEqual({ updatedAt: new Date(now.getTime() - 3 * HOUR), stale: true, datasets: ["stocks", "orders"] });
    expect(summary.reviews.freshness).toEqual({ updatedAt: now, stale: false, datasets: ["feedbacks"] });
    expect(summary.products.freshness).toMatchObject({ updatedAt: null, stale: true });
  });
});

describe("helpers", () => {
  it("totalsOver sums only the days in the range", () => {
    const days = [day(0, 1, 10), day(-1, 2, 20), day(-2, 4, 40)];
    expect(totalsOver(days, { from: "2026-02-07", to: "2026-02-08" })).toEqual({ count: 6, sumKopecks: 60 });
    expect(totalsOver(days, { from: "2026-03-01", to: "2026-03-31" })).toEqual({ count: 0, sumKopecks: 0 });
  });

  it("roundRating keeps two decimals", () => {
    expect(roundRating(4.7345)).toBe(4.73);
    expect(roundRating(4.735)).toBe(4.74);
    expect(roundRating(5)).toBe(5);
    expect(roundRating(null)).toBeNull();
  });
});
