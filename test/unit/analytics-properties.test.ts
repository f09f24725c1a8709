// Property tests of the analytics over randomized inputs from a seeded PRNG (deterministic, no
// dependency): ABC shares sum to 100 %, forecasts are never negative or NaN, replenishment is a
// whole number of packs, unit economics always close to the kopeck.

import { describe, expect, it } from "vitest";

import { abcXyz } from "../../workers/domain/analytics/abc-xyz";
import { daysOfStock } from "../../workers/domain/analytics/days-of-stock";
import { type SizeSeries, forecastDemand } from "../../workers/domain/analytics/forecast";
import { replenishment } from "../../workers/domain/analytics/replenishment";
import { splitProportionally } from "../../workers/domain/analytics/stats";
import { type FinanceGroup, unitEconomics } from "../../workers/domain/analytics/unit-economics";
import { stockThresholds } from "../../workers/domain/stock-status";

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const RUNS = 200;

function int(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

/** Poisson draw (Knuth; rates here are small). */
function poisson(r: () => number, lambda: number): number {
  const limit = Math.exp(-Math.min(lambda, 30));
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > limit);
  return k - 1;
}

function randomHistory(r: () => number): { start: string; sizes: SizeSeries[]; groups: Map<number, string | null> } {
  const n = int(r, 1, 120);
  const cards = int(r, 1, 8);
  const sizes: SizeSeries[] = [];
  const groups = new Map<number, string | null>();
  let chrt = 1;
  for (let c = 1; c <= cards; c++) {
    groups.set(c, r() < 0.2 ? null : `subject-${int(r, 1, 3)}`);
    const base = r() < 0.15 ? 0 : r() * r() * 12;
    const shape = int(r, 0, 3); // flat, rising, falling to zero, spiky
    for (let s = int(r, 1, 5); s > 0; s--) {
      const withHistory = r() < 0.6;
      const orders: number[] = [];
      const cancelled: number[] = [];
      const stock: (number | null)[] = [];
      for (let i = 0; i < n; i++) {
        const t = i / Math.max(1, n - 1);
        const rate = Math.max(0, shape === 1 ? base * (0.2 + 2 * t) : shape === 2 ? base * (1 - t) : shape === 3 && r() < 0.05 ? base * 20 : base);
        const out = r() < 0.1;
        const placed = out ? 0 : poisson(r, rate);
        orders.push(placed);
        cancelled.push(int(r, 0, placed));
        stock.push(withHistory ? (out ? 0 : int(r, 1, 50)) : null);
      }
      sizes.push({ nmId: c, chrtId: chrt++, orders, cancelled, stock, currentStock: r() < 0.3 ? null : int(r, 0, 30) });
    }
  }
  return { start: "2026-08-03", sizes, groups };
}

describe("properties (seeded, deterministic)", () => {
  it("ABC: positive revenue shares sum to 100 %, cumulative shares rise, classes go A → B → C", () => {
    const r = prng(20261124);
    for (let run = 0; run < RUNS; run++) {
      const items = Array.from({ length: int(r, 1, 60) }, (_, i) => ({
        nmId: i + 1,
        revenueKopecks: r() < 0.1 ? -int(r, 0, 10_000) : int(r, 0, 5_000_000),
        weeks: Array.from({ length: int(r, 0, 13) }, () => ({ units: int(r, 0, 40), inStockDays: int(r, 0, 7) })),
      }));
      const a = int(r, 1, 98);
      const thresholds = { a, b: int(r, 0, 99 - a), x: 5 + r() * 20, y: 30 + r() * 40 };
      const result = abcXyz(items, thresholds);
      const shares = result.items.reduce((s, i) => s + i.sharePercent, 0);
      if (result.totalRevenueKopecks > 0) expect(Math.abs(shares - 100)).toBeLessThan(1e-9);
      else expect(shares).toBe(0);
      expect(Math.abs(result.matrix.reduce((s, m) => s + m.sharePercent, 0) + sumUnclassifiedShare(result) - shares)).toBeLessThan(1e-9);
      const order = { A: 0, B: 1, C: 2 };
      for (let i = 1; i < result.items.length; i++) {
        const prev = result.items[i - 1];
        const cur = result.items[i];
        if (!prev || !cur) continue;
        expect(cur.cumulativePercent).toBeGreaterThanOrEqual(prev.cumulativePercent - 1e-9);
        expect(order[cur.abc]).toBeGreaterThanOrEqual(order[prev.abc]);
      }
      const counted = result.matrix.reduce((s, m) => s + m.count, 0) + result.unclassified.A + result.unclassified.B + result.unclassified.C;
      expect(counted).toBe(items.length);
    }
  });

  it("forecast: never negative, never NaN, band around it, for any history", () => {
    const r = prng(42);
    for (let run = 0; run < RUNS; run++) {
      const h = randomHistory(r);
      const f = forecastDemand(h, { horizonDays: int(r, 1, 28) });
      expect(f.sizes).toHaveLength(h.sizes.length);
      for (const s of f.sizes) {
        expect(Number.isFinite(s.meanDaily) && s.meanDaily >= 0).toBe(true);
        expect(Number.isFinite(s.sigmaDaily) && s.sigmaDaily >= 0).toBe(true);
        expect(s.share).toBeGreaterThan(0);
        s.daily.forEach((d, i) => {
          expect(Number.isFinite(d) && d >= 0, `run ${run} size ${s.chrtId} day ${i}: ${d}`).toBe(true);
          expect(s.low[i]).toBeGreaterThanOrEqual(0);
          expect(s.low[i] as number).toBeLessThanOrEqual(d + 1e-12);
          expect(s.high[i] as number).toBeGreaterThanOrEqual(d - 1e-12);
        });
      }
      for (const c of f.cards) {
        expect(c.daily.every((d) => Number.isFinite(d) && d >= 0)).toBe(true);
        expect(c.priorWeight).toBeGreaterThanOrEqual(0);
        expect(c.priorWeight).toBeLessThanOrEqual(1);
        // A card's shares split its demand: the sizes add up to the card.
        const sizesSum = f.sizes.filter((s) => s.nmId === c.nmId).reduce((a, s) => a + s.meanDaily, 0);
        expect(Math.abs(sizesSum - c.meanDaily)).toBeLessThan(1e-9 * Math.max(1, c.meanDaily));
      }
    }
  });

  it("days of stock and replenishment: whole packs, never negative", () => {
    const r = prng(7);
    for (let run = 0; run < RUNS; run++) {
      const position = { quantity: int(r, -5, 300), inWayToClient: int(r, 0, 30), inWayFromClient: int(r, 0, 30) };
      const perDay = r() < 0.2 ? 0 : r() * 20;
      const d = daysOfStock({ position, dailyDemand: new Array<number>(14).fill(perDay), fbsShare: r() * 0.5, thresholds: stockThresholds(int(r, 1, 30)) });
      expect(d.units).toBeGreaterThanOrEqual(0);
      if (d.daysOfStock !== null) expect(d.daysOfStock).toBeGreaterThanOrEqual(0);
      const pack = int(r, 1, 24);
      const rep = replenishment({ units: d.units, demandPerDay: d.demandPerDay, sigmaPerDay: r() * 5 }, { leadTimeDays: int(r, 0, 60), targetDays: int(r, 1, 90), serviceLevel: 0.5 + r() * 0.49, packSize: pack });
      expect(Number.isInteger(rep.quantity) && rep.quantity >= 0 && rep.quantity % pack === 0).toBe(true);
      expect(d.units + rep.quantity).toBeGreaterThanOrEqual(rep.orderUpTo);
      expect(rep.reasoning.length).toBeGreaterThan(10);
    }
  });

  it("unit economics closes to the kopeck for every card and in total", () => {
    const r = prng(99);
    for (let run = 0; run < RUNS; run++) {
      const groups: FinanceGroup[] = [];
      for (let k = int(r, 0, 25); k > 0; k--) {
        const docType = (["sale", "return", "other"] as const)[int(r, 0, 2)] as FinanceGroup["docType"];
        const m = () => int(r, 0, 500_000);
        groups.push({
          nmId: r() < 0.15 ? 0 : int(r, 1, 6),
          docType,
          quantity: int(r, 0, 9),
          retailKopecks: m(),
          forPayKopecks: m(),
          commissionKopecks: m(),
          acquiringKopecks: m(),
          logisticsKopecks: m(),
          storageKopecks: m(),
          acceptanceKopecks: m(),
          penaltyKopecks: m(),
          deductionKopecks: m(),
          additionalPaymentKopecks: m(),
        });
      }
      const costs = new Map<number, number>();
      for (let nm = 1; nm <= 6; nm++) if (r() < 0.8) costs.set(nm, int(r, 0, 300_000));
      const u = unitEconomics({ from: "2026-11-02", to: "2026-11-08" }, groups, costs, []);
      for (const row of [...u.rows, u.totals]) {
        expect(row.revenueKopecks - row.commissionKopecks - row.acquiringKopecks - row.logisticsKopecks - row.storageKopecks - row.penaltiesKopecks - row.otherDeductionsKopecks).toBe(row.payoutKopecks);
        for (const v of Object.values(row)) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
      }
      for (const row of u.rows) {
        if (row.profitKopecks !== null) expect(row.payoutKopecks - row.sharedCostsKopecks - (row.costOfGoodsKopecks as number)).toBe(row.profitKopecks);
        expect(Number.isInteger(row.sharedCostsKopecks)).toBe(true);
      }
      if (u.rows.some((x) => x.revenueKopecks > 0)) expect(u.rows.reduce((s, x) => s + x.sharedCostsKopecks, 0)).toBe(u.sharedCostsKopecks);
      if (u.totals.profitKopecks !== null) {
        expect(u.totals.profitKopecks).toBe(u.totals.payoutKopecks - u.sharedCostsKopecks - (u.totals.costOfGoodsKopecks as number));
      }
    }
  });

  it("splitProportionally keeps the total exactly", () => {
    const r = prng(3);
    for (let run = 0; run < RUNS; run++) {
      const weights = Array.from({ length: int(r, 1, 30) }, () => (r() < 0.2 ? 0 : r() * 1000));
      const total = int(r, -1_000_000, 1_000_000);
      const parts = splitProportionally(total, weights);
      const sum = parts.reduce((a, b) => a + b, 0);
      expect(sum).toBe(weights.some((w) => w > 0) ? total : 0);
      expect(parts.every(Number.isInteger)).toBe(true);
    }
  });
});

function sumUnclassifiedShare(result: ReturnType<typeof abcXyz>): number {
  return result.items.filter((i) => i.xyz === null).reduce((s, i) => s + i.sharePercent, 0);
}
