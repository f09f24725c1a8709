// The WB datasets (workers/sync/datasets) against scripted WB responses shaped like the spec
// examples, inside workerd with real local D1. Each run is driven as the pipeline drives it:
// fetchPage, then db.batch(page.statements), then the next page from nextCursor (round-tripped
// through JSON, as sync_state stores it) until null. Every statement is checked to bind ≤ 100
// parameters. The sandbox-driven runs live in sync-datasets-sandbox.test.ts.

import { env } from "cloudflare:workers";
import { and, asc, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { describe, expect, it } from "vitest";

import {
  type Cabinet,
  cabinets,
  dailyRollups,
  feedbacks,
  financeReportRows,
  type JsonValue,
  orders,
  prices,
  productSizes,
  products,
  questions,
  sales,
  stockHistoryDaily,
  stockSnapshots,
  SYNC_DATASETS,
  type SyncDataset,
  type SyncState,
} from "../../db/schema";
import { createDb } from "../../workers/db/client";
import { moscowDayStart } from "../../workers/domain/calendar-day";
import { parseMoscowDateTime, toMoscowDate } from "../../workers/domain/moscow-time";
import type { DatasetSync, PageResult } from "../../workers/sync/dataset";
import { DATASETS } from "../../workers/sync/datasets";
import { ordersSpec } from "../../workers/sync/datasets/orders";
import { salesSpec } from "../../workers/sync/datasets/sales";
import { statisticsDataset } from "../../workers/sync/datasets/statistics";
import { createStocksDataset } from "../../workers/sync/datasets/stocks";
import { feedbacksSpec } from "../../workers/sync/datasets/feedbacks";
import { reviewsDataset } from "../../workers/sync/datasets/reviews";
import { WbClient } from "../../workers/wb/client";
import { limitFor } from "../../workers/wb/limits";
import type { WbLimitTier } from "../../workers/wb/methods";
import type { WbCard, WbFeedback, WbGoodsPrices, WbOrder, WbQuestion, WbSale, WbWarehouseStock } from "../../workers/wb/types";

const db = createDb(env.DB);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 2026-11-24 12:00 Moscow. */
const NOW = new Date(Date.UTC(2026, 10, 24, 9, 0, 0));

// --- harness -------------------------------------------------------------------------------------

async function newCabinet(tokenType: Cabinet["tokenType"] = "personal"): Promise<Cabinet> {
  // The token columns are never decrypted here: each test builds its WbClient itself.
  const [row] = await db.insert(cabinets).values({ name: "test", tokenCiphertext: "c", tokenIv: "i", tokenType }).returning();
  if (!row) throw new Error("no cabinet");
  return row;
}

function freshState(cabinet: Cabinet, dataset: SyncDataset, over: Partial<SyncState> = {}): SyncState {
  return {
    cabinetId: cabinet.id,
    dataset,
    cursor: null,
    lastSuccessAt: null,
    lastAttemptAt: null,
    nextDueAt: null,
    rowsTotal: 0,
    lastRunRows: 0,
    lastError: null,
    lastErrorAt: null,
    consecutiveFailures: 0,
    backfillFrom: null,
    backfillDone: false,
    backfillProgress: 0,
    inFlightSince: null,
    ...over,
  };
}

function paramsOf(statement: BatchItem<"sqlite">): number {
  return (statement as unknown as { toSQL(): { params: unknown[] } }).toSQL().params.length;
}

interface Run {
  pages: PageResult[];
  /** The cursor each page started from. */
  cursors: (JsonValue | null)[];
  state: SyncState;
}

/** One whole run, page by page, as the pipeline does it. */
async function runDataset(dataset: DatasetSync, client: WbClient, cabinet: Cabinet, state: SyncState, now = NOW): Promise<Run> {
  const pages: PageResult[] = [];
  const cursors: (JsonValue | null)[] = [];
  let cursor: JsonValue | null = state.cursor;
  for (;;) {
    cursors.push(cursor);
    const page = await dataset.fetchPage({ db, client, cabinet, state, now }, cursor);
    for (const statement of page.statements) expect(paramsOf(statement)).toBeLessThanOrEqual(100);
    if (page.statements.length > 0) await db.batch(page.statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
    pages.push(page);
    cursor = page.nextCursor === null ? null : (JSON.parse(JSON.stringify(page.nextCursor)) as JsonValue);
    state = {
      ...state,
      cursor,
      backfillProgress: page.backfillProgress ?? state.backfillProgress,
      backfillDone: state.backfillDone || page.backfillDone === true,
    };
    if (cursor === null) return { pages, cursors, state };
    if (pages.length > 1000) throw new Error("the run does not end");
  }
}

interface Call {
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** A WbClient whose every request is answered by `route` (no retries, no sleeping). */
function fakeWb(route: (call: Call, index: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const client = new WbClient({
    token: "test-token",
    apiBase: "http://wb.test",
    maxRetries: 0,
    sleep: async () => {},
    fetch: async (url, init) => {
      const u = new URL(url);
      const call = { path: u.pathname, query: u.searchParams, body: typeof init.body === "string" ? JSON.parse(init.body) : undefined };
      calls.push(call);
      return route(call, calls.length - 1);
    },
  });
  return { client, calls };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function notFound(call: Call): Response {
  return json({ title: "not found", detail: `unexpected ${call.path}`, status: 404 }, 404);
}

// --- statistics fake ------------------------------------------------------------------------------

interface Timed {
  date: string;
  lastChangeDate: string;
}

/**
 * WB Statistics paging as the spec states it: flag=1 → every row dated on dateFrom's Moscow day;
 * flag=0 → rows with lastChangeDate ≥ dateFrom, ascending, at most `cap` per page. A row with
 * `appearsAtCall` is not visible to earlier calls (WB publishes in batches).
 */
function statisticsRoute<T extends Timed>(rows: (T & { appearsAtCall?: number })[], cap: number) {
  return (call: Call, index: number): Response => {
    const dateFrom = call.query.get("dateFrom") ?? "";
    const visible = rows.filter((r) => (r.appearsAtCall ?? 0) <= index).map(({ appearsAtCall: _, ...r }) => r);
    if (call.query.get("flag") === "1") {
      const day = toMoscowDate(parseMoscowDateTime(dateFrom));
      return json(visible.filter((r) => toMoscowDate(parseMoscowDateTime(r.date)) === day));
    }
    const from = parseMoscowDateTime(dateFrom).getTime();
    const changed = visible
      .filter((r) => parseMoscowDateTime(r.lastChangeDate).getTime() >= from)
      .sort((a, b) => parseMoscowDateTime(a.lastChangeDate).getTime() - parseMoscowDateTime(b.lastChangeDate).getTime());
    return json(changed.slice(0, cap));
  };
}

function order(srid: string, date: string, nmId: number, priceWithDisc: number, extra: Partial<WbOrder> = {}): WbOrder {
  return {
    date,
    lastChangeDate: date,
    warehouseName: "Склад WB",
    warehouseType: "Склад WB",
    countryName: "Россия",
    oblastOkrugName: "Центральный федеральный округ",
    regionName: "Московская",
    supplierArticle: `ART-${nmId}`,
    nmId,
    barcode: `20${nmId}`,
    category: "Одежда",
    subject: "Футболки",
    brand: "Тест",
    techSize: "44",
    incomeID: 1,
    isSupply: false,
    isRealization: true,
    totalPrice: priceWithDisc * 1.25,
    discountPercent: 20,
    spp: 10,
    finishedPrice: priceWithDisc * 0.9,
    priceWithDisc,
    isCancel: false,
    cancelDate: "0001-01-01T00:00:00",
    sticker: "1",
    gNumber: `g-${srid}`,
    srid,
    ...extra,
  };
}

function sale(saleID: string, date: string, nmId: number, priceWithDisc: number, forPay: number): WbSale {
  const { isCancel: _c, cancelDate: _d, ...rest } = order(`srid-${saleID}`, date, nmId, priceWithDisc);
  return { ...rest, forPay, paymentSaleAmount: 0, saleID };
}

// Orders around the Moscow day boundary; NOW is 2026-11-24 12:00 Moscow.
const O1 = order("o1", "2026-11-24T10:00:00", 101, 1000.5);
const O2 = order("o2", "2026-11-23T23:30:00", 102, 500); // 20:30 UTC on the 23rd: Moscow day 23
const O3 = order("o3", "2026-11-24T00:30:00", 101, 700); // 21:30 UTC on the 23rd: Moscow day 24
const O4 = order("o4", "2026-11-21T12:00:00", 102, 300, {
  lastChangeDate: "2026-11-24T11:20:00",
  isCancel: true,
  cancelDate: "2026-11-24T11:20:00",
});
const O5 = order("o5", "2026-11-20T12:00:00", 101, 999); // before the backfill window
const O6 = order("o6", "2026-11-24T11:30:00", 103, 250); // published after the backfill read day 24
const O7 = order("o7", "2026-11-22T09:00:00", 101, 100);
const ORDER_FIXTURE = [O1, O2, O3, O4, O5, { ...O6, appearsAtCall: 2 }, O7];

const S1 = sale("S1", "2026-11-24T09:00:00", 102, 500, 400);
const R1 = sale("R1", "2026-11-24T10:15:00", 102, -500, -400); // WB reports returns negative
const S2 = sale("S2", "2026-11-22T15:00:00", 101, 100, 80.55);
const SALE_FIXTURE = [S1, R1, S2];

const WINDOW_FROM = moscowDayStart("2026-11-21");

// The fixtures page 2 rows at a time (WB: ~80 000), so a page counts as full from 2 rows.
const ordersDs = statisticsDataset({ ...ordersSpec, fullPage: 2 });
const salesDs = statisticsDataset({ ...salesSpec, fullPage: 2 });

async function tableRows(cabinetId: string) {
  return {
    orders: await db.select().from(orders).where(eq(orders.cabinetId, cabinetId)).orderBy(asc(orders.srid)),
    sales: await db.select().from(sales).where(eq(sales.cabinetId, cabinetId)).orderBy(asc(sales.saleId)),
    rollups: await rollupRows(cabinetId),
  };
}

async function rollupRows(cabinetId: string) {
  return db
    .select()
    .from(dailyRollups)
    .where(eq(dailyRollups.cabinetId, cabinetId))
    .orderBy(asc(dailyRollups.day), asc(dailyRollups.nmId));
}

/** daily_rollups recomputed from scratch in JS from the stored orders and sales. */
async function rollupsFromScratch(cabinetId: string) {
  const { orders: os, sales: ss } = await tableRows(cabinetId);
  type R = { cabinetId: string; day: string; nmId: number; ordersCount: number; ordersSumKopecks: number; cancelsCount: number; salesCount: number; salesSumKopecks: number; returnsCount: number; returnsSumKopecks: number; forPayKopecks: number };
  const map = new Map<string, R>();
  const at = (day: string, nmId: number): R => {
    const key = `${day}|${nmId}`;
    let r = map.get(key);
    if (!r) {
      r = { cabinetId, day, nmId, ordersCount: 0, ordersSumKopecks: 0, cancelsCount: 0, salesCount: 0, salesSumKopecks: 0, returnsCount: 0, returnsSumKopecks: 0, forPayKopecks: 0 };
      map.set(key, r);
    }
    return r;
  };
  for (const o of os) {
    for (const r of [at(toMoscowDate(o.orderedAt), o.nmId), at(toMoscowDate(o.orderedAt), 0)]) {
      r.ordersCount++;
      r.ordersSumKopecks += o.priceWithDiscKopecks;
      if (o.isCancel) r.cancelsCount++;
    }
  }
  for (const s of ss) {
    for (const r of [at(toMoscowDate(s.soldAt), s.nmId), at(toMoscowDate(s.soldAt), 0)]) {
      if (s.isReturn) {
        r.returnsCount++;
        r.returnsSumKopecks += Math.abs(s.priceWithDiscKopecks);
        r.forPayKopecks -= Math.abs(s.forPayKopecks);
      } else {
        r.salesCount++;
        r.salesSumKopecks += s.priceWithDiscKopecks;
        r.forPayKopecks += s.forPayKopecks;
      }
    }
  }
  return [...map.values()].sort((a, b) => (a.day === b.day ? a.nmId - b.nmId : a.day < b.day ? -1 : 1));
}

// --- registry -------------------------------------------------------------------------------------

describe("the registry", () => {
  it("has one dataset per SyncDataset, each under its own name", () => {
    expect(Object.keys(DATASETS).sort()).toEqual([...SYNC_DATASETS].sort());
    for (const name of SYNC_DATASETS) expect(DATASETS[name].dataset).toBe(name);
  });

  it("refresh intervals: the brief's freshness, never faster than WB's limit allows one call", () => {
    const tiers: WbLimitTier[] = ["personal", "service", "baseWithSecret", "base"];
    const expected: Record<SyncDataset, [number, number]> = {
      orders: [5 * MINUTE, 3 * HOUR],
      sales: [10 * MINUTE, 2 * HOUR],
      cards: [HOUR, HOUR],
      prices: [30 * MINUTE, HOUR],
      stocks: [30 * MINUTE, 30 * MINUTE],
      feedbacks: [10 * MINUTE, HOUR],
      questions: [10 * MINUTE, HOUR],
      finance: [6 * HOUR, 12 * HOUR],
    };
    const firstMethod: Record<SyncDataset, JsonValue> = {
      orders: null,
      sales: null,
      cards: null,
      prices: null,
      stocks: { source: "wbWarehouses", offset: 0, stamp: 0 },
      feedbacks: null,
      questions: null,
      finance: null,
    };
    for (const name of SYNC_DATASETS) {
      for (const tier of tiers) {
        const every = DATASETS[name].refreshEveryMs(tier);
        expect(every, `${name} ${tier}`).toBe(tier === "base" ? expected[name][1] : expected[name][0]);
        const cursor = name === "stocks" && tier === "base" ? { source: "remains", stamp: 0 } : firstMethod[name];
        for (const method of DATASETS[name].methodsFor(cursor)) {
          const limit = limitFor(method, tier);
          expect(limit, `${name} ${tier} ${method}`).not.toBeNull();
          if (limit) expect(every).toBeGreaterThanOrEqual(limit.periodMs);
        }
      }
    }
  });

  it("methodsFor names the WB methods of the next page", () => {
    expect(DATASETS.orders.methodsFor(null)).toEqual(["orders"]);
    expect(DATASETS.sales.methodsFor({ phase: "incremental", dateFrom: "2026-11-24T10:00:00" })).toEqual(["sales"]);
    expect(DATASETS.cards.methodsFor(null)).toEqual(["cardsList"]);
    expect(DATASETS.prices.methodsFor({ offset: 1000 })).toEqual(["pricesList"]);
    expect(DATASETS.feedbacks.methodsFor(null)).toEqual(["feedbacksList"]);
    expect(DATASETS.questions.methodsFor(null)).toEqual(["questionsList"]);
    expect(DATASETS.finance.methodsFor(null)).toEqual(["financeSalesReportDetailed"]);
    // The stocks run's first page only chooses the source (it depends on the token): no WB call.
    expect(DATASETS.stocks.methodsFor(null)).toEqual([]);
    expect(DATASETS.stocks.methodsFor({ source: "wbWarehouses", offset: 0, stamp: 1 })).toEqual(["stocksWbWarehouses"]);
    expect(DATASETS.stocks.methodsFor({ source: "remains", stamp: 1 })).toEqual([
      "warehouseRemainsCreate",
      "warehouseRemainsStatus",
      "warehouseRemainsDownload",
    ]);
  });
});

// --- orders and sales -------------------------------------------------------------------------------

describe("orders and sales", () => {
  it("backfills newest day first, then follows lastChangeDate from the backfill start", async () => {
    const cabinet = await newCabinet();
    const wb = fakeWb(statisticsRoute(ORDER_FIXTURE, 2));
    const run = await runDataset(ordersDs, wb.client, cabinet, freshState(cabinet, "orders", { backfillFrom: WINDOW_FROM }));

    expect(wb.calls.map((c) => [c.path, c.query.get("flag"), c.query.get("dateFrom")])).toEqual([
      ["/statistics-api/api/v1/supplier/orders", "1", "2026-11-24T00:00:00"],
      ["/statistics-api/api/v1/supplier/orders", "1", "2026-11-23T00:00:00"],
      ["/statistics-api/api/v1/supplier/orders", "1", "2026-11-22T00:00:00"],
      ["/statistics-api/api/v1/supplier/orders", "1", "2026-11-21T00:00:00"],
      // The backfill started at 12:00 Moscow; incremental starts an hour earlier.
      ["/statistics-api/api/v1/supplier/orders", "0", "2026-11-24T11:00:00"],
      ["/statistics-api/api/v1/supplier/orders", "0", "2026-11-24T11:30:00"],
    ]);
    expect(run.cursors[1]).toEqual({ phase: "backfill", day: "2026-11-23", oldest: "2026-11-21", newest: "2026-11-24", since: "2026-11-24T11:00:00" });
    expect(run.cursors[4]).toEqual({ phase: "incremental", dateFrom: "2026-11-24T11:00:00" });
    expect(run.pages.map((p) => p.backfillProgress)).toEqual([0.25, 0.5, 0.75, 1, undefined, undefined]);
    expect(run.pages.map((p) => p.backfillDone === true)).toEqual([false, false, false, true, false, false]);
    expect(run.pages.map((p) => p.rows)).toEqual([2, 1, 1, 1, 2, 1]);
    expect(run.state.backfillDone).toBe(true);

    const stored = await db.select().from(orders).where(eq(orders.cabinetId, cabinet.id)).orderBy(asc(orders.srid));
    // o5 is older than the window; o6 was published after day 24 was read and came in incrementally.
    expect(stored.map((o) => o.srid)).toEqual(["o1", "o2", "o3", "o4", "o6", "o7"]);
    const o4 = stored.find((o) => o.srid === "o4");
    expect(o4).toMatchObject({
      isCancel: true,
      cancelledAt: new Date("2026-11-24T08:20:00.000Z"),
      orderedAt: new Date("2026-11-21T09:00:00.000Z"),
      lastChangeAt: new Date("2026-11-24T08:20:00.000Z"),
      priceWithDiscKopecks: 30_000,
    });
    expect(stored.find((o) => o.srid === "o1")).toMatchObject({ priceWithDiscKopecks: 100_050, totalPriceKopecks: 125_063, cancelledAt: null });
  });

  it("rollups: per product and nm_id 0, Moscow days, cancels and returns, equal to a from-scratch GROUP BY", async () => {
    const cabinet = await newCabinet();
    await runDataset(ordersDs, fakeWb(statisticsRoute(ORDER_FIXTURE, 2)).client, cabinet, freshState(cabinet, "orders", { backfillFrom: WINDOW_FROM }));
    await runDataset(salesDs, fakeWb(statisticsRoute(SALE_FIXTURE, 2)).client, cabinet, freshState(cabinet, "sales", { backfillFrom: WINDOW_FROM }));

    const rollups = await rollupRows(cabinet.id);
    expect(rollups).toEqual(await rollupsFromScratch(cabinet.id));
    const day = (d: string, nm: number) => rollups.find((r) => r.day === d && r.nmId === nm);
    // Day 24: o1 (1000.50 ₽), o3 (700 ₽, 00:30 Moscow), o6 (250 ₽); a sale and a return of 500 ₽.
    expect(day("2026-11-24", 0)).toEqual({
      cabinetId: cabinet.id,
      day: "2026-11-24",
      nmId: 0,
      ordersCount: 3,
      ordersSumKopecks: 195_050,
      cancelsCount: 0,
      salesCount: 1,
      salesSumKopecks: 50_000,
      returnsCount: 1,
      returnsSumKopecks: 50_000,
      forPayKopecks: 0,
    });
    expect(day("2026-11-24", 101)).toMatchObject({ ordersCount: 2, ordersSumKopecks: 170_050 });
    // o2 at 23:30 Moscow stays on the 23rd; o4's cancellation counts on its order day.
    expect(day("2026-11-23", 0)).toMatchObject({ ordersCount: 1, ordersSumKopecks: 50_000 });
    expect(day("2026-11-21", 102)).toMatchObject({ ordersCount: 1, cancelsCount: 1 });
    expect(day("2026-11-22", 101)).toMatchObject({ ordersCount: 1, salesCount: 1, salesSumKopecks: 10_000, forPayKopecks: 8_055 });
    expect(day("2026-11-20", 0)).toBeUndefined();

    // Sales rows keep WB's sign.
    const r1 = await db.select().from(sales).where(and(eq(sales.cabinetId, cabinet.id), eq(sales.saleId, "R1")));
    expect(r1[0]).toMatchObject({ isReturn: true, priceWithDiscKopecks: -50_000, forPayKopecks: -40_000 });
  });

  it("running the whole sync twice leaves identical tables", async () => {
    const cabinet = await newCabinet();
    const runBoth = async () => {
      await runDataset(ordersDs, fakeWb(statisticsRoute(ORDER_FIXTURE, 2)).client, cabinet, freshState(cabinet, "orders", { backfillFrom: WINDOW_FROM }));
      await runDataset(salesDs, fakeWb(statisticsRoute(SALE_FIXTURE, 2)).client, cabinet, freshState(cabinet, "sales", { backfillFrom: WINDOW_FROM }));
    };
    await runBoth();
    const first = await tableRows(cabinet.id);
    await runBoth();
    expect(await tableRows(cabinet.id)).toEqual(first);
    expect(first.orders).toHaveLength(6);
    expect(first.sales).toHaveLength(3);
  });

  it("a run after the backfill starts an hour before the newest stored change and ends on []", async () => {
    const cabinet = await newCabinet();
    await runDataset(ordersDs, fakeWb(statisticsRoute(ORDER_FIXTURE, 2)).client, cabinet, freshState(cabinet, "orders", { backfillFrom: WINDOW_FROM }));

    // An hour later o1 is cancelled, and a new order arrives.
    const later = new Date(NOW.getTime() + HOUR);
    const o1Cancelled = { ...O1, isCancel: true, cancelDate: "2026-11-24T12:40:00", lastChangeDate: "2026-11-24T12:40:00" };
    const o8 = order("o8", "2026-11-24T12:45:00", 104, 1234.56);
    const wb = fakeWb(statisticsRoute([o1Cancelled, O2, O3, O4, O5, O6, O7, o8], 2));
    const run = await runDataset(ordersDs, wb.client, cabinet, freshState(cabinet, "orders", { backfillFrom: WINDOW_FROM, backfillDone: true }), later);

    expect(wb.calls.map((c) => [c.query.get("flag"), c.query.get("dateFrom")])).toEqual([
      ["0", "2026-11-24T10:30:00"], // newest stored change 11:30 Moscow, minus the overlap
      ["0", "2026-11-24T11:30:00"], // WB returns lastChangeDate >= dateFrom: o6 comes again
      ["0", "2026-11-24T12:40:00"],
      ["0", "2026-11-24T12:45:00"], // only o8 again: the page does not advance, the run ends
    ]);
    expect(run.pages.every((p) => p.backfillProgress === undefined && p.backfillDone === undefined)).toBe(true);
    const stored = await db.select().from(orders).where(eq(orders.cabinetId, cabinet.id));
    expect(stored).toHaveLength(7);
    expect(stored.find((o) => o.srid === "o1")).toMatchObject({ isCancel: true, cancelledAt: new Date("2026-11-24T09:40:00.000Z") });
    expect(await rollupRows(cabinet.id)).toEqual(await rollupsFromScratch(cabinet.id));
    expect((await rollupRows(cabinet.id)).find((r) => r.day === "2026-11-24" && r.nmId === 0)).toMatchObject({ ordersCount: 4, cancelsCount: 1 });

    // With WB's real page size, a page far from full is the last one: one call per run.
    const short = fakeWb(statisticsRoute([o1Cancelled, O4, O6, o8], 80_000));
    const one = await runDataset(DATASETS.orders, short.client, cabinet, freshState(cabinet, "orders", { backfillDone: true }), later);
    expect(short.calls).toHaveLength(1);
    expect(short.calls[0]?.query.get("dateFrom")).toBe("2026-11-24T11:45:00");
    expect(one.pages[0]).toMatchObject({ rows: 2, nextCursor: null });

    // An empty answer ends a run at once.
    const empty = fakeWb(() => json([]));
    const done = await runDataset(ordersDs, empty.client, cabinet, freshState(cabinet, "orders", { backfillDone: true }), later);
    expect(done.pages).toHaveLength(1);
    expect(done.pages[0]).toMatchObject({ rows: 0, nextCursor: null, statements: [] });
  });

  it("a replayed older page never overwrites a newer state of an order", async () => {
    const cabinet = await newCabinet();
    const cancelled = { ...O1, isCancel: true, cancelDate: "2026-11-24T11:50:00", lastChangeDate: "2026-11-24T11:50:00" };
    await runDataset(ordersDs, fakeWb(statisticsRoute([cancelled], 10)).client, cabinet, freshState(cabinet, "orders", { backfillDone: true }));
    await runDataset(ordersDs, fakeWb(statisticsRoute([O1], 10)).client, cabinet, freshState(cabinet, "orders", { backfillDone: true }));
    const [o1] = await db.select().from(orders).where(eq(orders.cabinetId, cabinet.id));
    expect(o1).toMatchObject({ srid: "o1", isCancel: true });
  });

  it("base tokens load the window with one lastChangeDate scan instead of 90 day calls", async () => {
    const cabinet = await newCabinet("base");
    const wb = fakeWb(statisticsRoute(ORDER_FIXTURE, 2));
    const run = await runDataset(ordersDs, wb.client, cabinet, freshState(cabinet, "orders", { backfillFrom: WINDOW_FROM }));
    expect(wb.calls.map((c) => [c.query.get("flag"), c.query.get("dateFrom")])).toEqual([
      ["0", "2026-11-21T00:00:00"],
      ["0", "2026-11-23T23:30:00"],
      ["0", "2026-11-24T00:30:00"],
      ["0", "2026-11-24T10:00:00"],
      ["0", "2026-11-24T11:20:00"],
      ["0", "2026-11-24T11:30:00"],
    ]);
    expect(run.cursors[1]).toEqual({ phase: "scan", dateFrom: "2026-11-23T23:30:00", from: "2026-11-21T00:00:00", since: "2026-11-24T11:00:00" });
    // The fourth page reaches the backfill's start time (11:00): the history is complete, and the
    // run goes on as an ordinary incremental one.
    expect(run.pages.map((p) => p.backfillDone === true)).toEqual([false, false, false, true, false, false]);
    expect(run.cursors[4]).toEqual({ phase: "incremental", dateFrom: "2026-11-24T11:20:00" });
    const progress = run.pages.map((p) => p.backfillProgress ?? null);
    expect(progress[0]).toBeGreaterThan(0);
    expect(progress[0]).toBeLessThan(progress[1] as number);
    expect(progress[1]).toBeLessThan(progress[2] as number);
    expect(progress[3]).toBe(1);
    const stored = await db.select({ srid: orders.srid }).from(orders).where(eq(orders.cabinetId, cabinet.id)).orderBy(asc(orders.srid));
    expect(stored.map((o) => o.srid)).toEqual(["o1", "o2", "o3", "o4", "o6", "o7"]);
  });

  it("an unreadable cursor starts a new run instead of failing forever", async () => {
    const cabinet = await newCabinet();
    const wb = fakeWb(statisticsRoute([O1], 10));
    const page = await DATASETS.orders.fetchPage(
      { db, client: wb.client, cabinet, state: freshState(cabinet, "orders", { backfillDone: true }), now: NOW },
      { phase: "warp", dateFrom: 7 },
    );
    expect(page.rows).toBe(1);
    expect(wb.calls[0]?.query.get("flag")).toBe("0");
  });
});

// --- cards and prices -------------------------------------------------------------------------------

function card(i: number, sizes = 2): WbCard {
  const nmID = 500_000 + i;
  return {
    nmID,
    imtID: 900_000 + i,
    subjectID: 192,
    subjectName: "Футболки",
    vendorCode: `V-${i}`,
    brand: "Тест",
    title: `Футболка ${i}`,
    description: "…",
    kizMarked: false,
    photos: i % 2 === 0 ? [{ big: "b", c246x328: `https://basket-01.wbbasket.ru/c246x328/${nmID}.webp`, c516x688: "c", square: "s", tm: "t" }] : [],
    characteristics: [{ id: 1, name: "Цвет", value: ["белый"] }],
    sizes: Array.from({ length: sizes }, (_, s) => ({ chrtID: nmID * 10 + s, techSize: String(42 + 2 * s), wbSize: String(42 + 2 * s), skus: [`${nmID}${s}`] })),
    // Ascending updatedAt with microseconds, as WB sends it.
    updatedAt: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString().replace("Z", "123Z"),
    createdAt: "2026-01-01T00:00:00Z",
  };
}

/** cards/list: ascending by (updatedAt, nmID), after the request's cursor, `limit` at a time. */
function cardsRoute(all: WbCard[]) {
  return (call: Call): Response => {
    if (call.path !== "/content-api/content/v2/get/cards/list") return notFound(call);
    const cursor = (call.body as { settings: { cursor: { limit: number; updatedAt?: string; nmID?: number } } }).settings.cursor;
    const after = all.filter((c) =>
      cursor.updatedAt === undefined ? true : (c.updatedAt as string) > cursor.updatedAt || ((c.updatedAt as string) === cursor.updatedAt && c.nmID > (cursor.nmID ?? 0)),
    );
    const page = after.slice(0, cursor.limit);
    const last = page.at(-1);
    return json({ cards: page, cursor: { updatedAt: last?.updatedAt, nmID: last?.nmID, total: page.length } });
  };
}

describe("cards", () => {
  it("pages of 100 by the {updatedAt, nmID} cursor until total < limit; products and sizes", async () => {
    const cabinet = await newCabinet();
    const all = Array.from({ length: 230 }, (_, i) => card(i));
    const wb = fakeWb(cardsRoute(all));
    const run = await runDataset(DATASETS.cards, wb.client, cabinet, freshState(cabinet, "cards"));

    expect(wb.calls.map((c) => (c.body as { settings: { cursor: unknown; filter: unknown } }).settings.cursor)).toEqual([
      { limit: 100 },
      { limit: 100, updatedAt: all[99]?.updatedAt, nmID: all[99]?.nmID },
      { limit: 100, updatedAt: all[199]?.updatedAt, nmID: all[199]?.nmID },
    ]);
    expect((wb.calls[0]?.body as { settings: { filter: unknown } }).settings.filter).toEqual({ withPhoto: -1 });
    expect(run.pages.map((p) => p.rows)).toEqual([100, 100, 30]);
    expect(run.cursors[1]).toEqual({ updatedAt: all[99]?.updatedAt, nmID: all[99]?.nmID });

    const stored = await db.select().from(products).where(eq(products.cabinetId, cabinet.id)).orderBy(asc(products.nmId));
    expect(stored).toHaveLength(230);
    expect(stored[0]).toMatchObject({
      nmId: 500_000,
      imtId: 900_000,
      vendorCode: "V-0",
      title: "Футболка 0",
      photoUrl: "https://basket-01.wbbasket.ru/c246x328/500000.webp",
      characteristics: [{ id: 1, name: "Цвет", value: ["белый"] }],
      updatedAtWb: new Date(Date.UTC(2026, 10, 1, 0, 0, 0, 0)),
      syncedAt: NOW,
    });
    expect(stored[1]?.photoUrl).toBeNull();
    const sizes = await db.select().from(productSizes).where(eq(productSizes.cabinetId, cabinet.id));
    expect(sizes).toHaveLength(460);
    expect(sizes.find((s) => s.chrtId === 5_000_001)).toEqual({ cabinetId: cabinet.id, chrtId: 5_000_001, nmId: 500_000, techSize: "44", wbSize: "44", skus: ["5000001"] });

    // Twice: identical. Then a card loses a size on WB: its row goes, the others stay.
    const snapshot = { p: stored, s: await db.select().from(productSizes).where(eq(productSizes.cabinetId, cabinet.id)).orderBy(asc(productSizes.chrtId)) };
    await runDataset(DATASETS.cards, fakeWb(cardsRoute(all)).client, cabinet, freshState(cabinet, "cards"));
    expect({
      p: await db.select().from(products).where(eq(products.cabinetId, cabinet.id)).orderBy(asc(products.nmId)),
      s: await db.select().from(productSizes).where(eq(productSizes.cabinetId, cabinet.id)).orderBy(asc(productSizes.chrtId)),
    }).toEqual(snapshot);
    const shrunk = all.map((c, i) => (i === 5 ? card(5, 1) : c));
    await runDataset(DATASETS.cards, fakeWb(cardsRoute(shrunk)).client, cabinet, freshState(cabinet, "cards"));
    const after = await db.select().from(productSizes).where(eq(productSizes.cabinetId, cabinet.id));
    expect(after).toHaveLength(459);
    expect(after.some((s) => s.chrtId === 5_000_051)).toBe(false);
  });
});

describe("prices", () => {
  it("limit/offset pages of 1000, one row per size in kopecks; a short page ends the run", async () => {
    const cabinet = await newCabinet();
    const goods: WbGoodsPrices[] = Array.from({ length: 1500 }, (_, i) => ({
      nmID: 700_000 + i,
      vendorCode: `V-${i}`,
      sizes: [
        { sizeID: (700_000 + i) * 10, price: 1500, discountedPrice: 1275.5, clubDiscountedPrice: 1211.73, techSizeName: "42" },
        { sizeID: (700_000 + i) * 10 + 1, price: 990 + i, discountedPrice: 841.5, clubDiscountedPrice: 799.43, techSizeName: "44" },
      ],
      currencyIsoCode4217: "RUB",
      discount: 15,
      clubDiscount: 5,
      editableSizePrice: true,
    }));
    const wb = fakeWb((call) => {
      if (call.path !== "/discounts-prices-api/api/v2/list/goods/filter") return notFound(call);
      const limit = Number(call.query.get("limit"));
      const offset = Number(call.query.get("offset"));
      return json({ data: { listGoods: goods.slice(offset, offset + limit) }, error: false, errorText: "" });
    });
    const run = await runDataset(DATASETS.prices, wb.client, cabinet, freshState(cabinet, "prices"));
    expect(wb.calls.map((c) => [c.query.get("limit"), c.query.get("offset")])).toEqual([
      ["1000", "0"],
      ["1000", "1000"],
    ]);
    expect(run.pages.map((p) => p.rows)).toEqual([1000, 500]);
    const stored = await db.select().from(prices).where(eq(prices.cabinetId, cabinet.id)).orderBy(asc(prices.chrtId));
    expect(stored).toHaveLength(3000);
    expect(stored[3]).toEqual({
      cabinetId: cabinet.id,
      nmId: 700_001,
      chrtId: 7_000_011,
      techSize: "44",
      priceKopecks: 99_100,
      discountedPriceKopecks: 84_150,
      clubDiscountedPriceKopecks: 79_943,
      discountPercent: 15,
      clubDiscountPercent: 5,
      syncedAt: NOW,
    });
    await runDataset(DATASETS.prices, wb.client, cabinet, freshState(cabinet, "prices"));
    expect(await db.select().from(prices).where(eq(prices.cabinetId, cabinet.id)).orderBy(asc(prices.chrtId))).toEqual(stored);
  });
});

// --- stocks --------------------------------------------------------------------------------------

function stock(chrtId: number, quantity: number, inWayToClient = 0, inWayFromClient = 0): WbWarehouseStock {
  return { nmId: Math.floor(chrtId / 10), chrtId, warehouseId: -999999, warehouseName: "Склад WB", regionName: "Склад WB", quantity, inWayToClient, inWayFromClient };
}

function stocksRoute(items: () => WbWarehouseStock[]) {
  return (call: Call): Response => {
    if (call.path !== "/seller-analytics-api/api/analytics/v1/stocks-report/wb-warehouses") return notFound(call);
    const { limit, offset } = call.body as { limit: number; offset: number };
    return json({ data: { items: items().slice(offset, offset + limit) } });
  };
}

async function stockTables(cabinetId: string) {
  return {
    snapshots: await db
      .select()
      .from(stockSnapshots)
      .where(eq(stockSnapshots.cabinetId, cabinetId))
      .orderBy(asc(stockSnapshots.chrtId)),
    history: await db
      .select()
      .from(stockHistoryDaily)
      .where(eq(stockHistoryDaily.cabinetId, cabinetId))
      .orderBy(asc(stockHistoryDaily.day), asc(stockHistoryDaily.chrtId)),
  };
}

describe("stocks", () => {
  it("replaces the snapshot across pages, deletes sizes gone from the report, records today's history", async () => {
    const cabinet = await newCabinet();
    const dataset = createStocksDataset({ pageSize: 2 });
    let report = [stock(10, 5, 1), stock(20, 3), stock(30, 0, 0, 2)];
    const wb = fakeWb(stocksRoute(() => report));

    const run = await runDataset(dataset, wb.client, cabinet, freshState(cabinet, "stocks"));
    expect(run.cursors).toEqual([
      null,
      { source: "wbWarehouses", offset: 0, stamp: NOW.getTime() },
      { source: "wbWarehouses", offset: 2, stamp: NOW.getTime() },
    ]);
    expect(run.pages.map((p) => p.rows)).toEqual([0, 2, 1]);
    expect(wb.calls.map((c) => c.body)).toEqual([
      { limit: 2, offset: 0 },
      { limit: 2, offset: 2 },
    ]);
    const first = await stockTables(cabinet.id);
    expect(first.snapshots.map((s) => [s.chrtId, s.warehouseName, s.nmId, s.quantity, s.inWayToClient, s.inWayFromClient, s.updatedAt])).toEqual([
      [10, "Склад WB", 1, 5, 1, 0, NOW],
      [20, "Склад WB", 2, 3, 0, 0, NOW],
      [30, "Склад WB", 3, 0, 0, 2, NOW],
    ]);
    expect(first.history).toEqual([
      { cabinetId: cabinet.id, day: "2026-11-24", chrtId: 10, nmId: 1, quantity: 5, inWayToClient: 1, inWayFromClient: 0 },
      { cabinetId: cabinet.id, day: "2026-11-24", chrtId: 20, nmId: 2, quantity: 3, inWayToClient: 0, inWayFromClient: 0 },
      { cabinetId: cabinet.id, day: "2026-11-24", chrtId: 30, nmId: 3, quantity: 0, inWayToClient: 0, inWayFromClient: 2 },
    ]);

    // The same run again: identical tables.
    await runDataset(dataset, wb.client, cabinet, freshState(cabinet, "stocks"));
    expect(await stockTables(cabinet.id)).toEqual(first);

    // 30 minutes later size 20 is sold out and gone from the report; size 40 arrives.
    const later = new Date(NOW.getTime() + 30 * MINUTE);
    report = [stock(10, 4), stock(30, 1), stock(40, 7)];
    await runDataset(dataset, wb.client, cabinet, freshState(cabinet, "stocks"), later);
    const second = await stockTables(cabinet.id);
    expect(second.snapshots.map((s) => [s.chrtId, s.quantity, s.updatedAt])).toEqual([
      [10, 4, later],
      [30, 1, later],
      [40, 7, later],
    ]);
    expect(second.history.map((h) => [h.day, h.chrtId, h.quantity])).toEqual([
      ["2026-11-24", 10, 4],
      ["2026-11-24", 20, 0],
      ["2026-11-24", 30, 1],
      ["2026-11-24", 40, 7],
    ]);

    // Next Moscow day: a new history day; yesterday's rows stay.
    const tomorrow = new Date(NOW.getTime() + DAY);
    await runDataset(dataset, wb.client, cabinet, freshState(cabinet, "stocks"), tomorrow);
    const third = await stockTables(cabinet.id);
    expect(third.history.filter((h) => h.day === "2026-11-25").map((h) => [h.chrtId, h.quantity])).toEqual([
      [10, 4],
      [30, 1],
      [40, 7],
    ]);
    expect(third.history.filter((h) => h.day === "2026-11-24")).toEqual(second.history);
  });

  it("base tokens use the warehouse_remains report, matched to sizes by barcode", async () => {
    const cabinet = await newCabinet("base");
    await db.insert(productSizes).values([
      { cabinetId: cabinet.id, chrtId: 11, nmId: 1, techSize: "42", wbSize: "42", skus: ["2001"] },
      { cabinetId: cabinet.id, chrtId: 12, nmId: 1, techSize: "44", wbSize: "44", skus: ["2002", "2003"] },
    ]);
    const wb = fakeWb((call) => {
      switch (call.path) {
        case "/seller-analytics-api/api/v1/warehouse_remains":
          return json({ data: { taskId: "task-1" } });
        case "/seller-analytics-api/api/v1/warehouse_remains/tasks/task-1/status":
          return json({ data: { id: "task-1", status: "done" } });
        case "/seller-analytics-api/api/v1/warehouse_remains/tasks/task-1/download":
          return json([
            {
              brand: "Тест",
              subjectName: "Футболки",
              vendorCode: "V-1",
              nmId: 1,
              barcode: "2001",
              techSize: "42",
              volume: 1.2,
              warehouses: [
                { warehouseName: "В пути до получателей", quantity: 2 },
                { warehouseName: "В пути возвраты на склад WB", quantity: 1 },
                { warehouseName: "Всего находится на складах", quantity: 9 },
                { warehouseName: "Склад WB РФ", quantity: 7 },
                { warehouseName: "Склад WB СГТ РФ", quantity: 2 },
              ],
            },
            { nmId: 1, barcode: "2003", techSize: "44", warehouses: [{ warehouseName: "Склад WB РФ", quantity: 4 }] },
            { nmId: 9, barcode: "unknown", techSize: "0", warehouses: [{ warehouseName: "Склад WB РФ", quantity: 1 }] },
          ]);
        default:
          return notFound(call);
      }
    });
    const run = await runDataset(DATASETS.stocks, wb.client, cabinet, freshState(cabinet, "stocks"));
    expect(run.cursors).toEqual([null, { source: "remains", stamp: NOW.getTime() }]);
    expect(wb.calls.map((c) => c.path.replace("/seller-analytics-api", ""))).toEqual([
      "/api/v1/warehouse_remains",
      "/api/v1/warehouse_remains/tasks/task-1/status",
      "/api/v1/warehouse_remains/tasks/task-1/download",
    ]);
    expect(wb.calls[0]?.query.get("groupByBarcode")).toBe("true");
    const { snapshots, history } = await stockTables(cabinet.id);
    expect(snapshots.map((s) => [s.chrtId, s.warehouseName, s.nmId, s.quantity, s.inWayToClient, s.inWayFromClient])).toEqual([
      [11, "Склад WB", 1, 9, 2, 1],
      [12, "Склад WB", 1, 4, 0, 0],
    ]);
    expect(history.map((h) => [h.day, h.chrtId, h.quantity])).toEqual([
      ["2026-11-24", 11, 9],
      ["2026-11-24", 12, 4],
    ]);
  });

  it("refuses to replace the snapshot with a remains report that matches no synced size", async () => {
    const cabinet = await newCabinet("base");
    const wb = fakeWb((call) => {
      if (call.path.endsWith("/warehouse_remains")) return json({ data: { taskId: "t" } });
      if (call.path.endsWith("/status")) return json({ data: { id: "t", status: "done" } });
      return json([{ nmId: 1, barcode: "2001", warehouses: [{ warehouseName: "Склад WB РФ", quantity: 3 }] }]);
    });
    await expect(
      DATASETS.stocks.fetchPage({ db, client: wb.client, cabinet, state: freshState(cabinet, "stocks"), now: NOW }, { source: "remains", stamp: 1 }),
    ).rejects.toThrow(/карточки/);
  });
});

// --- feedbacks and questions ----------------------------------------------------------------------

interface Reviewable {
  id: string;
  createdDate?: string;
  answer?: { text?: string } | null;
}

/** WB's list semantics: isAnswered, dateFrom/dateTo (unix s, inclusive), newest first, skip/take. */
function listRoute<T extends Reviewable>(path: string, key: "feedbacks" | "questions", items: () => T[]) {
  return (call: Call): Response => {
    if (call.path !== path) return notFound(call);
    const q = call.query;
    const answered = q.get("isAnswered") === "true";
    const from = q.has("dateFrom") ? Number(q.get("dateFrom")) : -Infinity;
    const to = q.has("dateTo") ? Number(q.get("dateTo")) : Infinity;
    expect(q.get("order")).toBe("dateDesc");
    const unix = (t: T) => Math.floor(parseMoscowDateTime(t.createdDate as string).getTime() / 1000);
    const list = items()
      .filter((t) => Boolean(t.answer?.text) === answered && unix(t) >= from && unix(t) <= to)
      .sort((a, b) => unix(b) - unix(a));
    const skip = Number(q.get("skip"));
    const take = Number(q.get("take"));
    return json({ data: { countUnanswered: 0, countArchive: 0, [key]: list.slice(skip, skip + take) }, error: false, errorText: "", additionalErrors: null });
  };
}

function feedback(id: string, createdDate: string, answer: string | null, rating = 5): WbFeedback {
  return {
    id,
    text: `Отзыв ${id}`,
    pros: "",
    cons: "",
    productValuation: rating,
    createdDate,
    answer: answer === null ? null : { text: answer, state: "wbRu", editable: false },
    state: answer === null ? "none" : "wbRu",
    productDetails: { imtId: 1, nmId: 101, productName: "Футболка", supplierArticle: "ART-101", supplierName: "ИП", brandName: "Тест", size: "44" },
    video: null,
    wasViewed: false,
    photoLinks: null,
    userName: "Покупатель",
    orderStatus: "buyout",
  };
}

const FEEDBACKS_PATH = "/feedbacks-api/api/v1/feedbacks";
const unixOf = (s: string) => Math.floor(parseMoscowDateTime(s).getTime() / 1000);

describe("feedbacks", () => {
  it("unanswered then answered, newest first, skip paging then date windows; later runs catch answers given elsewhere", async () => {
    const cabinet = await newCabinet();
    // take 2 and a skip limit of 2 exercise both paging mechanisms on a small fixture.
    const dataset = reviewsDataset({ ...feedbacksSpec, take: 2, maxSkip: 2 });
    let items: WbFeedback[] = [
      feedback("u1", "2026-11-20T10:00:00+03:00", null, 2),
      feedback("u2", "2026-11-24T08:00:00+03:00", null),
      feedback("u3", "2026-11-23T10:00:00+03:00", null),
      ...[1, 2, 3, 4, 5].map((d) => feedback(`a${d}`, `2026-11-0${d}T12:00:00+03:00`, `Спасибо ${d}`)),
    ];
    const wb = fakeWb(listRoute(FEEDBACKS_PATH, "feedbacks", () => items));
    const run = await runDataset(dataset, wb.client, cabinet, freshState(cabinet, "feedbacks"));

    const a2 = unixOf("2026-11-02T12:00:00+03:00");
    expect(wb.calls.map((c) => Object.fromEntries(c.query))).toEqual([
      { isAnswered: "false", take: "2", skip: "0", order: "dateDesc" },
      { isAnswered: "false", take: "2", skip: "2", order: "dateDesc" },
      { isAnswered: "true", take: "2", skip: "0", order: "dateDesc" },
      { isAnswered: "true", take: "2", skip: "2", order: "dateDesc" },
      // skip 4 would pass the limit: continue below the last item's date instead.
      { isAnswered: "true", take: "2", skip: "0", order: "dateDesc", dateTo: String(a2 + 1) },
      { isAnswered: "true", take: "2", skip: "2", order: "dateDesc", dateTo: String(a2 + 1) },
    ]);
    expect(run.pages.map((p) => p.rows)).toEqual([2, 1, 2, 2, 2, 0]);
    const stored = await db.select().from(feedbacks).where(eq(feedbacks.cabinetId, cabinet.id)).orderBy(asc(feedbacks.id));
    expect(stored.map((f) => [f.id, f.isAnswered, f.answerSource])).toEqual([
      ["a1", true, "wb"],
      ["a2", true, "wb"],
      ["a3", true, "wb"],
      ["a4", true, "wb"],
      ["a5", true, "wb"],
      ["u1", false, null],
      ["u2", false, null],
      ["u3", false, null],
    ]);
    expect(stored.find((f) => f.id === "u1")).toMatchObject({ rating: 2, createdAt: new Date("2026-11-20T07:00:00.000Z"), nmId: 101, syncedAt: NOW });

    // Same data again: identical rows.
    await runDataset(dataset, fakeWb(listRoute(FEEDBACKS_PATH, "feedbacks", () => items)).client, cabinet, freshState(cabinet, "feedbacks"));
    expect(await db.select().from(feedbacks).where(eq(feedbacks.cabinetId, cabinet.id)).orderBy(asc(feedbacks.id))).toEqual(stored);

    // A day later: u1 was answered in WB's portal; a new feedback n1 arrived; our bot answered u2
    // ten minutes ago, but WB still lists u2 as unanswered.
    const later = new Date(NOW.getTime() + DAY);
    await db
      .update(feedbacks)
      .set({ isAnswered: true, answerText: "Спасибо за отзыв!", answerSource: "bot", answeredAt: new Date(later.getTime() - 10 * MINUTE) })
      .where(and(eq(feedbacks.cabinetId, cabinet.id), eq(feedbacks.id, "u2")));
    items = items.map((f) => (f.id === "u1" ? feedback("u1", "2026-11-20T10:00:00+03:00", "Заменим товар", 2) : f));
    items.push(feedback("n1", "2026-11-25T09:00:00+03:00", null));
    const wb2 = fakeWb(listRoute(FEEDBACKS_PATH, "feedbacks", () => items));
    await runDataset(dataset, wb2.client, cabinet, freshState(cabinet, "feedbacks"), later);

    // The answered list is read from u1's date (the oldest item that left the unanswered list),
    // not from the newest stored date (u2's, minus an hour).
    const answeredCalls = wb2.calls.filter((c) => c.query.get("isAnswered") === "true");
    expect(answeredCalls.map((c) => c.query.get("dateFrom"))).toEqual([String(unixOf("2026-11-20T10:00:00+03:00"))]);
    const after = await db.select().from(feedbacks).where(eq(feedbacks.cabinetId, cabinet.id)).orderBy(asc(feedbacks.id));
    expect(after.find((f) => f.id === "u1")).toMatchObject({ isAnswered: true, answerText: "Заменим товар", answerSource: "wb" });
    expect(after.find((f) => f.id === "u2")).toMatchObject({ isAnswered: true, answerText: "Спасибо за отзыв!", answerSource: "bot" });
    expect(after.find((f) => f.id === "n1")).toMatchObject({ isAnswered: false, answerSource: null, createdAt: new Date("2026-11-25T06:00:00.000Z") });
    expect(after).toHaveLength(9);

    // Without anything stale, the answered list starts an hour before the newest stored item.
    const wb3 = fakeWb(listRoute(FEEDBACKS_PATH, "feedbacks", () => items));
    await runDataset(dataset, wb3.client, cabinet, freshState(cabinet, "feedbacks"), later);
    expect(wb3.calls.filter((c) => c.query.get("isAnswered") === "true").map((c) => c.query.get("dateFrom"))).toEqual([
      String(unixOf("2026-11-25T09:00:00+03:00") - 3600),
    ]);
  });
});

describe("questions", () => {
  it("stores questions with answers and their dates; take + skip stays within 10 000", async () => {
    const cabinet = await newCabinet();
    const question = (id: string, createdDate: string, answer: string | null): WbQuestion => ({
      id,
      text: `Вопрос ${id}`,
      createdDate,
      state: answer === null ? "suppliersPortalSynch" : "wbRu",
      answer: answer === null ? null : { text: answer, editable: true, createDate: "2026-11-24T10:00:00Z" },
      productDetails: { imtId: 1, nmId: 202, productName: "Куртка", supplierArticle: "ART-202", supplierName: "ИП", brandName: "Тест" },
      wasViewed: true,
      isWarned: false,
    });
    const items = [question("q1", "2026-11-24T09:00:00Z", null), question("q2", "2026-11-23T09:00:00Z", "Да, есть"), question("q3", "2026-11-22T09:00:00Z", "Нет")];
    const wb = fakeWb(listRoute("/feedbacks-api/api/v1/questions", "questions", () => items));
    const run = await runDataset(DATASETS.questions, wb.client, cabinet, freshState(cabinet, "questions"));
    expect(wb.calls.map((c) => [c.query.get("isAnswered"), c.query.get("take"), c.query.get("skip")])).toEqual([
      ["false", "5000", "0"],
      ["true", "5000", "0"],
    ]);
    for (const c of wb.calls) expect(Number(c.query.get("take")) + Number(c.query.get("skip"))).toBeLessThanOrEqual(10_000);
    expect(run.pages.map((p) => p.rows)).toEqual([1, 2]);
    const stored = await db.select().from(questions).where(eq(questions.cabinetId, cabinet.id)).orderBy(asc(questions.id));
    expect(stored.map((q) => [q.id, q.isAnswered, q.answerText, q.answeredAt, q.answerSource, q.state])).toEqual([
      ["q1", false, null, null, null, "suppliersPortalSynch"],
      ["q2", true, "Да, есть", new Date("2026-11-24T10:00:00.000Z"), "wb", "wbRu"],
      ["q3", true, "Нет", new Date("2026-11-24T10:00:00.000Z"), "wb", "wbRu"],
    ]);
  });
});

// --- finance ----------------------------------------------------------------------------------------

describe("finance", () => {
  const financeRow = (rrdId: number, rrDate: string) => ({
    reportId: 9_223_372_036_854_775_000, // int64 beyond 2^53 (a JSON number, as WB sends it)
    dateFrom: "2026-11-10",
    dateTo: "2026-11-16",
    createDate: "2026-11-17",
    currency: "RUB",
    reportType: 1,
    rrdId,
    nmId: 101,
    sku: "20101",
    docTypeName: "Продажа",
    sellerOperName: "Продажа",
    quantity: 1,
    rrDate,
    orderDt: "2026-11-08T00:00:00Z",
    saleDt: "2026-11-12T00:00:00Z",
    retailPrice: "1249",
    retailPriceWithDisc: "399.68",
    retailAmount: "367",
    forPay: "376.99",
    deliveryService: "-12.5",
    paidStorage: "0.31",
    isB2b: false,
  });

  it("follows the rrdId cursor until 204; first window 90 days, later from the last rr_date − 7 days", async () => {
    const cabinet = await newCabinet();
    const all = [10, 20, 30, 40, 50].map((id, i) => financeRow(id, `2026-11-1${i}`));
    const route = (call: Call): Response => {
      if (call.path !== "/finance-api/api/finance/v1/sales-reports/detailed") return notFound(call);
      const { rrdId } = call.body as { rrdId: number };
      const page = all.filter((r) => r.rrdId > rrdId).slice(0, 2);
      if (page.length === 0) return new Response(null, { status: 204 });
      // The int64 goes out as a bare JSON number, digits intact.
      return new Response(JSON.stringify(page).replaceAll('"reportId":9223372036854775000', '"reportId":9223372036854775807'), { status: 200 });
    };
    const wb = fakeWb(route);
    const run = await runDataset(DATASETS.finance, wb.client, cabinet, freshState(cabinet, "finance"));
    expect(wb.calls.map((c) => c.body)).toEqual(
      [0, 20, 40, 50].map((rrdId) => ({ dateFrom: "2026-08-26", dateTo: "2026-11-24", limit: 10_000, rrdId, period: "weekly" })),
    );
    expect(run.pages.map((p) => p.rows)).toEqual([2, 2, 1, 0]);
    const stored = await db.select().from(financeReportRows).where(eq(financeReportRows.cabinetId, cabinet.id)).orderBy(asc(financeReportRows.rrdId));
    expect(stored.map((r) => r.rrdId)).toEqual([10, 20, 30, 40, 50]);
    expect(stored[0]).toMatchObject({
      reportId: "9223372036854775807",
      rrDate: "2026-11-10",
      forPayKopecks: 37_699,
      retailPriceWithDiscKopecks: 39_968,
      deliveryServiceKopecks: -1_250,
      paidStorageKopecks: 31,
      saleAt: new Date("2026-11-12T00:00:00.000Z"),
    });

    const wb2 = fakeWb(route);
    await runDataset(DATASETS.finance, wb2.client, cabinet, freshState(cabinet, "finance"));
    // Newest stored rr_date is 2026-11-14: re-read from 2026-11-07.
    expect((wb2.calls[0]?.body as { dateFrom: string }).dateFrom).toBe("2026-11-07");
    expect(await db.select().from(financeReportRows).where(eq(financeReportRows.cabinetId, cabinet.id)).orderBy(asc(financeReportRows.rrdId))).toEqual(stored);
  });
});
