// The WB datasets against the built-in WB sandbox (workers/wb/sandbox), inside workerd with real
// local D1: every request goes through the sandbox's routing, token checks and rate limits. The
// sandbox clock is the test's; the client's sleep advances it, so a 429's X-Ratelimit-Retry
// wait passes in simulated time while new orders keep arriving, as they would on WB. After each
// run the tables are compared with what the sandbox serves at the final clock.

import { env } from "cloudflare:workers";
import { asc, eq } from "drizzle-orm";
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
  type SyncDataset,
  type SyncState,
} from "../../db/schema";
import { createDb } from "../../workers/db/client";
import { addDays, moscowDayStart } from "../../workers/domain/calendar-day";
import { toMoscowDate } from "../../workers/domain/moscow-time";
import { wbOrderToRow, wbSaleToRow, wbStocksToSnapshotRows } from "../../workers/domain/wb-rows";
import type { DatasetSync, PageResult } from "../../workers/sync/dataset";
import { DATASETS } from "../../workers/sync/datasets";
import { WbClient } from "../../workers/wb/client";
import type { WbTokenType } from "../../workers/wb/methods";
import { createWbSandbox } from "../../workers/wb/sandbox/server";
import { makeSandboxToken } from "../../workers/wb/sandbox/tokens";
import type { WbOrder, WbSale, WbWarehouseStock } from "../../workers/wb/types";

const db = createDb(env.DB);
const HOUR = 3_600_000;
/** 2026-11-24 12:00 Moscow. */
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

interface Harness {
  clock: { t: number };
  sandbox: ReturnType<typeof createWbSandbox>;
  client: WbClient;
  cabinet: Cabinet;
  calls: URL[];
}

async function harness(tokenType: Exclude<WbTokenType, "test"> = "personal"): Promise<Harness> {
  const clock = { t: T0 };
  const sandbox = createWbSandbox({ seed: 20261124, now: () => new Date(clock.t) });
  const calls: URL[] = [];
  const client = new WbClient({
    token: makeSandboxToken({ type: tokenType, issuedAt: new Date(T0 - HOUR) }),
    apiBase: "http://sandbox/wb-sandbox",
    fetch: (url, init) => {
      calls.push(new URL(url));
      return sandbox.fetch(new Request(url, init));
    },
    // Waiting is simulated: the sandbox clock moves instead of the test sleeping.
    sleep: async (ms) => {
      clock.t += ms;
    },
    random: () => 0.5,
    maxRetries: 5,
    maxRetryWaitMs: 4 * HOUR,
  });
  const [cabinet] = await db
    .insert(cabinets)
    .values({ name: "sandbox", tokenCiphertext: "c", tokenIv: "i", tokenType, wbApiBase: "http://sandbox/wb-sandbox" })
    .returning();
  if (!cabinet) throw new Error("no cabinet");
  return { clock, sandbox, client, cabinet, calls };
}

function freshState(cabinet: Cabinet, dataset: SyncDataset): SyncState {
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
  };
}

/** One run as the pipeline drives it; `now` for each page is the sandbox clock. */
async function runDataset(h: Harness, dataset: DatasetSync, state: SyncState): Promise<{ pages: PageResult[]; state: SyncState }> {
  const pages: PageResult[] = [];
  let cursor: JsonValue | null = state.cursor;
  for (;;) {
    const page = await dataset.fetchPage({ db, client: h.client, cabinet: h.cabinet, state, now: new Date(h.clock.t) }, cursor);
    for (const s of page.statements) expect((s as unknown as { toSQL(): { params: unknown[] } }).toSQL().params.length).toBeLessThanOrEqual(100);
    if (page.statements.length > 0) await db.batch(page.statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
    pages.push(page);
    cursor = page.nextCursor === null ? null : (JSON.parse(JSON.stringify(page.nextCursor)) as JsonValue);
    state = { ...state, cursor, backfillDone: state.backfillDone || page.backfillDone === true, backfillProgress: page.backfillProgress ?? state.backfillProgress };
    if (cursor === null) return { pages, state };
    if (pages.length > 1000) throw new Error("the run does not end");
  }
}

const bySrid = <T extends { srid: string }>(rows: T[]) => [...rows].sort((a, b) => (a.srid < b.srid ? -1 : a.srid > b.srid ? 1 : 0));
const bySaleId = <T extends { saleId: string }>(rows: T[]) => [...rows].sort((a, b) => (a.saleId < b.saleId ? -1 : a.saleId > b.saleId ? 1 : 0));

async function storedOrders(cabinetId: string) {
  return db.select().from(orders).where(eq(orders.cabinetId, cabinetId)).orderBy(asc(orders.srid));
}

async function storedSales(cabinetId: string) {
  return db.select().from(sales).where(eq(sales.cabinetId, cabinetId)).orderBy(asc(sales.saleId));
}

/** The rollups the stored orders and sales imply, computed in JS. */
async function rollupsFromScratch(cabinetId: string) {
  const map = new Map<string, { day: string; nmId: number; oc: number; os: number; cc: number; sc: number; ss: number; rc: number; rs: number; fp: number }>();
  const at = (day: string, nmId: number) => {
    const key = `${day}|${nmId}`;
    let r = map.get(key);
    if (!r) map.set(key, (r = { day, nmId, oc: 0, os: 0, cc: 0, sc: 0, ss: 0, rc: 0, rs: 0, fp: 0 }));
    return r;
  };
  for (const o of await storedOrders(cabinetId)) {
    for (const r of [at(toMoscowDate(o.orderedAt), o.nmId), at(toMoscowDate(o.orderedAt), 0)]) {
      r.oc++;
      r.os += o.priceWithDiscKopecks;
      if (o.isCancel) r.cc++;
    }
  }
  for (const s of await storedSales(cabinetId)) {
    for (const r of [at(toMoscowDate(s.soldAt), s.nmId), at(toMoscowDate(s.soldAt), 0)]) {
      if (s.isReturn) {
        r.rc++;
        r.rs += Math.abs(s.priceWithDiscKopecks);
        r.fp -= Math.abs(s.forPayKopecks);
      } else {
        r.sc++;
        r.ss += s.priceWithDiscKopecks;
        r.fp += s.forPayKopecks;
      }
    }
  }
  return [...map.values()]
    .sort((a, b) => (a.day === b.day ? a.nmId - b.nmId : a.day < b.day ? -1 : 1))
    .map((r) => [r.day, r.nmId, r.oc, r.os, r.cc, r.sc, r.ss, r.rc, r.rs, r.fp]);
}

async function storedRollups(cabinetId: string) {
  const rows = await db.select().from(dailyRollups).where(eq(dailyRollups.cabinetId, cabinetId)).orderBy(asc(dailyRollups.day), asc(dailyRollups.nmId));
  return rows.map((r) => [r.day, r.nmId, r.ordersCount, r.ordersSumKopecks, r.cancelsCount, r.salesCount, r.salesSumKopecks, r.returnsCount, r.returnsSumKopecks, r.forPayKopecks]);
}

describe("orders and sales against the sandbox", () => {
  it("a personal token backfills 90 days newest first within WB's limits, then catches up; tables equal the sandbox", { timeout: 120_000 }, async () => {
    const h = await harness("personal");
    const today = toMoscowDate(new Date(T0));
    const windowStart = moscowDayStart(addDays(today, -89));
    const ordersRun = await runDataset(h, DATASETS.orders, freshState(h.cabinet, "orders"));
    // Compared at the end of each run: the sandbox keeps publishing orders while time passes.
    const expectedOrders = bySrid(h.sandbox.data.orders(windowStart).map((o) => wbOrderToRow(h.cabinet.id, o as WbOrder)));
    expect(await storedOrders(h.cabinet.id)).toEqual(expectedOrders);
    const salesRun = await runDataset(h, DATASETS.sales, freshState(h.cabinet, "sales"));
    const expectedSales = bySaleId(h.sandbox.data.sales(windowStart).map((s) => wbSaleToRow(h.cabinet.id, s as WbSale)));
    expect(await storedSales(h.cabinet.id)).toEqual(expectedSales);

    // Newest day first, one call per day, 90 days; then the incremental catch-up.
    const dayCalls = h.calls.filter((u) => u.pathname.endsWith("/supplier/orders") && u.searchParams.get("flag") === "1");
    const days = [...new Set(dayCalls.map((u) => (u.searchParams.get("dateFrom") ?? "").slice(0, 10)))];
    expect(days).toHaveLength(90);
    expect(days[0]).toBe(today);
    expect(days).toEqual([...days].sort().reverse());
    expect(days.at(-1)).toBe(addDays(today, -89));
    const progress = ordersRun.pages.map((p) => p.backfillProgress).filter((p): p is number => p !== undefined);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
    expect(ordersRun.state.backfillDone).toBe(true);
    expect(salesRun.state.backfillDone).toBe(true);
    // The limits were respected by waiting (simulated), not by luck: 90 calls at 1/min, burst 10.
    expect(h.clock.t - T0).toBeGreaterThan(80 * 60_000);

    expect(expectedOrders.length).toBeGreaterThan(1000);
    expect(expectedSales.some((s) => s.isReturn)).toBe(true);
    expect(await storedRollups(h.cabinet.id)).toEqual(await rollupsFromScratch(h.cabinet.id));

    // Three hours on, an ordinary incremental run brings the table level with the sandbox again.
    h.clock.t += 3 * HOUR;
    const before = h.calls.length;
    await runDataset(h, DATASETS.orders, { ...freshState(h.cabinet, "orders"), backfillDone: true });
    expect(h.calls.length - before).toBeLessThanOrEqual(2);
    const placedOrChanged = new Map(bySrid(h.sandbox.data.orders(windowStart).map((o) => wbOrderToRow(h.cabinet.id, o as WbOrder))).map((o) => [o.srid, o]));
    const stored = await storedOrders(h.cabinet.id);
    expect(stored).toEqual([...placedOrChanged.values()]);
    expect(await storedRollups(h.cabinet.id)).toEqual(await rollupsFromScratch(h.cabinet.id));
  });

  it("a base token loads the window by a lastChangeDate scan, one call per 3 hours", { timeout: 60_000 }, async () => {
    const h = await harness("base");
    const run = await runDataset(h, DATASETS.orders, freshState(h.cabinet, "orders"));
    const calls = h.calls.filter((u) => u.pathname.endsWith("/supplier/orders"));
    expect(calls.every((u) => u.searchParams.get("flag") === "0")).toBe(true);
    expect(run.state.backfillDone).toBe(true);
    // The whole window fits WB's page: one call (a second, 3 h later, only if the first was full).
    expect(run.pages.length).toBeLessThanOrEqual(2);
    const from = moscowDayStart(addDays(toMoscowDate(new Date(T0)), -89));
    const expected = bySrid(h.sandbox.data.orders(from, undefined, { by: "lastChangeDate" }).map((o) => wbOrderToRow(h.cabinet.id, o as WbOrder)));
    expect(await storedOrders(h.cabinet.id)).toEqual(expected);
    expect(await storedRollups(h.cabinet.id)).toEqual(await rollupsFromScratch(h.cabinet.id));
  });
});

describe("catalogue, stocks, reviews and finance against the sandbox", () => {
  it("every dataset's run ends and stores what the sandbox serves", { timeout: 120_000 }, async () => {
    const h = await harness("personal");
    const cab = h.cabinet.id;

    await runDataset(h, DATASETS.cards, freshState(h.cabinet, "cards"));
    const cards = h.sandbox.data.cards();
    expect(cards.length).toBeGreaterThan(100);
    const storedProducts = await db.select().from(products).where(eq(products.cabinetId, cab)).orderBy(asc(products.nmId));
    expect(storedProducts.map((p) => p.nmId)).toEqual(cards.map((c) => c.nmID).sort((a, b) => a - b));
    const storedSizes = await db.select().from(productSizes).where(eq(productSizes.cabinetId, cab)).orderBy(asc(productSizes.chrtId));
    expect(storedSizes.map((s) => s.chrtId)).toEqual(cards.flatMap((c) => (c.sizes ?? []).map((s) => s.chrtID as number)).sort((a, b) => a - b));

    await runDataset(h, DATASETS.prices, freshState(h.cabinet, "prices"));
    const goods = h.sandbox.data.prices();
    const storedPrices = await db.select().from(prices).where(eq(prices.cabinetId, cab)).orderBy(asc(prices.nmId), asc(prices.chrtId));
    const expectedPrices = goods
      .flatMap((g) => (g.sizes ?? []).map((s) => [g.nmID, s.sizeID, Math.round(s.price * 100), Math.round(s.discountedPrice * 100)]))
      .sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
    expect(storedPrices.map((p) => [p.nmId, p.chrtId, p.priceKopecks, p.discountedPriceKopecks])).toEqual(expectedPrices);

    const stocksRun = await runDataset(h, DATASETS.stocks, freshState(h.cabinet, "stocks"));
    const stamp = new Date((stocksRun.pages[0]?.nextCursor as { stamp: number }).stamp);
    const expectedStocks = wbStocksToSnapshotRows(cab, h.sandbox.data.stocks() as WbWarehouseStock[], stamp).sort((a, b) => a.chrtId - b.chrtId);
    const storedStocks = await db.select().from(stockSnapshots).where(eq(stockSnapshots.cabinetId, cab)).orderBy(asc(stockSnapshots.chrtId));
    expect(storedStocks).toEqual(expectedStocks);
    const history = await db.select().from(stockHistoryDaily).where(eq(stockHistoryDaily.cabinetId, cab));
    expect(history).toHaveLength(new Set(expectedStocks.map((s) => s.chrtId)).size);

    await runDataset(h, DATASETS.feedbacks, freshState(h.cabinet, "feedbacks"));
    const wbFeedbacks = await h.sandbox.data.feedbacks();
    const storedFeedbacks = await db.select().from(feedbacks).where(eq(feedbacks.cabinetId, cab)).orderBy(asc(feedbacks.id));
    expect(storedFeedbacks.map((f) => [f.id, f.isAnswered])).toEqual(
      wbFeedbacks.map((f) => [f.id, Boolean(f.answer?.text?.trim())]).sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    );

    await runDataset(h, DATASETS.questions, freshState(h.cabinet, "questions"));
    const wbQuestions = await h.sandbox.data.questions();
    const storedQuestions = await db.select().from(questions).where(eq(questions.cabinetId, cab)).orderBy(asc(questions.id));
    expect(storedQuestions.map((q) => [q.id, q.isAnswered])).toEqual(
      wbQuestions.map((q) => [q.id, Boolean(q.answer?.text?.trim())]).sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    );

    const today = toMoscowDate(new Date(h.clock.t));
    await runDataset(h, DATASETS.finance, freshState(h.cabinet, "finance"));
    const wbFinance = h.sandbox.data.financeRows(moscowDayStart(addDays(today, -90)), moscowDayStart(today));
    const storedFinance = await db.select().from(financeReportRows).where(eq(financeReportRows.cabinetId, cab)).orderBy(asc(financeReportRows.rrdId));
    expect(wbFinance.length).toBeGreaterThan(0);
    expect(storedFinance.map((r) => [r.rrdId, r.reportId, r.nmId])).toEqual(wbFinance.map((r) => [r.rrdId, String(r.reportId), r.nmId]));
  });

  it("a base token's stocks come from warehouse_remains, matched to the synced sizes", { timeout: 60_000 }, async () => {
    const h = await harness("base");
    await runDataset(h, DATASETS.cards, freshState(h.cabinet, "cards"));
    await runDataset(h, DATASETS.stocks, freshState(h.cabinet, "stocks"));
    expect(h.calls.some((u) => u.pathname.endsWith("/api/v1/warehouse_remains"))).toBe(true);
    expect(h.calls.some((u) => u.pathname.endsWith("/stocks-report/wb-warehouses"))).toBe(false);
    // Per size, the stock equals what the stocks report (closed to base tokens) would say.
    const expected = new Map<number, number>();
    for (const s of h.sandbox.data.stocks()) expected.set(s.chrtId as number, (expected.get(s.chrtId as number) ?? 0) + (s.quantity as number));
    const stored = await db.select().from(stockSnapshots).where(eq(stockSnapshots.cabinetId, h.cabinet.id));
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored) expect(row.quantity, `chrt ${row.chrtId}`).toBe(expected.get(row.chrtId) ?? 0);
  });
});
