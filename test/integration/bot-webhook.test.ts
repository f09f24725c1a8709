// The /tg/seller webhook: the secret check, what reaches the bot, re-deliveries, and /start.

import { exports } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { botUpdates, users } from "../../db/schema";
import { setSellerBotTestHooks } from "../../workers/bot/seller/config";
import { SELLER_BOT } from "../../workers/bot/seller/bot";
import { type FakeTelegram, db, installFakeTelegram, newTelegramUserId, plainText, postUpdate, send, textUpdate } from "./bot-helpers";

let fake: FakeTelegram;

beforeAll(() => {
  fake = installFakeTelegram();
});
afterAll(() => setSellerBotTestHooks(null));

describe("POST /tg/seller", () => {
  it("refuses a forged or missing secret with 401 and never reaches the bot", async () => {
    const user = newTelegramUserId();
    fake.reset();
    for (const secret of [null, "", "wrong-secret", "test-webhook-secret-012345678", "test-webhook-secret-01234567890"]) {
      const res = await postUpdate(textUpdate(user, "/start"), { secret });
      expect(res.status, `secret ${JSON.stringify(secret)}`).toBe(401);
    }
    expect(fake.calls).toHaveLength(0);
    expect(await db.select().from(users).where(eq(users.id, user))).toHaveLength(0);
  });

  it("answers 401 to everyone when no secret is configured", async () => {
    installFakeTelegram({ TELEGRAM_SELLER_WEBHOOK_SECRET: " " });
    try {
      const res = await postUpdate(textUpdate(newTelegramUserId(), "/start"));
      expect(res.status).toBe(401);
    } finally {
      fake = installFakeTelegram();
    }
  });

  it("answers 405 to other methods and 400 to a body that is not an update", async () => {
    const get = await exports.default.fetch(new Request("https://wb-assist.test/tg/seller"));
    expect(get.status).toBe(405);
    expect((await postUpdate(null, { raw: "{not json" })).status).toBe(400);
    expect((await postUpdate({ hello: "world" })).status).toBe(400);
    expect((await postUpdate([1, 2, 3])).status).toBe(400);
  });

  it("greets a new user with onboarding: connect a cabinet or try the demo", async () => {
    const user = newTelegramUserId();
    fake.reset();
    const res = await postUpdate(textUpdate(user, "/start"));
    expect(res.status).toBe(200);
    const sent = fake.last("sendMessage");
    expect(sent?.payload.chat_id).toBe(user);
    expect(sent?.payload.parse_mode).toBe("HTML");
    expect(plainText(String(sent?.payload.text))).toContain("WB Assist");
    expect(String(sent?.payload.text)).toContain("Анна");
    const labels = (sent?.payload.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard.flat().map((b) => b.text);
    expect(labels).toEqual(expect.arrayContaining(["🔑 Подключить кабинет WB", "🧪 Демо-кабинет"]));
    const [stored] = await db.select().from(users).where(eq(users.id, user));
    expect(stored?.firstName).toBe("Анна");
  });

  it("handles a re-delivered update once", async () => {
    const user = newTelegramUserId();
    const update = textUpdate(user, "/help");
    fake.reset();
    await send(update);
    await send(update);
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
    const rows = await db.select().from(botUpdates).where(and(eq(botUpdates.bot, SELLER_BOT), eq(botUpdates.updateId, update.update_id)));
    expect(rows).toHaveLength(1);
  });
});
