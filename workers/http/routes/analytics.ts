// Analytics API (issue #6): demand forecast, days of stock with alerts, replenishment, ABC/XYZ,
// sales analytics, unit economics. Read-only; any member of the cabinet may call them.

import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";

import { requireCabinetAccess } from "../../cabinets/access";
import { DEFAULT_ABC_XYZ, checkThresholds } from "../../domain/analytics/abc-xyz";
import { withDefaults } from "../../domain/analytics/stats";
import { addDays, daysBetween } from "../../domain/calendar-day";
import type { DayRange } from "../../domain/moscow-periods";
import { toMoscowDate } from "../../domain/moscow-time";
import { type SizeStockAnalytics, loadForecastChart, loadStockAnalytics } from "../../queries/analytics-demand";
import { loadUnitEconomics } from "../../queries/analytics-economics";
import { MAX_PERIOD_DAYS, loadAbcXyz, loadSalesAnalytics } from "../../queries/analytics-sales";
import type { AppEnv } from "../app-env";
import { problems } from "../problem";
import { errorResponses } from "../schemas";
import {
  AbcXyzSchema,
  ForecastChartSchema,
  ForecastMetaSchema,
  SalesAnalyticsSchema,
  StockAnalyticsCountsSchema,
  StockAnalyticsItemSchema,
  UnitEconomicsSchema,
  abcXyzView,
  forecastChartView,
  forecastMetaView,
  salesAnalyticsView,
  stockAnalyticsItemView,
  unitEconomicsView,
} from "../views/analytics-view";
import { cursorProblem, decodeCursor, encodeCursor } from "../views/cursor";
import { FreshnessSchema, freshnessView } from "../views/freshness-view";
import { STOCK_STATUSES } from "../views/stock-view";
import { CabinetPathParam, booleanParam, criticalDaysParam, cursorParam, fromParam, limitParam, nmIdParam, toParam } from "./params";

const TAG = "Аналитика";

const intParam = (name: string, min: number, max: number, description: string, example: number) =>
  z.coerce
    .number({ error: `${name} должен быть числом` })
    .int({ error: `${name} должен быть целым числом` })
    .min(min, { error: `${name} должен быть от ${min} до ${max}` })
    .max(max, { error: `${name} должен быть от ${min} до ${max}` })
    .optional()
    .openapi({ description, example });

const percentParam = (name: string, min: number, max: number, description: string, example: number) =>
  z.coerce
    .number({ error: `${name} должен быть числом (процентов)` })
    .min(min, { error: `${name} должен быть от ${min} до ${max} %` })
    .max(max, { error: `${name} должен быть от ${min} до ${max} %` })
    .optional()
    .openapi({ description, example });

const replenishmentQuery = {
  leadTimeDays: intParam("leadTimeDays", 0, 120, "Дней от решения отгрузить до поступления в продажу на WB (упаковка, доставка, приёмка). По умолчанию 7", 7),
  targetDays: intParam("targetDays", 1, 180, "На сколько дней продаж после поступления должно хватить. По умолчанию 30", 30),
  serviceLevel: percentParam("serviceLevel", 50, 99.9, "Уровень сервиса, %: вероятность не остаться без товара за время поставки. По умолчанию 95", 95),
  packSize: intParam("packSize", 1, 10_000, "Штук в коробе: количество округляется вверх до целых коробов. По умолчанию 1", 1),
};

/** An offset cursor of `kind`, or 0 for the first page. */
function offsetOf(kind: string, cursor: string | undefined): number {
  if (!cursor) return 0;
  const [value, ...rest] = decodeCursor(kind, cursor);
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0 || rest.length > 0) throw cursorProblem();
  return value;
}

function nextCursorOf(kind: string, offset: number, limit: number, total: number): string | null {
  return offset + limit < total ? encodeCursor(kind, [offset + limit]) : null;
}

/**
 * The requested period: both ends, one end (the other from the default length), or the default
 * (`defaultDays` whole days ending yesterday); undefined = let the loader choose.
 */
function periodOf(from: string | undefined, to: string | undefined, defaultDays: number, now = new Date()): DayRange {
  const yesterday = addDays(toMoscowDate(now), -1);
  const end = to ?? (from ? (addDays(from, defaultDays - 1) < yesterday ? addDays(from, defaultDays - 1) : yesterday) : yesterday);
  const start = from ?? addDays(end, -(defaultDays - 1));
  if (start > end) throw problems.badRequest("Начало периода (from) позже конца (to).");
  if (daysBetween(start, end) + 1 > MAX_PERIOD_DAYS) throw problems.badRequest(`Период длиннее ${MAX_PERIOD_DAYS} дней: выберите период короче.`);
  return { from: start, to: end };
}

const StockPageSchema = z
  .object({
    items: z.array(StockAnalyticsItemSchema),
    total: z.number().int().openapi({ description: "Размеров по фильтру на всех страницах" }),
    counts: StockAnalyticsCountsSchema.openapi({ description: "Счётчики по всем размерам кабинета (без фильтров)" }),
    forecast: ForecastMetaSchema,
    settings: z.object({ leadTimeDays: z.number(), targetDays: z.number(), serviceLevel: z.number(), packSize: z.number().int() }),
    freshness: FreshnessSchema,
    nextCursor: z.string().nullable(),
  })
  .openapi("StockAnalyticsPage");

const daysOfStockRoute = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/analytics/days-of-stock",
  tags: [TAG],
  summary: "Дни запаса по размерам по прогнозу спроса, с предупреждениями",
  description: [
    "Дней запаса = (доступно + в пути к покупателям − возвраты в пути) / прогноз заказов в день на 14 дней вперёд.",
    "Прогноз учитывает дни недели и тренд и не занижается днями, когда товара не было в наличии.",
    "alert — запаса меньше порога (criticalDays, по умолчанию из настроек уведомлений, иначе 7) при живом спросе.",
    "Сначала предупреждения, затем по статусу и дням запаса.",
  ].join(" "),
  request: {
    params: CabinetPathParam,
    query: z.object({
      status: z.enum(STOCK_STATUSES, { error: "status: допустимо critical, zero, low или ok" }).optional().openapi({ description: "Только этот статус" }),
      alertsOnly: booleanParam("true — только размеры с предупреждением"),
      nmId: nmIdParam,
      criticalDays: criticalDaysParam,
      ...replenishmentQuery,
      limit: limitParam(100),
      cursor: cursorParam,
    }),
  },
  responses: { 200: { description: "Размеры с днями запаса", content: { "application/json": { schema: StockPageSchema } } }, ...errorResponses },
});

const replenishmentRoute = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/analytics/replenishment",
  tags: [TAG],
  summary: "Сколько отгрузить на склады WB: рекомендации по размерам с объяснением",
  description: [
    "Количество = прогноз спроса × (срок поставки + целевые дни) + страховой запас − текущий запас, вверх до целых коробов.",
    "Страховой запас = z × σ × √(срок поставки), где σ — разброс дневного спроса, z — из уровня сервиса (95 % → 1,64).",
    "По умолчанию — только размеры, которые нужно пополнить, самые срочные сверху; all=true — все.",
  ].join(" "),
  request: {
    params: CabinetPathParam,
    query: z.object({
      nmId: nmIdParam,
      all: booleanParam("true — все размеры, включая те, что пополнять не нужно"),
      criticalDays: criticalDaysParam,
      ...replenishmentQuery,
      limit: limitParam(100),
      cursor: cursorParam,
    }),
  },
  responses: { 200: { description: "Рекомендации", content: { "application/json": { schema: StockPageSchema } } }, ...errorResponses },
});

const forecastRoute = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/analytics/forecast",
  tags: [TAG],
  summary: "Прогноз заказов на 14 дней: история и прогноз с полосой (карточка или весь кабинет)",
  request: {
    params: CabinetPathParam,
    query: z.object({
      nmId: nmIdParam.openapi({ description: "Карточка (nmID); без него — весь кабинет" }),
      historyDays: intParam("historyDays", 7, 91, "Сколько дней истории показать перед прогнозом. По умолчанию 56", 56),
    }),
  },
  responses: { 200: { description: "Точки графика", content: { "application/json": { schema: ForecastChartSchema } } }, ...errorResponses },
});

const abcXyzRoute = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/analytics/abc-xyz",
  tags: [TAG],
  summary: "ABC/XYZ-анализ карточек и матрица 3×3",
  description: [
    "ABC — по доле в выручке периода (продажи − возвраты): A — первые 80 %, B — следующие 15 %, C — остальное.",
    "XYZ — по коэффициенту вариации недельных заказов: X ≤ 10 %, Y ≤ 25 %, Z — больше; недели с нехваткой товара пересчитываются на 7 дней.",
    "Пороги настраиваются. Период по умолчанию — 91 день до вчера.",
  ].join(" "),
  request: {
    params: CabinetPathParam,
    query: z.object({
      from: fromParam,
      to: toParam,
      a: percentParam("a", 1, 99, "Порог A, % выручки. По умолчанию 80", 80),
      b: percentParam("b", 0, 99, "Доля B, % выручки. По умолчанию 15 (C — остальное)", 15),
      x: percentParam("x", 0.1, 500, "Порог X по коэффициенту вариации, %. По умолчанию 10", 10),
      y: percentParam("y", 0.1, 1000, "Порог Y, %. По умолчанию 25", 25),
      limit: limitParam(200),
      cursor: cursorParam,
    }),
  },
  responses: { 200: { description: "Классы и матрица", content: { "application/json": { schema: AbcXyzSchema } } }, ...errorResponses },
});

const salesRoute = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/analytics/sales",
  tags: [TAG],
  summary: "Аналитика продаж: итоги к прошлому периоду, динамика, топ товаров, выкуп и возвраты",
  description: [
    "Итоги периода и такого же периода перед ним; динамика по дням, неделям (пн–вс) или месяцам; топ по выручке, штукам и росту;",
    "выкуп (продажи / (продажи + отмены)) и возвраты (возвраты / продажи) по карточкам. Период по умолчанию — 30 дней до вчера.",
  ].join(" "),
  request: {
    params: CabinetPathParam,
    query: z.object({
      from: fromParam,
      to: toParam,
      granularity: z
        .enum(["day", "week", "month"], { error: "granularity: допустимо day, week или month" })
        .optional()
        .openapi({ description: "Шаг динамики; по умолчанию day (week — для периодов длиннее 2 месяцев)" }),
      top: intParam("top", 1, 50, "Сколько карточек в каждом топе. По умолчанию 10", 10),
      limit: limitParam(50),
    }),
  },
  responses: { 200: { description: "Аналитика продаж", content: { "application/json": { schema: SalesAnalyticsSchema } } }, ...errorResponses },
});

const unitEconomicsRoute = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/analytics/unit-economics",
  tags: [TAG],
  summary: "Юнит-экономика по карточкам: выручка, удержания WB, себестоимость, прибыль, маржа",
  description: [
    "Из финансового отчёта WB (отчёт о реализации) и вашей себестоимости (/cost-prices).",
    "Выручка − комиссия − эквайринг − логистика − хранение − штрафы − прочее = к перечислению; к перечислению − общие расходы − себестоимость = прибыль.",
    "Дни, за которые отчёт ещё не пришёл, не учитываются и перечислены в coverage.missing.",
    "Период по умолчанию — 28 дней до последнего дня последнего отчёта.",
  ].join(" "),
  request: { params: CabinetPathParam, query: z.object({ from: fromParam, to: toParam, limit: limitParam(100), cursor: cursorParam }) },
  responses: { 200: { description: "Юнит-экономика", content: { "application/json": { schema: UnitEconomicsSchema } } }, ...errorResponses },
});

function stockPage(kind: string, list: SizeStockAnalytics[], offset: number, limit: number) {
  return { items: list.slice(offset, offset + limit).map(stockAnalyticsItemView), total: list.length, nextCursor: nextCursorOf(kind, offset, limit, list.length) };
}

export function analyticsRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(daysOfStockRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      const q = c.req.valid("query");
      const offset = offsetOf("days-of-stock", q.cursor);
      const a = await loadStockAnalytics(c.var.db, auth, {
        criticalDays: q.criticalDays,
        replenishment: { leadTimeDays: q.leadTimeDays, targetDays: q.targetDays, serviceLevel: q.serviceLevel === undefined ? undefined : q.serviceLevel / 100, packSize: q.packSize },
      });
      const matching = a.sizes.filter((s) => (q.status === undefined || s.days.status === q.status) && (!q.alertsOnly || s.days.alert) && (q.nmId === undefined || s.nmId === q.nmId));
      return c.json(
        {
          ...stockPage("days-of-stock", matching, offset, q.limit),
          counts: a.counts,
          forecast: forecastMetaView(a),
          settings: { ...a.settings, serviceLevel: a.settings.serviceLevel * 100 },
          freshness: freshnessView(a.freshness),
        },
        200,
      );
    })
    .openapi(replenishmentRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      const q = c.req.valid("query");
      const offset = offsetOf("replenishment", q.cursor);
      const a = await loadStockAnalytics(c.var.db, auth, {
        criticalDays: q.criticalDays,
        replenishment: { leadTimeDays: q.leadTimeDays, targetDays: q.targetDays, serviceLevel: q.serviceLevel === undefined ? undefined : q.serviceLevel / 100, packSize: q.packSize },
      });
      const matching = a.sizes
        .filter((s) => (q.all || s.replenishment.quantity > 0) && (q.nmId === undefined || s.nmId === q.nmId))
        .sort(
          (x, y) =>
            Number(y.replenishment.runsOutBeforeArrival) - Number(x.replenishment.runsOutBeforeArrival) ||
            (x.days.daysOfStock ?? Number.MAX_VALUE) - (y.days.daysOfStock ?? Number.MAX_VALUE) ||
            y.replenishment.quantity - x.replenishment.quantity ||
            x.nmId - y.nmId ||
            x.chrtId - y.chrtId,
        );
      return c.json(
        {
          ...stockPage("replenishment", matching, offset, q.limit),
          counts: a.counts,
          forecast: forecastMetaView(a),
          settings: { ...a.settings, serviceLevel: a.settings.serviceLevel * 100 },
          freshness: freshnessView(a.freshness),
        },
        200,
      );
    })
    .openapi(forecastRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      const q = c.req.valid("query");
      const chart = await loadForecastChart(c.var.db, auth, { nmId: q.nmId, historyDays: q.historyDays });
      return c.json(forecastChartView(chart), 200);
    })
    .openapi(abcXyzRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      const q = c.req.valid("query");
      const thresholds = withDefaults(DEFAULT_ABC_XYZ, { a: q.a, b: q.b, x: q.x, y: q.y });
      try {
        checkThresholds(thresholds);
      } catch (e) {
        throw problems.badRequest(e instanceof RangeError ? e.message : "Пороги ABC/XYZ заданы неверно.");
      }
      const offset = offsetOf("abc-xyz", q.cursor);
      const result = await loadAbcXyz(c.var.db, auth, { period: periodOf(q.from, q.to, 91), thresholds });
      return c.json(abcXyzView(result, offset, q.limit, nextCursorOf("abc-xyz", offset, q.limit, result.items.length)), 200);
    })
    .openapi(salesRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      const q = c.req.valid("query");
      const result = await loadSalesAnalytics(c.var.db, auth, { period: periodOf(q.from, q.to, 30), granularity: q.granularity, topLimit: q.top, cardsLimit: q.limit });
      return c.json(salesAnalyticsView(result), 200);
    })
    .openapi(unitEconomicsRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      const q = c.req.valid("query");
      const offset = offsetOf("unit-economics", q.cursor);
      const period = q.from === undefined && q.to === undefined ? undefined : periodOf(q.from, q.to, 28);
      const result = await loadUnitEconomics(c.var.db, auth, { period });
      return c.json(unitEconomicsView(result, offset, q.limit, nextCursorOf("unit-economics", offset, q.limit, result.rows.length)), 200);
    });
}
