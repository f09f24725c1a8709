// ABC/XYZ (workers/domain/analytics/abc-xyz.ts) on hand-computed fixtures.

import { describe, expect, it } from "vitest";

import { type WeekDemand, abcXyz, checkThresholds, DEFAULT_ABC_XYZ, xyzOf } from "../../workers/domain/analytics/abc-xyz";

const steady = (units: number, n = 4): WeekDemand[] => Array.from({ length: n }, () => ({ units, inStockDays: 7 }));
const weeks = (...units: number[]): WeekDemand[] => units.map((u) => ({ units: u, inStockDays: 7 }));

describe("ABC", () => {
  it("classes by cumulative revenue share; the card that crosses 80 % is still A", () => {
    // Shares 50, 30, 10, 6, 4 %: before-shares 0, 50, 80, 90, 96 → A, A, B, B, C.
    const r = abcXyz([
      { nmId: 3, revenueKopecks: 10_000, weeks: steady(1) },
      { nmId: 1, revenueKopecks: 50_000, weeks: steady(1) },
      { nmId: 5, revenueKopecks: 4_000, weeks: steady(1) },
      { nmId: 2, revenueKopecks: 30_000, weeks: steady(1) },
      { nmId: 4, revenueKopecks: 6_000, weeks: steady(1) },
    ]);
    expect(r.items.map((i) => [i.nmId, i.abc, i.sharePercent])).toEqual([
      [1, "A", 50],
      [2, "A", 30],
      [3, "B", 10],
      [4, "B", 6],
      [5, "C", 4],
    ]);
    expect(r.items.map((i) => i.cumulativePercent)).toEqual([50, 80, 90, 96, 100]);
    expect(r.totalRevenueKopecks).toBe(100_000);
  });

  it("one dominant card is A; configurable thresholds move the boundaries", () => {
    const inputs = [
      { nmId: 1, revenueKopecks: 900, weeks: steady(1) },
      { nmId: 2, revenueKopecks: 60, weeks: steady(1) },
      { nmId: 3, revenueKopecks: 40, weeks: steady(1) },
    ];
    expect(abcXyz(inputs).items.map((i) => i.abc)).toEqual(["A", "B", "C"]);
    // a = 95, b = 4: before-shares 0, 90, 96 → A, A, B (96 < 99).
    expect(abcXyz(inputs, { a: 95, b: 4 }).items.map((i) => i.abc)).toEqual(["A", "A", "B"]);
    expect(abcXyz(inputs, { a: 50, b: 10 }).items.map((i) => i.abc)).toEqual(["A", "C", "C"]);
  });

  it("returns exceeding sales: negative revenue takes no share and is C", () => {
    const r = abcXyz([
      { nmId: 1, revenueKopecks: 1_000, weeks: steady(2) },
      { nmId: 2, revenueKopecks: -500, weeks: steady(1) },
      { nmId: 3, revenueKopecks: 0, weeks: steady(0) },
    ]);
    expect(r.items.map((i) => [i.nmId, i.abc, i.sharePercent])).toEqual([
      [1, "A", 100],
      [3, "C", 0],
      [2, "C", 0],
    ]);
    expect(r.totalRevenueKopecks).toBe(1_000);
  });

  it("no revenue at all: everything C with zero shares", () => {
    const r = abcXyz([{ nmId: 1, revenueKopecks: 0, weeks: [] }]);
    expect(r.items[0]).toMatchObject({ abc: "C", sharePercent: 0, xyz: null });
  });

  it("refuses thresholds that do not add up", () => {
    expect(() => checkThresholds({ ...DEFAULT_ABC_XYZ, a: 90, b: 20 })).toThrow("A + B не больше 100");
    expect(() => checkThresholds({ ...DEFAULT_ABC_XYZ, x: 30, y: 20 })).toThrow("Y больше X");
  });
});

describe("XYZ", () => {
  it("X for steady weeks, Y for ±20 %, Z for on-off demand", () => {
    expect(xyzOf(weeks(10, 10, 10, 10), DEFAULT_ABC_XYZ)).toMatchObject({ cvPercent: 0, xyz: "X" });
    // mean 10, population σ 2 → CV 20 %.
    expect(xyzOf(weeks(8, 12, 8, 12), DEFAULT_ABC_XYZ)).toMatchObject({ mean: 10, cvPercent: 20, xyz: "Y" });
    expect(xyzOf(weeks(0, 20, 0, 20), DEFAULT_ABC_XYZ)).toMatchObject({ cvPercent: 100, xyz: "Z" });
    // Exactly on the boundary is the lower class: CV 10 % → X.
    expect(xyzOf(weeks(9, 11, 9, 11), DEFAULT_ABC_XYZ).xyz).toBe("X");
  });

  it("scales a week with a stock-out up to seven days, and skips weeks mostly out of stock", () => {
    // Week 2 sold 5 in 5 days on sale → 7; week 4 had 2 days on sale → skipped.
    const w: WeekDemand[] = [
      { units: 7, inStockDays: 7 },
      { units: 5, inStockDays: 5 },
      { units: 7, inStockDays: 7 },
      { units: 1, inStockDays: 2 },
      { units: 7, inStockDays: 7 },
    ];
    expect(xyzOf(w, DEFAULT_ABC_XYZ)).toMatchObject({ weeksUsed: 4, mean: 7, cvPercent: 0, xyz: "X" });
  });

  it("leaves a card unclassified with fewer than 4 usable weeks or no orders", () => {
    expect(xyzOf(weeks(5, 5, 5), DEFAULT_ABC_XYZ)).toMatchObject({ weeksUsed: 3, xyz: null, cvPercent: null });
    expect(xyzOf(weeks(0, 0, 0, 0), DEFAULT_ABC_XYZ).xyz).toBeNull();
    expect(xyzOf([], DEFAULT_ABC_XYZ).xyz).toBeNull();
  });
});

describe("the 9-cell matrix", () => {
  it("counts cards and revenue per cell, and unclassified per ABC class", () => {
    const r = abcXyz([
      { nmId: 1, revenueKopecks: 60_000, weeks: weeks(10, 10, 10, 10) },
      { nmId: 2, revenueKopecks: 20_000, weeks: weeks(8, 12, 8, 12) },
      { nmId: 3, revenueKopecks: 10_000, weeks: weeks(0, 20, 0, 20) },
      { nmId: 4, revenueKopecks: 6_000, weeks: weeks(1, 1, 1) },
      { nmId: 5, revenueKopecks: 4_000, weeks: weeks(0, 20, 0, 20) },
    ]);
    const cells = Object.fromEntries(r.matrix.map((m) => [m.cell, [m.count, m.revenueKopecks, m.sharePercent]]));
    expect(r.matrix.map((m) => m.cell)).toEqual(["AX", "AY", "AZ", "BX", "BY", "BZ", "CX", "CY", "CZ"]);
    expect(cells).toEqual({
      AX: [1, 60_000, 60],
      AY: [1, 20_000, 20],
      AZ: [0, 0, 0],
      BX: [0, 0, 0],
      BY: [0, 0, 0],
      BZ: [1, 10_000, 10],
      CX: [0, 0, 0],
      CY: [0, 0, 0],
      CZ: [1, 4_000, 4],
    });
    expect(r.unclassified).toEqual({ A: 0, B: 1, C: 0 });
  });
});
