// Telegram Mini App sign-in inside workerd: initData HMAC per Telegram's spec (cross-checked with
// node:crypto), forged and tampered data refused, auth_date freshness, and the sign-in request
// (JSON only, same origin, a user created, a session cookie fit for Telegram Web's iframe).

import { createHmac } from "node:crypto";

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { users } from "../../db/schema";
import { signInWithTelegram } from "../../workers/auth/sign-in";
import { INIT_DATA_MAX_AGE_S, dataCheckString, signInitData, verifyInitData } from "../../workers/auth/telegram-init-data";
import { db } from "./api-helpers";

const BOT_TOKEN = "7123456789:AAH-test-token-for-initdata-verification";
const NOW = new Date("2026-11-24T10:00:00Z");
const nowS = Math.floor(NOW.getTime() / 1000);

function launch(user: Record<string, unknown>, authDateS = nowS - 30, extra: Record<string, string> = {}) {
  return signInitData({ query_id: "AAHdF6IQAAAAAN0XohDhrOrc", user: JSON.stringify(user), auth_date: String(authDateS), ...extra }, BOT_TOKEN);
}

const someUser = () => ({ id: 9_100_000_000 + Math.floor(Math.random() * 1e6), first_name: "Анна", last_name: "Петрова", username: "anna_shop", language_code: "ru" });

describe("initData verification", () => {
  it("accepts data signed with the bot token, exactly as Telegram's algorithm computes it", async () => {
    const user = someUser();
    const initData = await launch(user, nowS - 30, { signature: "c2lnbmF0dXJl" });
    // Independent computation with node:crypto: secret = HMAC("WebAppData", token); hash = HMAC(secret, data_check_string).
    const params = new URLSearchParams(initData);
    const fields = new Map([...params.entries()]);
    const secret = createHmac("sha256", "WebAppData").update(BOT_TOKEN).digest();
    expect(createHmac("sha256", secret).update(dataCheckString(fields)).digest("hex")).toBe(params.get("hash"));
    expect(dataCheckString(fields).split("\n").map((l) => l.split("=")[0])).toEqual(["auth_date", "query_id", "signature", "user"]);

    const check = await verifyInitData(initData, BOT_TOKEN, NOW);
    expect(check).toMatchObject({ ok: true, user: { id: user.id, firstName: "Анна", lastName: "Петрова", username: "anna_shop", languageCode: "ru" } });
  });

  it("refuses forged or tampered data", async () => {
    const user = someUser();
    const initData = await launch(user);
    // Another user id with the original hash.
    const tampered = new URLSearchParams(initData);
    tampered.set("user", JSON.stringify({ ...user, id: 1 }));
    expect(await verifyInitData(tampered.toString(), BOT_TOKEN, NOW)).toEqual({ ok: false, reason: "bad_hash" });
    // Signed with some other bot's token.
    const otherBot = await signInitData({ user: JSON.stringify(user), auth_date: String(nowS) }, "1:other-bot-token");
    expect(await verifyInitData(otherBot, BOT_TOKEN, NOW)).toEqual({ ok: false, reason: "bad_hash" });
    // A made-up hash of the right shape.
    const madeUp = new URLSearchParams(initData);
    madeUp.set("hash", "0".repeat(64));
    expect(await verifyInitData(madeUp.toString(), BOT_TOKEN, NOW)).toEqual({ ok: false, reason: "bad_hash" });
    // An extra field that was not signed.
    expect(await verifyInitData(`${initData}&start_param=admin`, BOT_TOKEN, NOW)).toEqual({ ok: false, reason: "bad_hash" });
  });

  it("refuses malformed data", async () => {
    const initData = await launch(someUser());
    expect(await verifyInitData("", BOT_TOKEN, NOW)).toEqual({ ok: false, reason: "malformed" });
    expect(await verifyInitData(initData.replace(/hash=[0-9a-f]+/, "hash=xyz"), BOT_TOKEN, NOW)).toEqual({ ok: false, reason: "malformed" });
    expect(await verifyInitData(`${initData}&auth_date=${nowS}`, BOT_TOKEN, NOW)).toEqual({ ok: false, reason: "malformed" });
    expect(await verifyInitData("x".repeat(10_000), BOT_TOKEN, NOW)).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses stale and future auth_date even with a valid signature", async () => {
    const user = someUser();
    expect((await verifyInitData(await launch(user, nowS - INIT_DATA_MAX_AGE_S + 5), BOT_TOKEN, NOW)).ok).toBe(true);
    expect(await verifyInitData(await launch(user, nowS - INIT_DATA_MAX_AGE_S - 5), BOT_TOKEN, NOW)).toEqual({ ok: false, reason: "stale" });
    expect(await verifyInitData(await launch(user, nowS - 7 * 86_400), BOT_TOKEN, NOW)).toEqual({ ok: false, reason: "stale" });
    expect(await verifyInitData(await launch(user, nowS + 600), BOT_TOKEN, NOW)).toEqual({ ok: false, reason: "future" });
  });

  it("needs a user and a configured bot token", async () => {
    const noUser = await signInitData({ auth_date: String(nowS), chat_instance: "1" }, BOT_TOKEN);
    expect(await verifyInitData(noUser, BOT_TOKEN, NOW)).toEqual({ ok: false, reason: "no_user" });
    const bot = await signInitData({ auth_date: String(nowS), user: JSON.stringify({ id: 5, first_name: "Bot", is_bot: true }) }, BOT_TOKEN);
    expect(await verifyInitData(bot, BOT_TOKEN, NOW)).toEqual({ ok: false, reason: "no_user" });
    expect(await verifyInitData(await launch(someUser()), undefined, NOW)).toEqual({ ok: false, reason: "not_configured" });
  });
});

describe("signing in from the Mini App", () => {
  const env = { TELEGRAM_SELLER_BOT_TOKEN: BOT_TOKEN };
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    new Request("https://wb.example/auth/telegram", {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: "https://wb.example", ...headers },
      body: JSON.stringify(body),
    });

  it("creates the user and a session whose cookie works inside Telegram Web's iframe", async () => {
    const user = someUser();
    const initData = await launch(user, Math.floor(Date.now() / 1000) - 5);
    const outcome = await signInWithTelegram(db, env, post({ initData, next: "/c/x/reviews" }));
    expect(outcome).toMatchObject({ ok: true, userId: user.id, location: "/c/x/reviews" });
    if (!outcome.ok) return;
    const cookie = outcome.setCookie.find((c) => c.startsWith("__Host-wba_session="));
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("SameSite=None");
    expect(cookie).toContain("Partitioned");
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ firstName: "Анна Петрова", username: "anna_shop", language: "ru" });
  });

  it("refuses forged initData with 401 and sets no cookie", async () => {
    const initData = await launch(someUser(), Math.floor(Date.now() / 1000));
    const forged = initData.replace(/%22id%22%3A\d+/, "%22id%22%3A1");
    expect(forged).not.toBe(initData);
    const outcome = await signInWithTelegram(db, env, post({ initData: forged }));
    expect(outcome).toMatchObject({ ok: false, status: 401, code: "bad_hash" });
    if (!outcome.ok) expect(outcome.message).toMatch(/Telegram не подтвердил вход/);
  });

  it("refuses requests from other origins and non-JSON bodies", async () => {
    const initData = await launch(someUser(), Math.floor(Date.now() / 1000));
    expect(await signInWithTelegram(db, env, post({ initData }, { Origin: "https://evil.example" }))).toMatchObject({ ok: false, status: 403 });
    const form = new Request("https://wb.example/auth/telegram", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://wb.example" },
      body: `initData=${encodeURIComponent(initData)}`,
    });
    expect(await signInWithTelegram(db, env, form)).toMatchObject({ ok: false, status: 415 });
  });

  it("says so when no bot token is configured", async () => {
    const outcome = await signInWithTelegram(db, { TELEGRAM_SELLER_BOT_TOKEN: "" }, post({ initData: "a=b" }));
    expect(outcome).toMatchObject({ ok: false, status: 503, code: "not_configured" });
  });
});
