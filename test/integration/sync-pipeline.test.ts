import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";

import { type CabinetStatus, type JsonValue, type NewOrder, SYNC_DATASETS, type SyncDataset, cabinets, orders, syncState } from "../../db/schema";
import { bulkUpsert } from "../../workers/db/bulk-upsert";
import { createDb } from "../../workers/db/client";
import type { DatasetRegistry, SyncDeps } from "../../workers/jobs/deps";
import { handleQueue } from "../../workers/jobs/queue";
import { enqueueDueSyncs, handleScheduled } from "../../workers/jobs/scheduled";
import { SyncNowError, syncNow } from "../../workers/jobs/sync-now";
import { wbClientForCabinet } from "../../workers/cabinets/wb-connection";
import { encryptSecret } from "../../workers/security/token-vault";
import type { DatasetSync, PageResult, SyncContext } from "../../workers/sync/dataset";
import { gateFor } from "../../workers/sync/gate";
import type { SyncMessage } from "../../workers/sync/messages";
import { Clock, type Pending, SimQueue, T0, deliver, drain } from "../support/sim-queue";
import { WbServerError } from "../../workers/wb/errors";
import type { WbMethodId } from "../../workers/wb/methods";

// The sync pipeline (cron → queue → consumer → D1, with the CabinetGate DO) against real local D1
// and Durable Objects. WB datasets are FAKES defined here (the real ones live in
// workers/sync/datasets/ and have their own tests): a fake "orders" dataset pages through an
// in-memory list of orders and writes them into the real orders table with bulkUpsert, so the
// pipeline's guarantees can be checked row by row. Queues is simulated by SimQueue below (send,
// delays, retries with max_retries 5, then the DLQ), driving the real queue() dispatch with
// createMessageBatch/getQueueResult; the test controls the clock.

const db = createDb(env.DB);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

afterEach(() => {
  vi.unstubAllGlobals();
});

// --- cabinets and fake datasets ------------------------------------------------------------------

async function createCabinet(
  opts: { tokenType?: "personal" | "base"; status?: CabinetStatus; datasets?: SyncDataset[]; nextDueAt?: Date | null } = {},
): Promise<string> {
  const id = crypto.randomUUID();
  const sealed = await encryptSecret(env.ENCRYPTION_KEY, `wb-token-for-${id}`, id);
  await db.insert(cabinets).values({
    id,
    name: "Тестовый кабинет",
    wbApiBase: "https://wb.test",
    tokenCiphertext: sealed.ciphertext,
    tokenIv: sealed.iv,
    tokenType: opts.tokenType ?? "personal",
    tokenCategories: ["content", "prices", "statistics", "analytics", "feedbacks", "finance"],
    status: opts.status ?? "active",
  });
  const datasets = opts.datasets ?? ["orders"];
  const nextDueAt = opts.nextDueAt === undefined ? new Date(T0) : opts.nextDueAt;
  if (datasets.length > 0) await db.insert(syncState).values(datasets.map((dataset) => ({ cabinetId: id, dataset, nextDueAt })));
  return id;
}

async function stateOf(cabinetId: string, dataset: SyncDataset = "orders") {
  const [row] = await db.select().from(syncState).where(and(eq(syncState.cabinetId, cabinetId), eq(syncState.dataset, dataset)));
  if (!row) throw new Error("no sync_state row");
  return row;
}

async function ordersOf(cabinetId: string) {
  return db.select().from(orders).where(eq(orders.cabinetId, cabinetId)).orderBy(asc(orders.srid));
}

type SourceOrder = Omit<NewOrder, "cabinetId">;

function wbOrders(n: number): SourceOrder[] {
  return Array.from({ length: n }, (_, i) => ({
    srid: `srid-${String(i).padStart(4, "0")}`,
    gNumber: `g-${Math.floor(i / 3)}`, // several units per basket: keyed by srid, never merged
    orderedAt: new Date(T0 - (n - i) * MINUTE),
    lastChangeAt: new Date(T0 - (n - i) * MINUTE + 1_000),
    nmId: 100_000 + (i % 7),
    totalPriceKopecks: 150_000 + i,
    finishedPriceKopecks: 99_000 + i,
    priceWithDiscKopecks: 120_000 + i,
  }));
}

interface FakeSource {
  rows: SourceOrder[];
  pageSize: number;
  /** Offsets fetched, in order. */
  calls: number[];
  /** Throw instead of returning the page at this offset. */
  failAt?: (offset: number) => Error | null;
  /** Add a statement that violates NOT NULL to the page at this offset. */
  poisonAt?: number | null;
  /** Make a real WB call through ctx.client first (to exercise the client and the gate's learning). */
  callWb?: boolean;
  refreshMs?: number;
}

function source(rows: SourceOrder[], pageSize: number, extra: Partial<FakeSource> = {}): FakeSource {
  return { rows, pageSize, calls: [], ...extra };
}

function offsetOf(cursor: JsonValue | null): number {
  return cursor === null ? 0 : ((cursor as { offset: number }).offset ?? 0);
}

/** A DatasetSync over an in-memory list of WB orders: cursor {offset}, one WB orders call per page. */
function fakeOrders(src: FakeSource, methods: WbMethodId[] = ["orders"]): DatasetSync {
  return {
    dataset: "orders",
    methodsFor: () => methods,
    refreshEveryMs: (tier) => src.refreshMs ?? (tier === "base" ? 3 * HOUR : 30 * MINUTE),
    async fetchPage(ctx: SyncContext, cursor: JsonValue | null): Promise<PageResult> {
      const offset = offsetOf(cursor);
      src.calls.push(offset);
      if (src.callWb) await ctx.client.orders({ dateFrom: "2026-08-01T00:00:00" });
      const failure = src.failAt?.(offset);
      if (failure) throw failure;
      const slice = src.rows.slice(offset, offset + src.pageSize);
      const statements = bulkUpsert(ctx.db, orders, slice.map((r) => ({ ...r, cabinetId: ctx.cabinet.id })));
      if (src.poisonAt === offset) {
        statements.push(ctx.db.insert(orders).values({ ...(src.rows[0] as SourceOrder), srid: "poison", cabinetId: ctx.cabinet.id, nmId: sql`NULL` }));
      }
      const next = offset + slice.length;
      const done = next >= src.rows.length;
      return {
        statements,
        rows: slice.length,
        nextCursor: done ? null : { offset: next },
        backfillProgress: src.rows.length === 0 ? 1 : next / src.rows.length,
        ...(done ? { backfillDone: true } : {}),
      };
    },
  };
}

/** A dataset that writes nothing; only its WB methods matter. */
function noopDataset(dataset: SyncDataset, methods: WbMethodId[]): DatasetSync {
  return {
    dataset,
    methodsFor: () => methods,
    refreshEveryMs: () => HOUR,
    fetchPage: async () => ({ statements: [], rows: 0, nextCursor: null }),
  };
}

function setup(datasets: DatasetRegistry, clock = new Clock()) {
  const queue = new SimQueue(clock);
  const deps: SyncDeps = { db, datasets, queue, now: clock.now, clientFor: wbClientForCabinet };
  const cabinet = async (opts?: Parameters<typeof createCabinet>[0]) => {
    const id = await createCabinet(opts);
    queue.tracked.add(id);
    return id;
  };
  return { clock, queue, deps, cabinet };
}

function wbResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

// ------------------------------------------------------------------------------------------------

describe("sync pipeline: pages, cursor and state", () => {
  it("syncs a dataset page by page to completion and records the run", async () => {
    // Proves: "sync now" enqueues the first page; each page's rows and cursor are written, the
    // continuation is enqueued with the next cursor, and the completed run records last success,
    // counts, backfill progress and the next due time (now + refreshEveryMs).
    const src = source(wbOrders(25), 10);
    const { clock, queue, deps, cabinet } = setup({ orders: fakeOrders(src) });
    const cabinetId = await cabinet();

    const result = await syncNow(env, cabinetId, ["orders"], deps);
    expect(result).toEqual({ cabinetId, enqueued: ["orders"], delayed: [], inFlight: [], unavailable: [] });
    expect((await stateOf(cabinetId)).inFlightSince?.getTime()).toBe(T0);

    const log = await drain(queue, clock, deps);
    expect(log.map((d) => d.outcome)).toEqual(["acked", "acked", "acked"]);
    expect(queue.sent.map((s) => s.body.cursor)).toEqual([null, { offset: 10 }, { offset: 20 }]);
    expect(src.calls).toEqual([0, 10, 20]);

    const stored = await ordersOf(cabinetId);
    expect(stored.map((o) => o.srid)).toEqual(src.rows.map((r) => r.srid));
    const state = await stateOf(cabinetId);
    expect(state).toMatchObject({
      cursor: null,
      rowsTotal: 25,
      lastRunRows: 25,
      backfillDone: true,
      backfillProgress: 1,
      lastError: null,
      consecutiveFailures: 0,
      inFlightSince: null,
    });
    expect(state.lastSuccessAt?.getTime()).toBe(T0);
    expect(state.nextDueAt?.getTime()).toBe(T0 + 30 * MINUTE);
  });

  it("running the same sync twice leaves identical tables", async () => {
    // Proves: pages are upserts keyed by srid: a second full run over the same WB data changes
    // no row and adds none (robustness proof 1 of the issue).
    const src = source(wbOrders(23), 10);
    const { clock, queue, deps, cabinet } = setup({ orders: fakeOrders(src) });
    const cabinetId = await cabinet();

    await enqueueDueSyncs(deps);
    await drain(queue, clock, deps);
    const first = await ordersOf(cabinetId);
    expect(first).toHaveLength(23);

    clock.advance(30 * MINUTE); // due again
    const { enqueued } = await enqueueDueSyncs(deps);
    expect(enqueued.filter((m) => m.cabinetId === cabinetId)).toEqual([{ cabinetId, dataset: "orders", cursor: null, attempt: 0 }]);
    await drain(queue, clock, deps);
    expect(await ordersOf(cabinetId)).toEqual(first);
    const state = await stateOf(cabinetId);
    expect(state.rowsTotal).toBe(46); // rows received, over both runs
    expect(state.lastRunRows).toBe(23);
    expect(state.lastSuccessAt?.getTime()).toBe(clock.t);
  });

  it("a page whose statements fail writes nothing and leaves the cursor unchanged", async () => {
    // Proves: a page's writes and its cursor are one transaction: when any statement of the page
    // fails, none of its rows are stored, the cursor stays where the page started, the failure is
    // recorded in Russian, and the retried page then completes the run.
    const src = source(wbOrders(25), 10, { poisonAt: 10 });
    const { clock, queue, deps, cabinet } = setup({ orders: fakeOrders(src) });
    const cabinetId = await cabinet();

    await syncNow(env, cabinetId, ["orders"], deps);
    const first = await deliver(queue, clock, deps, queue.take() as Pending);
    expect(first.outcome).toBe("acked");
    const second = await deliver(queue, clock, deps, queue.take() as Pending);
    expect(second.outcome).toBe("retried");
    expect(second.retryDelaySeconds).toBe(30);

    expect((await ordersOf(cabinetId)).map((o) => o.srid)).toEqual(src.rows.slice(0, 10).map((r) => r.srid));
    const state = await stateOf(cabinetId);
    expect(state.cursor).toEqual({ offset: 10 });
    expect(state.rowsTotal).toBe(10);
    expect(state.consecutiveFailures).toBe(1);
    expect(state.lastError).toMatch(/ошибка/i);
    expect(state.inFlightSince).not.toBeNull();

    src.poisonAt = null;
    const rest = await drain(queue, clock, deps);
    expect(rest.map((d) => d.outcome)).toEqual(["acked", "acked"]);
    expect(await ordersOf(cabinetId)).toHaveLength(25);
    expect(await stateOf(cabinetId)).toMatchObject({ cursor: null, rowsTotal: 25, consecutiveFailures: 0, lastError: null });
  });

  it("a transient WB failure is retried by Queues with backoff and then succeeds", async () => {
    // Proves: 5xx/timeouts go back to Queues (message.retry with a growing delay, so max_retries
    // and the DLQ apply), the seller sees WB's failure in plain words meanwhile, and nothing of
    // the failed page is written.
    let failures = 2;
    const src = source(wbOrders(15), 10, {
      failAt: (offset) =>
        offset === 10 && failures-- > 0 ? new WbServerError({ methodId: "orders", status: 502, message: "WB orders: HTTP 502" }) : null,
    });
    const { clock, queue, deps, cabinet } = setup({ orders: fakeOrders(src) });
    const cabinetId = await cabinet();

    await syncNow(env, cabinetId, ["orders"], deps);
    await deliver(queue, clock, deps, queue.take() as Pending);
    const failed = await deliver(queue, clock, deps, queue.take() as Pending);
    expect(failed).toMatchObject({ outcome: "retried", retryDelaySeconds: 30 });
    const state = await stateOf(cabinetId);
    expect(state.lastError).toBe("Сервер WB сейчас не отвечает как надо. Повторим позже.");
    expect(state.consecutiveFailures).toBe(1);
    expect(state.nextDueAt?.getTime()).toBe(clock.t + 30_000);
    expect(await ordersOf(cabinetId)).toHaveLength(10);

    const rest = await drain(queue, clock, deps);
    expect(rest.map((d) => [d.outcome, d.retryDelaySeconds])).toEqual([
      ["retried", 60],
      ["acked", undefined],
    ]);
    expect(await ordersOf(cabinetId)).toHaveLength(15);
    expect(await stateOf(cabinetId)).toMatchObject({ cursor: null, rowsTotal: 15, lastError: null, consecutiveFailures: 0 });
  });
});

describe("sync pipeline: crashes and duplicates", () => {
  it("a crash after a page committed but before its continuation was sent resumes from the stored cursor", async () => {
    // Proves: when the hand-off to the next page is lost, the run is parked with its cursor and
    // the next cron tick resumes it; every WB row ends up stored exactly once and counted once.
    const src = source(wbOrders(30), 10);
    const { clock, queue, deps, cabinet } = setup({ orders: fakeOrders(src) });
    const cabinetId = await cabinet();

    await syncNow(env, cabinetId, ["orders"], deps);
    queue.failSends = 1; // the continuation after page 1 is lost
    expect((await deliver(queue, clock, deps, queue.take() as Pending)).outcome).toBe("acked");
    expect(queue.pending).toHaveLength(0);
    const parked = await stateOf(cabinetId);
    expect(parked).toMatchObject({ cursor: { offset: 10 }, rowsTotal: 10, inFlightSince: null });

    clock.advance(5 * MINUTE);
    const { enqueued } = await enqueueDueSyncs(deps);
    expect(enqueued.filter((m) => m.cabinetId === cabinetId)).toEqual([{ cabinetId, dataset: "orders", cursor: { offset: 10 }, attempt: 0 }]);
    await drain(queue, clock, deps);

    expect(src.calls).toEqual([0, 10, 20]);
    expect((await ordersOf(cabinetId)).map((o) => o.srid)).toEqual(src.rows.map((r) => r.srid));
    expect(await stateOf(cabinetId)).toMatchObject({ cursor: null, rowsTotal: 30, lastRunRows: 30 });
  });

  it("a redelivered page that was already committed is dropped without writing or counting", async () => {
    // Proves: at-least-once delivery cannot double-count: a message whose cursor is no longer the
    // stored one (its page committed, the ack was lost) is acked as stale.
    const src = source(wbOrders(20), 10);
    const { clock, queue, deps, cabinet } = setup({ orders: fakeOrders(src) });
    const cabinetId = await cabinet();

    await syncNow(env, cabinetId, ["orders"], deps);
    const firstPage = queue.take() as Pending;
    await deliver(queue, clock, deps, firstPage);
    // Queues delivers page 1 again (the consumer died before its ack reached Queues).
    const again = await deliver(queue, clock, deps, { ...firstPage, attempts: 2 });
    expect(again.outcome).toBe("acked");
    expect(src.calls).toEqual([0]); // not even fetched again
    await drain(queue, clock, deps);
    expect(await ordersOf(cabinetId)).toHaveLength(20);
    expect(await stateOf(cabinetId)).toMatchObject({ cursor: null, rowsTotal: 20 });
  });

  it("two deliveries of the same page racing: only one commits", async () => {
    // Proves: the cursor compare-and-swap inside the page's batch: whichever delivery commits
    // second fails as a whole (rows and counters), so the page is counted once and the run has
    // one continuation, not two.
    const src = source(wbOrders(20), 10);
    const { clock, queue, deps, cabinet } = setup({ orders: fakeOrders(src) });
    const cabinetId = await cabinet();

    await syncNow(env, cabinetId, ["orders"], deps);
    const page = queue.take() as Pending;
    const [a, b] = await Promise.all([deliver(queue, clock, deps, page), deliver(queue, clock, deps, { ...page, id: "dup" })]);
    expect([a.outcome, b.outcome]).toEqual(["acked", "acked"]);
    expect(queue.pending).toHaveLength(1); // one continuation
    expect((await stateOf(cabinetId)).rowsTotal).toBe(10);
    await drain(queue, clock, deps);
    expect(await stateOf(cabinetId)).toMatchObject({ cursor: null, rowsTotal: 20 });
    expect(await ordersOf(cabinetId)).toHaveLength(20);
  });

  it("a page whose cursor moved while it was being fetched is rolled back as a whole", async () => {
    // Proves the compare-and-swap deterministically: another delivery commits the same page while
    // this one is fetching; this page's batch then fails on the cursor check, so none of its rows
    // (marked here with other prices) are written and nothing is counted twice.
    const src = source(wbOrders(20), 10);
    const inner = fakeOrders(src);
    const racing: DatasetSync = {
      ...inner,
      async fetchPage(ctx, cursor) {
        const page = await inner.fetchPage(ctx, cursor);
        // The "other delivery" commits first.
        await ctx.db
          .update(syncState)
          .set({ cursor: { offset: 10 }, rowsTotal: 10 })
          .where(and(eq(syncState.cabinetId, ctx.cabinet.id), eq(syncState.dataset, "orders")));
        const marked = src.rows.slice(0, 10).map((r) => ({ ...r, cabinetId: ctx.cabinet.id, totalPriceKopecks: 1 }));
        return { ...page, statements: bulkUpsert(ctx.db, orders, marked) };
      },
    };
    const { clock, queue, deps, cabinet } = setup({ orders: racing });
    const cabinetId = await cabinet();
    await syncNow(env, cabinetId, ["orders"], deps);
    const d = await deliver(queue, clock, deps, queue.take() as Pending);
    expect(d.outcome).toBe("acked");
    expect(queue.pending).toHaveLength(0); // the winner enqueues the continuation, not the loser
    expect(await ordersOf(cabinetId)).toEqual([]);
    expect(await stateOf(cabinetId)).toMatchObject({ cursor: { offset: 10 }, rowsTotal: 10, lastError: null });
  });

  it("pages that keep failing end in the DLQ, whose consumer records the failure", async () => {
    // Proves: after max_retries Queues hands the page to wb-sync-dlq; its consumer records
    // "Не удалось обновить данные после нескольких попыток: …" with WB's last error, ends the run
    // (cursor kept) and makes the dataset due again in 30 minutes.
    const src = source(wbOrders(20), 10, {
      failAt: (offset) => (offset === 10 ? new WbServerError({ methodId: "orders", status: 503, message: "WB orders: HTTP 503" }) : null),
    });
    const { clock, queue, deps, cabinet } = setup({ orders: fakeOrders(src) });
    const cabinetId = await cabinet();

    await syncNow(env, cabinetId, ["orders"], deps);
    const log = await drain(queue, clock, deps);
    expect(log.map((d) => d.outcome)).toEqual(["acked", "retried", "retried", "retried", "retried", "retried", "dead"]);
    expect(log.slice(1, 6).map((d) => d.retryDelaySeconds)).toEqual([30, 60, 120, 240, 480]);

    const state = await stateOf(cabinetId);
    expect(state.lastError).toBe("Не удалось обновить данные после нескольких попыток: Сервер WB сейчас не отвечает как надо. Повторим позже.");
    expect(state.cursor).toEqual({ offset: 10 });
    expect(state.inFlightSince).toBeNull();
    expect(state.consecutiveFailures).toBe(6);
    expect(state.nextDueAt?.getTime()).toBe(clock.t + 30 * MINUTE);
    expect(await ordersOf(cabinetId)).toHaveLength(10);
  });

  it("the DLQ consumer ignores a dead page that was committed after all", async () => {
    // Proves: a stale dead letter (the stored cursor moved on) does not overwrite a healthy state.
    const { clock, deps, cabinet } = setup({ orders: noopDataset("orders", ["orders"]) });
    const cabinetId = await cabinet();
    await db.update(syncState).set({ cursor: { offset: 20 }, inFlightSince: new Date(T0) }).where(eq(syncState.cabinetId, cabinetId));
    const batch = createMessageBatch<SyncMessage>("wb-sync-dlq", [
      { id: "d1", timestamp: new Date(clock.t), attempts: 1, body: { cabinetId, dataset: "orders", cursor: { offset: 10 }, attempt: 0 } },
    ]);
    const ctx = createExecutionContext();
    await handleQueue(batch, env, ctx, deps);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["d1"]);
    expect(await stateOf(cabinetId)).toMatchObject({ lastError: null, cursor: { offset: 20 } });
  });
});

describe("sync pipeline: the gate", () => {
  it("a page the gate refuses is put back with the gate's delay, not retried", async () => {
    // Proves: with a base token (orders once per 3 h) a page whose budget is spent is re-sent by
    // us with delaySeconds = the gate's wait (acked, so it is not a failed attempt), next_due_at
    // says when it will run, and nothing is fetched or written.
    const src = source(wbOrders(5), 10);
    const { clock, queue, deps, cabinet } = setup({ orders: fakeOrders(src) });
    const cabinetId = await cabinet({ tokenType: "base" });
    expect(await gateFor(env, cabinetId).acquire(["orders"], "base", T0)).toEqual({ granted: true }); // budget spent

    await syncNow(env, cabinetId, ["orders"], deps);
    expect(queue.sent.at(-1)?.delaySeconds).toBe(3 * 3600); // syncNow already knew
    const m = queue.take() as Pending;
    // Deliver it early anyway (as a duplicate or an early redelivery would be).
    const batch = createMessageBatch<SyncMessage>("wb-sync", [{ id: m.id, timestamp: new Date(T0), attempts: 1, body: m.body }]);
    const ctx = createExecutionContext();
    clock.t = T0 + HOUR;
    await handleQueue(batch, env, ctx, deps);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual([m.id]);
    expect(result.retryMessages).toEqual([]);
    expect(src.calls).toEqual([]);
    expect(queue.sent.at(-1)).toEqual({ body: { cabinetId, dataset: "orders", cursor: null, attempt: 1 }, delaySeconds: 2 * 3600 });
    expect((await stateOf(cabinetId)).nextDueAt?.getTime()).toBe(T0 + 3 * HOUR);

    const log = await drain(queue, clock, deps);
    expect(log.map((d) => d.outcome)).toEqual(["acked"]);
    expect(clock.t).toBe(T0 + 3 * HOUR);
    expect(await ordersOf(cabinetId)).toHaveLength(5);
  });

  it("a wait longer than Queues' 12 h maximum is capped at 12 h", async () => {
    // Proves: a base token's seller-info budget (once per 24 h) does not produce an invalid delay.
    const { queue, deps, cabinet } = setup({ orders: noopDataset("orders", ["sellerInfo"]) });
    const cabinetId = await cabinet({ tokenType: "base" });
    await gateFor(env, cabinetId).acquire(["sellerInfo"], "base", T0);
    const result = await syncNow(env, cabinetId, ["orders"], deps);
    expect(result.delayed).toEqual([{ dataset: "orders", runAt: new Date(T0 + 12 * HOUR) }]);
    expect(queue.sent.at(-1)?.delaySeconds).toBe(12 * 3600);
  });

  it("continuations are sent with the gate's delay, so a long backfill never meets a 429", async () => {
    // Proves: with a personal token (orders burst 10, then one per minute) a 14-page backfill
    // runs 10 pages at once and then one page a minute, each continuation delayed by the gate.
    const src = source(wbOrders(14), 1);
    const { clock, queue, deps, cabinet } = setup({ orders: fakeOrders(src) });
    const cabinetId = await cabinet();
    await syncNow(env, cabinetId, ["orders"], deps);
    const log = await drain(queue, clock, deps);
    expect(log.every((d) => d.outcome === "acked")).toBe(true);
    expect(queue.sent.map((s) => s.delaySeconds)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 60, 60, 60, 60]);
    expect(clock.t).toBe(T0 + 4 * MINUTE);
    expect(await stateOf(cabinetId)).toMatchObject({ cursor: null, rowsTotal: 14, backfillDone: true });
  });

  it("a method WB does not serve to the token's tier disables the dataset with the reason", async () => {
    // Proves: stocks-report with a plain base token is refused by the gate: the seller reads
    // "недоступно для базового токена", the run ends, and it is looked at again in a day.
    const stocks = noopDataset("stocks", ["stocksWbWarehouses"]);
    const { clock, queue, deps, cabinet } = setup({ stocks });
    const cabinetId = await cabinet({ tokenType: "base", datasets: ["stocks"] });
    const run = vi.spyOn(stocks, "fetchPage");

    await enqueueDueSyncs(deps);
    const log = await drain(queue, clock, deps);
    expect(log.map((d) => d.outcome)).toEqual(["acked"]);
    expect(run).not.toHaveBeenCalled();
    const state = await stateOf(cabinetId, "stocks");
    expect(state.lastError).toMatch(/недоступно для базового токена/i);
    expect(state.inFlightSince).toBeNull();
    expect(state.nextDueAt?.getTime()).toBe(T0 + 24 * HOUR);
  });

  it("WB's rate-limit headers teach the gate, and a 429 defers the page by WB's wait", async () => {
    // Proves: X-Ratelimit-Remaining from a real WbClient response lowers the gate's count, and a
    // 429 (X-Ratelimit-Retry longer than the client may sleep) blocks the group and re-sends the
    // page with that delay instead of failing it.
    const src = source(wbOrders(3), 1, { callWb: true });
    const { clock, queue, deps, cabinet } = setup({ orders: fakeOrders(src) });
    const cabinetId = await cabinet();
    const responses = [
      wbResponse(200, [], { "X-Ratelimit-Remaining": "3" }),
      wbResponse(429, { title: "too many requests" }, { "X-Ratelimit-Retry": "90", "X-Ratelimit-Reset": "600" }),
      wbResponse(200, [], { "X-Ratelimit-Remaining": "7" }),
      wbResponse(200, [], { "X-Ratelimit-Remaining": "6" }),
    ];
    const fetchMock = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      expect(String(url)).toMatch(/^https:\/\/wb\.test\/statistics-api\/api\/v1\/supplier\/orders\?/);
      // The token was decrypted by wbClientForCabinet and sent raw.
      expect(new Headers(init?.headers).get("Authorization")).toBe(`wb-token-for-${cabinetId}`);
      return responses.shift() ?? wbResponse(500, {});
    });
    vi.stubGlobal("fetch", fetchMock);

    await syncNow(env, cabinetId, ["orders"], deps);
    expect((await deliver(queue, clock, deps, queue.take() as Pending)).outcome).toBe("acked");
    const gate = gateFor(env, cabinetId);
    expect((await gate.state("personal", clock.t)).groups[0]?.tokens).toBe(3);

    const limited = await deliver(queue, clock, deps, queue.take() as Pending);
    expect(limited.outcome).toBe("acked");
    expect(queue.sent.at(-1)).toEqual({ body: { cabinetId, dataset: "orders", cursor: { offset: 1 }, attempt: 1 }, delaySeconds: 90 });
    const blocked = (await gate.state("personal", clock.t)).groups[0];
    expect(blocked?.blockedUntil).toBe(T0 + 90_000);
    expect(blocked?.tokens).toBe(0);
    expect((await stateOf(cabinetId)).lastError).toMatch(/ограничил частоту запросов/);

    await drain(queue, clock, deps);
    expect(fetchMock).toHaveBeenCalledTimes(4);
    expect(await ordersOf(cabinetId)).toHaveLength(3);
    expect(await stateOf(cabinetId)).toMatchObject({ cursor: null, rowsTotal: 3, lastError: null });
  });
});

describe("sync pipeline: tokens", () => {
  it("a revoked token marks the cabinet token_invalid and stops all its syncs", async () => {
    // Proves: WB's 401 through the real client (token decrypted by wbClientForCabinet) stops the
    // cabinet with a Russian reason, is not retried, ends every run of the cabinet, and afterwards
    // neither the cron nor queued pages of other datasets call WB for it.
    const src = source(wbOrders(3), 10, { callWb: true });
    const sales = noopDataset("sales", ["sales"]);
    const salesRun = vi.spyOn(sales, "fetchPage");
    const { clock, queue, deps, cabinet } = setup({ orders: fakeOrders(src), sales });
    const cabinetId = await cabinet({ datasets: ["orders", "sales"] });
    vi.stubGlobal("fetch", async () => wbResponse(401, { title: "unauthorized", detail: "token is revoked", requestId: "r-1" }));

    await syncNow(env, cabinetId, ["orders", "sales"], deps);
    const ordersMsg = queue.pending.find((p) => p.body.dataset === "orders") as Pending;
    queue.pending = queue.pending.filter((p) => p !== ordersMsg);
    const d = await deliver(queue, clock, deps, ordersMsg);
    expect(d.outcome).toBe("acked");

    const [stored] = await db.select().from(cabinets).where(eq(cabinets.id, cabinetId));
    expect(stored?.status).toBe("token_invalid");
    expect(stored?.statusReason).toBe("WB не принял токен: он отозван, истёк или введён с ошибкой. Создайте новый токен в кабинете WB.");
    const state = await stateOf(cabinetId);
    expect(state.lastError).toBe(stored?.statusReason);
    const states = await db.select().from(syncState).where(eq(syncState.cabinetId, cabinetId));
    expect(states.map((s) => s.inFlightSince)).toEqual([null, null]);

    // The sales page already in the queue is dropped without calling WB.
    expect((await drain(queue, clock, deps)).map((x) => x.outcome)).toEqual(["acked"]);
    expect(salesRun).not.toHaveBeenCalled();
    clock.advance(DAY);
    const { enqueued } = await enqueueDueSyncs(deps);
    expect(enqueued.filter((m) => m.cabinetId === cabinetId)).toEqual([]);
    await expect(syncNow(env, cabinetId, undefined, deps)).rejects.toThrow(SyncNowError);
  });

  it("a token without the dataset's category disables only that dataset", async () => {
    // Proves: a 401 about scope is not a dead token: the cabinet stays active, the dataset records
    // which category is missing and is looked at again in a day.
    const src = source(wbOrders(3), 10, { callWb: true });
    const { clock, queue, deps, cabinet } = setup({ orders: fakeOrders(src) });
    const cabinetId = await cabinet();
    vi.stubGlobal("fetch", async () => wbResponse(401, { title: "unauthorized", detail: "token scope not allowed for this API route" }));

    await syncNow(env, cabinetId, ["orders"], deps);
    const log = await drain(queue, clock, deps);
    expect(log.map((x) => x.outcome)).toEqual(["acked"]);
    const [stored] = await db.select().from(cabinets).where(eq(cabinets.id, cabinetId));
    expect(stored?.status).toBe("active");
    const state = await stateOf(cabinetId);
    expect(state.lastError).toMatch(/нет доступа к категории «Статистика»/);
    expect(state.inFlightSince).toBeNull();
    expect(state.nextDueAt?.getTime()).toBe(T0 + DAY);
  });
});

describe("cron", () => {
  it("enqueues only due datasets of active cabinets that have no live run, and marks them in flight", async () => {
    // Proves: scheduled() selects by next_due_at, cabinet status and in_flight_since (a run silent
    // for more than 15 minutes is taken over and resumes from its cursor); a second tick does not
    // enqueue the same datasets again; the daily cron is a no-op for now.
    const registry: DatasetRegistry = Object.fromEntries(SYNC_DATASETS.map((d) => [d, noopDataset(d, ["cardsList"])]));
    const clock = new Clock(T0 + HOUR);
    const { queue, deps, cabinet } = setup(registry, clock);
    const now = clock.t;
    const active = await cabinet({ datasets: ["orders", "sales", "cards", "feedbacks", "prices", "questions"] });
    const set = (dataset: SyncDataset, values: Partial<typeof syncState.$inferInsert>) =>
      db.update(syncState).set(values).where(and(eq(syncState.cabinetId, active), eq(syncState.dataset, dataset)));
    await set("orders", { nextDueAt: new Date(now - MINUTE) }); // due
    await set("sales", { nextDueAt: new Date(now + 10 * MINUTE) }); // not yet
    await set("cards", { nextDueAt: new Date(now - MINUTE), inFlightSince: new Date(now - 2 * MINUTE) }); // running
    await set("feedbacks", { nextDueAt: new Date(now - 20 * MINUTE), inFlightSince: new Date(now - 20 * MINUTE), cursor: { page: 7 } }); // dead run
    await set("prices", { nextDueAt: new Date(now + 30 * MINUTE), inFlightSince: new Date(now - 40 * MINUTE) }); // waiting for the gate
    await set("questions", { nextDueAt: null }); // never scheduled
    const stopped = await cabinet({ status: "token_invalid", datasets: ["orders"] });
    const paused = await cabinet({ status: "paused", datasets: ["orders"] });

    const ctx = createExecutionContext();
    await handleScheduled(createScheduledController({ cron: "*/5 * * * *", scheduledTime: now }), env, ctx, deps);
    const mine = (cabinetId: string) =>
      queue.sent
        .map((s) => s.body)
        .filter((b) => b.cabinetId === cabinetId)
        .sort((a, b) => a.dataset.localeCompare(b.dataset));
    expect(mine(active)).toEqual([
      { cabinetId: active, dataset: "feedbacks", cursor: { page: 7 }, attempt: 0 },
      { cabinetId: active, dataset: "orders", cursor: null, attempt: 0 },
      { cabinetId: active, dataset: "questions", cursor: null, attempt: 0 },
    ]);
    expect(mine(stopped)).toEqual([]);
    expect(mine(paused)).toEqual([]);
    for (const d of ["orders", "feedbacks", "questions"] as const) expect((await stateOf(active, d)).inFlightSince?.getTime()).toBe(now);
    expect((await stateOf(active, "sales")).inFlightSince).toBeNull();

    const before = queue.sent.length;
    clock.advance(MINUTE);
    await handleScheduled(createScheduledController({ cron: "*/5 * * * *", scheduledTime: clock.t }), env, ctx, deps);
    expect(queue.sent.slice(before).filter((s) => s.body.cabinetId === active)).toEqual([]);
    await handleScheduled(createScheduledController({ cron: "0 6 * * *", scheduledTime: clock.t }), env, ctx, deps);
    expect(queue.sent.slice(before).filter((s) => s.body.cabinetId === active)).toEqual([]);
  });

  it("sends at most 100 messages per sendBatch and releases claims the queue refused", async () => {
    // Proves: Queues' sendBatch limit is respected, and a failed send leaves the datasets due (not
    // stuck in flight) for the next tick.
    const registry: DatasetRegistry = Object.fromEntries(SYNC_DATASETS.map((d) => [d, noopDataset(d, ["cardsList"])]));
    const clock = new Clock(T0 + 2 * HOUR);
    const { queue, deps, cabinet } = setup(registry, clock);
    const ids: string[] = [];
    for (let i = 0; i < 13; i++) ids.push(await cabinet({ datasets: [...SYNC_DATASETS] }));

    queue.failBatches = 1;
    const first = await enqueueDueSyncs(deps);
    expect(first.failed).toBe(100);
    expect(queue.sendBatchSizes.every((n) => n <= 100)).toBe(true);
    const released = await db
      .select({ n: sql<number>`count(*)` })
      .from(syncState)
      .where(and(inArray(syncState.cabinetId, ids), sql`${syncState.inFlightSince} IS NULL`));
    expect(released[0]?.n).toBe(13 * 8 - first.enqueued.filter((m) => ids.includes(m.cabinetId)).length);

    const second = await enqueueDueSyncs(deps);
    expect(second.failed).toBe(0);
    const all = [...first.enqueued, ...second.enqueued].filter((m) => ids.includes(m.cabinetId));
    expect(all).toHaveLength(13 * 8);
    expect(new Set(all.map((m) => `${m.cabinetId}/${m.dataset}`)).size).toBe(13 * 8);
    expect(Math.max(...queue.sendBatchSizes)).toBeLessThanOrEqual(100);
  });
});

describe("sync now", () => {
  it("enqueues free datasets now, delayed ones with their run time, and reports in-flight and unavailable ones", async () => {
    // Proves: the API's "sync now" goes through the gate without consuming it: it tells the seller
    // when each dataset will actually run, skips datasets already running, and names datasets the
    // token cannot have.
    const registry: DatasetRegistry = {
      orders: noopDataset("orders", ["orders"]),
      sales: noopDataset("sales", ["sales"]),
      cards: noopDataset("cards", ["cardsList"]),
      stocks: noopDataset("stocks", ["stocksWbWarehouses"]),
    };
    const { queue, deps, cabinet } = setup(registry);
    const cabinetId = await cabinet({ tokenType: "base", datasets: ["orders", "sales", "cards", "stocks"], nextDueAt: new Date(T0 + HOUR) });
    const gate = gateFor(env, cabinetId);
    await gate.acquire(["sales"], "base", T0 - 30 * MINUTE); // base: sales once per 2 h
    await db
      .update(syncState)
      .set({ inFlightSince: new Date(T0 - MINUTE) })
      .where(and(eq(syncState.cabinetId, cabinetId), eq(syncState.dataset, "cards")));

    const result = await syncNow(env, cabinetId, undefined, deps);
    expect(result.enqueued).toEqual(["orders"]);
    expect(result.delayed).toEqual([{ dataset: "sales", runAt: new Date(T0 + 90 * MINUTE) }]);
    expect(result.inFlight).toEqual(["cards"]);
    expect(result.unavailable).toEqual([{ dataset: "stocks", reason: expect.stringMatching(/недоступно для базового токена/i) }]);
    expect(queue.sent.map((s) => [s.body.dataset, s.delaySeconds]).sort()).toEqual([
      ["orders", 0],
      ["sales", 90 * 60],
    ]);
    expect((await stateOf(cabinetId, "orders")).nextDueAt?.getTime()).toBe(T0);
    expect((await stateOf(cabinetId, "sales")).nextDueAt?.getTime()).toBe(T0 + 90 * MINUTE);
    expect((await stateOf(cabinetId, "stocks")).inFlightSince).toBeNull();
    // Peeking did not spend the orders budget (base: one per 3 h).
    expect(await gate.peek(["orders"], "base", T0)).toEqual({ granted: true });

    // Asking again while they run enqueues nothing more.
    const again = await syncNow(env, cabinetId, ["orders", "sales"], deps);
    expect(again).toMatchObject({ enqueued: [], delayed: [], inFlight: ["orders", "sales"] });
  });
});
