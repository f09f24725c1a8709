// Notifications from the sync, end to end inside workerd: the real pipeline (cron → simulated
// queue → consumer → one db.batch per page with the detection statements) over scripted WB pages,
// then the real sender (the "notifications" consumer's code) through the real grammY client into
// a Bot API recorder, all on a simulated clock. Proves: a flood of 200 new orders reaches every
// member as grouped messages within Telegram's limits, each order exactly once; history and
// re-syncs queue nothing; a failed and retried page, and a redelivered one, queue each order once;
// new reviews (negative highlighted, with a working reply button) and questions.

import { env } from "cloudflare:workers";
import type { JsonValue, NewFeedback, NewOrder, NewQuestion, SyncDataset } from "../../db/schema";
import { feedbacks, notificationOutbox, orders, questions } from "../../db/schema";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { jsonUpsert, excluded } from "../../workers/db/bulk-upsert";
import type { DatasetRegistry, SyncDeps } from "../../workers/jobs/deps";
import { enqueueDueSyncs } from "../../workers/jobs/scheduled";
import { orderKey, questionKey, reviewKey } from "../../workers/domain/notifications/keys";
import type { DatasetSync, PageResult } from "../../workers/sync/dataset";
import type { WbClient } from "../../workers/wb/client";
import { Clock, SimQueue, T0, drain } from "../support/sim-queue";
import { SECRET, callbackUpdate, send } from "./bot-helpers";
import {
  type Member,
  clearOutbox,
  createCabinetWith,
  db,
  drainNotifications,
  installNotifyTest,
  maxInWindow,
  minGapPerChat,
  newUserId,
  notifyDepsFor,
  outboxOf,
  plain,
  uninstallNotifyTest,
} from "./notify-helpers";
import { setSellerBotTestHooks } from "../../workers/bot/seller/config";

const MIN = 60_000;
const HOUR = 60 * MIN;

beforeEach(async () => {
  await clearOutbox();
});
afterEach(() => {
  uninstallNotifyTest();
});

// --- scripted WB datasets ------------------------------------------------------------------------

type Source<R> = { rows: R[]; pageSize: number; poisonOnce?: number | null; fetched: number[] };

function offsetOf(cursor: JsonValue | null): number {
  return cursor === null ? 0 : ((cursor as { offset: number }).offset ?? 0);
}

/** A dataset paging over `src.rows` with the real upserts' shape; the first run ends with backfillDone. */
function scripted<R>(dataset: SyncDataset, src: Source<R>, write: (ctx: { db: typeof db; cabinetId: string }, rows: R[]) => PageResult["statements"]): DatasetSync {
  return {
    dataset,
    methodsFor: () => [],
    refreshEveryMs: () => 30 * MIN,
    async fetchPage(ctx, cursor): Promise<PageResult> {
      const offset = offsetOf(cursor);
      src.fetched.push(offset);
      const slice = src.rows.slice(offset, offset + src.pageSize);
      const statements = write({ db: ctx.db, cabinetId: ctx.cabinet.id }, slice);
      if (src.poisonOnce === offset) {
        // A statement that fails the page's batch once (NOT NULL), like a D1 hiccup mid-commit.
        src.poisonOnce = null;
        statements.push(ctx.db.insert(orders).values({ ...(slice[0] as unknown as NewOrder), srid: "poison", cabinetId: ctx.cabinet.id, nmId: sql`NULL` }));
      }
      const next = offset + slice.length;
      const done = next >= src.rows.length;
      return { statements, rows: slice.length, nextCursor: done ? null : { offset: next }, ...(done ? { backfillDone: true, backfillProgress: 1 } : {}) };
    },
  };
}

const ordersDataset = (src: Source<Omit<NewOrder, "cabinetId">>) =>
  scripted("orders", src, ({ db, cabinetId }, rows) =>
    jsonUpsert(
      db,
      orders,
      rows.map((r) => ({ ...r, cabinetId })),
      { where: sql`${excluded(orders.lastChangeAt)} >= ${orders.lastChangeAt}` },
    ),
  );

function wbOrder(i: number, at: number, prefix = "ART"): Omit<NewOrder, "cabinetId"> {
  return {
    srid: `${prefix}-srid-${String(i).padStart(4, "0")}`,
    orderedAt: new Date(at),
    lastChangeAt: new Date(at + 30 * MIN),
    nmId: 200_000 + (i % 17),
    supplierArticle: `${prefix}-${String(i).padStart(4, "0")}`,
    techSize: ["42", "44", "46", "48"][i % 4] ?? "44",
    subject: "Платья",
    brand: "Лето",
    region: ["Москва", "Санкт-Петербург", "Краснодарский край", "Татарстан"][i % 4] ?? "Москва",
    warehouseName: "Склад WB РФ",
    totalPriceKopecks: 250_000,
    finishedPriceKopecks: 150_000 + i * 100,
    priceWithDiscKopecks: 180_000 + i * 100,
  };
}

function setup(datasets: DatasetRegistry, clock: Clock) {
  const queue = new SimQueue(clock);
  // The scripted datasets never call WB.
  const deps: SyncDeps = { db, datasets, queue, now: clock.now, clientFor: async () => ({}) as WbClient };
  return { queue, deps };
}

async function runSync(clock: Clock, queue: SimQueue, deps: SyncDeps, cabinetId: string) {
  queue.tracked.add(cabinetId);
  await enqueueDueSyncs(deps);
  return drain(queue, clock, deps, 1000);
}

/** Orders per Moscow minute in the flood: uneven on purpose (a busy minute needs several messages). */
const FLOOD_MINUTES = [30, 5, 12, 1, 9, 17, 3, 22, 8, 10, 14, 6, 11, 2, 19, 7, 4, 13, 5, 2];

describe("a flood of new orders", () => {
  it("reaches every member as grouped messages within Telegram's limits, each order exactly once", async () => {
    expect(FLOOD_MINUTES.reduce((a, b) => a + b, 0)).toBe(200);
    const clock = new Clock(T0);
    const { telegram, kicks } = installNotifyTest(clock);

    const owner = newUserId();
    const manager = newUserId();
    const quietViewer = newUserId();
    const viewers = Array.from({ length: 30 }, () => newUserId());
    const members: Member[] = [
      { userId: owner, role: "owner" },
      { userId: manager, role: "manager" },
      { userId: quietViewer, role: "viewer", settings: { enabledKinds: { new_orders: false } } },
      ...viewers.map((userId) => ({ userId, role: "viewer" as const })),
    ];
    const recipients = [owner, manager, ...viewers];
    const cabinetId = await createCabinetWith(members, { datasets: ["orders"], synced: true, now: T0 });

    // 50 orders already stored (the backfill), served again by WB with a later change (cancellations).
    const history = Array.from({ length: 50 }, (_, i) => wbOrder(i, T0 - 5 * HOUR + i * MIN, "OLD"));
    const [first, ...rest] = jsonUpsert(db, orders, history.map((o) => ({ ...o, cabinetId })));
    if (first) await db.batch([first, ...rest]);
    const fresh: Omit<NewOrder, "cabinetId">[] = [];
    let n = 0;
    FLOOD_MINUTES.forEach((count, minute) => {
      for (let k = 0; k < count; k++) fresh.push(wbOrder(n++, T0 - 25 * MIN + minute * MIN + Math.floor((k * 59_000) / count)));
    });
    const src: Source<Omit<NewOrder, "cabinetId">> = {
      rows: [...history.map((o) => ({ ...o, isCancel: true, lastChangeAt: new Date(T0 - MIN) })), ...fresh],
      pageSize: 100,
      fetched: [],
    };
    const { queue, deps } = setup({ orders: ordersDataset(src) }, clock);

    const log = await runSync(clock, queue, deps, cabinetId);
    expect(log.map((d) => d.outcome)).toEqual(["acked", "acked", "acked"]);
    expect(src.fetched).toEqual([0, 100, 200]);

    // The outbox: one row per new order per member who wants orders; none for history.
    const rows = await outboxOf(cabinetId);
    expect(rows).toHaveLength(200 * recipients.length);
    expect(new Set(rows.map((r) => r.userId))).toEqual(new Set(recipients));
    for (const r of rows) {
      const p = r.payload as { srid: string; article: string };
      expect(r.dedupeKey).toBe(orderKey(cabinetId, p.srid, r.userId));
      expect(p.article.startsWith("ART-")).toBe(true);
    }
    expect(kicks.filter((k) => k.body.type === "send").length).toBeGreaterThanOrEqual(1);

    // Send, as the "notifications" consumer would, following its own follow-ups.
    const start = clock.t;
    const reports = await drainNotifications(clock, notifyDepsFor(clock));
    const messagesPerChat = FLOOD_MINUTES.reduce((s, c) => s + Math.ceil(c / 10), 0);
    expect(telegram.sent).toHaveLength(messagesPerChat * recipients.length);
    expect(telegram.to(quietViewer)).toHaveLength(0);

    for (const chat of recipients) {
      const texts = telegram.to(chat).map((m) => plain(m.text));
      expect(texts).toHaveLength(messagesPerChat);
      const mentioned = texts.flatMap((t) => [...t.matchAll(/арт\. <code>(ART-\d{4})<\/code>/g)].map((m) => m[1]));
      expect(mentioned.sort()).toEqual(fresh.map((o) => o.supplierArticle).sort());
      expect(texts.some((t) => t.includes("OLD-"))).toBe(false);
      expect(new Set(texts).size).toBe(texts.length);
      // Grouped per minute: the minutes with 21–30 orders came in three parts.
      expect(texts.filter((t) => t.includes("часть 1 из 3"))).toHaveLength(FLOOD_MINUTES.filter((c) => c > 20).length);
    }
    // Telegram's limits, on the clock the Bot API saw.
    expect(minGapPerChat(telegram.sent)).toBeGreaterThanOrEqual(1000);
    expect(maxInWindow(telegram.sent.map((m) => m.at), 1000)).toBeLessThanOrEqual(30);
    expect(telegram.attempts.filter((a) => a.failed)).toHaveLength(0);

    const after = await outboxOf(cabinetId);
    expect(after.every((r) => r.status === "sent")).toBe(true);
    const seconds = (Math.max(...telegram.sent.map((m) => m.at)) - start) / 1000;
    console.log(
      `flood: 200 orders × ${recipients.length} members = ${rows.length} outbox rows → ${telegram.sent.length} messages (${messagesPerChat} per chat) ` +
        `in ${seconds.toFixed(1)} s simulated over ${reports.length} sender runs; max ${maxInWindow(telegram.sent.map((m) => m.at), 1000)} msgs in any 1 s, ` +
        `min gap per chat ${minGapPerChat(telegram.sent)} ms`,
    );

    // Re-running the same sync (same WB rows) queues nothing and sends nothing.
    clock.advance(30 * MIN);
    const again = await runSync(clock, queue, deps, cabinetId);
    expect(again.map((d) => d.outcome)).toEqual(["acked", "acked", "acked"]);
    expect(await outboxOf(cabinetId)).toHaveLength(rows.length);
    const before = telegram.sent.length;
    await drainNotifications(clock, notifyDepsFor(clock));
    expect(telegram.sent).toHaveLength(before);
  }, 120_000);
});

describe("history and retries", () => {
  it("queues nothing for the history of the first run, then only what arrives after it", async () => {
    const clock = new Clock(T0);
    const { kicks } = installNotifyTest(clock);
    const owner = newUserId();
    const cabinetId = await createCabinetWith([{ userId: owner, role: "owner" }], { datasets: ["orders"], now: T0 });
    // Backfill: 300 orders, the newest minutes old — fresh enough to be news, but history all the same.
    const src: Source<Omit<NewOrder, "cabinetId">> = { rows: Array.from({ length: 300 }, (_, i) => wbOrder(i, T0 - 300 * MIN + i * MIN, "HIS")), pageSize: 120, fetched: [] };
    const { queue, deps } = setup({ orders: ordersDataset(src) }, clock);

    await runSync(clock, queue, deps, cabinetId);
    expect(src.fetched).toEqual([0, 120, 240]);
    expect(await outboxOf(cabinetId)).toHaveLength(0);
    expect(kicks).toHaveLength(0);

    // The next run: the same 300 (re-read) and 4 new ones.
    clock.advance(30 * MIN);
    src.rows.push(...Array.from({ length: 4 }, (_, i) => wbOrder(i, T0 + i * MIN, "NEW")));
    await runSync(clock, queue, deps, cabinetId);
    const rows = await outboxOf(cabinetId);
    expect(rows.map((r) => (r.payload as { article: string }).article).sort()).toEqual(["NEW-0000", "NEW-0001", "NEW-0002", "NEW-0003"]);
  });

  it("a page whose batch failed and was retried, and a redelivered page, queue each order once", async () => {
    const clock = new Clock(T0);
    installNotifyTest(clock);
    const owner = newUserId();
    const manager = newUserId();
    const cabinetId = await createCabinetWith(
      [
        { userId: owner, role: "owner" },
        { userId: manager, role: "manager" },
      ],
      { datasets: ["orders"], synced: true, now: T0 },
    );
    const src: Source<Omit<NewOrder, "cabinetId">> = { rows: Array.from({ length: 20 }, (_, i) => wbOrder(i, T0 - 10 * MIN + i * 20_000)), pageSize: 10, fetched: [], poisonOnce: 10 };
    const { queue, deps } = setup({ orders: ordersDataset(src) }, clock);
    queue.tracked.add(cabinetId);
    await enqueueDueSyncs(deps);
    // The first page is delivered twice (Queues is at-least-once).
    const first = queue.pending[0];
    if (!first) throw new Error("nothing enqueued");
    queue.pending.push({ ...first, id: "duplicate" });
    const log = await drain(queue, clock, deps);
    expect(log.map((d) => d.outcome)).toContain("retried");
    expect(src.fetched.filter((o) => o === 10)).toHaveLength(2); // the poisoned page ran twice
    const rows = await outboxOf(cabinetId);
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(40);
  });
});

describe("new reviews and questions", () => {
  it("highlights a negative review with a reply button that opens the reply flow, and sends questions", async () => {
    const clock = new Clock(T0);
    const { telegram } = installNotifyTest(clock);
    // The webhook needs its secret too (the reply button is pressed through it).
    setSellerBotTestHooks({
      transformer: telegram.transformer,
      env: { TELEGRAM_SELLER_BOT_TOKEN: "7000000003:NOTIFY-TEST-not-real", TELEGRAM_SELLER_WEBHOOK_SECRET: SECRET, TELEGRAM_SELLER_BOT_USERNAME: "wb_assist_notify_bot" },
    });
    const owner = newUserId();
    const cabinetId = await createCabinetWith([{ userId: owner, role: "owner" }], { datasets: ["feedbacks", "questions"], now: T0 });

    const review = (id: string, rating: number, at: number, answered = false): NewFeedback => ({
      cabinetId,
      id,
      nmId: 300_001,
      productName: "Платье летнее",
      supplierArticle: "DRESS-7",
      size: "44",
      rating,
      text: rating <= 3 ? "Ткань тонкая, село после стирки" : "Отличное платье!",
      userName: "Мария",
      createdAt: new Date(at),
      isAnswered: answered,
      answerText: answered ? "Спасибо!" : null,
    });
    const fbSrc: Source<NewFeedback> = { rows: [review("old1", 1, T0 - 2 * HOUR), review("old2", 5, T0 - HOUR)], pageSize: 50, fetched: [] };
    const qSrc: Source<NewQuestion> = {
      rows: [{ cabinetId, id: "q-old", nmId: 300_001, productName: "Платье летнее", supplierArticle: "DRESS-7", text: "Есть 50 размер?", createdAt: new Date(T0 - HOUR) }],
      pageSize: 50,
      fetched: [],
    };
    const { queue, deps } = setup(
      {
        feedbacks: scripted("feedbacks", fbSrc, ({ db }, rows) => jsonUpsert(db, feedbacks, rows)),
        questions: scripted("questions", qSrc, ({ db }, rows) => jsonUpsert(db, questions, rows)),
      },
      clock,
    );
    await runSync(clock, queue, deps, cabinetId);
    expect(await outboxOf(cabinetId)).toHaveLength(0); // first run: every existing review is history

    clock.advance(30 * MIN);
    fbSrc.rows.push(review("fb-neg", 2, T0 + 20 * MIN), review("fb-pos", 5, T0 + 21 * MIN), review("fb-answered", 1, T0 + 22 * MIN, true));
    qSrc.rows.push({ cabinetId, id: "q-new", nmId: 300_001, productName: "Платье летнее", supplierArticle: "DRESS-7", text: "Какой рост у модели?", createdAt: new Date(T0 + 25 * MIN) });
    await runSync(clock, queue, deps, cabinetId);
    const rows = await outboxOf(cabinetId);
    expect(rows.map((r) => r.dedupeKey).sort()).toEqual(
      [reviewKey(cabinetId, "fb-neg", owner), reviewKey(cabinetId, "fb-pos", owner), questionKey(cabinetId, "q-new", owner)].sort(),
    );

    await drainNotifications(clock, notifyDepsFor(clock));
    const sent = telegram.to(owner);
    expect(sent).toHaveLength(3);
    const negative = sent.find((m) => m.text.includes("Негативный отзыв"));
    expect(negative?.text).toContain("Ткань тонкая");
    expect(negative?.text).toContain("★★☆☆☆");
    expect(negative?.text).not.toContain("Отличное платье");
    expect(negative?.buttons.map(([label]) => label)).toEqual(["✍️ Ответить"]);
    const positive = sent.find((m) => m.text.includes("Новый отзыв"));
    expect(positive?.text).toContain("Отличное платье");
    const question = sent.find((m) => m.text.includes("Новый вопрос"));
    expect(question?.text).toContain("Какой рост у модели?");
    expect(question?.buttons.map(([label]) => label)).toEqual(["✍️ Ответить"]);

    // The button opens the same reply flow as the bot's review list.
    const data = negative?.buttons[0]?.[1] ?? "";
    await send(callbackUpdate(owner, data));
    expect(telegram.to(owner).at(-1)?.text).toContain("Напишите ответ");
    await env.DB.prepare("DELETE FROM bot_user_state WHERE user_id = ?").bind(owner).run();
    expect((await db.select().from(notificationOutbox).where(sql`${notificationOutbox.status} != 'sent'`)).length).toBe(0);
  });
});
