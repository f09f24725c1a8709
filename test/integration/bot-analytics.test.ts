// The seller bot's analytics screens through the webhook, on a hand-built cabinet: /analytics shows
// exactly what loadSalesAnalytics, loadAbcXyz and loadUnitEconomics return; /stocks shows
// loadStockAnalytics (alerts first, forecast days, quantity to ship with its reasoning); a cost
// price typed in the bot is stored (source "bot") and garbage gets a Russian error.

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  type NewFinanceReportRow,
  type NewOrder,
  type NewSale,
  type NewStockHistoryDay,
  botUserState,
  costPrices,
  financeReportRows,
  orders,
  sales,
  stockHistoryDaily,
  users,
} from "../../db/schema";
import { cabRef, encodeCallback } from "../../workers/bot/seller/callback-data";
import { setSellerBotTestHooks } from "../../workers/bot/seller/config";
import { escapeHtml } from "../../workers/bot/html";
import { type AuthorizedCabinet, requireCabinetAccess } from "../../workers/cabinets/access";
import { jsonUpsert } from "../../workers/db/bulk-upsert";
import { weekdayOf } from "../../workers/domain/analytics/forecast";
import { addDays, moscowDayStart } from "../../workers/domain/calendar-day";
import { formatRub } from "../../workers/domain/money";
import { toMoscowDate } from "../../workers/domain/moscow-time";
import { loadStockAnalytics } from "../../workers/queries/analytics-demand";
import { loadUnitEconomics } from "../../workers/queries/analytics-economics";
import { defaultPeriod, loadAbcXyz, loadSalesAnalytics } from "../../workers/queries/analytics-sales";
import { rollupStatements } from "../../workers/sync/datasets/rollups";
import { addMember, newCabinet, seed, uid } from "./api-helpers";
import { type FakeTelegram, button, callbackUpdate, db, installFakeTelegram, newTelegramUserId, plainText, send, textUpdate } from "./bot-helpers";

const HOUR = 3_600_000;
const fmt = (n: number) => new Intl.NumberFormat("ru-RU").format(n).replace(/[\u00a0\u202f]/g, " ");
const rub = (k: number) => plainText(formatRub(k));

let fake: FakeTelegram;
let owner: number;
let viewer: number;
let cabinetId: string;
let auth: AuthorizedCabinet;
let today: string;
const ago = (d: number) => addDays(today, -d);
const outOfStock = (d: number) => d >= 16 && d <= 25;

function order(nmId: number, techSize: string, day: string, priceKopecks: number, k: number): NewOrder {
  const at = new Date(moscowDayStart(day).getTime() + (10 + (k % 10)) * HOUR);
  return {
    cabinetId,
    srid: uid("o."),
    orderedAt: at,
    lastChangeAt: at,
    nmId,
    techSize,
    supplierArticle: `PL-${nmId}`,
    warehouseType: "Склад WB",
    totalPriceKopecks: priceKopecks,
    finishedPriceKopecks: priceKopecks,
    priceWithDiscKopecks: priceKopecks,
  };
}

function sale(o: NewOrder, isReturn = false): NewSale {
  return {
    cabinetId,
    saleId: uid(isReturn ? "R" : "S"),
    srid: o.srid,
    soldAt: o.orderedAt,
    lastChangeAt: o.orderedAt,
    nmId: o.nmId,
    techSize: o.techSize,
    isReturn,
    totalPriceKopecks: o.priceWithDiscKopecks,
    forPayKopecks: Math.round(o.priceWithDiscKopecks * 0.8),
    finishedPriceKopecks: o.priceWithDiscKopecks,
    priceWithDiscKopecks: o.priceWithDiscKopecks,
  };
}

let rrd = 1;
function finance(reportId: string, period: { from: string; to: string }, rrDate: string, f: Partial<NewFinanceReportRow>): NewFinanceReportRow {
  return {
    cabinetId,
    rrdId: rrd++,
    reportId,
    reportType: 1,
    dateFrom: period.from,
    dateTo: period.to,
    rrDate,
    nmId: 0,
    ...f,
  };
}

async function telegramUser(): Promise<number> {
  const id = newTelegramUserId();
  await db.insert(users).values({ id, firstName: "Анна" });
  return id;
}

const lastText = (user: number) => plainText(fake.texts(user).at(-1) ?? "");

beforeAll(async () => {
  fake = installFakeTelegram();
  owner = await telegramUser();
  viewer = await telegramUser();
  cabinetId = await newCabinet(owner, { name: "Лён & Co" });
  await addMember(cabinetId, viewer, "viewer");
  auth = await requireCabinetAccess(db, owner, cabinetId);
  today = toMoscowDate(new Date());

  await seed.products([
    {
      cabinetId,
      nmId: 1001,
      vendorCode: "PL-1001",
      title: "Платье льняное",
      subjectName: "Платья",
      brand: "Лён",
    },
    {
      cabinetId,
      nmId: 1002,
      vendorCode: "PL-1002",
      title: "Платье миди",
      subjectName: "Платья",
      brand: "Лён",
    },
    {
      cabinetId,
      nmId: 1003,
      vendorCode: "JN-1003",
      title: "Джинсы",
      subjectName: "Джинсы",
      brand: "Лён",
    },
  ]);
  await seed.sizes([
    { cabinetId, chrtId: 11, nmId: 1001, techSize: "S", wbSize: "42" },
    { cabinetId, chrtId: 12, nmId: 1001, techSize: "M", wbSize: "44" },
    { cabinetId, chrtId: 21, nmId: 1002, techSize: "M", wbSize: "44" },
    { cabinetId, chrtId: 31, nmId: 1003, techSize: "30", wbSize: "30" },
  ]);
  const orderRows: NewOrder[] = [];
  const history: NewStockHistoryDay[] = [];
  for (let d = 1; d <= 91; d++) {
    const day = ago(d);
    for (let k = 0; k < (outOfStock(d) ? 0 : 4); k++) orderRows.push(order(1001, "M", day, 200_000, k));
    orderRows.push(order(1001, "S", day, 200_000, 5));
    // 1002 sells in bursts (2, 0, 4, 0, …): a Z card for XYZ.
    for (let k = 0; k < (d % 7 < 2 ? 6 : d % 3 === 0 ? 1 : 0); k++) orderRows.push(order(1002, "M", day, 150_000, k));
    history.push(
      {
        cabinetId,
        day,
        chrtId: 12,
        nmId: 1001,
        quantity: outOfStock(d) ? 0 : 15,
      },
      { cabinetId, day, chrtId: 11, nmId: 1001, quantity: 40 },
      { cabinetId, day, chrtId: 21, nmId: 1002, quantity: 20 },
      { cabinetId, day, chrtId: 31, nmId: 1003, quantity: 30 },
    );
  }
  const saleRows = orderRows.map((o) => sale(o));
  saleRows.push(
    ...orderRows
      .filter((o) => o.nmId === 1002)
      .slice(0, 5)
      .map((o) => sale(o, true)),
  );
  await db.batch([
    ...jsonUpsert(db, orders, orderRows),
    ...jsonUpsert(db, sales, saleRows),
    ...jsonUpsert(db, stockHistoryDaily, history),
  ] as unknown as Parameters<typeof db.batch>[0]);
  const days = Array.from({ length: 91 }, (_, i) => ago(i + 1));
  await db.batch(rollupStatements(db, cabinetId, days) as unknown as Parameters<typeof db.batch>[0]);
  await seed.stocks([
    {
      cabinetId,
      chrtId: 12,
      nmId: 1001,
      warehouseName: "Склад WB",
      quantity: 12,
      inWayToClient: 2,
      inWayFromClient: 1,
    },
    {
      cabinetId,
      chrtId: 11,
      nmId: 1001,
      warehouseName: "Склад WB",
      quantity: 40,
    },
    {
      cabinetId,
      chrtId: 21,
      nmId: 1002,
      warehouseName: "Склад WB",
      quantity: 5,
    },
    {
      cabinetId,
      chrtId: 31,
      nmId: 1003,
      warehouseName: "Склад WB",
      quantity: 30,
    },
  ]);

  const monday = addDays(today, -weekdayOf(today));
  const reportA = { from: addDays(monday, -14), to: addDays(monday, -8) };
  const reportB = { from: addDays(monday, -7), to: addDays(monday, -1) };
  const sold = (nmId: number, qty: number, unit: number, doc = "Продажа") => ({
    nmId,
    docTypeName: doc,
    sellerOperName: doc,
    quantity: qty,
    retailPriceWithDiscKopecks: unit,
    forPayKopecks: qty * unit * 0.8,
    vwKopecks: qty * unit * 0.125,
    vwNdsKopecks: qty * unit * 0.025,
    acquiringFeeKopecks: qty * unit * 0.015,
  });
  await db.batch(
    jsonUpsert(db, financeReportRows, [
      finance("400001", reportA, addDays(reportA.from, 1), sold(1001, 1, 200_000)),
      finance("400001", reportA, addDays(reportA.from, 1), {
        nmId: 1001,
        sellerOperName: "Логистика",
        deliveryServiceKopecks: 8_000,
      }),
      finance("400001", reportA, addDays(reportA.from, 2), {
        sellerOperName: "Хранение",
        paidStorageKopecks: 6_000,
      }),
      finance("400002", reportB, addDays(reportB.from, 2), sold(1001, 2, 200_000)),
      finance("400002", reportB, addDays(reportB.from, 3), sold(1002, 2, 150_000)),
      finance("400002", reportB, addDays(reportB.from, 4), sold(1002, 1, 150_000, "Возврат")),
      finance("400002", reportB, addDays(reportB.from, 4), {
        nmId: 1002,
        sellerOperName: "Логистика",
        deliveryServiceKopecks: 5_000,
      }),
    ]) as unknown as Parameters<typeof db.batch>[0],
  );
}, 60_000);

afterAll(() => setSellerBotTestHooks(null));

describe("/analytics", () => {
  it("shows the period, the top, the ABC/XYZ matrix and unit economics as the loaders compute them", async () => {
    fake.reset();
    await send(textUpdate(owner, "/analytics"));
    const text = lastText(owner);
    const now = new Date();
    const s = await loadSalesAnalytics(db, auth, {
      period: defaultPeriod(now, 7),
      granularity: "day",
      topLimit: 5,
      cardsLimit: 0,
      now,
    });
    const c = s.comparison.current;
    expect(text).toContain(`Заказы: <b>${fmt(c.ordersCount)}</b> шт. на <b>${rub(c.ordersSumKopecks)}</b>`);
    expect(text).toContain(`Выкупы: <b>${fmt(c.salesCount)}</b> шт.`);
    expect(text).toContain(`выручка <b>${rub(c.revenueKopecks)}</b>`);
    expect(text).toContain(`Прошлый период: ${fmt(s.comparison.previous.ordersCount)} заказов`);
    expect(text).toContain("Топ товаров по выручке");
    expect(text).toContain(`1. <code>${s.top.revenue[0]?.vendorCode}</code>`);
    expect(text).toContain(rub(s.top.revenue[0]?.current.revenueKopecks ?? -1));

    const abc = await loadAbcXyz(db, auth, { now });
    expect(text).toContain(`товаров: ${abc.items.length}`);
    for (const m of abc.matrix.filter((x) => x.count > 0)) expect(text).toContain(`${m.count}·${Math.round(m.sharePercent)}%`);
    const main = [...abc.matrix].sort((x, y) => y.sharePercent - x.sharePercent)[0];
    expect(text).toContain(`💡 <b>${main?.cell}</b>`);

    const ue = await loadUnitEconomics(db, auth, { now });
    expect(ue.rows.length).toBeGreaterThan(0);
    expect(text).toContain(`Выручка: <b>${rub(ue.totals.revenueKopecks)}</b>`);
    expect(text).toContain(`К выплате по товарам: <b>${rub(ue.totals.payoutKopecks)}</b>`);
    expect(text).toContain(`Комиссия WB: ${rub(ue.totals.commissionKopecks)}`);
    expect(ue.missingCostPrices.length).toBe(2);
    expect(text).toContain(`у ${ue.missingCostPrices.length} проданных товаров нет себестоимости`);
    if (ue.coverage.note) expect(text).toContain(plainText(escapeHtml(ue.coverage.note)));

    // 30 days: weekly bars, the same figures as the loader for 30 days.
    await send(callbackUpdate(owner, button(fake, "30 дн.")));
    const edited = plainText(fake.last("editMessageText")?.payload.text as string);
    const s30 = await loadSalesAnalytics(db, auth, {
      period: defaultPeriod(now, 30),
      granularity: "week",
      topLimit: 5,
      cardsLimit: 0,
      now,
    });
    expect(edited).toContain("Заказы по неделям");
    expect(edited).toContain(`Заказы: <b>${fmt(s30.comparison.current.ordersCount)}</b> шт.`);
  });
});

describe("/stocks", () => {
  it("lists alerts first with forecast days and what to ship, and explains the shipment", async () => {
    fake.reset();
    await send(textUpdate(owner, "/stocks"));
    const text = lastText(owner);
    const a = await loadStockAnalytics(db, auth, { now: new Date() });
    expect(text).toContain("Остатки");
    expect(text).toContain(`Заканчиваются: <b>${a.counts.alerts}</b>`);
    expect(a.counts.alerts).toBeGreaterThan(0);
    const lines = text.split("\n").filter((l) => /^(🔴|⚫️|🟡|🟢)/.test(l));
    expect(lines.length).toBe(a.sizes.length);
    // Alerts first, in the loader's order.
    a.sizes.forEach((s, i) => {
      expect(lines[i]).toContain(`<code>${s.vendorCode}</code>, р. ${s.techSize}`);
      expect(lines[i]?.includes("🚨")).toBe(s.days.alert);
      if (s.replenishment.quantity > 0) expect(lines[i]).toContain(`отгрузить <b>${fmt(s.replenishment.quantity)}</b> шт.`);
    });
    const m = a.sizes.find((s) => s.chrtId === 12);
    expect(lines.find((l) => l.includes("PL-1001</code>, р. M"))).toContain(
      `хватит на ${String(Math.floor((m?.days.daysOfStock ?? 0) * 10) / 10).replace(".", ",")} дн.`,
    );

    await send(callbackUpdate(owner, button(fake, "Сколько отгрузить")));
    const ship = plainText(fake.last("editMessageText")?.payload.text as string);
    const toShip = a.sizes.filter((s) => s.replenishment.quantity > 0);
    expect(ship).toContain(`Размеров к отгрузке: <b>${toShip.length}</b>`);
    const first = toShip[0];
    expect(ship).toContain(`<code>${first?.vendorCode}</code>, р. ${first?.techSize}`);
    expect(ship).toContain(`<b>${fmt(first?.replenishment.quantity ?? 0)} шт.</b>`);
    expect(ship).toContain(plainText(escapeHtml(first?.replenishment.reasoning ?? "")));
    expect(ship).toMatch(/Спрос ≈ [\d,]+ шт\. в день/);
  });
});

describe("cost prices in the bot", () => {
  it("asks for the price, refuses garbage in Russian, stores a good one as source bot", async () => {
    fake.reset();
    await send(textUpdate(owner, "/analytics"));
    await send(callbackUpdate(owner, button(fake, "Себестоимость")));
    const list = plainText(fake.last("editMessageText")?.payload.text as string);
    expect(list).toContain("Указана для 0 из 3 товаров");
    expect(list).toContain("Без себестоимости продаются 2 товаров");
    await send(callbackUpdate(owner, button(fake, "PL-1001", "editMessageText")));
    expect(lastText(owner)).toContain("Введите себестоимость одной штуки в рублях");
    const [state] = await db.select().from(botUserState).where(eq(botUserState.userId, owner));
    expect(state?.pendingKind).toBe("cost_price");

    await send(textUpdate(owner, "дёшево"));
    expect(lastText(owner)).toContain("Не понял сумму «дёшево»");
    await send(textUpdate(owner, "0"));
    expect(lastText(owner)).toContain("Не понял сумму");
    await send(textUpdate(owner, "99999999"));
    expect(lastText(owner)).toContain("больше 1 000 000 ₽ за штуку");
    expect(await db.select().from(costPrices).where(eq(costPrices.cabinetId, cabinetId))).toEqual([]);

    await send(textUpdate(owner, "450,50 ₽"));
    expect(lastText(owner)).toContain("Себестоимость <code>PL-1001</code> сохранена: <b>450,50 ₽</b>");
    const [row] = await db
      .select()
      .from(costPrices)
      .where(and(eq(costPrices.cabinetId, cabinetId), eq(costPrices.nmId, 1001)));
    expect(row).toMatchObject({
      costKopecks: 45_050,
      source: "bot",
      updatedBy: owner,
    });
    const [after] = await db.select().from(botUserState).where(eq(botUserState.userId, owner));
    expect(after?.pendingKind).toBeNull();

    // A later message is not taken as a price.
    await send(textUpdate(owner, "500"));
    expect((await db.select().from(costPrices).where(eq(costPrices.cabinetId, cabinetId)))[0]?.costKopecks).toBe(45_050);

    // Unit economics now has one card fewer without a cost price.
    const ue = await loadUnitEconomics(db, auth, { now: new Date() });
    expect(ue.missingCostPrices).toEqual([1002]);
    await send(textUpdate(owner, "/analytics"));
    expect(lastText(owner)).toContain("у 1 проданных товаров нет себестоимости");

    // The second card, then the profit appears.
    await send(textUpdate(owner, "/cost"));
    await send(callbackUpdate(owner, button(fake, "PL-1002")));
    await send(textUpdate(owner, "300"));
    const full = await loadUnitEconomics(db, auth, { now: new Date() });
    expect(full.totals.profitKopecks).not.toBeNull();
    await send(textUpdate(owner, "/analytics"));
    expect(lastText(owner)).toContain(`прибыль: <b>${rub(full.totals.profitKopecks ?? 0)}</b>`);
  });

  it("does not let a viewer set a cost price", async () => {
    fake.reset();
    await send(textUpdate(viewer, "/cost"));
    expect(lastText(viewer)).toContain("Менять себестоимость могут менеджер и владелец");
    expect(() => button(fake, "JN-1003")).toThrow();
    // A hand-made button press is refused by the role check.
    await send(callbackUpdate(viewer, encodeCallback({ a: "cost_set", cab: cabRef(cabinetId), nm: 1003 })));
    const alert = fake.last("answerCallbackQuery");
    expect(String(alert?.payload.text ?? "")).toMatch(/менеджер/);
    const [state] = await db.select().from(botUserState).where(eq(botUserState.userId, viewer));
    expect(state?.pendingKind ?? null).toBeNull();
  });
});
