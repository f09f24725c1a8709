// The seller bot's screens through the webhook: the demo cabinet, /dashboard against the REST
// API's summary, paging, stocks, settings, sync, cabinets and invites.

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type NewFeedback, type NewOrder, botUserState, cabinetMembers, cabinets, invites, notificationSettings, users } from "../../db/schema";
import { setSellerBotTestHooks } from "../../workers/bot/seller/config";
import { addDays } from "../../workers/domain/calendar-day";
import { formatRub } from "../../workers/domain/money";
import { dashboardPeriods } from "../../workers/domain/moscow-periods";
import { toMoscowDate } from "../../workers/domain/moscow-time";
import { rollupStatements } from "../../workers/sync/datasets/rollups";
import { tokenFacts } from "../../workers/bot/seller/features/connect";
import { makeSandboxToken, SANDBOX_DEMO_TOKEN } from "../../workers/wb/sandbox/tokens";
import { decodeWbToken } from "../../workers/wb/token";
import { api, newCabinet, orderRow, seed, tokenFor, uid } from "./api-helpers";
import {
  BOT_USERNAME,
  type FakeTelegram,
  button,
  callbackUpdate,
  db,
  installFakeTelegram,
  newTelegramUserId,
  plainText,
  send,
  textUpdate,
} from "./bot-helpers";

const HOUR = 3_600_000;
const fmt = (n: number) => new Intl.NumberFormat("ru-RU").format(n).replace(/[\u00a0\u202f]/g, " ");

let fake: FakeTelegram;

beforeAll(() => {
  fake = installFakeTelegram();
});
afterAll(() => setSellerBotTestHooks(null));

async function telegramUser(): Promise<number> {
  const id = newTelegramUserId();
  await db.insert(users).values({ id, firstName: "Анна" });
  return id;
}

/** A cabinet with orders over the last 40 days (rollups rebuilt by the pipeline's own statements). */
async function seededCabinet(owner: number, ordersCount = 45): Promise<string> {
  const cabinetId = await newCabinet(owner, { name: "Магазин «Ромашка» & Co" });
  const now = Date.now();
  const rows: NewOrder[] = [];
  for (let i = 0; i < ordersCount; i++) {
    rows.push(
      orderRow(cabinetId, {
        orderedAt: new Date(now - i * 20 * HOUR - 60_000),
        priceWithDiscKopecks: 100_000 + i * 1_050,
        isCancel: i % 9 === 4,
        supplierArticle: `ART-${i % 5}`,
        region: i % 2 ? "Московская" : "Санкт-Петербург",
        warehouseName: "Коледино",
      }),
    );
  }
  await seed.orders(rows);
  const days = [...new Set(rows.map((r) => toMoscowDate(r.orderedAt)))];
  const statements = rollupStatements(db, cabinetId, days);
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  const feedbacks: NewFeedback[] = [5, 5, 4, 1, 2, 5, 3].map((rating, i) => ({
    cabinetId,
    id: uid("fb"),
    nmId: 100,
    rating,
    text: i === 3 ? "Пришло <не то> & порвано" : "Хорошее платье",
    productName: "Платье летнее",
    supplierArticle: "ART-1",
    createdAt: new Date(now - i * HOUR),
    isAnswered: i % 2 === 0,
    answerText: i % 2 === 0 ? "Спасибо!" : null,
  }));
  await seed.feedbacks(feedbacks);
  return cabinetId;
}

describe("seller bot screens", () => {
  it("connects the demo cabinet: it becomes active and the menu shows it", async () => {
    const user = newTelegramUserId();
    fake.reset();
    await send(textUpdate(user, "/start"));
    await send(callbackUpdate(user, button(fake, "Демо-кабинет")));
    const texts = fake.texts(user).map(plainText);
    expect(texts.at(-1)).toContain("Демо-кабинет «<b>Демо-магазин одежды</b>» подключён");
    const [state] = await db.select().from(botUserState).where(eq(botUserState.userId, user));
    const [member] = await db.select().from(cabinetMembers).where(eq(cabinetMembers.userId, user));
    expect(member?.role).toBe("owner");
    expect(state?.activeCabinetId).toBe(member?.cabinetId);
    const [cabinet] = await db.select().from(cabinets).where(eq(cabinets.id, member?.cabinetId ?? ""));
    expect(cabinet?.isDemo).toBe(true);

    // Asking again reuses it.
    await send(textUpdate(user, "/start demo"));
    expect(plainText(fake.texts(user).at(-1) ?? "")).toContain("уже подключён");
    expect(await db.select().from(cabinetMembers).where(eq(cabinetMembers.userId, user))).toHaveLength(1);

    await send(textUpdate(user, "/menu"));
    expect(plainText(fake.texts(user).at(-1) ?? "")).toContain("Демо-магазин одежды");
  });

  it("/dashboard shows the figures of the REST API's summary", async () => {
    const user = await telegramUser();
    const cabinetId = await seededCabinet(user);
    const token = await tokenFor(user);
    fake.reset();
    await send(textUpdate(user, "/dashboard"));
    const text = plainText(fake.texts(user).at(-1) ?? "");
    const summary = (await api(`/cabinets/${cabinetId}/summary`, { token })).body;
    const o = summary.orders;
    expect(text).toContain("Магазин «Ромашка» &amp; Co");
    expect(text).toContain(`Новых заказов: <b>${fmt(o.today.count)}</b>`);
    expect(text).toContain(`На сумму: <b>${plainText(formatRub(o.today.sum.kopecks))}</b>`);
    expect(text).toContain(`Вчера за весь день: ${fmt(o.yesterday.count)} `);
    expect(text).toContain(`на ${plainText(formatRub(o.yesterday.sum.kopecks))}`);
    expect(text).toContain(`7 дней: ${fmt(o.last7.count)} на ${plainText(formatRub(o.last7.sum.kopecks))}`);
    expect(text).toContain(`30 дней: ${fmt(o.last30.count)} на ${plainText(formatRub(o.last30.sum.kopecks))}`);
    expect(text).toContain(`Критичных (запаса меньше ${summary.stocks.criticalDays} дн.): <b>${fmt(summary.stocks.critical)}</b>`);
    expect(text).toContain(`С нулевыми остатками: <b>${fmt(summary.stocks.zero)}</b>`);
    expect(text).toContain(`Требуют внимания: <b>${fmt(summary.stocks.needsAttention)}</b>`);
    expect(text).toContain(`Средний рейтинг: <b>${new Intl.NumberFormat("ru-RU", { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(summary.reviews.averageRating)}</b>/5`);
    expect(text).toContain(`Без ответа: <b>${fmt(summary.reviews.unanswered)}</b>`);
    expect(text).toContain(`Всего отзывов: ${fmt(summary.reviews.total)}`);
    expect(o.last30.count).toBeGreaterThan(0);
    expect(summary.reviews.total).toBe(7);
  });

  it("pages through orders forward and back, newest first, without repeats", async () => {
    const user = await telegramUser();
    await seededCabinet(user, 20);
    fake.reset();
    await send(textUpdate(user, "/orders"));
    const pages = [plainText(fake.texts(user).at(-1) ?? "")];
    expect(pages[0]).toContain("стр. 1");
    await send(callbackUpdate(user, button(fake, "Вперёд")));
    pages.push(plainText(fake.last("editMessageText")?.payload.text as string));
    await send(callbackUpdate(user, button(fake, "Вперёд", "editMessageText")));
    pages.push(plainText(fake.last("editMessageText")?.payload.text as string));
    expect(pages[1]).toContain("стр. 2");
    expect(pages[2]).toContain("стр. 3");
    const numbers = pages.map((p) => [...p.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1])));
    expect(numbers.flat()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // The last page has no «Вперёд».
    expect(() => button(fake, "Вперёд", "editMessageText")).toThrow();
    expect(pages[0]).toContain("❌ отмена");

    await send(callbackUpdate(user, button(fake, "Назад", "editMessageText")));
    expect(plainText(fake.last("editMessageText")?.payload.text as string)).toBe(pages[1]);

    await send(callbackUpdate(user, button(fake, "Отменённые", "editMessageText")));
    const cancelled = plainText(fake.last("editMessageText")?.payload.text as string);
    expect(cancelled).toContain("Отменённые");
    expect([...cancelled.matchAll(/^\d+\. /gm)].length).toBe(2);
  });

  it("settings: kinds, threshold, quiet hours and time zone are stored", async () => {
    const user = await telegramUser();
    const cabinetId = await seededCabinet(user, 1);
    fake.reset();
    await send(textUpdate(user, "/settings"));
    expect(plainText(fake.texts(user).at(-1) ?? "")).toContain("Уведомления");
    await send(callbackUpdate(user, button(fake, "Заказы")));
    await send(callbackUpdate(user, button(fake, "14", "editMessageText")));
    await send(callbackUpdate(user, button(fake, "23–08", "editMessageText")));
    let [row] = await db
      .select()
      .from(notificationSettings)
      .where(and(eq(notificationSettings.userId, user), eq(notificationSettings.cabinetId, cabinetId)));
    expect(row?.enabledKinds).toEqual({ new_orders: false });
    expect(row?.stockThresholdDays).toBe(14);
    expect([row?.quietHoursStartMin, row?.quietHoursEndMin]).toEqual([23 * 60, 8 * 60]);

    // Typed quiet hours.
    await send(callbackUpdate(user, button(fake, "Своё", "editMessageText")));
    await send(textUpdate(user, "когда-нибудь"));
    expect(plainText(fake.texts(user).at(-1) ?? "")).toContain("Не понял время");
    await send(textUpdate(user, "22:30-07:15"));
    [row] = await db
      .select()
      .from(notificationSettings)
      .where(and(eq(notificationSettings.userId, user), eq(notificationSettings.cabinetId, cabinetId)));
    expect([row?.quietHoursStartMin, row?.quietHoursEndMin]).toEqual([22 * 60 + 30, 7 * 60 + 15]);

    // Time zone.
    await send(callbackUpdate(user, button(fake, "Часовой пояс")));
    await send(callbackUpdate(user, button(fake, "Новосибирск", "editMessageText")));
    const [u] = await db.select().from(users).where(eq(users.id, user));
    expect(u?.timeZone).toBe("Asia/Novosibirsk");
    expect(plainText(fake.last("editMessageText")?.payload.text as string)).toContain("Новосибирск (UTC+7)");

    // The dashboard uses the stored threshold.
    await send(textUpdate(user, "/dashboard"));
    expect(plainText(fake.texts(user).at(-1) ?? "")).toContain("порог 14 дн.");
  });

  it("/stocks, /analytics, /sync, /help and /cabinets render for a cabinet", async () => {
    const user = await telegramUser();
    await seededCabinet(user);
    fake.reset();
    await send(textUpdate(user, "/stocks"));
    const stocks = plainText(fake.texts(user).at(-1) ?? "");
    expect(stocks).toContain("Остатки");
    expect(stocks).toContain("по прогнозу спроса");
    await send(textUpdate(user, "/analytics"));
    const analytics = plainText(fake.texts(user).at(-1) ?? "");
    expect(analytics).toMatch(/Заказы: <b>\d+<\/b> шт\./);
    // Orders only (nothing bought out yet): no top by revenue, an ABC/XYZ matrix, no financial report.
    expect(analytics).toContain("Данных по товарам за этот период пока нет");
    expect(analytics).toContain("ABC/XYZ");
    expect(analytics).toContain("Финансового отчёта WB за этот период ещё нет");
    await send(callbackUpdate(user, button(fake, "30 дн.")));
    expect(plainText(fake.last("editMessageText")?.payload.text as string)).toContain("Заказы по неделям");
    await send(textUpdate(user, "/sync"));
    expect(plainText(fake.texts(user).at(-1) ?? "")).toContain("Синхронизация с WB");
    await send(textUpdate(user, "/help"));
    expect(plainText(fake.texts(user).at(-1) ?? "")).toContain("/dashboard");
    await send(textUpdate(user, "/cabinets"));
    expect(plainText(fake.texts(user).at(-1) ?? "")).toContain("Ваши кабинеты");
  });

  it("invites a manager by a deep link; the owner removes them", async () => {
    const owner = await telegramUser();
    const cabinetId = await seededCabinet(owner, 3);
    fake.reset();
    await send(textUpdate(owner, "/cabinets"));
    await send(callbackUpdate(owner, button(fake, "Участники")));
    await send(callbackUpdate(owner, button(fake, "Менеджер", "editMessageText")));
    const inviteText = plainText(fake.texts(owner).at(-1) ?? "");
    const link = new RegExp(`https://t\\.me/${BOT_USERNAME}\\?start=(inv_[A-Za-z0-9_-]+)`).exec(inviteText);
    expect(link?.[1]).toBeTruthy();
    expect((link?.[1] ?? "").length).toBeLessThanOrEqual(64);

    const member = newTelegramUserId();
    await send(textUpdate(member, `/start ${link?.[1]}`));
    expect(plainText(fake.texts(member).at(-1) ?? "")).toContain("с ролью «менеджер»");
    const [row] = await db.select().from(cabinetMembers).where(and(eq(cabinetMembers.cabinetId, cabinetId), eq(cabinetMembers.userId, member)));
    expect(row?.role).toBe("manager");
    const [invite] = await db.select().from(invites).where(eq(invites.cabinetId, cabinetId));
    expect(invite?.usedBy).toBe(member);

    // One-time: a second person cannot use it.
    const other = newTelegramUserId();
    await send(textUpdate(other, `/start ${link?.[1]}`));
    expect(plainText(fake.texts(other).at(-2) ?? "")).toContain("уже присоединились");
    expect(await db.select().from(cabinetMembers).where(eq(cabinetMembers.userId, other))).toHaveLength(0);

    // The manager sees the cabinet's dashboard; may not invite.
    await send(textUpdate(member, "/dashboard"));
    expect(plainText(fake.texts(member).at(-1) ?? "")).toContain("Магазин «Ромашка»");

    // The owner removes the manager (with a confirmation); the manager is told.
    await send(textUpdate(owner, "/cabinets"));
    await send(callbackUpdate(owner, button(fake, "Участники", undefined, owner)));
    await send(callbackUpdate(owner, button(fake, "Удалить", "editMessageText", owner)));
    await send(callbackUpdate(owner, button(fake, "Да, удалить", "editMessageText", owner)));
    expect(await db.select().from(cabinetMembers).where(and(eq(cabinetMembers.cabinetId, cabinetId), eq(cabinetMembers.userId, member)))).toHaveLength(0);
    expect(plainText(fake.texts(member).at(-1) ?? "")).toContain("Вас удалили из кабинета");

    // Their old buttons no longer open the cabinet.
    fake.reset();
    await send(textUpdate(member, "/dashboard"));
    expect(plainText(fake.texts(member).at(-1) ?? "")).toContain("Сначала подключите кабинет");
  });

  it("a viewer cannot start a sync or reply to a review", async () => {
    const owner = await telegramUser();
    const cabinetId = await seededCabinet(owner, 2);
    const viewer = await telegramUser();
    await db.insert(cabinetMembers).values({ cabinetId, userId: viewer, role: "viewer" });
    fake.reset();
    await send(textUpdate(viewer, "/sync"));
    await send(callbackUpdate(viewer, button(fake, "Обновить из WB")));
    const alert = fake.last("answerCallbackQuery");
    expect(alert?.payload.show_alert).toBe(true);
    expect(String(alert?.payload.text)).toContain("менеджер");
  });

  it("deletes a typed WB token from the chat at once and says why it was not accepted", async () => {
    const user = newTelegramUserId();
    fake.reset();
    await send(textUpdate(user, "/connect"));
    expect(plainText(fake.texts(user).at(-1) ?? "")).toContain("Доступ к API");
    await send(textUpdate(user, "просто текст"));
    expect(plainText(fake.texts(user).at(-1) ?? "")).toContain("не похоже на токен");

    const expired = makeSandboxToken({ expiresAt: new Date(Date.now() - 86_400_000), issuedAt: new Date(Date.now() - 200 * 86_400_000) });
    const message = textUpdate(user, expired);
    await send(message);
    const deleted = fake.last("deleteMessage");
    expect(deleted?.payload).toMatchObject({ chat_id: user, message_id: (message as { message: { message_id: number } }).message.message_id });
    const reply = plainText(fake.texts(user).at(-1) ?? "");
    expect(reply).toContain("Кабинет не подключён");
    expect(reply).toContain("Срок действия токена истёк");
    // Still waiting for a token; no cabinet was created; the token is never echoed back.
    expect(fake.texts(user).some((t) => t.includes(expired))).toBe(false);
    expect(await db.select().from(cabinetMembers).where(eq(cabinetMembers.userId, user))).toHaveLength(0);

    // A failed deletion is reported, not hidden.
    fake.failNext("deleteMessage", 400, "Bad Request: message can't be deleted");
    await send(textUpdate(user, expired));
    expect(plainText(fake.texts(user).find((t) => t.includes("Проверяю токен") && t.includes("удалите его")) ?? "")).toContain("удалите его, пожалуйста, сами");
  });

  it("describes what a token allows, how its type limits refreshes and when it expires", () => {
    const personal = plainText(tokenFacts(decodeWbToken(SANDBOX_DEMO_TOKEN), false));
    expect(personal).toContain("персональный, действует до 01.01.2100");
    expect(personal).toContain("чтение и запись");
    expect(personal).toContain("заказы — раз в 5 мин");
    const base = plainText(
      tokenFacts(decodeWbToken(makeSandboxToken({ type: "base", readOnly: true, categories: ["statistics"], expiresAt: new Date("2027-03-01T00:00:00Z") })), false),
    );
    expect(base).toContain("базовый (низкие лимиты WB), действует до 01.03.2027");
    expect(base).toContain("<b>Доступ</b>: Статистика");
    expect(base).toContain("только чтение");
    expect(base).toContain("заказы — раз в 3 ч");
  });

  it("yesterday's date maths is Moscow's", () => {
    const now = new Date();
    expect(dashboardPeriods(now).yesterday).toBe(addDays(toMoscowDate(now), -1));
  });
});
