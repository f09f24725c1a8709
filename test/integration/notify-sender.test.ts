// The notification sender against real local D1 and the real grammY client (the Bot API answered
// by a recorder on a simulated clock): Telegram's 429 retry_after, a user who blocked the bot
// (403), quiet hours holding across midnight and releasing, transient errors with backoff, two
// sender runs at once, a run that died holding a lease, and settings changed after queueing.

import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { notificationOutbox, notificationSettings, users } from "../../db/schema";
import { MAX_ATTEMPTS, PER_CHAT_INTERVAL_MS } from "../../workers/domain/notifications/delivery";
import { orderKey } from "../../workers/domain/notifications/keys";
import type { OrderItem } from "../../workers/domain/notifications/types";
import { claimDue } from "../../workers/notifications/outbox";
import { runSender } from "../../workers/notifications/sender";
import { Clock } from "../support/sim-queue";
import {
  clearOutbox,
  clockSleep,
  createCabinetWith,
  db,
  drainNotifications,
  installNotifyTest,
  maxInWindow,
  minGapPerChat,
  newUserId,
  notifyDepsFor,
  outboxOf,
  uninstallNotifyTest,
} from "./notify-helpers";

const MIN = 60_000;
const HOUR = 60 * MIN;
/** 2026-11-24 12:00 Moscow. */
const NOON = Date.UTC(2026, 10, 24, 9, 0, 0);
/** Moscow wall clock → instant. */
const msk = (day: number, hh: number, mm = 0) => Date.UTC(2026, 10, day, hh - 3, mm);

beforeEach(async () => {
  await clearOutbox();
});
afterEach(() => {
  uninstallNotifyTest();
});

let seq = 0;
/** Queues `n` new-order rows for a user, each order in its own minute (one message each). */
async function queueOrders(cabinetId: string, userId: number, n: number, now: number, firstMinute = now - 30 * MIN): Promise<string[]> {
  const srids: string[] = [];
  for (let i = 0; i < n; i++) {
    const srid = `s-${++seq}`;
    srids.push(srid);
    const payload: OrderItem = {
      srid,
      at: firstMinute + i * MIN,
      price: 199_000,
      cancelled: false,
      article: `A-${seq}`,
      nmId: 1,
      size: "44",
      subject: "Платья",
      brand: null,
      region: "Москва",
      okrug: null,
      country: null,
      warehouse: null,
    };
    await db.insert(notificationOutbox).values({
      userId,
      cabinetId,
      kind: "new_order",
      dedupeKey: orderKey(cabinetId, srid, userId),
      payload: { ...payload },
      notBeforeAt: new Date(now),
      createdAt: new Date(now),
    });
  }
  return srids;
}

async function statusesOf(userId: number) {
  return (await outboxOf()).filter((r) => r.userId === userId);
}

describe("Telegram's answers", () => {
  it("429: waits retry_after for that chat, without counting an attempt, then sends everything once", async () => {
    const clock = new Clock(NOON);
    const { telegram } = installNotifyTest(clock);
    const a = newUserId();
    const b = newUserId();
    const cab = await createCabinetWith([{ userId: a, role: "owner" }, { userId: b, role: "manager" }], { now: NOON });
    await queueOrders(cab, a, 3, NOON);
    await queueOrders(cab, b, 2, NOON);
    telegram.fail(a, { code: 429, description: "Too Many Requests: retry after 7", retryAfter: 7 });

    const deps = notifyDepsFor(clock);
    const first = await runSender(deps);
    expect(first.rateLimited).toBe(1);
    expect(telegram.to(a)).toHaveLength(0);
    expect(telegram.to(b)).toHaveLength(2); // another chat is not held up
    const waiting = await statusesOf(a);
    expect(waiting.every((r) => r.status === "pending" && r.attempts === 0 && r.notBeforeAt.getTime() === NOON + 7_000)).toBe(true);

    clock.t = NOON + 4_000;
    await runSender(deps);
    expect(telegram.to(a)).toHaveLength(0); // not before retry_after

    await drainNotifications(clock, deps);
    expect(telegram.to(a)).toHaveLength(3);
    expect(telegram.to(a)[0]?.at).toBe(NOON + 7_000);
    expect(minGapPerChat(telegram.sent)).toBeGreaterThanOrEqual(PER_CHAT_INTERVAL_MS);
    expect((await statusesOf(a)).every((r) => r.status === "sent")).toBe(true);
    expect(telegram.attempts.filter((x) => x.chatId === a)).toHaveLength(4); // 1 refused + 3 sent, no more
  });

  it("403: pauses the user's notifications and drops their queue instead of retrying", async () => {
    const clock = new Clock(NOON);
    const { telegram } = installNotifyTest(clock);
    const blocked = newUserId();
    const other = newUserId();
    const cab = await createCabinetWith([{ userId: blocked, role: "owner" }, { userId: other, role: "viewer" }], { now: NOON });
    await queueOrders(cab, blocked, 4, NOON);
    await queueOrders(cab, other, 1, NOON);
    telegram.fail(blocked, { code: 403, description: "Forbidden: bot was blocked by the user" });

    const report = await runSender(notifyDepsFor(clock));
    expect(report.pausedUsers).toEqual([blocked]);
    const [user] = await db.select().from(users).where(eq(users.id, blocked));
    expect(user).toMatchObject({ notificationsPaused: true, notificationsPausedReason: "blocked" });
    expect((await statusesOf(blocked)).map((r) => r.status)).toEqual(["skipped", "skipped", "skipped", "skipped"]);
    expect(telegram.to(other)).toHaveLength(1);

    // Later notifications are not even queued for them, and anything queued before is skipped.
    clock.advance(HOUR);
    await queueOrders(cab, blocked, 1, clock.t);
    await drainNotifications(clock, notifyDepsFor(clock));
    expect(telegram.attempts.filter((x) => x.chatId === blocked)).toHaveLength(1);
    expect((await statusesOf(blocked)).at(-1)?.status).toBe("skipped");
  });

  it("retries transient errors with backoff, then marks the message failed; 400 fails at once", async () => {
    const clock = new Clock(NOON);
    const { telegram } = installNotifyTest(clock);
    const u = newUserId();
    const v = newUserId();
    const cab = await createCabinetWith([{ userId: u, role: "owner" }, { userId: v, role: "viewer" }], { now: NOON });
    await queueOrders(cab, u, 1, NOON);
    await queueOrders(cab, v, 2, NOON);
    telegram.fail(u, ...Array.from({ length: MAX_ATTEMPTS }, () => ({ code: 502, description: "Bad Gateway" })));
    telegram.fail(v, { code: 400, description: "Bad Request: can't parse entities" });

    const deps = notifyDepsFor(clock);
    await runSender(deps);
    let [row] = await statusesOf(u);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "502: Bad Gateway" });
    expect(row?.notBeforeAt.getTime()).toBe(NOON + 30_000);
    // The 400 failed its message only; the next one went out.
    expect((await statusesOf(v)).map((r) => r.status)).toEqual(["failed", "sent"]);

    await drainNotifications(clock, deps, 24 * HOUR);
    [row] = await statusesOf(u);
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    const tries = telegram.attempts.filter((x) => x.chatId === u).map((x) => x.at - NOON);
    expect(tries).toEqual([0, 30_000, 90_000, 210_000, 450_000, 930_000]); // 30 s, 1, 2, 4, 8 min apart
  });
});

describe("quiet hours", () => {
  it("holds messages due in quiet hours (across midnight) until they end, then sends them", async () => {
    const clock = new Clock(msk(24, 23, 30));
    const { telegram } = installNotifyTest(clock);
    const night = newUserId();
    const day = newUserId();
    const cab = await createCabinetWith(
      [
        { userId: night, role: "owner", settings: { quietHours: [23 * 60, 8 * 60] } },
        { userId: day, role: "manager" },
      ],
      { now: clock.t },
    );
    await queueOrders(cab, night, 2, clock.t);
    await queueOrders(cab, day, 1, clock.t);

    const deps = notifyDepsFor(clock);
    await drainNotifications(clock, deps);
    expect(telegram.to(day)).toHaveLength(1);
    expect(telegram.to(night)).toHaveLength(0);
    const held = await statusesOf(night);
    expect(held.map((r) => [r.status, r.notBeforeAt.getTime()])).toEqual([
      ["held", msk(25, 8)],
      ["held", msk(25, 8)],
    ]);

    // Something new at 03:00 is held too; nothing goes out before 08:00.
    clock.t = msk(25, 3);
    await queueOrders(cab, night, 1, clock.t);
    await runSender(deps);
    clock.t = msk(25, 7, 59);
    await runSender(deps);
    expect(telegram.to(night)).toHaveLength(0);

    clock.t = msk(25, 8);
    await drainNotifications(clock, deps);
    const sent = telegram.to(night);
    expect(sent).toHaveLength(3);
    expect(sent[0]?.at).toBe(msk(25, 8));
    expect((await statusesOf(night)).every((r) => r.status === "sent")).toBe(true);
  });
});

describe("concurrency and leases", () => {
  it("two sender runs at once never send a row twice and keep both limits", async () => {
    const clock = new Clock(NOON);
    const { telegram } = installNotifyTest(clock);
    const people = Array.from({ length: 60 }, () => newUserId());
    const cab = await createCabinetWith(
      people.map((userId) => ({ userId, role: "viewer" as const })),
      { now: NOON },
    );
    for (const p of people) await queueOrders(cab, p, 3, NOON);

    const deps = notifyDepsFor(clock);
    // The second run starts while the first is mid-way; the first stops taking new chats after
    // 2 s, so both end up sending, and they overlap in time.
    const later = async () => {
      while (clock.t < NOON + 1_500) await new Promise((r) => setTimeout(r, 0));
      return runSender({ ...deps, sleep: clockSleep(clock) });
    };
    const [r1, r2] = await Promise.all([runSender(deps, { claimWindowMs: 2_000 }), later()]);
    expect(r1.messages).toBeGreaterThan(0);
    expect(r2.messages).toBeGreaterThan(0);
    console.log(`two runs: ${r1.messages} + ${r2.messages} messages`);
    await drainNotifications(clock, deps);
    expect(telegram.sent).toHaveLength(180);
    const keys = telegram.sent.map((m) => `${m.chatId}|${m.text}`);
    expect(new Set(keys).size).toBe(180);
    for (const p of people) expect(telegram.to(p)).toHaveLength(3);
    expect(minGapPerChat(telegram.sent)).toBeGreaterThanOrEqual(PER_CHAT_INTERVAL_MS);
    expect(maxInWindow(telegram.sent.map((m) => m.at), 1000)).toBeLessThanOrEqual(25);
    expect(r1.messages + r2.messages).toBe(180);
    expect((await outboxOf(cab)).every((r) => r.status === "sent")).toBe(true);
  });

  it("rows of a run that died mid-way wait for its lease to end, then go out once", async () => {
    const clock = new Clock(NOON);
    const { telegram } = installNotifyTest(clock);
    const u = newUserId();
    const cab = await createCabinetWith([{ userId: u, role: "owner" }], { now: NOON });
    await queueOrders(cab, u, 2, NOON);
    const dead = await claimDue(db, new Date(NOON)); // claimed, then the isolate died
    expect(dead.rows).toHaveLength(2);

    clock.t = NOON + 30_000;
    const deps = notifyDepsFor(clock);
    await runSender(deps);
    expect(telegram.sent).toHaveLength(0);

    clock.t = NOON + 61_000;
    await drainNotifications(clock, deps);
    expect(telegram.to(u)).toHaveLength(2);
  });
});

describe("settings at sending time", () => {
  it("skips a kind switched off after it was queued, and rows of a former member", async () => {
    const clock = new Clock(NOON);
    const { telegram } = installNotifyTest(clock);
    const owner = newUserId();
    const gone = newUserId();
    const cab = await createCabinetWith([{ userId: owner, role: "owner" }, { userId: gone, role: "viewer" }], { now: NOON });
    await queueOrders(cab, owner, 1, NOON);
    await queueOrders(cab, gone, 1, NOON);
    await db.insert(notificationSettings).values({ userId: owner, cabinetId: cab, enabledKinds: { new_orders: false } });
    await db.run(sql`DELETE FROM cabinet_members WHERE user_id = ${gone}`);

    const report = await runSender(notifyDepsFor(clock));
    expect(report.skipped).toBe(2);
    expect(telegram.sent).toHaveLength(0);
    expect((await outboxOf(cab)).map((r) => [r.status, r.lastError])).toEqual([
      ["skipped", "disabled"],
      ["skipped", "not_member"],
    ]);
  });
});
