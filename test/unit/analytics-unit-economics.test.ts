// Unit economics (workers/domain/analytics/unit-economics.ts) on a hand-computed report.

import { describe, expect, it } from "vitest";

import { type FinanceGroup, financeDocType, reportCoverage, unitEconomics } from "../../workers/domain/analytics/unit-economics";
import { mergeGroups } from "../../workers/queries/analytics-economics";

function g(nmId: number, docType: FinanceGroup["docType"], f: Partial<FinanceGroup> = {}): FinanceGroup {
  return {
    nmId,
    docType,
    quantity: 0,
    retailKopecks: 0,
    forPayKopecks: 0,
    commissionKopecks: 0,
    acquiringKopecks: 0,
    logisticsKopecks: 0,
    storageKopecks: 0,
    acceptanceKopecks: 0,
    penaltyKopecks: 0,
    deductionKopecks: 0,
    additionalPaymentKopecks: 0,
    ...f,
  };
}

const period = { from: "2026-11-02", to: "2026-11-22" };
const reports = [
  { from: "2026-11-02", to: "2026-11-08" },
  { from: "2026-11-09", to: "2026-11-15" },
];
const groups: FinanceGroup[] = [
  // Card 101: 3 sold at 1 000 ₽, 1 returned; logistics and a penalty.
  g(101, "sale", { quantity: 3, retailKopecks: 300_000, forPayKopecks: 240_000, commissionKopecks: 45_000, acquiringKopecks: 4_500 }),
  g(101, "return", { quantity: 1, retailKopecks: 100_000, forPayKopecks: 80_000, commissionKopecks: 15_000, acquiringKopecks: 1_500 }),
  g(101, "other", { logisticsKopecks: 20_000, penaltyKopecks: 5_000 }),
  // Card 202: 1 sold.
  g(202, "sale", { quantity: 1, retailKopecks: 100_000, forPayKopecks: 85_000, commissionKopecks: 12_000, acquiringKopecks: 1_500 }),
  g(202, "other", { logisticsKopecks: 6_000 }),
  // Not tied to a card: storage, a promotion deduction, paid acceptance.
  g(0, "other", { storageKopecks: 10_000, deductionKopecks: 5_000, acceptanceKopecks: 1_000 }),
];

describe("unitEconomics", () => {
  it("builds each card's waterfall from the report and closes it exactly", () => {
    const u = unitEconomics(period, groups, new Map([[101, 30_000]]), reports);
    const [a, b] = u.rows;
    // 101: revenue 300 000 − 100 000; commission 30 000; acquiring 3 000; forPay 160 000;
    // payout = 160 000 − 20 000 logistics − 5 000 penalty = 135 000; other = the rest = 7 000.
    expect(a).toMatchObject({
      nmId: 101,
      soldUnits: 3,
      returnedUnits: 1,
      netUnits: 2,
      revenueKopecks: 200_000,
      commissionKopecks: 30_000,
      acquiringKopecks: 3_000,
      logisticsKopecks: 20_000,
      storageKopecks: 0,
      penaltiesKopecks: 5_000,
      otherDeductionsKopecks: 7_000,
      payoutKopecks: 135_000,
      // Shared 16 000 split 2 : 1 by revenue: 10 666.67 / 5 333.33 → 10 667 / 5 333.
      sharedCostsKopecks: 10_667,
      costPriceKopecks: 30_000,
      costOfGoodsKopecks: 60_000,
      profitKopecks: 64_333,
      profitPerUnitKopecks: 32_167,
    });
    expect(a?.margin).toBeCloseTo(64_333 / 200_000, 12);
    // 202 has no cost price: its profit is unknown, not guessed.
    expect(b).toMatchObject({ nmId: 202, revenueKopecks: 100_000, payoutKopecks: 79_000, otherDeductionsKopecks: 1_500, sharedCostsKopecks: 5_333, costOfGoodsKopecks: null, profitKopecks: null, margin: null });
    expect(u.missingCostPrices).toEqual([202]);
    expect(u.sharedCostsKopecks).toBe(16_000);
    expect(u.transferKopecks).toBe(135_000 + 79_000 - 16_000);
    expect(u.totals.profitKopecks).toBeNull();
    for (const r of [...u.rows, { ...u.totals }]) {
      expect(r.revenueKopecks - r.commissionKopecks - r.acquiringKopecks - r.logisticsKopecks - r.storageKopecks - r.penaltiesKopecks - r.otherDeductionsKopecks).toBe(r.payoutKopecks);
    }
  });

  it("with every cost price known, the totals add up to the cabinet's profit", () => {
    const u = unitEconomics(period, groups, new Map([[101, 30_000], [202, 50_000]]), reports);
    expect(u.rows[1]?.profitKopecks).toBe(79_000 - 5_333 - 50_000);
    expect(u.totals).toMatchObject({ revenueKopecks: 300_000, payoutKopecks: 214_000, sharedCostsKopecks: 16_000, costOfGoodsKopecks: 110_000, profitKopecks: 88_000, netUnits: 3 });
    expect(u.totals.profitKopecks).toBe((u.totals.payoutKopecks as number) - u.totals.sharedCostsKopecks - (u.totals.costOfGoodsKopecks as number));
    expect(u.totals.profitPerUnitKopecks).toBe(29_333);
  });

  it("returns exceeding sales: negative units give the cost back, no profit per unit", () => {
    const u = unitEconomics(
      period,
      [
        g(7, "sale", { quantity: 1, retailKopecks: 50_000, forPayKopecks: 40_000 }),
        g(7, "return", { quantity: 3, retailKopecks: 150_000, forPayKopecks: 120_000 }),
      ],
      new Map([[7, 10_000]]),
      reports,
    );
    expect(u.rows[0]).toMatchObject({ netUnits: -2, revenueKopecks: -100_000, payoutKopecks: -80_000, costOfGoodsKopecks: -20_000, profitKopecks: -60_000, margin: null, profitPerUnitKopecks: null });
  });

  it("a card with only costs and no units sold needs no cost price to have a profit", () => {
    const u = unitEconomics(period, [g(9, "other", { storageKopecks: 1_200 })], new Map(), reports);
    expect(u.rows[0]).toMatchObject({ netUnits: 0, costOfGoodsKopecks: 0, profitKopecks: -1_200, profitPerUnitKopecks: null });
    expect(u.missingCostPrices).toEqual([]);
  });

  it("shared costs with no revenue to spread them over still lower the cabinet's profit", () => {
    const u = unitEconomics(period, [g(0, "other", { storageKopecks: 3_000 }), g(9, "other", { logisticsKopecks: 500 })], new Map(), reports);
    expect(u.rows[0]?.sharedCostsKopecks).toBe(0);
    expect(u.totals.profitKopecks).toBe(-3_500);
  });
});

describe("report coverage", () => {
  it("names the days no report covers yet, instead of guessing them", () => {
    const c = reportCoverage(period, reports);
    expect(c).toMatchObject({ coveredDays: 14, periodDays: 21, missing: [{ from: "2026-11-16", to: "2026-11-22" }], reportedThrough: "2026-11-15" });
    expect(c.note).toBe(
      "Финансовый отчёт WB за 16.11.2026–22.11.2026 ещё не загружен — эти дни не учтены в цифрах. WB публикует еженедельный отчёт после окончания недели, обычно в понедельник–вторник.",
    );
  });

  it("is silent when covered, and says so plainly when nothing has arrived", () => {
    expect(reportCoverage({ from: "2026-11-03", to: "2026-11-08" }, reports).note).toBeNull();
    const none = reportCoverage({ from: "2026-11-20", to: "2026-11-20" }, []);
    expect(none).toMatchObject({ coveredDays: 0, reportedThrough: null });
    expect(none.note).toBe("Финансового отчёта WB за этот период ещё нет (20.11.2026): прибыль посчитать пока не из чего.");
  });
});

describe("report rows", () => {
  it("reads the sign from WB's document type", () => {
    expect(["Продажа", "Возврат", " продажа ", "", null, "Корректировка"].map(financeDocType)).toEqual(["sale", "return", "sale", "other", "other", "other"]);
  });

  it("merges groups that are the same card and sign", () => {
    const base = { quantity: 1, retailKopecks: 100, forPayKopecks: 80, commissionKopecks: 10, acquiringKopecks: 1, logisticsKopecks: 0, storageKopecks: 0, acceptanceKopecks: 0, penaltyKopecks: 0, deductionKopecks: 0, additionalPaymentKopecks: 0 };
    const merged = mergeGroups([
      { nmId: 1, docTypeName: "Продажа", ...base },
      { nmId: 1, docTypeName: "продажа", ...base },
      { nmId: 1, docTypeName: null, ...base, quantity: 0, logisticsKopecks: 50 },
    ]);
    expect(merged).toEqual([
      { nmId: 1, docType: "sale", ...base, quantity: 2, retailKopecks: 200, forPayKopecks: 160, commissionKopecks: 20, acquiringKopecks: 2 },
      { nmId: 1, docType: "other", ...base, quantity: 0, logisticsKopecks: 50 },
    ]);
  });
});
