// The analytics API end to end (workers → D1 → pure analytics → JSON): days of stock, alerts,
// replenishment, forecast chart, ABC/XYZ, sales analytics, unit economics and cost prices, on a
// hand-built cabinet seeded straight into local D1 relative to today (the API reads the clock).

import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";

import { type NewFinanceReportRow, type NewOrder, type NewSale, type NewStockHistoryDay, financeReportRows, orders, sales, stockHistoryDaily } from "../../db/schema";
import { jsonUpsert } from "../../workers/db/bulk-upsert";
import { weekdayOf } from "../../workers/domain/analytics/forecast";
import { addDays, moscowDayStart } from "../../workers/domain/calendar-day";
import { toMoscowDate } from "../../workers/domain/moscow-time";
import { DAILY_ORDERS_SQL } from "../../workers/queries/analytics-demand";
import { rollupStatements } from "../../workers/sync/datasets/rollups";
import { addMember, api, db, isRussianProblem, newCabinet, newUser, plain, seed, tokenFor, uid } from "./api-helpers";

const HOUR = 3_600_000;

let owner: number;
let token: string;
let viewerToken: string;
let cabinetId: string;
let today: string;
/** Moscow day `d` days before today. */
const ago = (d: number) => addDays(today, -d);
/** The stock-out of card 1001 size M: days 16–25 before today (inside the last 30). */
const outOfStock = (d: number) => d >= 16 && d <= 25;

function order(nmId: number, techSize: string, day: string, priceKopecks: number, k: number): NewOrder {
  const at = new Date(moscowDayStart(day).getTime() + (10 + (k % 10)) * HOUR);
  return {
    cabinetId,
    srid: uid("o."),
    orderedAt: at,
    lastChangeAt: at,
    nmId,
    techSize,
    supplierArticle: `PL-${nmId}`,
    warehouseType: "Склад WB",
    totalPriceKopecks: priceKopecks,
    finishedPriceKopecks: priceKopecks,
    priceWithDiscKopecks: priceKopecks,
  };
}

function sale(o: NewOrder, isReturn = false): NewSale {
  return {
    cabinetId,
    saleId: uid(isReturn ? "R" : "S"),
    srid: o.srid,
    soldAt: o.orderedAt,
    lastChangeAt: o.orderedAt,
    nmId: o.nmId,
    techSize: o.techSize,
    isReturn,
    totalPriceKopecks: o.priceWithDiscKopecks,
    forPayKopecks: Math.round(o.priceWithDiscKopecks * 0.8),
    finishedPriceKopecks: o.priceWithDiscKopecks,
    priceWithDiscKopecks: o.priceWithDiscKopecks,
  };
}

let rrd = 1;
function finance(reportId: string, period: { from: string; to: string }, rrDate: string, f: Partial<NewFinanceReportRow>): NewFinanceReportRow {
  return { cabinetId, rrdId: rrd++, reportId, reportType: 1, dateFrom: period.from, dateTo: period.to, rrDate, nmId: 0, ...f };
}

let reportA: { from: string; to: string };
let reportB: { from: string; to: string };

beforeAll(async () => {
  owner = await newUser();
  token = await tokenFor(owner);
  cabinetId = await newCabinet(owner);
  const viewer = await newUser();
  await addMember(cabinetId, viewer, "viewer");
  viewerToken = await tokenFor(viewer);
  today = toMoscowDate(new Date());

  await seed.products([
    { cabinetId, nmId: 1001, vendorCode: "PL-1001", title: "Платье льняное", subjectName: "Платья", brand: "Лён" },
    { cabinetId, nmId: 1002, vendorCode: "PL-1002", title: "Платье миди", subjectName: "Платья", brand: "Лён" },
    { cabinetId, nmId: 1003, vendorCode: "JN-1003", title: "Джинсы", subjectName: "Джинсы", brand: "Лён" },
  ]);
  await seed.sizes([
    { cabinetId, chrtId: 11, nmId: 1001, techSize: "S", wbSize: "42" },
    { cabinetId, chrtId: 12, nmId: 1001, techSize: "M", wbSize: "44" },
    { cabinetId, chrtId: 21, nmId: 1002, techSize: "M", wbSize: "44" },
    { cabinetId, chrtId: 31, nmId: 1003, techSize: "30", wbSize: "30" },
  ]);

  // 91 days of history: 1001-M 4 a day (none while out of stock), 1001-S 1 a day, 1002-M 2 a
  // day (with 5 returns), 1003 none. Every order is bought out the same day.
  const orderRows: NewOrder[] = [];
  const history: NewStockHistoryDay[] = [];
  for (let d = 1; d <= 91; d++) {
    const day = ago(d);
    for (let k = 0; k < (outOfStock(d) ? 0 : 4); k++) orderRows.push(order(1001, "M", day, 200_000, k));
    orderRows.push(order(1001, "S", day, 200_000, 5));
    for (let k = 0; k < 2; k++) orderRows.push(order(1002, "M", day, 150_000, k));
    history.push(
      { cabinetId, day, chrtId: 12, nmId: 1001, quantity: outOfStock(d) ? 0 : 15 },
      { cabinetId, day, chrtId: 11, nmId: 1001, quantity: 40 },
      { cabinetId, day, chrtId: 21, nmId: 1002, quantity: 20 },
      { cabinetId, day, chrtId: 31, nmId: 1003, quantity: 30 },
    );
  }
  const saleRows = orderRows.map((o) => sale(o));
  saleRows.push(...orderRows.filter((o) => o.nmId === 1002).slice(0, 5).map((o) => sale(o, true)));
  await db.batch(
    [...jsonUpsert(db, orders, orderRows), ...jsonUpsert(db, sales, saleRows), ...jsonUpsert(db, stockHistoryDaily, history)] as unknown as Parameters<typeof db.batch>[0],
  );
  const days = Array.from({ length: 91 }, (_, i) => ago(i + 1));
  await db.batch(rollupStatements(db, cabinetId, days) as unknown as Parameters<typeof db.batch>[0]);
  await seed.stocks([
    { cabinetId, chrtId: 12, nmId: 1001, warehouseName: "Склад WB", quantity: 12, inWayToClient: 2, inWayFromClient: 1 },
    { cabinetId, chrtId: 11, nmId: 1001, warehouseName: "Склад WB", quantity: 40 },
    { cabinetId, chrtId: 21, nmId: 1002, warehouseName: "Склад WB", quantity: 5 },
    { cabinetId, chrtId: 31, nmId: 1003, warehouseName: "Склад WB", quantity: 30 },
  ]);

  // Two weekly realization reports (Monday–Sunday) before the current week.
  const monday = addDays(today, -weekdayOf(today));
  reportA = { from: addDays(monday, -14), to: addDays(monday, -8) };
  reportB = { from: addDays(monday, -7), to: addDays(monday, -1) };
  const sold = (nmId: number, qty: number, unit: number, doc = "Продажа") => ({
    nmId,
    docTypeName: doc,
    sellerOperName: doc,
    quantity: qty,
    retailPriceWithDiscKopecks: unit,
    forPayKopecks: qty * unit * 0.8,
    vwKopecks: qty * unit * 0.125,
    vwNdsKopecks: qty * unit * 0.025,
    acquiringFeeKopecks: qty * unit * 0.015,
  });
  const finRows = [
    finance("300001", reportA, addDays(reportA.from, 1), sold(1001, 1, 200_000)),
    finance("300001", reportA, addDays(reportA.from, 1), { nmId: 1001, sellerOperName: "Логистика", deliveryServiceKopecks: 8_000 }),
    finance("300001", reportA, addDays(reportA.from, 2), { sellerOperName: "Хранение", paidStorageKopecks: 6_000 }),
    finance("300002", reportB, addDays(reportB.from, 2), sold(1001, 2, 200_000)),
    finance("300002", reportB, addDays(reportB.from, 3), sold(1002, 1, 150_000)),
    finance("300002", reportB, addDays(reportB.from, 4), sold(1002, 1, 150_000, "Возврат")),
    finance("300002", reportB, addDays(reportB.from, 4), { nmId: 1002, sellerOperName: "Логистика", deliveryServiceKopecks: 5_000 }),
  ];
  await db.batch(jsonUpsert(db, financeReportRows, finRows) as unknown as Parameters<typeof db.batch>[0]);
}, 60_000);

type Item = {
  nmId: number;
  chrtId: number;
  daysOfStock: number | null;
  status: string;
  alert: boolean;
  demand: { perDay: number; oldEstimatePerDay: number; knownOutDays: number };
  stock: { units: number };
  replenishment: { quantity: number; reasoning: string };
  explanation: string;
};

describe("GET …/analytics/days-of-stock", () => {
  it("forecasts demand without the stock-out days and warns about the sizes running out", async () => {
    const res = await api(`/cabinets/${cabinetId}/analytics/days-of-stock`, { token });
    expect(res.status).toBe(200);
    const items = res.body.items as Item[];
    expect(items.map((i) => i.chrtId)).toEqual([21, 12, 11, 31]);
    const m = items.find((i) => i.chrtId === 12) as Item;
    // 4 a day while on sale; the old estimate divided 80 orders by 30 days (10 of them sold out).
    expect(m.demand.perDay).toBeCloseTo(4, 1);
    expect(m.demand.oldEstimatePerDay).toBeCloseTo(80 / 30, 3);
    expect(m.demand.knownOutDays).toBe(10);
    expect(m.stock.units).toBe(13);
    expect(m.daysOfStock).toBeCloseTo(13 / 4, 1);
    expect(m).toMatchObject({ status: "critical", alert: true });
    expect(plain(m.explanation)).toContain("Спрос посчитан без 10 дней, когда товара не было в наличии");
    expect(plain(m.explanation)).toMatch(/^Хватит примерно на 3,\d дня: 13 шт\. \(на складах WB 12 \+ 2 в пути к покупателям − 1 возвращается на склад\)/);
    expect(plain(m.explanation)).toContain(`Хватит примерно на ${String(m.daysOfStock).replace(".", ",")} дня`);
    const jeans = items.find((i) => i.chrtId === 31) as Item;
    // No orders in 91 days on sale: a tiny rate borrowed from the other cards, stock for years.
    expect(jeans).toMatchObject({ status: "ok", alert: false, replenishment: { quantity: 0 } });
    expect(jeans.daysOfStock).toBeGreaterThan(365);
    expect(jeans.demand.perDay).toBeLessThan(0.05);
    expect(plain(jeans.explanation)).toMatch(/^Запаса хватит больше чем на год: 30 шт\./);
    expect(res.body.counts).toMatchObject({ sizes: 4, critical: 2, alerts: 2 });
    expect(res.body.forecast).toMatchObject({ window: { from: ago(91), to: ago(1) }, firstForecastDay: today, horizonDays: 14, criticalDays: 7 });
    expect(res.body.freshness.datasets).toEqual(["stocks", "orders"]);
  });

  it("filters alerts and pages with a cursor", async () => {
    const alerts = await api(`/cabinets/${cabinetId}/analytics/days-of-stock?alertsOnly=true`, { token });
    expect(alerts.body.items.map((i: Item) => i.chrtId)).toEqual([21, 12]);
    const first = await api(`/cabinets/${cabinetId}/analytics/days-of-stock?limit=3`, { token });
    expect(first.body.items).toHaveLength(3);
    const second = await api(`/cabinets/${cabinetId}/analytics/days-of-stock?limit=3&cursor=${first.body.nextCursor}`, { token });
    expect(second.body.items.map((i: Item) => i.chrtId)).toEqual([31]);
    expect(second.body.nextCursor).toBeNull();
    const byCard = await api(`/cabinets/${cabinetId}/analytics/days-of-stock?nmId=1001&status=ok`, { token });
    expect(byCard.body.items.map((i: Item) => i.chrtId)).toEqual([11]);
  });

  it("answers bad parameters with a Russian problem", async () => {
    expect(isRussianProblem(await api(`/cabinets/${cabinetId}/analytics/days-of-stock?leadTimeDays=500`, { token }), 400)).toBe(true);
    expect(isRussianProblem(await api(`/cabinets/${cabinetId}/analytics/days-of-stock?cursor=abc`, { token }), 400)).toBe(true);
  });
});

describe("GET …/analytics/replenishment", () => {
  it("recommends the sizes to ship, most urgent first, with the reasoning", async () => {
    const res = await api(`/cabinets/${cabinetId}/analytics/replenishment?leadTimeDays=7&targetDays=30&serviceLevel=95`, { token });
    expect(res.status).toBe(200);
    const items = res.body.items as Item[];
    expect(items.slice(0, 2).map((i) => i.chrtId)).toEqual([21, 12]);
    const m = items.find((i) => i.chrtId === 12) as Item;
    // ≈ 4 × 37 = 148 plus a safety stock, minus the 13 there are.
    expect(m.replenishment.quantity).toBeGreaterThanOrEqual(135);
    expect(m.replenishment.quantity).toBeLessThan(160);
    expect(plain(m.replenishment.reasoning)).toMatch(/Сейчас есть 13 шт\. — отгрузите \d+ шт\. Внимание: запаса хватит только на 3,\d дня/);
    expect(items.some((i) => i.chrtId === 31)).toBe(false);
    expect(res.body.settings).toEqual({ leadTimeDays: 7, targetDays: 30, serviceLevel: 95, packSize: 1 });
    const all = await api(`/cabinets/${cabinetId}/analytics/replenishment?all=true&packSize=10`, { token });
    expect(all.body.items).toHaveLength(4);
    for (const i of all.body.items as Item[]) expect(i.replenishment.quantity % 10).toBe(0);
  });
});

describe("GET …/analytics/forecast", () => {
  it("draws the cabinet's history and a 14-day forecast with a band", async () => {
    const res = await api(`/cabinets/${cabinetId}/analytics/forecast?historyDays=28`, { token });
    expect(res.status).toBe(200);
    expect(res.body.points).toHaveLength(28 + 14);
    const history = res.body.points.slice(0, 28);
    const future = res.body.points.slice(28);
    expect(history[0].day).toBe(ago(28));
    // Days 16–25 ago: card 1001-M sold out → 1 + 2 orders and one size of four out.
    const outDay = history.find((p: { day: string }) => p.day === ago(20));
    expect(outDay).toMatchObject({ orders: 3, outOfStockShare: 0.25, forecast: null });
    expect(future[0].day).toBe(today);
    for (const p of future) {
      expect(p.orders).toBeNull();
      expect(p.low).toBeLessThanOrEqual(p.forecast);
      expect(p.high).toBeGreaterThanOrEqual(p.forecast);
    }
    // 4 + 1 + 2 a day.
    expect(res.body.horizonTotal / 14).toBeCloseTo(7, 0);
  });

  it("for a card: its sizes and shares", async () => {
    const res = await api(`/cabinets/${cabinetId}/analytics/forecast?nmId=1001`, { token });
    expect(res.body.card).toMatchObject({ nmId: 1001, vendorCode: "PL-1001", subjectName: "Платья" });
    expect(res.body.card.perDay).toBeCloseTo(5, 1);
    const shares = Object.fromEntries(res.body.sizes.map((s: { techSize: string; share: number }) => [s.techSize, s.share]));
    expect(shares.M).toBeCloseTo(0.8, 1);
    expect(shares.S).toBeCloseTo(0.2, 1);
    const unknown = await api(`/cabinets/${cabinetId}/analytics/forecast?nmId=999`, { token });
    expect(unknown.status).toBe(200);
    expect(unknown.body.card).toBeNull();
  });
});

describe("GET …/analytics/abc-xyz", () => {
  it("classes cards by revenue and weekly variability, with the 9-cell matrix", async () => {
    const res = await api(`/cabinets/${cabinetId}/analytics/abc-xyz`, { token });
    expect(res.status).toBe(200);
    // Revenue over 91 days: 1001 = (4 × 81 + 91) × 2 000 ₽ = 830 000 ₽; 1002 = (182 − 5) × 1 500 ₽ = 265 500 ₽.
    expect(res.body.items.map((i: { nmId: number; abc: string; revenue: { kopecks: number } }) => [i.nmId, i.abc, i.revenue.kopecks])).toEqual([
      [1001, "A", 83_000_000],
      [1002, "A", 26_550_000],
    ]);
    // 1002 sells exactly 14 a week → X; 1001 had a stock-out (weeks scaled to 7 days) → still steady.
    const x = Object.fromEntries(res.body.items.map((i: { nmId: number; xyz: string }) => [i.nmId, i.xyz]));
    expect(x[1002]).toBe("X");
    expect(res.body.matrix.find((m: { cell: string }) => m.cell === "AX").count).toBeGreaterThanOrEqual(1);
    expect(res.body.matrix).toHaveLength(9);
    expect(res.body.weeks).toHaveLength(13);
    const shares = res.body.items.reduce((s: number, i: { sharePercent: number }) => s + i.sharePercent, 0);
    expect(shares).toBeCloseTo(100, 6);
  });

  it("takes configurable thresholds and refuses ones that do not add up", async () => {
    const res = await api(`/cabinets/${cabinetId}/analytics/abc-xyz?a=50&b=40`, { token });
    expect(res.body.items.map((i: { abc: string }) => i.abc)).toEqual(["A", "B"]);
    expect(isRussianProblem(await api(`/cabinets/${cabinetId}/analytics/abc-xyz?a=90&b=20`, { token }), 400)).toBe(true);
    expect(isRussianProblem(await api(`/cabinets/${cabinetId}/analytics/abc-xyz?from=2026-05-02&to=2026-05-01`, { token }), 400)).toBe(true);
  });
});

describe("GET …/analytics/sales", () => {
  it("compares the period with the one before, by day, with tops and rates", async () => {
    const res = await api(`/cabinets/${cabinetId}/analytics/sales?from=${ago(7)}&to=${ago(1)}&granularity=day&top=2`, { token });
    expect(res.status).toBe(200);
    const body = plain(res.body);
    // Last 7 days: 7 × (4 + 1 + 2) = 49 orders, all bought out; the 5 returns of 1002 fell in them too.
    expect(body.current).toMatchObject({ ordersCount: 49, salesCount: 49, returnsCount: 5, netUnits: 44 });
    expect(body.before.ordersCount).toBe(49);
    expect(body.growth.ordersCount).toBe(0);
    expect(body.dynamics).toHaveLength(7);
    expect(body.top.revenue.map((c: { nmId: number }) => c.nmId)).toEqual([1001, 1002]);
    const card = body.cards.find((c: { nmId: number }) => c.nmId === 1001);
    expect(card.current.rates).toEqual({ buyoutRate: 1, returnRate: 0, returnsExceedSales: false });
    expect(card.current.revenue).toEqual({ kopecks: 7_000_000, formatted: "70 000 ₽" });
  });
});

describe("cost prices and unit economics", () => {
  it("unit economics says which days the report does not cover, and that cost prices are missing", async () => {
    const res = await api(`/cabinets/${cabinetId}/analytics/unit-economics?from=${reportA.from}&to=${addDays(reportB.to, 3)}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.coverage).toMatchObject({ coveredDays: 14, periodDays: 17, missing: [{ from: addDays(reportB.to, 1), to: addDays(reportB.to, 3) }] });
    expect(res.body.coverage.note).toContain("ещё не загружен");
    expect(res.body.missingCostPrices).toEqual([1001]);
    expect(res.body.items.find((i: { nmId: number }) => i.nmId === 1001).profit).toBeNull();
  });

  it("a viewer may read but not set cost prices", async () => {
    expect((await api(`/cabinets/${cabinetId}/cost-prices`, { token: viewerToken })).status).toBe(200);
    const put = await api(`/cabinets/${cabinetId}/cost-prices`, { token: viewerToken, method: "PUT", body: { items: [{ nmId: 1001, costKopecks: 50_000 }] } });
    expect(isRussianProblem(put, 403)).toBe(true);
  });

  it("sets cost prices by JSON and computes profit per card", async () => {
    const put = await api(`/cabinets/${cabinetId}/cost-prices`, { token, method: "PUT", body: { items: [{ nmId: 1001, costKopecks: 50_000 }] } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ set: 1, removed: 0 });
    const res = await api(`/cabinets/${cabinetId}/analytics/unit-economics?from=${reportA.from}&to=${reportB.to}`, { token });
    expect(res.body.coverage.note).toBeNull();
    const byNm = Object.fromEntries(res.body.items.map((i: { nmId: number }) => [i.nmId, i]));
    // 1001: revenue 3 × 2 000 ₽; commission 900; acquiring 90; logistics 80; payout 4 800 − 80 = 4 720;
    // other 210; shared storage 60 (all of the revenue); cost 3 × 500 → profit 4 720 − 60 − 1 500 = 3 160 ₽.
    expect(byNm[1001]).toMatchObject({
      netUnits: 3,
      revenue: { kopecks: 600_000 },
      commission: { kopecks: 90_000 },
      acquiring: { kopecks: 9_000 },
      logistics: { kopecks: 8_000 },
      otherDeductions: { kopecks: 21_000 },
      payout: { kopecks: 472_000 },
      sharedCosts: { kopecks: 6_000 },
      costOfGoods: { kopecks: 150_000 },
      profit: { kopecks: 316_000 },
      profitPerUnit: { kopecks: 105_333 },
      costPrice: { kopecks: 50_000 },
    });
    expect(byNm[1001].margin).toBeCloseTo(316_000 / 600_000, 4);
    // 1002: sold one and got it back: no units, only the return logistics.
    expect(byNm[1002]).toMatchObject({ netUnits: 0, revenue: { kopecks: 0 }, payout: { kopecks: -5_000 }, profit: { kopecks: -5_000 }, profitPerUnit: null, margin: null });
    expect(res.body.totals.profit.kopecks).toBe(311_000);
    expect(res.body.transfer.kopecks).toBe(461_000);
    expect(res.body.missingCostPrices).toEqual([]);
  });

  it("imports a CSV (text/csv) by seller article, and lists the cards still without a cost price", async () => {
    const res = await exports.default.fetch(
      new Request(`https://wb-assist.test/api/cabinets/${cabinetId}/cost-prices/import`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/csv; charset=utf-8" },
        body: "Артикул продавца;Себестоимость\r\npl-1002;700,00\r\n",
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ imported: 1, warnings: [] });
    const list = await api(`/cabinets/${cabinetId}/cost-prices`, { token });
    const byNm = Object.fromEntries(list.body.items.map((i: { nmId: number }) => [i.nmId, i]));
    expect(plain(byNm[1002].costPrice)).toEqual({ kopecks: 70_000, formatted: "700 ₽" });
    expect(byNm[1002].source).toBe("csv");
    expect(byNm[1001].source).toBe("api");
    expect(byNm[1003].costPrice).toBeNull();
    expect(list.body).toMatchObject({ total: 3, missing: 1 });
  });

  it("a CSV with errors saves nothing and says what is wrong, line by line", async () => {
    const res = await api(`/cabinets/${cabinetId}/cost-prices/import`, {
      token,
      method: "POST",
      body: { csv: "Артикул WB;Артикул продавца;Себестоимость\n1003;;900\n;НЕТ-ТАКОГО;100\n1001;;abc\n" },
    });
    expect(isRussianProblem(res, 422)).toBe(true);
    expect(res.body.errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    expect(res.body.errors[0].message).toContain("«НЕТ-ТАКОГО» не найден");
    const list = await api(`/cabinets/${cabinetId}/cost-prices`, { token });
    expect(list.body.items.find((i: { nmId: number }) => i.nmId === 1003).costPrice).toBeNull();
  });

  it("removes a cost price with null, and keeps one for a card not synced yet with a warning", async () => {
    const put = await api(`/cabinets/${cabinetId}/cost-prices`, { token, method: "PUT", body: { items: [{ nmId: 1002, costKopecks: null }] } });
    expect(put.body).toEqual({ set: 0, removed: 1 });
    const imported = await api(`/cabinets/${cabinetId}/cost-prices/import`, { token, method: "POST", body: { csv: "nmId,cost\n555,10\n" } });
    expect(imported.status).toBe(200);
    expect(imported.body.warnings[0].message).toContain("карточки 555 пока нет в каталоге");
    const list = await api(`/cabinets/${cabinetId}/cost-prices`, { token });
    expect(list.body.items.find((i: { nmId: number }) => i.nmId === 555)).toMatchObject({ inCatalog: false, costPrice: { kopecks: 1_000 } });
    expect(isRussianProblem(await api(`/cabinets/${cabinetId}/cost-prices`, { token, method: "PUT", body: { items: [{ nmId: 1, costKopecks: -5 }] } }), 400)).toBe(true);
    expect(isRussianProblem(await api(`/cabinets/${cabinetId}/cost-prices/import`, { token, method: "POST", body: { csv: "" } }), 400)).toBe(true);
  });
});

describe("the OpenAPI document", () => {
  it("lists every analytics route", async () => {
    const doc = (await api("/openapi.json")).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    for (const r of [
      "GET /cabinets/{cabinetId}/analytics/days-of-stock",
      "GET /cabinets/{cabinetId}/analytics/replenishment",
      "GET /cabinets/{cabinetId}/analytics/forecast",
      "GET /cabinets/{cabinetId}/analytics/abc-xyz",
      "GET /cabinets/{cabinetId}/analytics/sales",
      "GET /cabinets/{cabinetId}/analytics/unit-economics",
      "GET /cabinets/{cabinetId}/cost-prices",
      "PUT /cabinets/{cabinetId}/cost-prices",
      "POST /cabinets/{cabinetId}/cost-prices/import",
    ]) {
      expect(routes).toContain(r);
    }
  });
});

describe("daily orders query", () => {
  it("groups by Moscow day: 20:59:59 UTC is still the day, 21:00 UTC is the next", async () => {
    const user = await newUser();
    const cab = await newCabinet(user);
    const row = (srid: string, iso: string, isCancel = false, warehouseType = "Склад WB") => ({
      cabinetId: cab,
      srid,
      orderedAt: new Date(iso),
      lastChangeAt: new Date(iso),
      nmId: 5,
      techSize: "M",
      isCancel,
      warehouseType,
      totalPriceKopecks: 1,
      finishedPriceKopecks: 1,
      priceWithDiscKopecks: 1,
    });
    await seed.orders([row("a", "2026-11-21T20:59:59Z"), row("b", "2026-11-21T21:00:00Z", true), row("c", "2026-11-22T10:00:00Z", false, "Склад продавца")]);
    const { results } = await db.$client
      .prepare(DAILY_ORDERS_SQL)
      .bind(cab, moscowDayStart("2026-11-21").getTime(), moscowDayStart("2026-11-23").getTime(), 10_800, "Склад продавца")
      .all();
    expect(results).toEqual([
      { nmId: 5, techSize: "M", day: "2026-11-21", n: 1, c: 0, fbs: 0, subject: null },
      { nmId: 5, techSize: "M", day: "2026-11-22", n: 2, c: 1, fbs: 1, subject: null },
    ]);
  });
});
