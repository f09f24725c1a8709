// The other notifications, inside workerd with real local D1: the daily cron (09:00 Moscow) with
// the daily summary, the Monday digest and "token expires in 14 days" (once per token); sync and
// token problems detected by the sync's failure paths (rejected token, disabled dataset, a failure
// streak), each once; stock alerts after a stocks run against each member's own threshold.

import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { cabinets, orders, productSizes, products, stockHistoryDaily, stockSnapshots, type SyncDataset } from "../../db/schema";
import type { SyncDeps } from "../../workers/jobs/deps";
import { processNotifyBatch } from "../../workers/jobs/notify-consumer";
import { DAILY_CRON, enqueueDueSyncs, handleScheduled } from "../../workers/jobs/scheduled";
import { stockKey, tokenExpiringKey, tokenInvalidKey } from "../../workers/domain/notifications/keys";
import { addDays } from "../../workers/domain/calendar-day";
import { toMoscowDate } from "../../workers/domain/moscow-time";
import type { DatasetSync } from "../../workers/sync/dataset";
import type { WbClient } from "../../workers/wb/client";
import { WbForbiddenError, WbServerError, WbUnauthorizedError } from "../../workers/wb/errors";
import { Clock, SimQueue, drain } from "../support/sim-queue";
import {
  clearOutbox,
  createCabinetWith,
  db,
  drainNotifications,
  installNotifyTest,
  newUserId,
  notifyDepsFor,
  outboxOf,
  plain,
  uninstallNotifyTest,
} from "./notify-helpers";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Monday 2026-11-23, 06:00 UTC = 09:00 Moscow: the daily cron. */
const MONDAY_9 = Date.UTC(2026, 10, 23, 6, 0, 0);

beforeEach(async () => {
  await clearOutbox();
});
afterEach(() => {
  uninstallNotifyTest();
});

function syncDepsOn(clock: Clock, datasets: SyncDeps["datasets"]): { deps: SyncDeps; queue: SimQueue } {
  const queue = new SimQueue(clock);
  return { queue, deps: { db, datasets, queue, now: clock.now, clientFor: async () => ({}) as WbClient } };
}

describe("the daily cron", () => {
  it("queues the daily summary, the Monday digest and the token warning once, and sends them", async () => {
    const clock = new Clock(MONDAY_9);
    const { telegram, kicks } = installNotifyTest(clock);
    const owner = newUserId();
    const manager = newUserId();
    const viewer = newUserId();
    const cab = await createCabinetWith(
      [
        { userId: owner, role: "owner" },
        { userId: manager, role: "manager", settings: { enabledKinds: { daily_summary: false } } },
        { userId: viewer, role: "viewer", settings: { enabledKinds: { weekly_digest: false, sync_problems: false } } },
      ],
      { now: clock.t, tokenExpiresAt: new Date(MONDAY_9 + 10 * DAY) },
    );
    const cron = async () => {
      const { deps } = syncDepsOn(clock, {});
      await handleScheduled(createScheduledController({ cron: DAILY_CRON, scheduledTime: clock.t }), env, createExecutionContext(), deps);
    };

    await cron();
    await cron(); // a second run the same day (a retry) adds nothing
    const rows = await outboxOf(cab);
    const summary = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.userId).sort();
    expect(summary("daily_summary")).toEqual([owner, viewer].sort());
    expect(summary("weekly_digest")).toEqual([owner, manager].sort());
    expect(summary("sync_problem")).toEqual([owner, manager].sort());
    expect(rows.find((r) => r.kind === "sync_problem" && r.userId === owner)?.dedupeKey).toBe(tokenExpiringKey(cab, `tok-${cab}`, owner));
    expect(kicks.some((k) => k.body.type === "send")).toBe(true);

    await drainNotifications(clock, notifyDepsFor(clock));
    const texts = telegram.to(owner).map((m) => plain(m.text));
    expect(texts).toHaveLength(3);
    expect(texts.find((t) => t.includes("Ежедневная сводка"))).toContain("ЗАКАЗЫ");
    expect(texts.find((t) => t.includes("Итоги недели"))).toContain("16.11–22.11");
    expect(texts.find((t) => t.includes("Токен WB истекает"))).toContain("через 10 дней");
    expect(telegram.to(viewer).map((m) => m.text).some((t) => t.includes("Итоги недели"))).toBe(false);

    // Tuesday: a new daily summary; no digest; the token warning is not repeated.
    clock.t = MONDAY_9 + DAY;
    await cron();
    const tuesday = (await outboxOf(cab)).filter((r) => r.createdAt.getTime() === clock.t);
    expect(tuesday.map((r) => r.kind).sort()).toEqual(["daily_summary", "daily_summary"]);
  });
});

describe("sync and token problems", () => {
  function failing(dataset: SyncDataset, error: () => Error): DatasetSync {
    return { dataset, methodsFor: () => [], refreshEveryMs: () => 30 * MIN, fetchPage: async () => Promise.reject(error()) };
  }

  it("a rejected token is reported once per token, to members who want sync problems", async () => {
    const clock = new Clock(MONDAY_9);
    installNotifyTest(clock);
    const owner = newUserId();
    const muted = newUserId();
    const cab = await createCabinetWith(
      [
        { userId: owner, role: "owner" },
        { userId: muted, role: "manager", settings: { enabledKinds: { sync_problems: false } } },
      ],
      { datasets: ["orders"], synced: true, now: clock.t },
    );
    const { deps, queue } = syncDepsOn(clock, { orders: failing("orders", () => new WbUnauthorizedError({ methodId: "orders", detail: "token expired" })) });
    queue.tracked.add(cab);
    await enqueueDueSyncs(deps);
    expect((await drain(queue, clock, deps)).map((d) => d.outcome)).toEqual(["acked"]);
    let rows = await outboxOf(cab);
    expect(rows.map((r) => [r.userId, r.dedupeKey])).toEqual([[owner, tokenInvalidKey(cab, `tok-${cab}`, owner)]]);
    expect((rows[0]?.payload as { problem: string }).problem).toBe("token_invalid");

    // The same token fails again (e.g. the cabinet was re-activated): no second notice.
    await db.update(cabinets).set({ status: "active" }).where(eq(cabinets.id, cab));
    clock.advance(HOUR);
    await enqueueDueSyncs(deps);
    await drain(queue, clock, deps);
    rows = await outboxOf(cab);
    expect(rows).toHaveLength(1);
  });

  it("a disabled dataset once per token; a failure streak once, after three failures", async () => {
    const clock = new Clock(MONDAY_9);
    const { telegram } = installNotifyTest(clock);
    const owner = newUserId();
    const cab = await createCabinetWith([{ userId: owner, role: "owner" }], { datasets: ["finance", "orders"], synced: true, now: clock.t });
    const { deps, queue } = syncDepsOn(clock, {
      finance: failing("finance", () => new WbForbiddenError({ methodId: "financeSalesReportDetailed", detail: "base token is not allowed" })),
      orders: failing("orders", () => new WbServerError({ methodId: "orders", status: 502 })),
    });
    queue.tracked.add(cab);
    await enqueueDueSyncs(deps);
    const log = await drain(queue, clock, deps, 4);
    expect(log.filter((d) => d.outcome === "retried")).toHaveLength(3);
    const rows = await outboxOf(cab);
    const problems = rows.map((r) => (r.payload as { problem: string; dataset: string | null }).problem + ":" + (r.payload as { dataset: string }).dataset);
    expect(problems.sort()).toEqual(["dataset_disabled:finance", "sync_failing:orders"]);

    // More failures of the same streak add nothing.
    await drain(queue, clock, deps, 2);
    expect(await outboxOf(cab)).toHaveLength(2);

    await drainNotifications(clock, notifyDepsFor(clock));
    const texts = telegram.to(owner).map((m) => plain(m.text));
    expect(texts.some((t) => t.includes("Финансовый отчёт: WB не отдаёт эти данные"))).toBe(true);
    expect(texts.some((t) => t.includes("Не удаётся обновить: Заказы") && t.includes("3 ошибки подряд"))).toBe(true);
  });
});

describe("stock alerts", () => {
  it("after a stocks run: zero and running-low sizes by each member's threshold, once a day", async () => {
    const now = Date.UTC(2026, 10, 24, 9, 0, 0);
    const clock = new Clock(now);
    const { telegram, kicks } = installNotifyTest(clock);
    const owner = newUserId(); // threshold 7 days
    const manager = newUserId(); // threshold 14 days
    const cab = await createCabinetWith(
      [
        { userId: owner, role: "owner" },
        { userId: manager, role: "manager", settings: { stockThresholdDays: 14 } },
      ],
      { datasets: ["stocks"], synced: true, now },
    );
    const today = toMoscowDate(new Date(now));
    const yesterday = addDays(today, -1);
    // Five sizes of one card, each ordered 60 times in the last 30 days (2 a day).
    const sizes = [
      { chrtId: 11, size: "42", yesterday: 30, today: 0 }, // ran out today → zero
      { chrtId: 12, size: "44", yesterday: 30, today: 10 }, // 5 days left → low for 7 and 14
      { chrtId: 13, size: "46", yesterday: 40, today: 20 }, // 10 days left → low for 14 only
      { chrtId: 14, size: "48", yesterday: 0, today: 0 }, // already out yesterday → nothing
      { chrtId: 15, size: "50", yesterday: null, today: 0 }, // no record yesterday → nothing
    ];
    await db.insert(products).values({ cabinetId: cab, nmId: 500, vendorCode: "COAT-9", title: "Пальто шерстяное" });
    for (const s of sizes) {
      await db.insert(productSizes).values({ cabinetId: cab, chrtId: s.chrtId, nmId: 500, techSize: s.size });
      await db.insert(stockSnapshots).values({ cabinetId: cab, chrtId: s.chrtId, nmId: 500, warehouseName: "Склад WB", quantity: s.today });
      if (s.yesterday !== null) await db.insert(stockHistoryDaily).values({ cabinetId: cab, day: yesterday, chrtId: s.chrtId, nmId: 500, quantity: s.yesterday });
      for (let k = 0; k < 60; k++) {
        const at = new Date(now - 2 * DAY - k * 11 * HOUR);
        await db.insert(orders).values({
          cabinetId: cab,
          srid: `st-${s.chrtId}-${k}`,
          orderedAt: at,
          lastChangeAt: at,
          nmId: 500,
          techSize: s.size,
          totalPriceKopecks: 500_000,
          finishedPriceKopecks: 400_000,
          priceWithDiscKopecks: 450_000,
        });
      }
    }

    // A stocks run completes (its rows are already in place above): the sync asks for a check.
    const stocks: DatasetSync = { dataset: "stocks", methodsFor: () => [], refreshEveryMs: () => 30 * MIN, fetchPage: async () => ({ statements: [], rows: 0, nextCursor: null }) };
    const { deps, queue } = syncDepsOn(clock, { stocks });
    queue.tracked.add(cab);
    await enqueueDueSyncs(deps);
    await drain(queue, clock, deps);
    const checks = kicks.filter((k) => k.body.type === "stock_check").map((k) => k.body);
    expect(checks).toEqual([{ type: "stock_check", cabinetId: cab }]);

    const notify = notifyDepsFor(clock);
    const outcome = await processNotifyBatch(checks, env, notify);
    expect(outcome.stockAlerts).toBe(5);
    const rows = await outboxOf(cab);
    expect(rows.map((r) => r.dedupeKey).sort()).toEqual(
      [
        stockKey("zero", cab, 11, today, owner),
        stockKey("low", cab, 12, today, owner),
        stockKey("zero", cab, 11, today, manager),
        stockKey("low", cab, 12, today, manager),
        stockKey("low", cab, 13, today, manager),
      ].sort(),
    );
    expect(telegram.to(owner)).toHaveLength(2);
    expect(telegram.to(manager)).toHaveLength(2);
    const managerLow = plain(telegram.to(manager).find((m) => m.text.includes("Скоро закончатся"))?.text ?? "");
    expect(managerLow).toContain("2 разм., запаса меньше чем на 14 дн.");
    expect(managerLow).toContain("COAT-9");
    expect(plain(telegram.to(owner).find((m) => m.text.includes("Закончились"))?.text ?? "")).toContain("р. 42 — нет в наличии");

    // The next stocks run the same day finds the same state: nothing new.
    clock.advance(30 * MIN);
    const again = await processNotifyBatch([{ type: "stock_check", cabinetId: cab }], env, notify);
    expect(again.stockAlerts).toBe(0);
    expect(await outboxOf(cab)).toHaveLength(5);
    await drainNotifications(clock, notify);
    expect(telegram.sent).toHaveLength(4);
    await db.run(sql`DELETE FROM stock_snapshots WHERE cabinet_id = ${cab}`);
  });
});
