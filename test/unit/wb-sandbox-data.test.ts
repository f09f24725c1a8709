// The sandbox's generated seller: deterministic in (seed, clock), consistent as the clock moves,
// and realistic enough for the dashboard and analytics to be meaningful.

import { describe, expect, it } from "vitest";

import { createWbSandbox, type OrderRow } from "../../workers/wb/sandbox";

const DAY = 86_400_000;
const NOW = new Date("2026-11-20T09:30:00Z");

function sandboxAt(now: Date, seed: string | number = "unit") {
  return createWbSandbox({ seed, now: () => now });
}

/** Moscow date of a WB statistics timestamp ("2026-11-20T12:30:00" → "2026-11-20"). */
const dayOf = (s: string) => s.slice(0, 10);

describe("determinism", () => {
  it("gives identical data for the same seed and clock", async () => {
    const a = sandboxAt(NOW);
    const b = sandboxAt(new Date(NOW));
    const from = new Date(NOW.getTime() - 14 * DAY);
    expect(b.data.orders(from)).toEqual(a.data.orders(from));
    expect(b.data.sales(from)).toEqual(a.data.sales(from));
    expect(b.data.cards()).toEqual(a.data.cards());
    expect(b.data.prices()).toEqual(a.data.prices());
    expect(b.data.stocks()).toEqual(a.data.stocks());
    expect(await b.data.feedbacks()).toEqual(await a.data.feedbacks());
    expect(await b.data.questions()).toEqual(await a.data.questions());
    expect(b.data.financeRows(new Date("2026-11-02"), new Date("2026-11-15"))).toEqual(a.data.financeRows(new Date("2026-11-02"), new Date("2026-11-15")));
  });

  it("gives a different seller for a different seed", () => {
    const a = sandboxAt(NOW, 1);
    const b = sandboxAt(NOW, 2);
    expect(b.data.cards().map((c) => c.vendorCode)).not.toEqual(a.data.cards().map((c) => c.vendorCode));
  });

  it("keeps earlier orders when the clock moves on, changing only what a later change touches", () => {
    const earlier = sandboxAt(NOW);
    const later = sandboxAt(new Date(NOW.getTime() + 3 * DAY));
    const from = new Date(NOW.getTime() - 20 * DAY);
    const before = earlier.data.orders(from);
    const after = later.data.orders(from);
    const bySrid = new Map(after.map((o) => [o.srid, o]));
    expect(after.length).toBeGreaterThan(before.length + 300); // ~3 days of new orders
    let changed = 0;
    for (const o of before) {
      const now = bySrid.get(o.srid);
      expect(now, o.srid).toBeDefined();
      if (!now) continue;
      const { lastChangeDate, isCancel, cancelDate: _cancelDate, ...rest } = o;
      const { lastChangeDate: lcd2, isCancel: c2, cancelDate: cd2, ...rest2 } = now;
      expect(rest2).toEqual(rest);
      expect(lcd2 >= lastChangeDate).toBe(true);
      if (lcd2 !== lastChangeDate) {
        changed++;
        expect(c2 && !isCancel).toBe(true); // the only later change of an order is its cancellation
        expect(cd2 > o.date).toBe(true);
      }
    }
    expect(changed).toBeGreaterThan(0);
  });

  it("lets new orders arrive as the clock ticks", () => {
    let now = NOW.getTime();
    const sb = createWbSandbox({ seed: "unit", now: () => new Date(now) });
    const from = new Date(NOW.getTime() - DAY);
    const first = sb.data.orders(from).length;
    now += 2 * 60 * 60 * 1000;
    expect(sb.data.orders(from).length).toBeGreaterThan(first);
  });
});

describe("realism", () => {
  const sb = sandboxAt(NOW);
  const orders = sb.data.orders(new Date(NOW.getTime() - 90 * DAY));

  it("has about 150–250 orders a day", () => {
    const perDay = new Map<string, number>();
    for (const o of orders) perDay.set(dayOf(o.date), (perDay.get(dayOf(o.date)) ?? 0) + 1);
    const full = [...perDay.entries()].sort().slice(1, -1).map(([, n]) => n); // drop the partial first and last days
    expect(full.length).toBeGreaterThanOrEqual(88);
    const mean = full.reduce((a, b) => a + b, 0) / full.length;
    expect(mean).toBeGreaterThan(170);
    expect(mean).toBeLessThan(230);
    for (const n of full) {
      expect(n).toBeGreaterThan(110);
      expect(n).toBeLessThan(320);
    }
  });

  it("orders more in the evening than at night (Moscow time)", () => {
    const hour = (o: OrderRow) => Number(o.date.slice(11, 13));
    const evening = orders.filter((o) => hour(o) >= 19 && hour(o) <= 22).length;
    const night = orders.filter((o) => hour(o) >= 2 && hour(o) <= 5).length;
    expect(evening).toBeGreaterThan(night * 5);
  });

  it("cancels about 10% of orders, after they were placed", () => {
    const settled = orders.filter((o) => o.date < "2026-11-05");
    const cancelled = settled.filter((o) => o.isCancel);
    const share = cancelled.length / settled.length;
    expect(share).toBeGreaterThan(0.06);
    expect(share).toBeLessThan(0.14);
    for (const o of cancelled) {
      expect(o.cancelDate > o.date).toBe(true);
      expect(o.lastChangeDate >= o.cancelDate).toBe(true);
    }
    for (const o of orders.filter((x) => !x.isCancel)) expect(o.cancelDate).toBe("0001-01-01T00:00:00");
  });

  it("has unique, stable identities and consistent prices", () => {
    expect(new Set(orders.map((o) => o.srid)).size).toBe(orders.length);
    expect(new Set(orders.map((o) => o.sticker)).size).toBe(orders.length);
    for (const o of orders) {
      expect(o.lastChangeDate >= o.date).toBe(true);
      expect(o.priceWithDisc).toBeLessThanOrEqual(o.totalPrice);
      expect(o.finishedPrice).toBeLessThanOrEqual(o.priceWithDisc);
      expect(o.barcode).toMatch(/^\d{13}$/);
    }
  });

  it("masks WB warehouses as in the 2026-08 specs", () => {
    const wb = orders.filter((o) => o.warehouseType === "Склад WB");
    expect(wb.length / orders.length).toBeGreaterThan(0.8);
    for (const o of wb) expect(o.warehouseName).toBe("Склад WB РФ");
  });

  it("spreads buyers over Russia with Moscow and the region in front", () => {
    const share = (region: string) => orders.filter((o) => o.regionName === region).length / orders.length;
    expect(share("Москва")).toBeGreaterThan(0.1);
    expect(share("Москва")).toBeLessThan(0.18);
    expect(new Set(orders.map((o) => o.oblastOkrugName)).size).toBeGreaterThanOrEqual(8);
  });

  it("has a long tail of products", () => {
    const perNm = new Map<number, number>();
    for (const o of orders) perNm.set(o.nmId, (perNm.get(o.nmId) ?? 0) + 1);
    const counts = [...perNm.values()].sort((a, b) => b - a);
    const top10 = counts.slice(0, 10).reduce((a, b) => a + b, 0) / orders.length;
    expect(top10).toBeGreaterThan(0.15);
    expect(top10).toBeLessThan(0.5);
    expect(counts.length).toBeGreaterThan(150);
  });

  it("buys out most orders a few days later and returns a few, with negative return amounts", () => {
    const sales = sb.data.sales(new Date(NOW.getTime() - 60 * DAY));
    const returns = sales.filter((s) => s.saleID.startsWith("R"));
    const buyouts = sales.filter((s) => s.saleID.startsWith("S"));
    expect(new Set(sales.map((s) => s.saleID)).size).toBe(sales.length);
    expect(returns.length / buyouts.length).toBeGreaterThan(0.01);
    expect(returns.length / buyouts.length).toBeLessThan(0.1);
    for (const r of returns) {
      expect(r.forPay).toBeLessThan(0);
      expect(r.priceWithDisc).toBeLessThan(0);
    }
    const orderDate = new Map(orders.map((o) => [o.srid, o.date]));
    for (const s of buyouts) {
      expect(s.forPay).toBeGreaterThan(0);
      expect(s.saleID).toMatch(/^S\d{10}$/);
      const placed = orderDate.get(s.srid);
      if (placed) expect(s.date > placed).toBe(true);
    }
  });

  it("rates products mostly 4–5 with some negatives, and leaves the newest reviews unanswered", async () => {
    const feedbacks = await sb.data.feedbacks();
    expect(feedbacks.length).toBeGreaterThan(2000);
    const avg = feedbacks.reduce((a, f) => a + f.productValuation, 0) / feedbacks.length;
    expect(avg).toBeGreaterThan(4.3);
    expect(avg).toBeLessThan(4.8);
    const low = feedbacks.filter((f) => f.productValuation <= 3).length / feedbacks.length;
    expect(low).toBeGreaterThan(0.05);
    expect(low).toBeLessThan(0.25);
    const newest = feedbacks.slice(0, 20);
    expect(newest.filter((f) => f.answer === null).length).toBeGreaterThan(15);
    const old = feedbacks.filter((f) => f.createdDate < "2026-10-01");
    expect(old.filter((f) => f.answer !== null).length / old.length).toBeGreaterThan(0.4);
    expect(feedbacks.some((f) => /маломерит|тонк/i.test(f.text))).toBe(true);
  });

  it("has stock with some critical and some zero sizes, and goods in transit", () => {
    const stocks = sb.data.stocks();
    const zero = stocks.filter((s) => s.quantity === 0).length;
    expect(zero).toBeGreaterThan(0);
    expect(zero / stocks.length).toBeLessThan(0.2);
    expect(stocks.reduce((a, s) => a + s.inWayToClient, 0)).toBeGreaterThan(100);
    expect(stocks.every((s) => s.warehouseId === -999999 && s.warehouseName === "Склад WB")).toBe(true);
    const remains = sb.data.warehouseRemains();
    const names = new Set(remains.flatMap((r) => r.warehouses.map((w) => w.warehouseName)));
    expect([...names].sort()).toEqual(["В пути возвраты на склад WB", "В пути до получателей", "Всего находится на складах", "Склад WB РФ"].sort());
  });

  it("has a few hundred cards with sizes, barcodes and Russian texts", () => {
    const cards = sb.data.cards();
    expect(cards.length).toBeGreaterThan(200);
    expect(cards.length).toBeLessThan(500);
    const chrtIds = cards.flatMap((c) => c.sizes.map((s) => s.chrtID));
    expect(new Set(chrtIds).size).toBe(chrtIds.length);
    expect(new Set(cards.map((c) => c.nmID)).size).toBe(cards.length);
    for (const c of cards) {
      expect(c.vendorCode).toMatch(/^[A-Z]{2}-\d{4}\/[а-яё -]+$/);
      expect(c.description.length).toBeGreaterThan(200);
      for (const p of c.photos) expect(p.big).toMatch(/^https:\/\/basket-\d{2}\.wbbasket\.ru\/vol\d+\/part\d+\/\d+\/images\/big\/\d+\.webp$/);
    }
  });

  it("ties the financial report to the sales", () => {
    const rows = sb.data.financeRows(new Date("2026-11-09"), new Date("2026-11-15"));
    const sales = rows.filter((r) => r.docTypeName === "Продажа");
    expect(sales.length).toBeGreaterThan(800);
    const statSales = new Set(sb.data.sales(new Date("2026-10-01")).map((s) => s.srid));
    for (const r of sales) expect(statSales.has(r.srid)).toBe(true);
    for (let i = 1; i < rows.length; i++) expect((rows[i]?.rrdId ?? 0) > (rows[i - 1]?.rrdId ?? 0)).toBe(true);
    expect(rows.some((r) => r.sellerOperName === "Логистика")).toBe(true);
    expect(rows.some((r) => r.sellerOperName === "Хранение")).toBe(true);
    for (const r of rows) expect(r.forPay).toMatch(/^-?\d+(\.\d{1,2})?$/);
  });
});

describe("performance", () => {
  it("serves a 90-day orders page well under a second", async () => {
    const sb = createWbSandbox({ seed: "perf", now: () => NOW });
    const { SANDBOX_DEMO_TOKEN } = await import("../../workers/wb/sandbox");
    const started = Date.now();
    const res = await sb.fetch(new Request("http://x/wb-sandbox/statistics-api/api/v1/supplier/orders?dateFrom=2026-08-22", { headers: { Authorization: SANDBOX_DEMO_TOKEN } }));
    const rows = (await res.json()) as unknown[];
    const elapsed = Date.now() - started;
    expect(rows.length).toBeGreaterThan(15_000);
    expect(elapsed).toBeLessThan(1000);
  });
});
