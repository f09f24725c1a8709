// 200+ random and malformed updates at the webhook: unknown update types, huge texts, garbage and
// foreign callback data, edited messages, broken structures. None may answer 5xx, and nothing
// stored before may be lost or changed by them.

import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { cabinetMembers, cabinets, feedbacks, notificationSettings, orders, users } from "../../db/schema";
import { setSellerBotTestHooks } from "../../workers/bot/seller/config";
import { cabRef } from "../../workers/bot/seller/callback-data";
import { newCabinet, orderRow, seed, uid } from "./api-helpers";
import { type FakeTelegram, callbackUpdate, db, from, installFakeTelegram, newTelegramUserId, nextUpdateId, postUpdate, textUpdate } from "./bot-helpers";

let fake: FakeTelegram;

/** Deterministic PRNG (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    string: (len: number, alphabet = "abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюяABC0123456789 :<>&\"'/\\{}[]🙂\u0000\u202e") =>
      Array.from({ length: len }, () => alphabet[Math.floor(next() * alphabet.length)]).join(""),
  };
}

async function snapshot(ownerId: number, cabinetId: string) {
  const count = async (table: typeof orders | typeof feedbacks) =>
    (await db.select({ n: sql<number>`count(*)` }).from(table).where(eq(table.cabinetId, cabinetId)))[0]?.n ?? 0;
  return {
    cabinet: (await db.select().from(cabinets).where(eq(cabinets.id, cabinetId)))[0] ?? null,
    members: await db.select().from(cabinetMembers).where(eq(cabinetMembers.cabinetId, cabinetId)),
    settings: await db.select().from(notificationSettings).where(eq(notificationSettings.cabinetId, cabinetId)),
    // Profile fields follow Telegram's; the settings kept beside them must not change.
    owner: (await db.select({ timeZone: users.timeZone, paused: users.notificationsPaused, createdAt: users.createdAt }).from(users).where(eq(users.id, ownerId)))[0] ?? null,
    orders: await count(orders),
    feedbacks: await count(feedbacks),
  };
}

beforeAll(() => {
  fake = installFakeTelegram();
});
afterAll(() => setSellerBotTestHooks(null));

describe("webhook fuzz", () => {
  it("answers every random or malformed update without a 5xx and loses nothing", async () => {
    const owner = newTelegramUserId();
    await db.insert(users).values({ id: owner, firstName: "Владелец", timeZone: "Asia/Omsk" });
    const cabinetId = await newCabinet(owner, { name: "Фаззинг" });
    await seed.orders(Array.from({ length: 12 }, (_, i) => orderRow(cabinetId, { orderedAt: new Date(Date.now() - i * 3_600_000) })));
    await seed.feedbacks(
      Array.from({ length: 4 }, (_, i) => ({ cabinetId, id: uid("fz"), nmId: 1, rating: 1 + i, createdAt: new Date(Date.now() - i * 60_000), text: "текст" })),
    );
    await db.insert(notificationSettings).values({ userId: owner, cabinetId, stockThresholdDays: 5, enabledKinds: { new_orders: false }, quietHoursStartMin: 60, quietHoursEndMin: 420 });
    const before = await snapshot(owner, cabinetId);

    const r = rng(20261124);
    const cab = cabRef(cabinetId);
    const stranger = newTelegramUserId();
    const feedbackId = "n5um6IUBQOOSTxXoo0gV";
    const huge = r.string(100_000);
    const garbageCallbacks: unknown[] = [
      "",
      ":",
      "x:y:z",
      "m:extra",
      "ds",
      "ds:ZZZZZZZZ",
      `ds:${cab}:extra`,
      "or:12345678:q:-",
      `or:${cab}:a:!!!!!!!!!!`,
      `or:${cab}:a:abcdefghij`,
      `st:${cab}:a:-1`,
      `st:${cab}:a:99999999999999999999`,
      `st:${cab}:a:1e3`,
      `rv:${cab}:zz:-`,
      `ra:${cab}:../../etc/passwd`,
      `ra:${cab}:${"a".repeat(41)}`,
      `sk:${cab}:99`,
      `sd:${cab}:0`,
      `ts:${cab}:64`,
      "ar:notastash!",
      "ar:0123456789",
      `an:${cab}:365`,
      "é".repeat(40),
      "a".repeat(65),
      "a".repeat(5000),
      JSON.stringify({ a: "menu" }),
      42,
      null,
      { a: "menu" },
    ];
    // Buttons of the owner's cabinet pressed by a stranger: must change nothing.
    const foreign = [
      `dy:${cab}`,
      `dc:${cab}`,
      `my:${cab}:${owner}`,
      `mr:${cab}:${owner}`,
      `iv:${cab}:m`,
      `sk:${cab}:0`,
      `sd:${cab}:3`,
      `sq:${cab}:0`,
      `ts:${cab}:0`,
      `ra:${cab}:${feedbackId}`,
      `sn:${cab}`,
      `cs:${cab}`,
      `ds:${cab}`,
    ];
    const unknownTypes = ["poll", "poll_answer", "channel_post", "edited_channel_post", "inline_query", "chosen_inline_result", "shipping_query", "pre_checkout_query", "chat_join_request", "message_reaction", "chat_boost", "business_message", "purchased_paid_media"];

    const makers: (() => unknown)[] = [
      () => ({ update_id: nextUpdateId(), [r.pick(unknownTypes)]: { id: r.string(8), from: from(stranger), foo: r.string(20) } }),
      () => textUpdate(stranger, huge),
      () => textUpdate(r.pick([owner, stranger]), r.string(1 + r.int(300))),
      () => textUpdate(r.pick([owner, stranger]), `/start ${r.pick(["inv_", "inv_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "demo_", ""])}${r.string(r.int(80))}`),
      () => textUpdate(r.pick([owner, stranger]), `/${r.pick(["dashboard", "orders", "stocks", "reviews", "questions", "analytics", "sync", "cabinets", "settings", "help", "connect", "nonsense", "start@other_bot"])}`),
      () => textUpdate(stranger, "eyJhbGciOiJFUzI1NiJ9.eyJzIjoxfQ.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl" + r.string(20, "abcdef")),
      () => callbackUpdate(r.pick([owner, stranger]), "") && { ...callbackUpdate(owner, "m"), callback_query: { ...callbackUpdate(owner, "m").callback_query, data: r.pick(garbageCallbacks) } },
      () => callbackUpdate(stranger, r.pick(foreign)),
      () => callbackUpdate(owner, r.string(1 + r.int(64), "abcdefghijklmnopqrstuvwxyz0123456789:-")),
      () => ({ update_id: nextUpdateId(), edited_message: { ...textUpdate(owner, r.pick(["/start", "/dashboard", "Правка", huge.slice(0, 5000)])).message, edit_date: 1 } }),
      () => ({ update_id: nextUpdateId(), message: { message_id: 1, date: 0, text: "/start" } }),
      () => ({ update_id: nextUpdateId(), message: { message_id: 1, date: 0, chat: { id: owner, type: "private" }, from: { id: r.pick(["abc", -5, 1.5, 2 ** 60, null, {}]), is_bot: false, first_name: "X" }, text: "/start" } }),
      () => ({ update_id: nextUpdateId(), message: { message_id: 1, date: 0, chat: { id: -100123, type: r.pick(["group", "supergroup", "channel"]) }, from: from(stranger), text: "/dashboard" } }),
      () => ({ update_id: nextUpdateId(), message: { message_id: 1, date: 0, chat: { id: owner, type: "private" }, from: from(owner), text: r.pick([42, null, { a: 1 }, ["x"]]) } }),
      () => ({ update_id: nextUpdateId(), message: { message_id: 1, date: 0, chat: { id: owner, type: "private" }, from: from(owner), text: "/orders", entities: r.pick(["bad", [{ type: "bot_command", offset: -1, length: 999 }], [null], {}]) } }),
      () => ({ update_id: nextUpdateId(), callback_query: { id: "1", from: from(owner), chat_instance: "x", data: "m" } }),
      () => ({ update_id: nextUpdateId(), callback_query: { id: "1", from: from(owner), chat_instance: "x", game_short_name: "g" } }),
      () => ({ update_id: nextUpdateId(), message: { message_id: 1, date: 0, chat: { id: owner, type: "private" }, from: from(owner), photo: [{ file_id: "x", width: 1, height: 1 }] } }),
      () => ({ update_id: nextUpdateId(), my_chat_member: { chat: { id: stranger, type: "private" }, from: from(stranger), date: 0, old_chat_member: { status: "member" }, new_chat_member: { status: r.pick(["kicked", "member", "weird"]) } } }),
      () => ({ update_id: r.pick([-1, 1.5, "7", null, 2 ** 60]), message: textUpdate(owner, "/start").message }),
      () => r.pick([[], "update", 0, true, { update_id: nextUpdateId() }]),
    ];

    const statuses = new Map<number, number>();
    for (let i = 0; i < 220; i++) {
      const body = makers[i % makers.length]?.();
      const res = await postUpdate(body);
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, `update #${i}: ${JSON.stringify(body).slice(0, 300)}`).toBeLessThan(500);
    }
    // A raw body that is not JSON at all, and a re-delivery.
    expect((await postUpdate(null, { raw: huge })).status).toBe(400);
    const repeated = textUpdate(owner, "/help");
    expect((await postUpdate(repeated)).status).toBe(200);
    expect((await postUpdate(repeated)).status).toBe(200);

    expect(statuses.get(200)).toBeGreaterThan(150);
    const after = await snapshot(owner, cabinetId);
    expect(after).toEqual(before);
    // Nothing the bot sent broke Telegram's limits.
    for (const call of fake.calls) {
      if (call.method === "sendMessage" || call.method === "editMessageText") expect(String(call.payload.text).length).toBeLessThanOrEqual(4096);
      for (const [, data] of [call].flatMap((c) => (c.payload.reply_markup ? (c.payload.reply_markup as { inline_keyboard: { text: string; callback_data?: string }[][] }).inline_keyboard.flat().map((b) => [b.text, b.callback_data ?? ""] as const) : []))) {
        expect(new TextEncoder().encode(data).length).toBeLessThanOrEqual(64);
      }
    }
  }, 120_000);
});
