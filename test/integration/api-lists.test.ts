import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";

import type { Cabinet, NewDailyRollup, NewOrder } from "../../db/schema";
import { addDays, moscowDayStart } from "../../workers/domain/calendar-day";
import { dashboardPeriods } from "../../workers/domain/moscow-periods";
import { ordersQuery, salesQuery } from "../../workers/queries/orders";
import { feedbacksQuery } from "../../workers/queries/reviews";
import { type ApiResult, api, db, isRussianProblem, newCabinet, newUser, orderRow, plain, saleRow, seed, tokenFor } from "./api-helpers";

/** Every page of a cursor-paginated list. */
async function allPages(path: string, token: string): Promise<{ pages: ApiResult[]; items: Record<string, unknown>[] }> {
  const pages: ApiResult[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res: ApiResult = await api(cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path, { token });
    expect(res.status).toBe(200);
    pages.push(res);
    cursor = res.body.nextCursor;
    expect(pages.length).toBeLessThan(50);
  } while (cursor);
  return { pages, items: pages.flatMap((p) => p.body.items) };
}

let user: number;
let token: string;
let cabinetId: string;

beforeAll(async () => {
  user = await newUser();
  token = await tokenFor(user);
  cabinetId = await newCabinet(user);
});

describe("GET /cabinets/{id}/orders", () => {
  beforeAll(async () => {
    const at = (iso: string) => new Date(iso);
    await seed.orders([
      orderRow(cabinetId, { srid: "o1", orderedAt: at("2026-11-20T10:00:00Z"), nmId: 111, supplierArticle: "ПЛАТЬЕ-1", region: "Московская" }),
      orderRow(cabinetId, { srid: "o2", orderedAt: at("2026-11-21T20:59:59Z"), nmId: 222, region: "Свердловская", priceWithDiscKopecks: 12_345 }),
      // 21:00 UTC is already the 22nd in Moscow.
      orderRow(cabinetId, { srid: "o3", orderedAt: at("2026-11-21T21:00:00Z"), nmId: 111, isCancel: true, cancelledAt: at("2026-11-22T08:00:00Z") }),
      // Two orders in the same millisecond: the keyset must not skip or repeat either.
      orderRow(cabinetId, { srid: "o4a", orderedAt: at("2026-11-22T12:00:00Z"), nmId: 333 }),
      orderRow(cabinetId, { srid: "o4b", orderedAt: at("2026-11-22T12:00:00Z"), nmId: 333, priceWithDiscKopecks: 154_700 }),
      orderRow(cabinetId, { srid: "o5", orderedAt: at("2026-11-23T09:00:00Z"), nmId: 111, supplierArticle: "ПЛАТЬЕ-1" }),
    ]);
  });

  it("lists newest first with money in kopecks and roubles", async () => {
    const res = await api(`/cabinets/${cabinetId}/orders`, { token });
    expect(res.status).toBe(200);
    const body = plain(res.body);
    expect(body.items.map((o: { srid: string }) => o.srid)).toEqual(["o5", "o4b", "o4a", "o3", "o2", "o1"]);
    expect(body.nextCursor).toBeNull();
    expect(body.items[1]).toMatchObject({
      srid: "o4b",
      orderedAt: "2026-11-22T12:00:00.000Z",
      nmId: 333,
      status: "active",
      price: { kopecks: 154_700, formatted: "1 547 ₽" },
      finishedPrice: { kopecks: 120_000, formatted: "1 200 ₽" },
      totalPrice: { kopecks: 200_000, formatted: "2 000 ₽" },
    });
    expect(body.items[3]).toMatchObject({ srid: "o3", status: "cancelled", cancelledAt: "2026-11-22T08:00:00.000Z" });
    expect(body.items[4].price).toEqual({ kopecks: 12_345, formatted: "123,45 ₽" });
  });

  it("pages with an opaque cursor without skipping or repeating rows that share a timestamp", async () => {
    for (const limit of [1, 2, 4]) {
      const { pages, items } = await allPages(`/cabinets/${cabinetId}/orders?limit=${limit}`, token);
      expect(items.map((o) => o.srid)).toEqual(["o5", "o4b", "o4a", "o3", "o2", "o1"]);
      expect(pages).toHaveLength(Math.ceil(6 / limit));
    }
  });

  it("filters by Moscow days, status, article, card and region", async () => {
    const ids = async (query: string) => (await api(`/cabinets/${cabinetId}/orders?${query}`, { token })).body.items.map((o: { srid: string }) => o.srid);
    expect(await ids("from=2026-11-22&to=2026-11-22")).toEqual(["o4b", "o4a", "o3"]);
    expect(await ids("to=2026-11-21")).toEqual(["o2", "o1"]);
    expect(await ids("status=cancelled")).toEqual(["o3"]);
    expect(await ids("status=active&nmId=111")).toEqual(["o5", "o1"]);
    expect(await ids(`supplierArticle=${encodeURIComponent("ПЛАТЬЕ-1")}`)).toEqual(["o5", "o1"]);
    expect(await ids(`region=${encodeURIComponent("Свердловская")}`)).toEqual(["o2"]);
  });

  it("explains bad parameters in Russian", async () => {
    const cases: [string, string][] = [
      ["limit=0", "limit"],
      ["limit=201", "limit"],
      ["limit=abc", "limit"],
      ["from=2026-13-01", "ГГГГ-ММ-ДД"],
      ["from=2026-11-23&to=2026-11-20", "позже"],
      ["status=open", "status"],
      ["nmId=-5", "nmId"],
      ["cursor=%21%21%21", "cursor"],
    ];
    for (const [query, mention] of cases) {
      const res = await api(`/cabinets/${cabinetId}/orders?${query}`, { token });
      expect(isRussianProblem(res, 400), query).toBe(true);
      expect(res.body.detail, query).toContain(mention);
    }
  });

  it("refuses a cursor of another list", async () => {
    await seed.sales([saleRow(cabinetId, { saleId: "S1", soldAt: new Date("2026-11-20T10:00:00Z") }), saleRow(cabinetId, { saleId: "S2", soldAt: new Date("2026-11-20T11:00:00Z") })]);
    const sales = await api(`/cabinets/${cabinetId}/sales?limit=1`, { token });
    expect(sales.body.nextCursor).toEqual(expect.any(String));
    const res = await api(`/cabinets/${cabinetId}/orders?cursor=${sales.body.nextCursor}`, { token });
    expect(isRussianProblem(res, 400)).toBe(true);
  });
});

describe("GET /cabinets/{id}/sales", () => {
  let cab: string;
  beforeAll(async () => {
    cab = await newCabinet(user);
    await seed.sales([
      saleRow(cab, { saleId: "S100", soldAt: new Date("2026-11-20T10:00:00Z"), forPayKopecks: 128_401 }),
      saleRow(cab, { saleId: "R100", soldAt: new Date("2026-11-21T10:00:00Z"), forPayKopecks: -128_401, region: "Краснодарский" }),
      saleRow(cab, { saleId: "S101", soldAt: new Date("2026-11-22T10:00:00Z"), nmId: 222 }),
    ]);
  });

  it("lists sales and returns, newest first, with type filter", async () => {
    const res = await api(`/cabinets/${cab}/sales`, { token });
    expect(res.status).toBe(200);
    const body = plain(res.body);
    expect(body.items.map((s: { saleId: string; type: string }) => [s.saleId, s.type])).toEqual([
      ["S101", "sale"],
      ["R100", "return"],
      ["S100", "sale"],
    ]);
    expect(body.items[2].forPay).toEqual({ kopecks: 128_401, formatted: "1 284,01 ₽" });
    expect(body.items[1].forPay).toEqual({ kopecks: -128_401, formatted: "-1 284,01 ₽" });
    expect((await api(`/cabinets/${cab}/sales?type=return`, { token })).body.items.map((s: { saleId: string }) => s.saleId)).toEqual(["R100"]);
    expect((await api(`/cabinets/${cab}/sales?type=sale&nmId=222`, { token })).body.items.map((s: { saleId: string }) => s.saleId)).toEqual(["S101"]);
    const { items } = await allPages(`/cabinets/${cab}/sales?limit=1`, token);
    expect(items.map((s) => s.saleId)).toEqual(["S101", "R100", "S100"]);
  });

  it("refuses an unknown type in Russian", async () => {
    const res = await api(`/cabinets/${cab}/sales?type=refund`, { token });
    expect(isRussianProblem(res, 400)).toBe(true);
    expect(res.body.detail).toContain("sale");
  });
});

describe("GET /cabinets/{id}/stocks", () => {
  let cab: string;
  beforeAll(async () => {
    cab = await newCabinet(user);
    const p = dashboardPeriods(new Date());
    // Demand window: the 30 whole days ending yesterday. 30 orders = 1 a day.
    //   chrt 11 (nm 1, S): 3 units, 30 orders → 3 days      → critical
    //   chrt 12 (nm 1, M): 6 + 2 in way = 8, 30 orders → 8  → low
    //   chrt 21 (nm 2, 0): 0 units, 30 orders               → zero
    //   chrt 22 (nm 2, 1): no stock row, 15 orders          → zero
    //   chrt 31 (nm 3, L): 40 units, 30 orders → 40 days    → ok
    //   chrt 32 (nm 3, XL): 5 units, no orders              → ok (no days)
    await seed.products([1, 2, 3].map((nmId) => ({ cabinetId: cab, nmId, vendorCode: `ART-${nmId}`, title: `Футболка ${nmId}`, brand: "Бренд" })));
    await seed.sizes([
      { cabinetId: cab, chrtId: 11, nmId: 1, techSize: "S", wbSize: "42" },
      { cabinetId: cab, chrtId: 12, nmId: 1, techSize: "M", wbSize: "44" },
      { cabinetId: cab, chrtId: 21, nmId: 2, techSize: "0" },
      { cabinetId: cab, chrtId: 22, nmId: 2, techSize: "1" },
      { cabinetId: cab, chrtId: 31, nmId: 3, techSize: "L" },
      { cabinetId: cab, chrtId: 32, nmId: 3, techSize: "XL" },
    ]);
    await seed.stocks([
      { cabinetId: cab, chrtId: 11, nmId: 1, warehouseName: "Склад WB", quantity: 3 },
      { cabinetId: cab, chrtId: 12, nmId: 1, warehouseName: "Склад WB", quantity: 6, inWayToClient: 2, inWayFromClient: 1 },
      { cabinetId: cab, chrtId: 21, nmId: 2, warehouseName: "Склад WB", quantity: 0 },
      { cabinetId: cab, chrtId: 31, nmId: 3, warehouseName: "Склад WB", quantity: 40 },
      { cabinetId: cab, chrtId: 32, nmId: 3, warehouseName: "Склад WB", quantity: 5 },
    ]);
    const orders: NewOrder[] = [];
    const rollups: NewDailyRollup[] = [];
    for (let d = 1; d <= 30; d++) {
      const at = new Date(moscowDayStart(addDays(p.today, -d)).getTime() + 10 * 3_600_000);
      const sizes: [number, string][] = [[1, "S"], [1, "M"], [2, "0"], [3, "L"]];
      if (d % 2 === 0) sizes.push([2, "1"]);
      for (const [nmId, techSize] of sizes) orders.push(orderRow(cab, { orderedAt: at, nmId, techSize }));
      rollups.push({ cabinetId: cab, day: addDays(p.today, -d), nmId: 0, ordersCount: sizes.length, ordersSumKopecks: sizes.length * 150_000 });
    }
    await seed.orders(orders);
    await seed.rollups(rollups);
  });

  it("lists every size critical first, with days of stock", async () => {
    const res = await api(`/cabinets/${cab}/stocks`, { token });
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.items.map((s: { chrtId: number; status: string }) => [s.chrtId, s.status])).toEqual([
      [11, "critical"],
      [21, "zero"], // zero: the faster seller first
      [22, "zero"],
      [12, "low"],
      [31, "ok"],
      [32, "ok"],
    ]);
    expect(b.items[0]).toEqual({
      nmId: 1,
      chrtId: 11,
      vendorCode: "ART-1",
      title: "Футболка 1",
      brand: "Бренд",
      subjectName: null,
      techSize: "S",
      wbSize: "42",
      quantity: 3,
      inWayToClient: 0,
      inWayFromClient: 0,
      ordersLast30Days: 30,
      avgDailyOrders: 1,
      daysOfStock: 3,
      status: "critical",
    });
    expect(b.items[2]).toMatchObject({ chrtId: 22, techSize: "1", quantity: 0, ordersLast30Days: 15, avgDailyOrders: 0.5, daysOfStock: 0 });
    expect(b.items[3]).toMatchObject({ chrtId: 12, quantity: 6, inWayToClient: 2, inWayFromClient: 1, daysOfStock: 8 });
    expect(b.items[5]).toMatchObject({ chrtId: 32, daysOfStock: null, ordersLast30Days: 0 });
    expect(b).toMatchObject({
      total: 6,
      counts: { sizes: 6, critical: 1, zero: 2, low: 1, ok: 2, needsAttention: 4 },
      criticalDays: 7,
      attentionDays: 14,
      nextCursor: null,
    });
  });

  it("agrees with the dashboard summary", async () => {
    const [list, summary] = await Promise.all([api(`/cabinets/${cab}/stocks`, { token }), api(`/cabinets/${cab}/summary`, { token })]);
    const { freshness: _f, criticalDays: _c, attentionDays: _a, ...counts } = summary.body.stocks;
    expect(counts).toEqual(list.body.counts);
    expect(summary.body.products).toMatchObject({ total: 3, active: 3 });
  });

  it("filters by status and card, and pages", async () => {
    const zero = await api(`/cabinets/${cab}/stocks?status=zero`, { token });
    expect(zero.body.items.map((s: { chrtId: number }) => s.chrtId)).toEqual([21, 22]);
    expect(zero.body.total).toBe(2);
    const nm = await api(`/cabinets/${cab}/stocks?nmId=3`, { token });
    expect(nm.body.items.map((s: { chrtId: number }) => s.chrtId)).toEqual([31, 32]);
    const { items, pages } = await allPages(`/cabinets/${cab}/stocks?limit=4`, token);
    expect(pages).toHaveLength(2);
    expect(items.map((s) => s.chrtId)).toEqual([11, 21, 22, 12, 31, 32]);
    // A threshold of 10 days makes the 8-day size critical too.
    const ten = await api(`/cabinets/${cab}/stocks?criticalDays=10&status=critical`, { token });
    expect(ten.body.items.map((s: { chrtId: number }) => s.chrtId)).toEqual([11, 12]);
  });

  it("refuses an unknown status in Russian", async () => {
    const res = await api(`/cabinets/${cab}/stocks?status=bad`, { token });
    expect(isRussianProblem(res, 400)).toBe(true);
  });
});

describe("GET /cabinets/{id}/reviews and /questions", () => {
  let cab: string;
  beforeAll(async () => {
    cab = await newCabinet(user);
    const t = (h: number) => new Date(Date.UTC(2026, 10, 20, h));
    const f = (id: string, rating: number, h: number, answered: boolean, nmId = 1) => ({
      cabinetId: cab,
      id,
      nmId,
      rating,
      text: `Отзыв ${id}`,
      createdAt: t(h),
      isAnswered: answered,
      answerText: answered ? "Спасибо!" : null,
      answerSource: answered ? ("wb" as const) : null,
    });
    await seed.feedbacks([
      f("a", 5, 1, false),
      f("b", 1, 2, false),
      f("c", 2, 3, true),
      f("d", 4, 4, false, 2),
      f("e", 1, 5, true),
      f("f", 3, 3, false), // same time as "c", different answered state
    ]);
    await seed.questions([
      { cabinetId: cab, id: "q1", nmId: 1, text: "Есть ли XL?", createdAt: t(1), isAnswered: false },
      { cabinetId: cab, id: "q2", nmId: 1, text: "Какой состав?", createdAt: t(2), isAnswered: true, answerText: "Хлопок 100%" },
      { cabinetId: cab, id: "q3", nmId: 2, text: "Маломерит?", createdAt: t(3), isAnswered: false },
    ]);
  });

  it("puts unanswered first, then newest, across pages", async () => {
    const expected = ["d", "f", "b", "a", "e", "c"];
    const res = await api(`/cabinets/${cab}/reviews`, { token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { id: string }) => r.id)).toEqual(expected);
    expect(res.body.items[4]).toMatchObject({ id: "e", rating: 1, answered: true, answer: { text: "Спасибо!", source: "wb", answeredAt: null } });
    expect(res.body.items[0]).toMatchObject({ id: "d", answered: false, answer: null, createdAt: "2026-11-20T04:00:00.000Z" });
    for (const limit of [1, 2, 4]) {
      const { items } = await allPages(`/cabinets/${cab}/reviews?limit=${limit}`, token);
      expect(items.map((r) => r.id)).toEqual(expected);
    }
  });

  it("filters by answered, ratings (list or repeated) and card", async () => {
    const ids = async (q: string) => (await api(`/cabinets/${cab}/reviews?${q}`, { token })).body.items.map((r: { id: string }) => r.id);
    expect(await ids("answered=false")).toEqual(["d", "f", "b", "a"]);
    expect(await ids("answered=true")).toEqual(["e", "c"]);
    expect(await ids("rating=1,2")).toEqual(["b", "e", "c"]);
    expect(await ids("rating=1&rating=2")).toEqual(["b", "e", "c"]);
    expect(await ids("rating=1&answered=false")).toEqual(["b"]);
    expect(await ids("nmId=2")).toEqual(["d"]);
    const { items } = await allPages(`/cabinets/${cab}/reviews?rating=1,2,3&limit=1`, token);
    expect(items.map((r) => r.id)).toEqual(["f", "b", "e", "c"]);
  });

  it("refuses bad ratings and flags in Russian", async () => {
    for (const q of ["rating=6", "rating=0,1", "rating=abc", "answered=maybe"]) {
      const res = await api(`/cabinets/${cab}/reviews?${q}`, { token });
      expect(isRussianProblem(res, 400), q).toBe(true);
    }
  });

  it("lists questions the same way", async () => {
    const res = await api(`/cabinets/${cab}/questions`, { token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((q: { id: string }) => q.id)).toEqual(["q3", "q1", "q2"]);
    expect(res.body.items[2]).toMatchObject({ id: "q2", text: "Какой состав?", answered: true, answer: { text: "Хлопок 100%" } });
    expect((await api(`/cabinets/${cab}/questions?answered=false&nmId=1`, { token })).body.items.map((q: { id: string }) => q.id)).toEqual(["q1"]);
    const { items } = await allPages(`/cabinets/${cab}/questions?limit=1`, token);
    expect(items.map((q) => q.id)).toEqual(["q3", "q1", "q2"]);
  });
});

describe("list query plans", () => {
  // Each page must be one index range walked in order (LIMIT stops it early), never a scan of the
  // cabinet's orders sorted afterwards. A temp B-tree for the *right part* of ORDER BY (the id
  // tie-break among rows of one millisecond) is fine.
  async function plan(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<string> {
    const { sql, params } = query.toSQL();
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    return results.map((r) => r.detail).join("\n");
  }
  const auth = () => ({ cabinet: { id: cabinetId } as Cabinet, role: "viewer" as const, userId: user });

  it("orders: by time, with a cursor, and by card", async () => {
    const after = { at: Date.now(), id: "x" };
    for (const [f, index] of [
      [{}, /SEARCH orders USING INDEX orders_ordered_idx \(cabinet_id=\?\)/],
      [{ after }, /SEARCH orders USING INDEX orders_ordered_idx \(cabinet_id=\? AND ordered_at<\?\)/],
      [{ nmId: 1, after }, /SEARCH orders USING INDEX orders_nm_ordered_idx \(cabinet_id=\? AND nm_id=\? AND ordered_at<\?\)/],
      [{ fromMs: 0, toMs: 1, status: "cancelled" as const }, /SEARCH orders USING INDEX orders_ordered_idx \(cabinet_id=\? AND ordered_at>\? AND ordered_at<\?\)/],
    ] as const) {
      const p = await plan(ordersQuery(db, auth(), { status: "all", limit: 50, ...f }));
      expect(p).toMatch(index);
      // Both orders indexes end in srid, so not even the tie-break needs a sort.
      expect(p).not.toMatch(/TEMP B-TREE/);
    }
  });

  it("sales and reviews", async () => {
    const sales = await plan(salesQuery(db, auth(), { type: "return", limit: 50, after: { at: 1, id: "S" } }));
    expect(sales).toMatch(/SEARCH sales USING INDEX sales_sold_idx \(cabinet_id=\? AND sold_at<\?\)/);
    expect(sales).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    const reviews = await plan(feedbacksQuery(db, auth(), { limit: 50, answered: false }));
    expect(reviews).toMatch(/SEARCH feedbacks USING INDEX feedbacks_answered_created_idx \(cabinet_id=\? AND is_answered=\?\)/);
    expect(reviews).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });
});
