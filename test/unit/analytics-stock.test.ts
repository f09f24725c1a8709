// Days of stock, alerts and replenishment (workers/domain/analytics/days-of-stock.ts,
// replenishment.ts) on hand-computed fixtures.

import { describe, expect, it } from "vitest";

import { daysOfStock, explainDaysOfStock, stockUnits } from "../../workers/domain/analytics/days-of-stock";
import { replenishment } from "../../workers/domain/analytics/replenishment";
import { normalQuantile, splitProportionally } from "../../workers/domain/analytics/stats";
import { formatDays, plural } from "../../workers/domain/analytics/text";
import { stockThresholds } from "../../workers/domain/stock-status";

const t7 = stockThresholds(7);
const flat = (perDay: number) => new Array<number>(14).fill(perDay);
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("stockUnits", () => {
  it("is available + in transit to customers − returns in flight, never below zero", () => {
    expect(stockUnits({ quantity: 24, inWayToClient: 3, inWayFromClient: 1 })).toBe(26);
    expect(stockUnits({ quantity: 0, inWayToClient: 1, inWayFromClient: 4 })).toBe(0);
    expect(stockUnits({ quantity: -2, inWayToClient: 0, inWayFromClient: 0 })).toBe(0);
  });
});

describe("daysOfStock", () => {
  it("divides the stock by the forecast demand per day", () => {
    const d = daysOfStock({ position: { quantity: 24, inWayToClient: 3, inWayFromClient: 1 }, dailyDemand: flat(5), thresholds: t7 });
    expect(d).toEqual({ units: 26, demandPerDay: 5, daysOfStock: 5.2, status: "critical", alert: true });
  });

  it("averages a weekly-shaped forecast", () => {
    const d = daysOfStock({ position: { quantity: 30, inWayToClient: 0, inWayFromClient: 0 }, dailyDemand: [3, 2, 2, 2, 2, 1, 2], thresholds: t7 });
    expect(d.demandPerDay).toBeCloseTo(2, 12);
    expect(d.daysOfStock).toBeCloseTo(15, 12);
    expect(d.status).toBe("ok");
    expect(d.alert).toBe(false);
  });

  it("takes FBS orders out of the demand WB's stock covers", () => {
    const d = daysOfStock({ position: { quantity: 40, inWayToClient: 0, inWayFromClient: 0 }, dailyDemand: flat(5), fbsShare: 0.2, thresholds: t7 });
    expect(d.demandPerDay).toBeCloseTo(4, 12);
    expect(d.daysOfStock).toBeCloseTo(10, 12);
    expect(d.status).toBe("low");
  });

  it("zero stock with demand is an alert; zero stock without demand is not", () => {
    expect(daysOfStock({ position: { quantity: 0, inWayToClient: 0, inWayFromClient: 0 }, dailyDemand: flat(1), thresholds: t7 })).toEqual({
      units: 0,
      demandPerDay: 1,
      daysOfStock: 0,
      status: "zero",
      alert: true,
    });
    expect(daysOfStock({ position: { quantity: 0, inWayToClient: 0, inWayFromClient: 0 }, dailyDemand: flat(0), thresholds: t7 }).alert).toBe(false);
  });

  it("stock without demand never runs out (null days)", () => {
    const d = daysOfStock({ position: { quantity: 9, inWayToClient: 0, inWayFromClient: 0 }, dailyDemand: flat(0), thresholds: t7 });
    expect(d).toMatchObject({ daysOfStock: null, status: "ok", alert: false });
  });

  it("explains itself in Russian with the parts of the stock and the excluded days", () => {
    const position = { quantity: 24, inWayToClient: 3, inWayFromClient: 1 };
    const d = daysOfStock({ position, dailyDemand: flat(5), thresholds: t7 });
    const text = plain(explainDaysOfStock(d, position, { excludedDays: 6, priorWeight: 0, trendPercentPerWeek: 0 }, 0.12));
    expect(text).toBe(
      "Хватит примерно на 5,2 дня: 26 шт. (на складах WB 24 + 3 в пути к покупателям − 1 возвращается на склад) при спросе ≈ 5 шт. в день. " +
        "12 % заказов отгружается с вашего склада (FBS) и не расходует остаток WB. " +
        "Спрос посчитан без 6 дней, когда товара не было в наличии: в эти дни его просто не могли заказать.",
    );
    const out = plain(explainDaysOfStock(daysOfStock({ position: { quantity: 0, inWayToClient: 0, inWayFromClient: 0 }, dailyDemand: flat(0.5), thresholds: t7 }), { quantity: 0, inWayToClient: 0, inWayFromClient: 0 }, { excludedDays: 1, priorWeight: 0.7, trendPercentPerWeek: -12 }));
    expect(out).toContain("Товара нет в наличии, а спрос ≈ 0,5 шт. в день — продажи теряются.");
    expect(out).toContain("без 1 дня");
    expect(out).toContain("похожие товары той же категории");
    expect(out).toContain("Спрос снижается (≈ -12 % в неделю).");
  });
});

describe("replenishment", () => {
  it("ships enough for lead time + target days plus z·σ·√L, minus what is there", () => {
    // 2 a day, σ 1.5, 7 + 30 days: 74; z(95 %) = 1.6449, SS = 1.6449 × 1.5 × √7 = 6.528;
    // order-up-to = ceil(80.528) = 81; 20 on hand → 61.
    const r = replenishment({ units: 20, demandPerDay: 2, sigmaPerDay: 1.5 }, { leadTimeDays: 7, targetDays: 30, serviceLevel: 0.95 });
    expect(r.coverDemand).toBeCloseTo(74, 12);
    expect(r.z).toBeCloseTo(1.6449, 4);
    expect(r.safetyStock).toBeCloseTo(1.6448536 * 1.5 * Math.sqrt(7), 5);
    expect(r.orderUpTo).toBe(81);
    expect(r.quantity).toBe(61);
    expect(r.runsOutBeforeArrival).toBe(false);
    expect(plain(r.reasoning)).toBe(
      "Спрос ≈ 2 шт. в день. На 7 дней до поступления в продажу и 30 дней продаж после нужно ≈ 74 шт. " +
        "Страховой запас 7 шт.: спрос колеблется на ±1,5 шт. в день, и чтобы с вероятностью 95 % не закончиться за время поставки, берём 1,64 × 1,5 × √7. " +
        "Сейчас есть 20 шт. — отгрузите 61 шт.",
    );
  });

  it("rounds up to whole boxes and warns when the stock runs out before a shipment could arrive", () => {
    const r = replenishment({ units: 5, demandPerDay: 2, sigmaPerDay: 1.5 }, { packSize: 10 });
    expect(r.quantity).toBe(80);
    expect(r.runsOutBeforeArrival).toBe(true);
    expect(plain(r.reasoning)).toContain("(кратно 10 шт. в коробе)");
    expect(plain(r.reasoning)).toContain("Внимание: запаса хватит только на 2,5 дня, а поставка идёт 7 дней");
  });

  it("ships nothing when the stock covers it, or when nobody orders", () => {
    expect(replenishment({ units: 200, demandPerDay: 2, sigmaPerDay: 1 }).quantity).toBe(0);
    const none = replenishment({ units: 3, demandPerDay: 0, sigmaPerDay: 0 });
    expect(none).toMatchObject({ quantity: 0, safetyStock: 0, runsOutBeforeArrival: false });
    expect(plain(none.reasoning)).toBe("Заказов нет — отгружать не нужно, на складе 3 шт.");
  });

  it("a higher service level keeps more safety stock", () => {
    const at90 = replenishment({ units: 0, demandPerDay: 3, sigmaPerDay: 2 }, { serviceLevel: 0.9 });
    const at99 = replenishment({ units: 0, demandPerDay: 3, sigmaPerDay: 2 }, { serviceLevel: 0.99 });
    expect(at99.safetyStock).toBeGreaterThan(at90.safetyStock);
    expect(at90.z).toBeCloseTo(1.2816, 4);
    expect(at99.z).toBeCloseTo(2.3263, 4);
  });
});

describe("helpers", () => {
  it("normalQuantile matches the standard normal table", () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });

  it("splitProportionally never loses or invents a kopeck", () => {
    expect(splitProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitProportionally(-10, [3, 1])).toEqual([-8, -2]);
    expect(splitProportionally(7, [0, 0])).toEqual([0, 0]);
  });

  it("Russian plurals agree with the number shown", () => {
    expect([1, 2, 5, 11, 21, 22, 112].map((n) => plural(n, ["день", "дня", "дней"]))).toEqual(["день", "дня", "дней", "дней", "день", "дня", "дней"]);
    expect(formatDays(2.5)).toBe("2,5 дня");
    expect(formatDays(1)).toBe("1 день");
    expect(formatDays(14)).toBe("14 дней");
  });
});
