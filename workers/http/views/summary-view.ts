import { z } from "@hono/zod-openapi";

import type { DashboardSummary, PeriodFigures, PeriodWindow } from "../../domain/dashboard-summary";
import { FreshnessSchema, freshnessView } from "./freshness-view";
import { MoneySchema, moneyView } from "./money-view";

const windowFields = {
  from: z.string().openapi({ description: "Первый день периода (по Москве)", example: "2026-11-24" }),
  to: z.string().openapi({ description: "Последний день периода (по Москве), включительно", example: "2026-11-24" }),
  until: z
    .string()
    .nullable()
    .openapi({ description: "Если период обрывается внутри последнего дня — момент конца (не включительно); null — дни целиком" }),
};

const PreviousPeriodSchema = z
  .object({ ...windowFields, count: z.number().int(), sum: MoneySchema })
  .openapi("OrdersPreviousPeriod", { description: "Период, с которым сравниваем" });

export const OrdersPeriodSchema = z
  .object({
    ...windowFields,
    count: z.number().int().openapi({ description: "Заказов, штук (с отменёнными)" }),
    sum: MoneySchema,
    previous: PreviousPeriodSchema,
    countGrowthPercent: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Рост числа заказов к прошлому периоду, целые %; null — в прошлом периоде заказов не было" }),
    sumGrowthPercent: z.number().int().nullable().openapi({ description: "Рост суммы заказов к прошлому периоду, целые %" }),
  })
  .openapi("OrdersPeriod");

export const SummarySchema = z
  .object({
    cabinetId: z.string(),
    generatedAt: z.string(),
    timeZone: z.literal("Europe/Moscow"),
    orders: z
      .object({
        today: OrdersPeriodSchema.openapi({ description: "Сегодня с полуночи по Москве — против вчера до того же времени" }),
        yesterday: OrdersPeriodSchema.openapi({ description: "Вчера целиком — против позавчера" }),
        last7: OrdersPeriodSchema.openapi({ description: "7 полных дней до вчера включительно — против 7 дней до них" }),
        last30: OrdersPeriodSchema.openapi({ description: "30 полных дней до вчера включительно — против 30 дней до них" }),
        freshness: FreshnessSchema,
      })
      .openapi("SummaryOrders"),
    stocks: z
      .object({
        sizes: z.number().int().openapi({ description: "Размеров учтено: с остатком на складах WB или с заказами за 30 дней" }),
        critical: z.number().int().openapi({ description: "Критичных: запаса меньше criticalDays дней" }),
        zero: z.number().int().openapi({ description: "С нулевым остатком" }),
        low: z.number().int().openapi({ description: "Запаса меньше attentionDays дней (но не критично)" }),
        ok: z.number().int(),
        needsAttention: z.number().int().openapi({ description: "Требуют внимания: critical + zero + low" }),
        criticalDays: z.number().int(),
        attentionDays: z.number().int(),
        freshness: FreshnessSchema,
      })
      .openapi("SummaryStocks"),
    reviews: z
      .object({
        averageRating: z.number().nullable().openapi({ description: "Средняя оценка, 1–5, два знака; null — отзывов нет" }),
        unanswered: z.number().int(),
        total: z.number().int(),
        freshness: FreshnessSchema,
      })
      .openapi("SummaryReviews"),
    products: z
      .object({
        total: z.number().int().openapi({ description: "Карточек товаров" }),
        active: z.number().int().openapi({ description: "Активных: есть остаток или были заказы за 30 дней" }),
        freshness: FreshnessSchema,
      })
      .openapi("SummaryProducts"),
  })
  .openapi("DashboardSummary");

export type SummaryView = z.infer<typeof SummarySchema>;

function windowView(w: PeriodWindow) {
  return { from: w.from, to: w.to, until: w.until?.toISOString() ?? null };
}

function periodView(p: PeriodFigures): z.infer<typeof OrdersPeriodSchema> {
  return {
    ...windowView(p),
    count: p.count,
    sum: moneyView(p.sumKopecks),
    previous: { ...windowView(p.previous), count: p.previous.count, sum: moneyView(p.previous.sumKopecks) },
    countGrowthPercent: p.countGrowthPercent,
    sumGrowthPercent: p.sumGrowthPercent,
  };
}

export function summaryView(cabinetId: string, s: DashboardSummary): SummaryView {
  return {
    cabinetId,
    generatedAt: s.generatedAt.toISOString(),
    timeZone: "Europe/Moscow",
    orders: {
      today: periodView(s.orders.today),
      yesterday: periodView(s.orders.yesterday),
      last7: periodView(s.orders.last7),
      last30: periodView(s.orders.last30),
      freshness: freshnessView(s.orders.freshness),
    },
    stocks: {
      sizes: s.stocks.sizes,
      critical: s.stocks.critical,
      zero: s.stocks.zero,
      low: s.stocks.low,
      ok: s.stocks.ok,
      needsAttention: s.stocks.needsAttention,
      criticalDays: s.stocks.criticalDays,
      attentionDays: s.stocks.attentionDays,
      freshness: freshnessView(s.stocks.freshness),
    },
    reviews: {
      averageRating: s.reviews.averageRating,
      unanswered: s.reviews.unanswered,
      total: s.reviews.total,
      freshness: freshnessView(s.reviews.freshness),
    },
    products: { total: s.products.total, active: s.products.active, freshness: freshnessView(s.products.freshness) },
  };
}
