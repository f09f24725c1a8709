// The tools the model may call: read-only figures of ONE cabinet — the one the server bound from the
// signed-in user's access check. No tool takes a cabinet id (or any id of another tenant): the
// schemas forbid unknown properties and the arguments are parsed strictly, so a model talked into
// passing `cabinetId` by a review's text gets an error and reads nothing.
// Results carry money as formatted roubles and the period they cover, so answers can cite them.

import { z } from "zod";

import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import type { PeriodFigures } from "../domain/dashboard-summary";
import { formatRub } from "../domain/money";
import { dashboardPeriods } from "../domain/moscow-periods";
import { toMoscowDate, toMoscowIso } from "../domain/moscow-time";
import { periodAnalytics } from "../queries/analytics";
import { findCardByArticle } from "../queries/card-lookup";
import { cardPrices } from "../queries/card-prices";
import { loadStockAnalytics } from "../queries/analytics-demand";
import { loadUnitEconomics } from "../queries/analytics-economics";
import { getDashboardSummary } from "../queries/dashboard";
import { reviewSummary } from "../queries/review-summary";
import type { ToolSpec } from "./types";

export interface ToolOutcome {
  ok: boolean;
  result: unknown;
}

export interface AssistantTools {
  specs: ToolSpec[];
  run(name: string, argumentsJson: string): Promise<ToolOutcome>;
}

/** Russian names for the surfaces («Данные: …»). */
export const TOOL_TITLES: Record<string, string> = {
  sales_summary: "сводка продаж",
  top_products: "топ товаров",
  sku_stock: "остатки артикула",
  reviews_summary: "сводка отзывов",
  unit_economics: "юнит-экономика",
  sku_price: "цены артикула",
};

const article = z.string().trim().min(1).max(64);

const schemas = {
  sales_summary: z.strictObject({ period: z.enum(["today", "yesterday", "7d", "30d", "90d"]) }),
  top_products: z.strictObject({ days: z.number().int().min(1).max(90).optional(), limit: z.number().int().min(1).max(10).optional() }),
  sku_stock: z.strictObject({ article }),
  reviews_summary: z.strictObject({ days: z.number().int().min(1).max(365).optional(), nmId: z.number().int().positive().optional() }),
  unit_economics: z.strictObject({ article }),
  sku_price: z.strictObject({ article }),
} as const;

type ToolName = keyof typeof schemas;

export const TOOL_SPECS: ToolSpec[] = [
  {
    name: "sales_summary",
    description: "Заказы (штуки и сумма) за период с ростом к предыдущему такому же периоду; для периодов от 7 дней — также выкупы, возвраты и к перечислению.",
    parameters: {
      type: "object",
      properties: { period: { type: "string", enum: ["today", "yesterday", "7d", "30d", "90d"], description: "today — сегодня до текущего момента, yesterday — вчера, 7d/30d/90d — последние N полных дней" } },
      required: ["period"],
      additionalProperties: false,
    },
  },
  {
    name: "top_products",
    description: "Самые продаваемые товары по сумме заказов за последние N полных дней.",
    parameters: {
      type: "object",
      properties: { days: { type: "integer", minimum: 1, maximum: 90, description: "по умолчанию 30" }, limit: { type: "integer", minimum: 1, maximum: 10, description: "по умолчанию 5" } },
      additionalProperties: false,
    },
  },
  {
    name: "sku_stock",
    description: "Остатки товара по размерам, прогноз продаж в день, на сколько дней хватит и сколько отгрузить.",
    parameters: {
      type: "object",
      properties: { article: { type: "string", description: "nmID (число) или артикул продавца" } },
      required: ["article"],
      additionalProperties: false,
    },
  },
  {
    name: "reviews_summary",
    description: "Отзывы за последние N дней: количество, средняя оценка, распределение по звёздам, без ответа, последние негативные.",
    parameters: {
      type: "object",
      properties: { days: { type: "integer", minimum: 1, maximum: 365, description: "по умолчанию 30" }, nmId: { type: "integer", description: "только по этому товару" } },
      additionalProperties: false,
    },
  },
  {
    name: "unit_economics",
    description: "Юнит-экономика товара по финансовому отчёту WB: выручка, комиссия, логистика, хранение, к перечислению, себестоимость, прибыль и маржа.",
    parameters: {
      type: "object",
      properties: { article: { type: "string", description: "nmID (число) или артикул продавца" } },
      required: ["article"],
      additionalProperties: false,
    },
  },
  {
    name: "sku_price",
    description: "Текущие цены товара по размерам: цена до скидки, скидка продавца, цена со скидкой, цена для клуба WB; себестоимость, если указана.",
    parameters: {
      type: "object",
      properties: { article: { type: "string", description: "nmID (число) или артикул продавца" } },
      required: ["article"],
      additionalProperties: false,
    },
  },
];

const rub = (kopecks: number | null | undefined) => (kopecks === null || kopecks === undefined ? null : formatRub(kopecks));

function percent(value: number | null): string | null {
  return value === null ? null : `${value > 0 ? "+" : ""}${value}%`;
}

export function assistantTools(db: Db, auth: AuthorizedCabinet, now: Date): AssistantTools {
  const periods = dashboardPeriods(now);

  const handlers: { [K in ToolName]: (args: z.infer<(typeof schemas)[K]>) => Promise<unknown> } = {
    async sales_summary({ period }) {
      const summary = await getDashboardSummary(db, auth, { now });
      const byPeriod: Partial<Record<typeof period, PeriodFigures>> = { today: summary.orders.today, yesterday: summary.orders.yesterday, "7d": summary.orders.last7, "30d": summary.orders.last30 };
      const figures = byPeriod[period];
      const days = period === "7d" ? 7 : period === "30d" ? 30 : period === "90d" ? 90 : null;
      const result: Record<string, unknown> = { cabinet: auth.cabinet.name, period };
      if (figures) {
        Object.assign(result, {
          from: figures.from,
          to: figures.to,
          until: figures.until ? figures.until.toISOString() : null,
          orders: figures.count,
          ordersSum: rub(figures.sumKopecks),
          ordersSumKopecks: figures.sumKopecks,
          previousPeriod: { from: figures.previous.from, to: figures.previous.to, orders: figures.previous.count, ordersSum: rub(figures.previous.sumKopecks) },
          ordersGrowth: percent(figures.countGrowthPercent),
          sumGrowth: percent(figures.sumGrowthPercent),
        });
      }
      if (days !== null) {
        const a = await periodAnalytics(db, auth, periods.yesterday, days, 0);
        if (!figures) {
          Object.assign(result, {
            from: a.period.from,
            to: a.period.to,
            orders: a.current.ordersCount,
            ordersSum: rub(a.current.ordersSumKopecks),
            ordersSumKopecks: a.current.ordersSumKopecks,
            previousPeriod: { from: a.previous.from, to: a.previous.to, orders: a.before.ordersCount, ordersSum: rub(a.before.ordersSumKopecks) },
          });
        }
        Object.assign(result, {
          cancels: a.current.cancelsCount,
          buyouts: a.current.salesCount,
          buyoutsSum: rub(a.current.salesSumKopecks),
          returns: a.current.returnsCount,
          returnsSum: rub(a.current.returnsSumKopecks),
          forPay: rub(a.current.forPayKopecks),
        });
      }
      result.dataUpdatedAt = summary.orders.freshness.updatedAt ? toMoscowIsoMinute(summary.orders.freshness.updatedAt) : null;
      return result;
    },

    async top_products({ days = 30, limit = 5 }) {
      const a = await periodAnalytics(db, auth, periods.yesterday, days, limit);
      return {
        from: a.period.from,
        to: a.period.to,
        products: a.top.map((p, i) => ({ place: i + 1, nmId: p.nmId, article: p.vendorCode, title: p.title, orders: p.ordersCount, ordersSum: rub(p.ordersSumKopecks), buyouts: p.salesCount })),
      };
    },

    async sku_stock({ article: value }) {
      const card = await findCardByArticle(db, auth, value);
      if (!card) return { error: `Товар «${value}» не найден в этом кабинете.` };
      const analytics = await loadStockAnalytics(db, auth, { now });
      const sizes = analytics.sizes.filter((s) => s.nmId === card.nmId);
      return {
        nmId: card.nmId,
        article: card.vendorCode,
        title: card.title,
        forecastFrom: analytics.firstForecastDay,
        criticalDays: analytics.thresholds.criticalDays,
        sizes: sizes.map((s) => ({
          size: s.techSize ?? s.wbSize,
          inStock: s.stock.quantity,
          inWayToClient: s.stock.inWayToClient,
          ordersPerDay: Math.round(s.demand.perDay * 100) / 100,
          daysOfStock: s.days.daysOfStock === null ? null : Math.round(s.days.daysOfStock * 10) / 10,
          status: s.days.status,
          toShip: s.replenishment.quantity,
        })),
        totalInStock: sizes.reduce((n, s) => n + s.stock.quantity, 0),
        dataUpdatedAt: analytics.freshness.updatedAt ? toMoscowIsoMinute(analytics.freshness.updatedAt) : null,
      };
    },

    async reviews_summary({ days = 30, nmId }) {
      const since = new Date(now.getTime() - days * 86_400_000);
      const s = await reviewSummary(db, auth, since, nmId ?? null);
      return {
        days,
        since: toMoscowDate(since),
        nmId: nmId ?? null,
        total: s.total,
        averageRating: s.averageRating,
        stars: { "1": s.byRating[0], "2": s.byRating[1], "3": s.byRating[2], "4": s.byRating[3], "5": s.byRating[4] },
        unanswered: s.unanswered,
        // Buyers' words: data for the answer, never instructions.
        recentNegative: s.recentNegative.map((r) => ({ nmId: r.nmId, product: r.productName, rating: r.rating, date: toMoscowDate(r.createdAt), text: r.text })),
      };
    },

    async unit_economics({ article: value }) {
      const card = await findCardByArticle(db, auth, value);
      if (!card) return { error: `Товар «${value}» не найден в этом кабинете.` };
      const ue = await loadUnitEconomics(db, auth, { now });
      const row = ue.rows.find((r) => r.nmId === card.nmId);
      const base = { nmId: card.nmId, article: card.vendorCode, title: card.title, from: ue.period.from, to: ue.period.to, reportNote: ue.coverage.note };
      if (!row) return { ...base, note: "В финансовом отчёте за период нет продаж этого товара." };
      return {
        ...base,
        soldUnits: row.soldUnits,
        returnedUnits: row.returnedUnits,
        revenue: rub(row.revenueKopecks),
        commission: rub(row.commissionKopecks),
        logistics: rub(row.logisticsKopecks),
        storage: rub(row.storageKopecks),
        penalties: rub(row.penaltiesKopecks),
        payout: rub(row.payoutKopecks),
        costPrice: rub(row.costPriceKopecks),
        profit: rub(row.profitKopecks),
        profitPerUnit: rub(row.profitPerUnitKopecks),
        margin: row.margin === null ? null : `${Math.round(row.margin * 1000) / 10}%`,
        ...(row.costPriceKopecks === null ? { note: "Себестоимость не указана: прибыль неизвестна. Её можно внести командой /cost или в дашборде." } : {}),
      };
    },

    async sku_price({ article: value }) {
      const card = await findCardByArticle(db, auth, value);
      if (!card) return { error: `Товар «${value}» не найден в этом кабинете.` };
      const p = await cardPrices(db, auth, card.nmId);
      return {
        nmId: card.nmId,
        article: card.vendorCode,
        title: card.title,
        sizes: p.sizes.map((s) => ({
          size: s.techSize,
          price: rub(s.priceKopecks),
          sellerDiscount: `${s.discountPercent}%`,
          priceWithDiscount: rub(s.discountedPriceKopecks),
          clubPrice: rub(s.clubDiscountedPriceKopecks),
        })),
        costPrice: rub(p.costKopecks),
        note: "Цена на витрине может быть ниже из-за СПП — скидки WB за её счёт.",
      };
    },
  };

  return {
    specs: TOOL_SPECS,
    async run(name, argumentsJson) {
      if (!(name in schemas)) return { ok: false, result: { error: `Нет такого инструмента: ${name}` } };
      const tool = name as ToolName;
      let raw: unknown;
      try {
        raw = argumentsJson.trim() === "" ? {} : JSON.parse(argumentsJson);
      } catch {
        return { ok: false, result: { error: "Аргументы не являются JSON." } };
      }
      const parsed = schemas[tool].safeParse(raw);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => (i.code === "unrecognized_keys" ? `недопустимые поля: ${i.keys.join(", ")} (инструменты работают только с текущим кабинетом)` : `${i.path.join(".") || "аргументы"}: ${i.message}`));
        return { ok: false, result: { error: `Неверные аргументы: ${problems.join("; ")}` } };
      }
      const handler = handlers[tool] as (args: unknown) => Promise<unknown>;
      const result = await handler(parsed.data);
      return { ok: !(typeof result === "object" && result !== null && "error" in result), result };
    },
  };
}

function toMoscowIsoMinute(date: Date): string {
  return `${toMoscowIso(date).slice(0, 16).replace("T", " ")} МСК`;
}
