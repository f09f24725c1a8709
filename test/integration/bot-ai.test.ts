// The assistant in the seller bot, against the fake Telegram Bot API and the fake OpenAI server:
// /ai answers with the cabinet's figures under a typing indicator, long answers are split, the
// daily limit and a missing provider get clear Russian texts, drafts go to WB once, viewers get none.

import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { cabinetMembers, feedbacks, type NewDailyRollup, users } from "../../db/schema";
import { assistantHistory } from "../../workers/ai/assistant";
import { handleSellerUpdate } from "../../workers/bot/seller/bot";
import { setSellerBotTestHooks } from "../../workers/bot/seller/config";
import { requireCabinetAccess } from "../../workers/cabinets/access";
import { connectDemoCabinetFor } from "../../workers/cabinets/demo-for-user";
import { addDays } from "../../workers/domain/calendar-day";
import { dashboardPeriods } from "../../workers/domain/moscow-periods";
import { wbCardToRows } from "../../workers/domain/wb-rows/cards";
import { wbFeedbackToRow } from "../../workers/domain/wb-rows/feedbacks";
import { getDashboardSummary } from "../../workers/queries/dashboard";
import { getSandbox } from "../../workers/wb/sandbox-instance";
import { type FakeAi, fakeOpenAi, withFakeAi } from "../support/fake-openai";
import { seed } from "./api-helpers";
import { FakeTelegram, callbackUpdate, db, installFakeTelegram, newTelegramUserId, plainText, textUpdate } from "./bot-helpers";

let telegram: FakeTelegram;
let owner: number;
let cabinetId: string;

beforeAll(async () => {
  telegram = installFakeTelegram();
  owner = newTelegramUserId();
  await db.insert(users).values({ id: owner, firstName: "Анна" });
  ({ cabinet: { id: cabinetId } } = await connectDemoCabinetFor(db, env, owner, "http://localhost:8787"));
  const sandbox = getSandbox(env);
  const now = new Date();
  await seed.products(sandbox.data.cards().slice(0, 30).map((c) => wbCardToRows(cabinetId, c, now).product));
  await seed.feedbacks((await sandbox.data.feedbacks()).slice(0, 300).map((f) => wbFeedbackToRow(cabinetId, f, now)));
  const p = dashboardPeriods(now);
  const rollups: NewDailyRollup[] = [];
  for (let d = 0; d < 35; d++) rollups.push({ cabinetId, day: addDays(p.today, -d), nmId: 0, ordersCount: 20 + d, ordersSumKopecks: (20 + d) * 250_000 });
  await seed.rollups(rollups);
}, 60_000);
afterAll(() => setSellerBotTestHooks(null));

/** One update through the bot with `aiEnv`; waits for the work it leaves running after the webhook. */
async function deliver(aiEnv: Env, update: ReturnType<typeof textUpdate>): Promise<void> {
  const background: Promise<unknown>[] = [];
  await handleSellerUpdate(aiEnv, update, { waitUntil: (p) => background.push(p) });
  await Promise.all(background);
}

function setup(extra: Partial<Record<keyof Env, string>> = {}): { fake: FakeAi; aiEnv: Env } {
  const fake = fakeOpenAi();
  telegram.reset();
  return { fake, aiEnv: withFakeAi(env, fake, extra) };
}

describe("/ai in the bot", () => {
  it("answers with the cabinet's figure under a typing indicator", async () => {
    const { aiEnv } = setup();
    await deliver(aiEnv, textUpdate(owner, "/ai Сколько заказов за 7 дней?"));
    expect(telegram.calls.some((c) => c.method === "sendChatAction" && c.payload.action === "typing")).toBe(true);
    const auth = await requireCabinetAccess(db, owner, cabinetId);
    const summary = await getDashboardSummary(db, auth);
    const answer = plainText(telegram.texts(owner).at(-1) ?? "");
    expect(answer).toContain(`orders: ${summary.orders.last7.count}`);
    expect(answer).toContain("Данные: сводка продаж");
    expect(answer).toMatch(/Осталось запросов сегодня: 29 из 30/);
  });

  it("opens chat mode: plain texts become questions until another command", async () => {
    const { aiEnv } = setup();
    await deliver(aiEnv, textUpdate(owner, "/ai"));
    expect(plainText(telegram.texts(owner).at(-1) ?? "")).toMatch(/ИИ-ассистент[\s\S]*Осталось запросов сегодня/);
    await deliver(aiEnv, textUpdate(owner, "Какие товары в топе за месяц?"));
    expect(plainText(telegram.texts(owner).at(-1) ?? "")).toContain("top_products");
    await deliver(aiEnv, textUpdate(owner, "/help"));
    telegram.reset();
    await deliver(aiEnv, textUpdate(owner, "просто текст после команды"));
    expect(telegram.calls.some((c) => c.method === "sendChatAction")).toBe(false);
  });

  it("splits a long answer into messages within Telegram's limit", async () => {
    const { fake, aiEnv } = setup();
    const long = Array.from({ length: 12 }, (_, i) => `${i + 1}. ${"Выручка растёт, а остатки тают. ".repeat(16)}`).join("\n\n");
    expect(long.length).toBeGreaterThan(5_000);
    await fake.script([{ content: long }]);
    await deliver(aiEnv, textUpdate(owner, "/ai Расскажи подробно про мой магазин"));
    const sent = telegram.calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const text of sent) expect(text.length).toBeLessThanOrEqual(4096);
    expect(sent.join("\n\n")).toContain("12. Выручка растёт");
  });

  it("forgets the conversation on /ai reset", async () => {
    const { aiEnv } = setup();
    await deliver(aiEnv, textUpdate(owner, "/ai Сколько заказов вчера?"));
    const auth = await requireCabinetAccess(db, owner, cabinetId);
    expect((await assistantHistory(aiEnv, auth)).length).toBeGreaterThan(0);
    await deliver(aiEnv, textUpdate(owner, "/ai reset"));
    expect(plainText(telegram.texts(owner).at(-1) ?? "")).toContain("История диалога очищена");
    expect(await assistantHistory(aiEnv, auth)).toEqual([]);
  });

  it("refuses a 20,000-character question and stores nothing", async () => {
    const { fake, aiEnv } = setup();
    const auth = await requireCabinetAccess(db, owner, cabinetId);
    await deliver(aiEnv, textUpdate(owner, "/ai reset"));
    await deliver(aiEnv, textUpdate(owner, `/ai ${"я".repeat(20_000)}`));
    expect(plainText(telegram.texts(owner).at(-1) ?? "")).toContain("Вопрос слишком длинный");
    expect(await assistantHistory(aiEnv, auth)).toEqual([]);
    expect(await fake.requests()).toEqual([]);
  });

  it("says when the daily limit is used up", async () => {
    const user = newTelegramUserId();
    await db.insert(users).values({ id: user, firstName: "Лимит" });
    await db.insert(cabinetMembers).values({ cabinetId, userId: user, role: "manager" });
    const { aiEnv } = setup({ AI_DAILY_LIMIT: "1" });
    await deliver(aiEnv, textUpdate(user, "/ai Сколько заказов сегодня?"));
    await deliver(aiEnv, textUpdate(user, "/ai А вчера?"));
    expect(plainText(telegram.texts(user).at(-1) ?? "")).toBe("Лимит запросов к ИИ на сегодня исчерпан (в день: 1). Новые запросы — после 00:00 МСК.");
  });

  it("says the assistant is off without a provider, and the rest of the bot works", async () => {
    telegram.reset();
    const off = { ...env, OPENAI_BASE_URL: "", OPENAI_API_KEY: "" } as Env;
    await deliver(off, textUpdate(owner, "/ai Сколько заказов?"));
    expect(plainText(telegram.texts(owner).at(-1) ?? "")).toMatch(/ИИ-ассистент не настроен/);
    await deliver(off, textUpdate(owner, "/dashboard"));
    expect(plainText(telegram.texts(owner).at(-1) ?? "")).toContain("ЗАКАЗЫ");
  });
});

describe("AI drafts and card texts in the bot", () => {
  it("drafts an answer, sends it to WB once, and refuses a second send", async () => {
    const { aiEnv } = setup();
    await deliver(aiEnv, textUpdate(owner, "/reviews"));
    const reviewsMessage = telegram.last("sendMessage");
    const draftButton = FakeTelegram.buttons(reviewsMessage).find(([label]) => label.startsWith("✨"));
    expect(draftButton).toBeDefined();
    const feedbackId = draftButton?.[1].split(":")[3] ?? "";
    await deliver(aiEnv, callbackUpdate(owner, draftButton?.[1] ?? ""));
    const draftMessage = telegram.last("sendMessage");
    expect(plainText(String(draftMessage?.payload.text))).toContain("Черновик ответа");
    const send = FakeTelegram.buttons(draftMessage).find(([label]) => label.includes("Отправить"))?.[1] ?? "";
    await deliver(aiEnv, callbackUpdate(owner, send));
    const [row] = await db.select().from(feedbacks).where(and(eq(feedbacks.cabinetId, cabinetId), eq(feedbacks.id, feedbackId)));
    expect(row?.isAnswered).toBe(true);
    expect(row?.answerSource).toBe("bot");
    const sandboxRow = (await getSandbox(env).data.feedbacks()).find((f) => f.id === feedbackId);
    expect(sandboxRow?.answer?.text).toBe(row?.answerText);
    telegram.reset();
    await deliver(aiEnv, callbackUpdate(owner, send));
    const alert = telegram.last("answerCallbackQuery");
    expect(String(alert?.payload.text)).toContain("уже отправлен");
  });

  it("gives viewers no draft buttons and refuses a forged one", async () => {
    const viewer = newTelegramUserId();
    await db.insert(users).values({ id: viewer, firstName: "Зритель" });
    await db.insert(cabinetMembers).values({ cabinetId, userId: viewer, role: "viewer" });
    const { fake, aiEnv } = setup();
    await deliver(aiEnv, textUpdate(viewer, "/reviews"));
    expect(FakeTelegram.buttons(telegram.last("sendMessage")).some(([label]) => label.startsWith("✨"))).toBe(false);
    const [review] = await db.select({ id: feedbacks.id }).from(feedbacks).where(and(eq(feedbacks.cabinetId, cabinetId), eq(feedbacks.isAnswered, false))).limit(1);
    await deliver(aiEnv, callbackUpdate(viewer, `ad:${cabinetId.slice(0, 8)}:f:${review?.id ?? "x"}`));
    expect(String(telegram.last("answerCallbackQuery")?.payload.text)).toMatch(/нужна роль «менеджер»/);
    expect(await fake.requests()).toEqual([]);
  });

  it("/cardtext shows a title and description with their lengths", async () => {
    const { aiEnv } = setup();
    const card = getSandbox(env).data.cards()[0];
    await deliver(aiEnv, textUpdate(owner, `/cardtext ${card?.nmID ?? 0}`));
    const text = plainText(telegram.texts(owner).at(-1) ?? "");
    const titleLength = /Название<\/b> \((\d+)\/60\)/.exec(text)?.[1];
    expect(Number(titleLength)).toBeGreaterThan(3);
    expect(Number(titleLength)).toBeLessThanOrEqual(60);
    expect(text).toMatch(/Описание<\/b> \(\d[\d ]*\/5 000\)/);
    await deliver(aiEnv, textUpdate(owner, "/cardtext НЕТ-ТАКОГО"));
    expect(plainText(telegram.texts(owner).at(-1) ?? "")).toContain("не найден в этом кабинете");
  });
});
