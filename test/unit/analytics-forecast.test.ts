// Demand forecast (workers/domain/analytics/forecast.ts) on hand-computed fixtures: out-of-stock
// days, inferred stock-outs, new items, all-zero demand, one-day history, late cancellations.

import { describe, expect, it } from "vitest";

import { addDays } from "../../workers/domain/calendar-day";
import { type SizeSeries, censorDays, forecastDemand, holtDamped, naiveDailyDemand, weekdayOf, weekdayProfile } from "../../workers/domain/analytics/forecast";
import { forecastChart } from "../../workers/domain/analytics/forecast-chart";

const MONDAY = "2026-11-02";
const flat = { seasonStrength: 1e12 };

function size(chrtId: number, orders: number[], extra: Partial<SizeSeries> = {}): SizeSeries {
  return { nmId: extra.nmId ?? 1, chrtId, orders, stock: orders.map(() => null), ...extra };
}

describe("weekdayOf", () => {
  it("numbers days from Monday = 0", () => {
    expect(weekdayOf("2026-11-02")).toBe(0);
    expect(weekdayOf("2026-11-08")).toBe(6);
    expect(weekdayOf("2026-11-24")).toBe(1);
    expect(weekdayOf("1969-12-31")).toBe(2);
  });
});

describe("censorDays", () => {
  it("excludes days the stock history shows at zero, and nothing else when it is known", () => {
    const r = censorDays([3, 0, 0, 2, 0], [5, 0, 0, 4, 3], null, 0.01, true);
    expect(r.censored).toEqual([false, true, true, false, false]);
    expect(r).toMatchObject({ knownOut: 2, inferredOut: 0 });
  });

  it("infers a stock-out from a zero-order run too long to be chance (rate × length ≥ ln 100)", () => {
    // 21 orders over 27 days (the run included: the first pass cannot know yet) = 0.778 a day;
    // 6 quiet days: 0.778 × 6 = 4.67 ≥ ln 100 = 4.61 → a stock-out.
    const orders = [...new Array<number>(20).fill(1), 0, 0, 0, 0, 0, 0, 1];
    const r = censorDays(orders, orders.map(() => null), null, 0.01, true);
    expect(r.censored.slice(20, 26)).toEqual([true, true, true, true, true, true]);
    expect(r.inferredOut).toBe(6);
    // 5 quiet days: 21 / 26 × 5 = 4.04 < 4.61 → could be chance, kept.
    const shorter = [...new Array<number>(20).fill(1), 0, 0, 0, 0, 0, 1];
    expect(censorDays(shorter, shorter.map(() => null), null, 0.01, true).inferredOut).toBe(0);
  });

  it("does not infer where stock history says the size was on sale (real zero demand)", () => {
    const orders = [...new Array<number>(20).fill(1), 0, 0, 0, 0, 0, 0, 0, 0];
    const stock = orders.map(() => 10);
    expect(censorDays(orders, stock, 10, 0.01, true).censored.every((c) => !c)).toBe(true);
  });

  it("takes the quiet days right before a size that is out now as out too", () => {
    const orders = [2, 2, 2, 1, 0, 0];
    const r = censorDays(orders, orders.map(() => null), 0, 0.01, true);
    expect(r.censored).toEqual([false, false, false, false, true, true]);
  });

  it("can be told not to infer", () => {
    const orders = [...new Array<number>(20).fill(1), 0, 0, 0, 0, 0, 0, 0];
    expect(censorDays(orders, orders.map(() => null), 0, 0.01, false)).toMatchObject({ knownOut: 0, inferredOut: 0 });
  });
});

describe("weekdayProfile", () => {
  it("recovers a weekly pattern by ratio to the centred 7-day average, shrunk by volume", () => {
    const week = [140, 100, 100, 100, 100, 80, 80]; // Monday … Sunday, mean 100
    const totals = Array.from({ length: 28 }, (_, i) => week[i % 7] as number);
    // Every centred window is one whole week (mean 100), so the raw indices are week / 100.
    // Shrinkage weight = used / (used + 700), used = Σ totals of days 3 … 24 = 22 days.
    const used = totals.slice(3, 25).reduce((a, b) => a + b, 0);
    const w = used / (used + 700);
    const profile = weekdayProfile(MONDAY, totals, 700);
    week.forEach((v, d) => expect(profile[d]).toBeCloseTo(1 + w * (v / 100 - 1), 12));
    expect(profile.reduce((a, b) => a + b, 0) / 7).toBeCloseTo(1, 12);
  });

  it("is flat with less than two weeks or without orders", () => {
    expect(weekdayProfile(MONDAY, [5, 1, 1, 1, 1, 1, 1, 5, 1, 1, 1, 1, 1], 0)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(weekdayProfile(MONDAY, new Array<number>(28).fill(0), 0)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });
});

describe("holtDamped", () => {
  it("skips censored days and starts at the mean of the first observed week", () => {
    // level0 = mean(2, 4, 6) = 4; α = 0.5, no trend: 4 → 3 → 3.5 → (gap) 3.5 → 4.75.
    const r = holtDamped([2, 4, null, 6], 0.5, 0, 1);
    expect(r.level).toBeCloseTo(4.75, 12);
    expect(r.fitted).toEqual([4, 3, 3.5, 3.5]);
    expect(r.observed).toBe(3);
  });

  it("reports NaN level without observations (the caller falls back to the prior)", () => {
    expect(holtDamped([null, null], 0.5, 0.1, 0.9).level).toBeNaN();
  });
});

describe("forecastDemand", () => {
  it("forecasts a steady 2 a day as 2 a day", () => {
    const f = forecastDemand({ start: MONDAY, sizes: [size(11, new Array<number>(28).fill(2))] }, flat);
    expect(f.sizes[0]?.daily).toHaveLength(14);
    for (const d of f.sizes[0]?.daily ?? []) expect(d).toBeCloseTo(2, 9);
    expect(f.firstDay).toBe(addDays(MONDAY, 28));
  });

  it("leaves out-of-stock days out of the demand (3 a day, not 3 × 18 / 28)", () => {
    // 28 days: 3 orders a day while in stock; days 8–17 out of stock with no orders.
    const orders = Array.from({ length: 28 }, (_, i) => (i >= 8 && i < 18 ? 0 : 3));
    const stock = orders.map((_, i) => (i >= 8 && i < 18 ? 0 : 20));
    const f = forecastDemand({ start: MONDAY, sizes: [size(11, orders, { stock })] }, flat);
    const s = f.sizes[0];
    expect(s?.knownOutDays).toBe(10);
    expect(s?.observedDays).toBe(18);
    expect(s?.meanDaily).toBeCloseTo(3, 9);
    // The old estimate: 54 orders / 30 days.
    expect(naiveDailyDemand(orders, 30)).toBeCloseTo(1.8, 12);
  });

  it("gives the same forecast when the stock-out is only visible as an order gap (no stock history)", () => {
    const orders = Array.from({ length: 28 }, (_, i) => (i >= 8 && i < 18 ? 0 : 3));
    const f = forecastDemand({ start: MONDAY, sizes: [size(11, orders)] }, flat);
    expect(f.sizes[0]?.inferredOutDays).toBe(10);
    expect(f.sizes[0]?.meanDaily).toBeCloseTo(3, 9);
  });

  it("splits a card's demand between sizes and keeps a sold-out size's demand", () => {
    // Size M sells 3, size L 1 a day; M is out for the last 10 days, when L still sells 1.
    const m = Array.from({ length: 28 }, (_, i) => (i >= 18 ? 0 : 3));
    const l = new Array<number>(28).fill(1);
    const f = forecastDemand(
      { start: MONDAY, sizes: [size(1, m, { stock: m.map((_, i) => (i >= 18 ? 0 : 9)) }), size(2, l, { stock: l.map(() => 9) })] },
      { ...flat, shareStrength: 0 },
    );
    const bySize = new Map(f.sizes.map((s) => [s.chrtId, s]));
    expect(bySize.get(1)?.share).toBeCloseTo(0.75, 9);
    expect(bySize.get(1)?.meanDaily).toBeCloseTo(3, 9);
    expect(bySize.get(2)?.meanDaily).toBeCloseTo(1, 9);
    expect(f.cards[0]?.meanDaily).toBeCloseTo(4, 9);
  });

  it("shrinks a new card toward the typical card of its subject (empirical Bayes)", () => {
    // Three cards of one subject sell a steady 1, 2 and 3 a day; a new card sold 6 + 6 on the
    // last two days (before that: no orders, not yet on sale — an inferred gap).
    const n = 28;
    const steady = (nmId: number, rate: number) => size(nmId * 10, new Array<number>(n).fill(rate), { nmId });
    const fresh = size(40, [...new Array<number>(n - 2).fill(0), 6, 6], { nmId: 4 });
    const groups = new Map([1, 2, 3, 4].map((nm) => [nm, "Платья"]));
    const f = forecastDemand({ start: MONDAY, groups, sizes: [steady(1, 1), steady(2, 2), steady(3, 3), fresh] }, flat);
    const card = f.cards.find((c) => c.nmId === 4);
    // Hand computation (see forecast.ts levelPrior): levels 1, 2, 3, 6 → mean 3, spread 3.5;
    // dispersion 0.5 (the floor: the fits are exact); noise = mean(0.5 · L / days) with days 28,
    // 28, 28, 2 = 0.40179; between = 3.09821; prior strength = 3 / 3.09821 = 0.96830 days.
    // New card's level = (2 · 6 + 0.96830 · 3) / (2 + 0.96830) = 5.02137.
    const noise = (0.5 * (1 / 28 + 2 / 28 + 3 / 28) + (0.5 * 6) / 2) / 4;
    const strength = 3 / (3.5 - noise);
    expect(card?.priorWeight).toBeCloseTo(strength / (2 + strength), 9);
    expect(card?.meanDaily).toBeCloseTo((2 * 6 + strength * 3) / (2 + strength), 6);
    expect(card?.meanDaily).toBeCloseTo(5.0214, 3);
    // The established cards barely move: their 28 days outweigh the prior's ~1 day.
    expect(f.cards.find((c) => c.nmId === 1)?.meanDaily).toBeCloseTo((28 * 1 + strength * 3) / (28 + strength), 6);
  });

  it("forecasts a card with no history at all as the typical card of its subject", () => {
    const groups = new Map([[1, "Джинсы"], [2, "Джинсы"], [3, "Джинсы"], [9, "Джинсы"]]);
    const sizes = [
      size(10, new Array<number>(28).fill(2), { nmId: 1 }),
      size(20, new Array<number>(28).fill(2), { nmId: 2 }),
      size(30, new Array<number>(28).fill(2), { nmId: 3 }),
      // A new card delivered to WB but known out on every day of the window so far.
      size(90, new Array<number>(28).fill(0), { nmId: 9, stock: new Array<number>(28).fill(0), currentStock: 50 }),
    ];
    const f = forecastDemand({ start: MONDAY, groups, sizes }, flat);
    const card = f.cards.find((c) => c.nmId === 9);
    expect(card?.priorWeight).toBe(1);
    expect(card?.meanDaily).toBeCloseTo(2, 9);
  });

  it("all-zero demand: zero forecast, zero spread, no NaN", () => {
    const f = forecastDemand({ start: MONDAY, sizes: [size(1, new Array<number>(30).fill(0)), size(2, new Array<number>(30).fill(0))] });
    for (const s of f.sizes) {
      expect(s.daily.every((d) => d === 0)).toBe(true);
      expect(s.low.every((d) => d === 0)).toBe(true);
      expect(s.high.every((d) => d === 0)).toBe(true);
      expect(s.sigmaDaily).toBe(0);
      expect(s.inferredOutDays).toBe(0);
    }
    expect(f.weekdayProfile).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it("one day of history: that day's orders, flat", () => {
    const f = forecastDemand({ start: MONDAY, sizes: [size(1, [4])] });
    expect(f.windowDays).toBe(1);
    for (const d of f.sizes[0]?.daily ?? []) expect(d).toBeCloseTo(4, 9);
  });

  it("an empty cabinet forecasts nothing", () => {
    const f = forecastDemand({ start: MONDAY, sizes: [] });
    expect(f.sizes).toEqual([]);
    expect(f.cards).toEqual([]);
  });

  it("counts recent days at the mature cancel rate (their cancellations are still to come)", () => {
    // 10 placed a day; on mature days 2 of them were cancelled (20 %); the last 14 days show no
    // cancellations yet. Orders that stay: 8 a day throughout, not 10 on recent days.
    const orders = new Array<number>(42).fill(10);
    const cancelled = orders.map((_, i) => (i < 28 ? 2 : 0));
    const f = forecastDemand({ start: MONDAY, sizes: [size(1, orders, { cancelled })] }, { ...flat, cancelStrength: 0 });
    expect(f.sizes[0]?.meanDaily).toBeCloseTo(8, 9);
  });

  it("follows a weekly pattern into the forecast", () => {
    const week = [14, 10, 10, 10, 10, 8, 8];
    const orders = Array.from({ length: 56 }, (_, i) => week[i % 7] as number);
    const f = forecastDemand({ start: MONDAY, sizes: [size(1, orders)] }, { seasonStrength: 0 });
    // The forecast starts on a Monday (56 days after a Monday): the Monday peak comes back.
    expect(weekdayOf(f.firstDay)).toBe(0);
    const daily = f.sizes[0]?.daily ?? [];
    week.forEach((v, d) => expect(daily[d]).toBeCloseTo(v, 6));
  });

  it("follows a rising trend (damped), above the 30-day average", () => {
    const orders = Array.from({ length: 91 }, (_, i) => 2 + i * 0.1);
    const f = forecastDemand({ start: MONDAY, sizes: [size(1, orders)] }, flat);
    const mean = f.sizes[0]?.meanDaily ?? 0;
    expect(mean).toBeGreaterThan(naiveDailyDemand(orders, 30));
    expect(f.cards[0]?.trendPercentPerWeek).toBeGreaterThan(0);
  });
});

describe("forecastChart", () => {
  it("gives history points (orders that stayed, share of sizes out) then forecast points with a band", () => {
    const orders = [2, 2, 0, 2];
    const f = forecastDemand({ start: MONDAY, sizes: [size(1, orders, { stock: [5, 5, 0, 5], cancelled: [1, 0, 0, 0] }), size(2, [1, 1, 1, 1])] }, { horizonDays: 3 });
    const points = forecastChart({ start: MONDAY, sizes: [size(1, orders, { stock: [5, 5, 0, 5], cancelled: [1, 0, 0, 0] }), size(2, [1, 1, 1, 1])] }, f, undefined, 3);
    expect(points.map((p) => p.day)).toEqual(["2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-07", "2026-11-08"]);
    expect(points.slice(0, 3).map((p) => [p.orders, p.outOfStockShare])).toEqual([
      [3, 0],
      [1, 0.5],
      [3, 0],
    ]);
    for (const p of points.slice(3)) {
      expect(p.orders).toBeNull();
      expect(p.forecast).toBeGreaterThan(0);
      expect(p.low).toBeLessThanOrEqual(p.forecast as number);
      expect(p.high).toBeGreaterThanOrEqual(p.forecast as number);
    }
  });
});
