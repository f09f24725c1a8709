// Robustness proof: with the WB sandbox injecting faults into 20 % of its answers (5xx, 429,
// timeouts, malformed bodies), the real pipeline with the real datasets completes a backfill and
// the tables hold exactly what the sandbox serves — no row lost, none duplicated. Queues is
// simulated (test/support/sim-queue.ts) on a clock shared with the sandbox, so WB's rate limits,
// the gate's waits and the consumer's retry delays all play out in simulated time.

import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { type SyncDataset, SYNC_DATASETS, cabinets, feedbacks, financeReportRows, orders, prices, products, questions, sales, stockSnapshots, syncState } from "../../db/schema";
import { createDb } from "../../workers/db/client";
import type { SyncDeps, WbClientFactory } from "../../workers/jobs/deps";
import { enqueueDueSyncs } from "../../workers/jobs/scheduled";
import { encryptSecret } from "../../workers/security/token-vault";
import { DATASETS } from "../../workers/sync/datasets";
import { WbClient } from "../../workers/wb/client";
import { MemorySandboxStore, SANDBOX_DEMO_TOKEN, createWbSandbox } from "../../workers/wb/sandbox";
import { Clock, SimQueue, T0, drain } from "../support/sim-queue";

const db = createDb(env.DB);
const DAY = 86_400_000;
const BACKFILL_DAYS = 30;
const SEED = 20261124;
const COVERED: SyncDataset[] = [...SYNC_DATASETS];

/** A seeded PRNG, so a failing run can be replayed exactly. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("a full backfill against a sandbox with 20 % faults", () => {
  it("ends with exactly the sandbox's rows", { timeout: 240_000 }, async () => {
    const clock = new Clock(T0);
    const faults = { count: 0 };
    const sandbox = createWbSandbox({
      seed: SEED,
      now: clock.now,
      faultRate: 0.2,
      random: mulberry32(7),
      store: new MemorySandboxStore(),
      timeoutFaultMs: 400,
    });
    const clientFor: WbClientFactory = async (_env, _cabinet, options) =>
      new WbClient({
        ...options,
        token: SANDBOX_DEMO_TOKEN,
        apiBase: "http://sandbox.test/wb-sandbox",
        fetch: async (url, init) => {
          const res = await sandbox.fetch(new Request(url, init));
          if (res.status >= 429) faults.count++;
          return res;
        },
        timeoutMs: 250,
        // Backoff happens in simulated time: the pipeline re-enqueues with delays instead.
        sleep: async () => {},
      });

    const cabinetId = crypto.randomUUID();
    const sealed = await encryptSecret(env.ENCRYPTION_KEY, SANDBOX_DEMO_TOKEN, cabinetId);
    await db.insert(cabinets).values({
      id: cabinetId,
      name: "Кабинет под сбоями",
      wbApiBase: "http://sandbox.test/wb-sandbox",
      tokenCiphertext: sealed.ciphertext,
      tokenIv: sealed.iv,
      tokenType: "personal",
      tokenCategories: ["content", "prices", "statistics", "analytics", "feedbacks", "finance"],
    });
    const backfillFrom = new Date(T0 - BACKFILL_DAYS * DAY);
    await db.insert(syncState).values(COVERED.map((dataset) => ({ cabinetId, dataset, nextDueAt: new Date(T0), backfillFrom })));

    const queue = new SimQueue(clock);
    queue.tracked.add(cabinetId);
    const datasets = Object.fromEntries(COVERED.map((d) => [d, DATASETS[d]]));
    const deps: SyncDeps = { db, datasets, queue, now: clock.now, clientFor };

    const done = async () => {
      const rows = await db.select().from(syncState).where(eq(syncState.cabinetId, cabinetId));
      const backfills: SyncDataset[] = ["orders", "sales"];
      return rows.every((r) => r.lastSuccessAt !== null && (!backfills.includes(r.dataset) || r.backfillDone)) ? rows : null;
    };
    // Cron ticks until every dataset has completed a run; a dataset parked by the DLQ is picked
    // up again by a later tick, as in production.
    let finished = null;
    for (let tick = 0; tick < 40 && !finished; tick++) {
      await enqueueDueSyncs(deps);
      await drain(queue, clock, deps, 2_000);
      finished = await done();
      if (!finished) clock.advance(5 * 60_000);
    }
    if (!finished) console.log(await db.select().from(syncState).where(eq(syncState.cabinetId, cabinetId)));
    expect(finished, "every dataset completed a run").not.toBeNull();
    expect(faults.count, "faults were actually injected").toBeGreaterThan(5);

    const stateOf = (dataset: SyncDataset) => {
      const row = finished?.find((r) => r.dataset === dataset);
      if (!row?.lastSuccessAt) throw new Error(`no completed run of ${dataset}`);
      return row;
    };
    // What WB served at the moment each run completed: the sandbox is a pure function of seed and
    // clock, so a second instance frozen at that instant shows exactly that.
    const sandboxAt = (at: Date) => createWbSandbox({ seed: SEED, now: () => at }).data;

    const from = new Date(Date.parse(`${new Date(backfillFrom.getTime() + 3 * 3_600_000).toISOString().slice(0, 10)}T00:00:00+03:00`));
    const expectedOrders = sandboxAt(stateOf("orders").lastSuccessAt as Date).orders(from);
    const storedOrders = await db.select({ srid: orders.srid, isCancel: orders.isCancel }).from(orders).where(eq(orders.cabinetId, cabinetId));
    const storedBySrid = new Map(storedOrders.map((o) => [o.srid, o]));
    expect(storedOrders.length).toBe(new Set(storedOrders.map((o) => o.srid)).size);
    for (const o of expectedOrders) {
      expect(storedBySrid.get(o.srid), `order ${o.srid}`).toEqual({ srid: o.srid, isCancel: o.isCancel });
    }
    expect(storedOrders.filter((o) => !expectedOrders.some((e) => e.srid === o.srid))).toEqual([]);

    const expectedSales = sandboxAt(stateOf("sales").lastSuccessAt as Date).sales(from);
    const storedSales = await db.select({ saleId: sales.saleId }).from(sales).where(eq(sales.cabinetId, cabinetId));
    expect(new Set(storedSales.map((s) => s.saleId))).toEqual(new Set(expectedSales.map((s) => s.saleID)));
    expect(storedSales.length).toBe(expectedSales.length);

    const cardsAt = sandboxAt(stateOf("cards").lastSuccessAt as Date).cards();
    const storedCards = await db.select({ nmId: products.nmId }).from(products).where(eq(products.cabinetId, cabinetId));
    expect(new Set(storedCards.map((c) => c.nmId))).toEqual(new Set(cardsAt.map((c) => c.nmID)));

    const pricesAt = sandboxAt(stateOf("prices").lastSuccessAt as Date).prices();
    const storedPriceNms = await db.selectDistinct({ nmId: prices.nmId }).from(prices).where(eq(prices.cabinetId, cabinetId));
    expect(storedPriceNms.length).toBe(pricesAt.length);

    const feedbacksAt = await sandboxAt(stateOf("feedbacks").lastSuccessAt as Date).feedbacks();
    const storedFeedbacks = await db.select({ id: feedbacks.id }).from(feedbacks).where(eq(feedbacks.cabinetId, cabinetId));
    expect(new Set(storedFeedbacks.map((f) => f.id))).toEqual(new Set(feedbacksAt.map((f) => f.id)));

    const questionsAt = await sandboxAt(stateOf("questions").lastSuccessAt as Date).questions();
    const storedQuestions = await db.select({ id: questions.id }).from(questions).where(and(eq(questions.cabinetId, cabinetId)));
    expect(new Set(storedQuestions.map((q) => q.id))).toEqual(new Set(questionsAt.map((q) => q.id)));

    const stocksAt = sandboxAt(stateOf("stocks").lastSuccessAt as Date).stocks();
    const storedStocks = await db.select({ chrtId: stockSnapshots.chrtId }).from(stockSnapshots).where(eq(stockSnapshots.cabinetId, cabinetId));
    expect(new Set(storedStocks.map((r) => r.chrtId))).toEqual(new Set(stocksAt.map((r) => r.chrtId)));

    // The first finance run reads the weekly reports of the last 90 days.
    const financeAt = sandboxAt(stateOf("finance").lastSuccessAt as Date);
    const financeFrom = new Date(T0 - 90 * DAY);
    const expectedFinance = financeAt.financeRows(financeFrom, financeAt.now(), "weekly");
    const storedFinance = await db.select({ rrdId: financeReportRows.rrdId }).from(financeReportRows).where(eq(financeReportRows.cabinetId, cabinetId));
    expect(new Set(storedFinance.map((r) => r.rrdId))).toEqual(new Set(expectedFinance.map((r) => r.rrdId)));

    console.log(
      `sync under 20 % faults: ${faults.count} faulty WB answers; ${storedOrders.length} orders, ${storedSales.length} sales, ` +
        `${storedCards.length} cards, ${storedFeedbacks.length} feedbacks, ${storedQuestions.length} questions, ` +
        `${storedStocks.length} stock rows, ${storedFinance.length} finance rows; simulated ${Math.round((clock.t - T0) / 60_000)} min`,
    );
  });
});
