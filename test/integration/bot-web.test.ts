// /web: the bot hands out a one-time sign-in link to the dashboard.

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { redeemLoginLink } from "../../workers/auth/login-links";
import { setSellerBotTestHooks } from "../../workers/bot/seller/config";
import { type FakeTelegram, db, installFakeTelegram, newTelegramUserId, send, textUpdate } from "./bot-helpers";

let fake: FakeTelegram;

beforeAll(() => {
  fake = installFakeTelegram();
});
afterAll(() => setSellerBotTestHooks(null));

describe("/web", () => {
  it("gives a link that signs this user in once", async () => {
    const userId = newTelegramUserId();
    await send(textUpdate(userId, "/web"));
    const call = fake.last("sendMessage");
    expect(String(call?.payload.text)).toContain("Вход в веб-кабинет");
    const markup = call?.payload.reply_markup as { inline_keyboard: { text: string; url?: string }[][] };
    const url = markup.inline_keyboard.flat().find((b) => b.url?.includes("/login/"))?.url;
    expect(url).toBeDefined();
    const token = (url as string).split("/login/")[1] as string;
    expect(await redeemLoginLink(db, token)).toEqual({ status: "ok", userId });
    expect((await redeemLoginLink(db, token)).status).toBe("used");
  });
});
