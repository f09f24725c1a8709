// JSON shapes of the analytics API (issue #6) and the mappings from the loaders' results.
// Money is the Money object (kopecks + roubles text); rates are fractions 0..1 rounded to 4 places.

import { z } from "@hono/zod-openapi";

import { MATRIX_ADVICE, type MatrixCell } from "../../domain/analytics/abc-xyz";
import { floorTenth } from "../../domain/analytics/days-of-stock";
import type { Rates, Totals } from "../../domain/analytics/sales-analytics";
import type { UnitEconomicsRow } from "../../domain/analytics/unit-economics";
import type { AbcXyzAnalytics } from "../../queries/analytics-sales";
import type { CostPriceEntry } from "../../queries/analytics-cost-prices";
import type { ForecastChart, SizeStockAnalytics, StockAnalytics } from "../../queries/analytics-demand";
import type { CardRow, SalesAnalytics } from "../../queries/analytics-sales";
import type { UnitEconomicsAnalytics } from "../../queries/analytics-economics";
import { STOCK_STATUSES } from "./stock-view";
import { FreshnessSchema, freshnessView } from "./freshness-view";
import { MoneySchema, moneyView } from "./money-view";

const round = (x: number, places = 3) => Math.round(x * 10 ** places) / 10 ** places;
const roundOrNull = (x: number | null, places = 4) => (x === null ? null : round(x, places));
const money = (kopecks: number | null) => (kopecks === null ? null : moneyView(kopecks));

const Day = z.string().openapi({ description: "День по Москве, ГГГГ-ММ-ДД", example: "2026-11-24" });
const PeriodSchema = z.object({ from: Day, to: Day }).openapi("DayRange", { description: "Период — дни по Москве включительно" });
const CardFields = {
  nmId: z.number().int().openapi({ description: "Артикул WB (nmID)" }),
  vendorCode: z.string().nullable().openapi({ description: "Артикул продавца" }),
  title: z.string().nullable(),
  subjectName: z.string().nullable().openapi({ description: "Предмет (категория) WB" }),
};

// ---------------------------------------------------------------------------------------------
// Days of stock and replenishment

export const StockAnalyticsItemSchema = z
  .object({
    ...CardFields,
    brand: z.string().nullable(),
    chrtId: z.number().int().openapi({ description: "Размер WB (chrtID)" }),
    techSize: z.string().nullable(),
    wbSize: z.string().nullable(),
    stock: z.object({
      quantity: z.number().int().openapi({ description: "Доступно на складах WB" }),
      inWayToClient: z.number().int().openapi({ description: "В пути к покупателям" }),
      inWayFromClient: z.number().int().openapi({ description: "Возвраты в пути на склад" }),
      units: z.number().int().openapi({ description: "Учитываемый запас: доступно + в пути к покупателям − возвраты в пути" }),
      warehouses: z
        .array(z.object({ name: z.string(), quantity: z.number().int() }))
        .openapi({ description: "По складам. С августа 2026 WB показывает свои склады как «Склад WB»" }),
    }),
    demand: z.object({
      perDay: z.number().openapi({ description: "Прогноз заказов в день на ближайшие 14 дней (без FBS-доли)" }),
      forecastPerDay: z.number().openapi({ description: "Прогноз всех заказов размера в день, включая FBS" }),
      sigmaPerDay: z.number().openapi({ description: "Разброс заказов за день (стандартное отклонение)" }),
      daily: z.array(z.number()).openapi({ description: "Прогноз по дням, начиная с firstForecastDay" }),
      fbsShare: z.number().openapi({ description: "Доля заказов карточки со склада продавца (FBS), 0..1" }),
      observedDays: z.number().int().openapi({ description: "Дней истории, когда размер был в наличии (по ним считается спрос)" }),
      knownOutDays: z.number().int().openapi({ description: "Дней без остатка по истории остатков — исключены" }),
      inferredOutDays: z.number().int().openapi({ description: "Дней, признанных днями без остатка по долгому отсутствию заказов (где истории остатков нет) — исключены" }),
      priorWeight: z.number().openapi({ description: "Насколько прогноз опирается на похожие карточки категории: 0 — только своя история, 1 — только похожие" }),
      trendPercentPerWeek: z.number().openapi({ description: "Тренд спроса карточки, % в неделю" }),
      oldEstimatePerDay: z.number().openapi({ description: "Старая оценка для сравнения: заказы за 30 дней / 30, без учёта дней без остатка" }),
    }),
    daysOfStock: z.number().nullable().openapi({ description: "На сколько дней хватит запаса; null — заказов нет, запас не расходуется" }),
    status: z.enum(STOCK_STATUSES).openapi({ description: "critical — меньше criticalDays, zero — нет запаса, low — меньше attentionDays, ok" }),
    alert: z.boolean().openapi({ description: "Запаса меньше порога, а спрос есть — пора действовать" }),
    explanation: z.string().openapi({ description: "Расчёт дней запаса простыми словами" }),
    replenishment: z.object({
      quantity: z.number().int().openapi({ description: "Сколько отгрузить на склад WB сейчас, штук (0 — не нужно)" }),
      coverDemand: z.number().openapi({ description: "Ожидаемые заказы за срок поставки + целевые дни" }),
      safetyStock: z.number().openapi({ description: "Страховой запас: z × σ × √(срок поставки)" }),
      orderUpTo: z.number().int().openapi({ description: "До какого запаса пополнить" }),
      runsOutBeforeArrival: z.boolean().openapi({ description: "Запас кончится раньше, чем придёт поставка, отправленная сегодня" }),
      reasoning: z.string().openapi({ description: "Почему столько — простыми словами" }),
    }),
  })
  .openapi("StockAnalyticsItem");

export const StockAnalyticsCountsSchema = z
  .object({
    sizes: z.number().int(),
    critical: z.number().int(),
    zero: z.number().int(),
    low: z.number().int(),
    ok: z.number().int(),
    needsAttention: z.number().int(),
    alerts: z.number().int().openapi({ description: "Размеров с предупреждением (меньше порога при живом спросе)" }),
    toReplenish: z.number().int().openapi({ description: "Размеров, которые нужно пополнить (при текущих настройках поставки)" }),
  })
  .openapi("StockAnalyticsCounts");

export const ForecastMetaSchema = z
  .object({
    window: PeriodSchema.openapi({ description: "История, по которой построен прогноз (91 день до вчера)" }),
    firstForecastDay: Day,
    horizonDays: z.number().int(),
    criticalDays: z.number().int(),
    attentionDays: z.number().int(),
    weekdayProfile: z.array(z.number()).openapi({ description: "Сезонность по дням недели, пн…вс (1 = средний день)" }),
    method: z.string().openapi({ description: "Как считается прогноз, кратко" }),
  })
  .openapi("ForecastMeta");

export const FORECAST_METHOD_TEXT =
  "Спрос по каждому размеру: дни без остатка исключаются (по истории остатков, а где её нет — по слишком долгим перерывам в заказах); " +
  "спрос карточки сглаживается экспоненциально (Хольт с затухающим трендом) и делится между размерами по их долям; " +
  "недельная сезонность — по всему кабинету; тренд и уровень новых и редких карточек подтягиваются к их категории. Подробно — docs/analytics.md.";

export function stockAnalyticsItemView(s: SizeStockAnalytics): z.infer<typeof StockAnalyticsItemSchema> {
  return {
    nmId: s.nmId,
    vendorCode: s.vendorCode,
    title: s.title,
    subjectName: s.subjectName,
    brand: s.brand,
    chrtId: s.chrtId,
    techSize: s.techSize,
    wbSize: s.wbSize,
    stock: {
      quantity: s.stock.quantity,
      inWayToClient: s.stock.inWayToClient,
      inWayFromClient: s.stock.inWayFromClient,
      units: s.days.units,
      warehouses: s.stock.warehouses,
    },
    demand: {
      perDay: round(s.days.demandPerDay),
      forecastPerDay: round(s.demand.perDay),
      sigmaPerDay: round(s.demand.sigmaPerDay),
      daily: s.demand.daily.map((x) => round(x)),
      fbsShare: round(s.fbsShare),
      observedDays: s.demand.observedDays,
      knownOutDays: s.demand.knownOutDays,
      inferredOutDays: s.demand.inferredOutDays,
      priorWeight: round(s.demand.priorWeight),
      trendPercentPerWeek: round(s.demand.trendPercentPerWeek, 1),
      oldEstimatePerDay: round(s.demand.oldEstimatePerDay),
    },
    daysOfStock: s.days.daysOfStock === null ? null : floorTenth(s.days.daysOfStock),
    status: s.days.status,
    alert: s.days.alert,
    explanation: s.explanation,
    replenishment: {
      quantity: s.replenishment.quantity,
      coverDemand: round(s.replenishment.coverDemand, 1),
      safetyStock: round(s.replenishment.safetyStock, 1),
      orderUpTo: s.replenishment.orderUpTo,
      runsOutBeforeArrival: s.replenishment.runsOutBeforeArrival,
      reasoning: s.replenishment.reasoning,
    },
  };
}

export function forecastMetaView(a: StockAnalytics): z.infer<typeof ForecastMetaSchema> {
  return {
    window: a.window,
    firstForecastDay: a.firstForecastDay,
    horizonDays: a.horizonDays,
    criticalDays: a.thresholds.criticalDays,
    attentionDays: a.thresholds.attentionDays,
    weekdayProfile: a.weekdayProfile.map((x) => round(x)),
    method: FORECAST_METHOD_TEXT,
  };
}

// ---------------------------------------------------------------------------------------------
// Forecast chart

export const ForecastChartSchema = z
  .object({
    nmId: z.number().int().nullable().openapi({ description: "Карточка; null — весь кабинет" }),
    card: z
      .object({
        ...CardFields,
        perDay: z.number(),
        trendPercentPerWeek: z.number(),
        observedDays: z.number().int(),
        priorWeight: z.number(),
      })
      .nullable(),
    window: PeriodSchema,
    firstForecastDay: Day,
    horizonDays: z.number().int(),
    horizonTotal: z.number().openapi({ description: "Ожидаемые заказы за весь горизонт прогноза" }),
    points: z
      .array(
        z.object({
          day: Day,
          orders: z.number().nullable().openapi({ description: "Заказы (без отменённых) — для дней истории" }),
          outOfStockShare: z.number().nullable().openapi({ description: "Доля размеров без остатка в этот день, 0..1" }),
          forecast: z.number().nullable().openapi({ description: "Прогноз — для будущих дней" }),
          low: z.number().nullable().openapi({ description: "Нижняя граница 80 % интервала" }),
          high: z.number().nullable().openapi({ description: "Верхняя граница 80 % интервала" }),
        }),
      )
      .openapi({ description: "История, затем прогноз с полосой" }),
    sizes: z.array(
      z.object({
        chrtId: z.number().int(),
        techSize: z.string().nullable(),
        wbSize: z.string().nullable(),
        perDay: z.number(),
        share: z.number().openapi({ description: "Доля размера в спросе карточки" }),
        knownOutDays: z.number().int(),
        inferredOutDays: z.number().int(),
      }),
    ),
    weekdayProfile: z.array(z.number()),
    dispersion: z.number().openapi({ description: "Разброс заказов относительно среднего (1 — как у пуассоновского потока)" }),
    method: z.string(),
    freshness: FreshnessSchema,
  })
  .openapi("ForecastChart");

export function forecastChartView(f: ForecastChart): z.infer<typeof ForecastChartSchema> {
  const r = (x: number | null) => (x === null ? null : round(x));
  return {
    nmId: f.nmId,
    card: f.card
      ? {
          nmId: f.card.nmId,
          vendorCode: f.card.vendorCode,
          title: f.card.title,
          subjectName: f.card.subjectName,
          perDay: round(f.card.perDay),
          trendPercentPerWeek: round(f.card.trendPercentPerWeek, 1),
          observedDays: f.card.observedDays,
          priorWeight: round(f.card.priorWeight),
        }
      : null,
    window: f.window,
    firstForecastDay: f.firstForecastDay,
    horizonDays: f.horizonDays,
    horizonTotal: round(f.horizonTotal, 1),
    points: f.points.map((p) => ({ day: p.day, orders: p.orders, outOfStockShare: r(p.outOfStockShare), forecast: r(p.forecast), low: r(p.low), high: r(p.high) })),
    sizes: f.sizes.map((s) => ({ ...s, perDay: round(s.perDay), share: round(s.share) })),
    weekdayProfile: f.weekdayProfile.map((x) => round(x)),
    dispersion: round(f.dispersion),
    method: FORECAST_METHOD_TEXT,
    freshness: freshnessView(f.freshness),
  };
}

// ---------------------------------------------------------------------------------------------
// ABC / XYZ

const ABC = ["A", "B", "C"] as const;
const XYZ = ["X", "Y", "Z"] as const;

export const AbcXyzSchema = z
  .object({
    period: PeriodSchema,
    weeks: z.array(PeriodSchema).openapi({ description: "Недели (по 7 дней до конца периода), по которым считается XYZ" }),
    thresholds: z.object({ a: z.number(), b: z.number(), x: z.number(), y: z.number(), minWeeks: z.number().int(), minInStockDays: z.number().int() }),
    totalRevenue: MoneySchema,
    matrix: z
      .array(
        z.object({
          cell: z.string().openapi({ example: "AX" }),
          abc: z.enum(ABC),
          xyz: z.enum(XYZ),
          count: z.number().int(),
          revenue: MoneySchema,
          sharePercent: z.number(),
          advice: z.string().openapi({ description: "Что делать с товарами этой клетки" }),
        }),
      )
      .openapi({ description: "9 клеток AX…CZ" }),
    unclassified: z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int() }).openapi({ description: "Карточек без класса XYZ (мало недель или нет заказов)" }),
    items: z.array(
      z.object({
        ...CardFields,
        revenue: MoneySchema,
        sharePercent: z.number().openapi({ description: "Доля в выручке периода, %" }),
        cumulativePercent: z.number(),
        abc: z.enum(ABC),
        xyz: z.enum(XYZ).nullable(),
        cvPercent: z.number().nullable().openapi({ description: "Коэффициент вариации недельных заказов, %" }),
        meanWeeklyUnits: z.number(),
        weeksUsed: z.number().int(),
      }),
    ),
    total: z.number().int().openapi({ description: "Карточек всего (на всех страницах)" }),
    nextCursor: z.string().nullable(),
    freshness: FreshnessSchema,
  })
  .openapi("AbcXyz");

export function abcXyzView(a: AbcXyzAnalytics, offset: number, limit: number, nextCursor: string | null): z.infer<typeof AbcXyzSchema> {
  return {
    period: a.period,
    weeks: a.weeks,
    thresholds: a.thresholds,
    totalRevenue: moneyView(a.totalRevenueKopecks),
    matrix: a.matrix.map((m) => ({
      cell: m.cell,
      abc: m.cell[0] as (typeof ABC)[number],
      xyz: m.cell[1] as (typeof XYZ)[number],
      count: m.count,
      revenue: moneyView(m.revenueKopecks),
      sharePercent: round(m.sharePercent, 2),
      advice: MATRIX_ADVICE[m.cell as MatrixCell],
    })),
    unclassified: a.unclassified,
    items: a.items.slice(offset, offset + limit).map((i) => {
      const card = a.cards.get(i.nmId);
      return {
        nmId: i.nmId,
        vendorCode: card?.vendorCode ?? null,
        title: card?.title ?? null,
        subjectName: card?.subjectName ?? null,
        revenue: moneyView(i.revenueKopecks),
        sharePercent: round(i.sharePercent, 3),
        cumulativePercent: round(i.cumulativePercent, 3),
        abc: i.abc,
        xyz: i.xyz,
        cvPercent: roundOrNull(i.cvPercent, 1),
        meanWeeklyUnits: round(i.meanWeeklyUnits, 2),
        weeksUsed: i.weeksUsed,
      };
    }),
    total: a.items.length,
    nextCursor,
    freshness: freshnessView(a.freshness),
  };
}

// ---------------------------------------------------------------------------------------------
// Sales analytics

const RatesSchema = z
  .object({
    buyoutRate: z.number().nullable().openapi({ description: "Выкуп: продажи / (продажи + отмены) за период, 0..1" }),
    returnRate: z.number().nullable().openapi({ description: "Возвраты / продажи, 0..1 (не больше 1)" }),
    returnsExceedSales: z.boolean().openapi({ description: "Возвратов больше, чем продаж: часть возвратов — по продажам прошлых периодов" }),
  })
  .openapi("SalesRates");

const TotalsSchema = z
  .object({
    ordersCount: z.number().int(),
    ordersSum: MoneySchema,
    cancelsCount: z.number().int(),
    salesCount: z.number().int(),
    salesSum: MoneySchema,
    returnsCount: z.number().int(),
    returnsSum: MoneySchema,
    revenue: MoneySchema.openapi({ description: "Продажи − возвраты по цене со скидкой продавца" }),
    netUnits: z.number().int().openapi({ description: "Продано штук за вычетом возвратов (может быть меньше нуля)" }),
    forPay: MoneySchema.openapi({ description: "К перечислению продавцу (по статистике продаж)" }),
    averageOrder: MoneySchema.nullable(),
    rates: RatesSchema,
  })
  .openapi("SalesTotals");

function ratesView(r: Rates): z.infer<typeof RatesSchema> {
  return { buyoutRate: roundOrNull(r.buyoutRate), returnRate: roundOrNull(r.returnRate), returnsExceedSales: r.returnsExceedSales };
}

function totalsView(t: Totals): z.infer<typeof TotalsSchema> {
  return {
    ordersCount: t.ordersCount,
    ordersSum: moneyView(t.ordersSumKopecks),
    cancelsCount: t.cancelsCount,
    salesCount: t.salesCount,
    salesSum: moneyView(t.salesSumKopecks),
    returnsCount: t.returnsCount,
    returnsSum: moneyView(t.returnsSumKopecks),
    revenue: moneyView(t.revenueKopecks),
    netUnits: t.netUnits,
    forPay: moneyView(t.forPayKopecks),
    averageOrder: money(t.averageOrderKopecks),
    rates: ratesView(t.rates),
  };
}

const CardSalesSchema = z
  .object({
    ...CardFields,
    current: TotalsSchema,
    previous: TotalsSchema,
    revenueGrowthPercent: z.number().int().nullable(),
    revenueDelta: MoneySchema,
  })
  .openapi("CardSales");

function cardSalesView(c: CardRow): z.infer<typeof CardSalesSchema> {
  return {
    nmId: c.nmId,
    vendorCode: c.vendorCode,
    title: c.title,
    subjectName: c.subjectName,
    current: totalsView(c.current),
    previous: totalsView(c.previous),
    revenueGrowthPercent: c.revenueGrowthPercent,
    revenueDelta: moneyView(c.revenueDeltaKopecks),
  };
}

export const SalesAnalyticsSchema = z
  .object({
    period: PeriodSchema,
    previous: PeriodSchema.openapi({ description: "Такой же по длине период прямо перед выбранным" }),
    current: TotalsSchema,
    before: TotalsSchema,
    growth: z
      .object({
        ordersCount: z.number().int().nullable(),
        ordersSum: z.number().int().nullable(),
        salesCount: z.number().int().nullable(),
        revenue: z.number().int().nullable(),
        forPay: z.number().int().nullable(),
      })
      .openapi({ description: "Рост к прошлому периоду, целые %; null — в прошлом периоде было 0" }),
    granularity: z.enum(["day", "week", "month"]),
    dynamics: z.array(z.object({ from: Day, to: Day, complete: z.boolean().openapi({ description: "false — неделя или месяц выходят за границы периода" }), totals: TotalsSchema })),
    top: z.object({ revenue: z.array(CardSalesSchema), units: z.array(CardSalesSchema), growth: z.array(CardSalesSchema) }),
    cards: z.array(CardSalesSchema).openapi({ description: "Карточки периода по выручке, с выкупом и возвратами" }),
    cardsTotal: z.number().int(),
    freshness: FreshnessSchema,
  })
  .openapi("SalesAnalytics");

export function salesAnalyticsView(s: SalesAnalytics): z.infer<typeof SalesAnalyticsSchema> {
  return {
    period: s.period,
    previous: s.previous,
    current: totalsView(s.comparison.current),
    before: totalsView(s.comparison.previous),
    growth: {
      ordersCount: s.comparison.growth.ordersCount,
      ordersSum: s.comparison.growth.ordersSumKopecks,
      salesCount: s.comparison.growth.salesCount,
      revenue: s.comparison.growth.revenueKopecks,
      forPay: s.comparison.growth.forPayKopecks,
    },
    granularity: s.granularity,
    dynamics: s.dynamics.map((b) => ({ from: b.from, to: b.to, complete: b.complete, totals: totalsView(b.totals) })),
    top: { revenue: s.top.revenue.map(cardSalesView), units: s.top.units.map(cardSalesView), growth: s.top.growth.map(cardSalesView) },
    cards: s.cards.map(cardSalesView),
    cardsTotal: s.cardsTotal,
    freshness: freshnessView(s.freshness),
  };
}

// ---------------------------------------------------------------------------------------------
// Unit economics

const EconomicsFields = {
  soldUnits: z.number().int(),
  returnedUnits: z.number().int(),
  netUnits: z.number().int().openapi({ description: "Продано за вычетом возвратов" }),
  revenue: MoneySchema.openapi({ description: "Выручка: цена со скидкой продавца × штуки, продажи − возвраты" }),
  commission: MoneySchema.openapi({ description: "Вознаграждение WB с НДС" }),
  acquiring: MoneySchema.openapi({ description: "Эквайринг" }),
  logistics: MoneySchema.openapi({ description: "Логистика к покупателю и обратно" }),
  storage: MoneySchema.openapi({ description: "Хранение (привязанное к карточке)" }),
  penalties: MoneySchema.openapi({ description: "Штрафы" }),
  otherDeductions: MoneySchema.openapi({ description: "Прочие удержания и доплаты: приёмка, продвижение, вознаграждение ПВЗ, округления" }),
  payout: MoneySchema.openapi({ description: "К перечислению по карточке" }),
  sharedCosts: MoneySchema.openapi({ description: "Доля общих расходов (хранение, удержания без привязки к карточке) по доле выручки" }),
  costOfGoods: MoneySchema.nullable().openapi({ description: "Себестоимость проданного; null — себестоимость не указана" }),
  profit: MoneySchema.nullable().openapi({ description: "Прибыль = к перечислению − общие расходы − себестоимость" }),
  margin: z.number().nullable().openapi({ description: "Маржа: прибыль / выручка, 0..1" }),
  profitPerUnit: MoneySchema.nullable().openapi({ description: "Прибыль на проданную штуку" }),
};

type EconomicsFigures = Omit<UnitEconomicsRow, "nmId" | "costPriceKopecks">;

function economicsView(r: EconomicsFigures) {
  return {
    soldUnits: r.soldUnits,
    returnedUnits: r.returnedUnits,
    netUnits: r.netUnits,
    revenue: moneyView(r.revenueKopecks),
    commission: moneyView(r.commissionKopecks),
    acquiring: moneyView(r.acquiringKopecks),
    logistics: moneyView(r.logisticsKopecks),
    storage: moneyView(r.storageKopecks),
    penalties: moneyView(r.penaltiesKopecks),
    otherDeductions: moneyView(r.otherDeductionsKopecks),
    payout: moneyView(r.payoutKopecks),
    sharedCosts: moneyView(r.sharedCostsKopecks),
    costOfGoods: money(r.costOfGoodsKopecks),
    profit: money(r.profitKopecks),
    margin: roundOrNull(r.margin),
    profitPerUnit: money(r.profitPerUnitKopecks),
  };
}

export const UnitEconomicsSchema = z
  .object({
    period: PeriodSchema,
    coverage: z.object({
      coveredDays: z.number().int(),
      periodDays: z.number().int(),
      missing: z.array(PeriodSchema).openapi({ description: "Дни периода, за которые финансового отчёта WB ещё нет — они не учтены" }),
      reportedThrough: z.string().nullable(),
      note: z.string().nullable().openapi({ description: "Пояснение для продавца; null — отчёт покрывает весь период" }),
    }),
    totals: z.object(EconomicsFields),
    transfer: MoneySchema.openapi({ description: "Итого к перечислению за период (с общими расходами)" }),
    missingCostPrices: z.array(z.number().int()).openapi({ description: "Карточки с продажами без себестоимости — их прибыль неизвестна" }),
    items: z.array(z.object({ ...CardFields, costPrice: MoneySchema.nullable(), ...EconomicsFields })),
    total: z.number().int(),
    nextCursor: z.string().nullable(),
    freshness: FreshnessSchema,
  })
  .openapi("UnitEconomics");

export function unitEconomicsView(u: UnitEconomicsAnalytics, offset: number, limit: number, nextCursor: string | null): z.infer<typeof UnitEconomicsSchema> {
  return {
    period: u.period,
    coverage: u.coverage,
    totals: economicsView(u.totals),
    transfer: moneyView(u.transferKopecks),
    missingCostPrices: u.missingCostPrices,
    items: u.rows.slice(offset, offset + limit).map((r) => {
      const card = u.cards.get(r.nmId);
      return {
        nmId: r.nmId,
        vendorCode: card?.vendorCode ?? null,
        title: card?.title ?? null,
        subjectName: card?.subjectName ?? null,
        costPrice: money(r.costPriceKopecks),
        ...economicsView(r),
      };
    }),
    total: u.rows.length,
    nextCursor,
    freshness: freshnessView(u.freshness),
  };
}

// ---------------------------------------------------------------------------------------------
// Cost prices

export const CostPriceSchema = z
  .object({
    ...CardFields,
    costPrice: MoneySchema.nullable().openapi({ description: "Себестоимость единицы; null — не указана" }),
    source: z.enum(["api", "csv", "dashboard", "bot"]).nullable(),
    updatedAt: z.string().nullable(),
    inCatalog: z.boolean().openapi({ description: "Карточка есть в синхронизированном каталоге" }),
  })
  .openapi("CostPrice");

export function costPriceView(c: CostPriceEntry): z.infer<typeof CostPriceSchema> {
  return {
    nmId: c.nmId,
    vendorCode: c.vendorCode,
    title: c.title,
    subjectName: c.subjectName,
    costPrice: money(c.costKopecks),
    source: c.source,
    updatedAt: c.updatedAt?.toISOString() ?? null,
    inCatalog: c.inCatalog,
  };
}
