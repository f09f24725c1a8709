// The analytics API on the demo seller: the built-in WB sandbox's catalogue, 90 days of orders
// and sales, today's stocks and the weekly finance reports, stored through the same row mappings
// the sync uses (as a demo cabinet looks right after its first sync: stock history only for
// today, so stock-outs in the order history must be inferred). Every endpoint must answer with
// sane, finite figures.

import { beforeAll, describe, expect, it } from "vitest";

import { dailyRollups, financeReportRows, orders, productSizes, products, sales, stockHistoryDaily, stockSnapshots } from "../../db/schema";
import { jsonUpsert } from "../../workers/db/bulk-upsert";
import { addDays, moscowDayStart } from "../../workers/domain/calendar-day";
import { toMoscowDate } from "../../workers/domain/moscow-time";
import { wbCardToRows, wbFinanceRowToRow, wbOrderToRow, wbSaleToRow, wbStocksToSnapshotRows } from "../../workers/domain/wb-rows";
import { rollupStatements } from "../../workers/sync/datasets/rollups";
import { createWbSandbox } from "../../workers/wb/sandbox";
import type { WbCard, WbFinanceReportRow, WbOrder, WbSale, WbWarehouseStock } from "../../workers/wb/types";
import { api, db, newCabinet, newUser, tokenFor } from "./api-helpers";

let token: string;
let cabinetId: string;
let sizesAtWb = 0;

type Batch = Parameters<typeof db.batch>[0];

beforeAll(async () => {
  const user = await newUser();
  token = await tokenFor(user);
  cabinetId = await newCabinet(user, { name: "Демо" });
  const now = new Date();
  const today = toMoscowDate(now);
  const sandbox = createWbSandbox({ now: () => now });
  const from = moscowDayStart(addDays(today, -89));

  const cards = sandbox.data.cards().map((c) => wbCardToRows(cabinetId, c as WbCard, now));
  const stock = wbStocksToSnapshotRows(cabinetId, sandbox.data.stocks() as WbWarehouseStock[], now);
  sizesAtWb = new Set(stock.map((s) => s.chrtId)).size;
  const statements = [
    ...jsonUpsert(db, products, cards.map((c) => c.product)),
    ...jsonUpsert(db, productSizes, cards.flatMap((c) => c.sizes)),
    ...jsonUpsert(db, orders, sandbox.data.orders(from).map((o) => wbOrderToRow(cabinetId, o as WbOrder))),
    ...jsonUpsert(db, sales, sandbox.data.sales(from).map((s) => wbSaleToRow(cabinetId, s as WbSale))),
    ...jsonUpsert(db, stockSnapshots, stock),
    ...jsonUpsert(
      db,
      stockHistoryDaily,
      stock.map((s) => ({ cabinetId, day: today, chrtId: s.chrtId, nmId: s.nmId, quantity: s.quantity ?? 0, inWayToClient: s.inWayToClient ?? 0, inWayFromClient: s.inWayFromClient ?? 0 })),
    ),
    ...jsonUpsert(
      db,
      financeReportRows,
      // The WB client reads reportId (int64) as a string; the sandbox's wire rows carry a number.
      sandbox.data.financeRows(from, now, "weekly").map((r) => wbFinanceRowToRow(cabinetId, { ...r, reportId: String(r.reportId) } as unknown as WbFinanceReportRow, now)),
    ),
  ];
  await db.batch(statements as unknown as Batch);
  const days = Array.from({ length: 90 }, (_, i) => addDays(today, -i));
  await db.batch(rollupStatements(db, cabinetId, days) as unknown as Batch);
  expect((await db.$count(dailyRollups)) > 0).toBe(true);
}, 120_000);

const finite = (x: unknown) => typeof x === "number" && Number.isFinite(x);

describe("analytics on the demo seller", () => {
  it("days of stock: every size at WB, forecasts finite, stock-outs inferred from order gaps, alerts raised", async () => {
    const res = await api(`/cabinets/${cabinetId}/analytics/days-of-stock?limit=200`, { token });
    expect(res.status).toBe(200);
    expect(res.body.counts.sizes).toBeGreaterThanOrEqual(sizesAtWb);
    expect(res.body.counts.alerts).toBeGreaterThan(0);
    expect(res.body.items.length).toBe(200);
    let inferred = 0;
    for (const i of res.body.items) {
      expect(finite(i.demand.perDay) && i.demand.perDay >= 0).toBe(true);
      expect(i.demand.daily.every((d: number) => finite(d) && d >= 0)).toBe(true);
      expect(i.explanation.length).toBeGreaterThan(20);
      inferred += i.demand.inferredOutDays;
    }
    expect(inferred).toBeGreaterThan(0);
    // The first page is the alerts, the most urgent first.
    expect(res.body.items[0].alert).toBe(true);
  });

  it("replenishment, forecast chart, ABC/XYZ and sales answer with finite figures", async () => {
    const rep = await api(`/cabinets/${cabinetId}/analytics/replenishment`, { token });
    expect(rep.status).toBe(200);
    expect(rep.body.total).toBeGreaterThan(0);
    expect(rep.body.items.every((i: { replenishment: { quantity: number } }) => i.replenishment.quantity > 0)).toBe(true);

    const chart = await api(`/cabinets/${cabinetId}/analytics/forecast`, { token });
    expect(chart.status).toBe(200);
    // The sandbox seller gets ~200 orders a day; after cancellations ~180.
    expect(chart.body.horizonTotal / 14).toBeGreaterThan(120);
    expect(chart.body.horizonTotal / 14).toBeLessThan(260);
    expect(chart.body.weekdayProfile).toHaveLength(7);

    const abc = await api(`/cabinets/${cabinetId}/analytics/abc-xyz`, { token });
    expect(abc.status).toBe(200);
    const counts = Object.fromEntries(abc.body.matrix.map((m: { cell: string; count: number }) => [m.cell, m.count]));
    expect(counts.AX + counts.AY + counts.AZ).toBeGreaterThan(0);
    let shares = 0;
    for (let page = abc; ; ) {
      shares += page.body.items.reduce((s: number, i: { sharePercent: number }) => s + i.sharePercent, 0);
      if (!page.body.nextCursor) break;
      page = await api(`/cabinets/${cabinetId}/analytics/abc-xyz?cursor=${page.body.nextCursor}`, { token });
    }
    // Shares are rounded to 0.001 % per card in the JSON.
    expect(shares).toBeCloseTo(100, 0);

    const salesRes = await api(`/cabinets/${cabinetId}/analytics/sales?granularity=week`, { token });
    expect(salesRes.status).toBe(200);
    expect(salesRes.body.current.ordersCount).toBeGreaterThan(3000);
    expect(salesRes.body.top.revenue.length).toBe(10);
    expect(salesRes.body.current.rates.buyoutRate).toBeGreaterThan(0.7);
  });

  it("unit economics from the weekly reports, with cost prices from a CSV", async () => {
    const before = await api(`/cabinets/${cabinetId}/analytics/unit-economics`, { token });
    expect(before.status).toBe(200);
    expect(before.body.total).toBeGreaterThan(10);
    expect(before.body.coverage.note).toBeNull();
    expect(before.body.totals.profit).toBeNull();
    const top = before.body.items.slice(0, 3).map((i: { nmId: number }) => i.nmId) as number[];
    const csv = ["Артикул WB;Себестоимость", ...top.map((nm) => `${nm};300`)].join("\n");
    const imported = await api(`/cabinets/${cabinetId}/cost-prices/import`, { token, method: "POST", body: { csv } });
    expect(imported.body).toEqual({ imported: 3, warnings: [] });
    const after = await api(`/cabinets/${cabinetId}/analytics/unit-economics`, { token });
    for (const nm of top) {
      const row = after.body.items.find((i: { nmId: number }) => i.nmId === nm);
      expect(row.costPrice.kopecks).toBe(30_000);
      expect(finite(row.profit.kopecks)).toBe(true);
      expect(row.profit.kopecks).toBe(row.payout.kopecks - row.sharedCosts.kopecks - row.costOfGoods.kopecks);
    }
    // The report's storage is not tied to cards: it is spread over them.
    expect(after.body.totals.sharedCosts.kopecks).toBeGreaterThan(0);
  });
});
