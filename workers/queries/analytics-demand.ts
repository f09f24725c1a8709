// Demand forecast, days of stock, alerts and replenishment for a cabinet: loads 91 days of daily
// orders per size, the stock history and the current stock from D1, and runs the pure analytics
// (workers/domain/analytics) on them. What the API, the bot's /stocks and the dashboard call.
//
// Loading and forecasting a large cabinet takes a while (a million orders → ~1 M rows grouped by
// size and day), and the result only changes when a sync writes orders, stocks or cards, so the
// forecast is kept per isolate under a fingerprint: the window, the window's cabinet-wide rollups
// (rebuilt with every orders page), and the orders, stocks and cards sync counters — the same
// rule as the dashboard's stock levels (stock-levels.ts).

import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { type CardForecast, type DemandForecast, type DemandHistory, type SizeForecast, forecastDemand, naiveDailyDemand } from "../domain/analytics/forecast";
import { type ChartPoint, forecastChart } from "../domain/analytics/forecast-chart";
import { type DaysOfStock, type StockPosition, daysOfStock, explainDaysOfStock } from "../domain/analytics/days-of-stock";
import { type Replenishment, type ReplenishmentSettings, DEFAULT_REPLENISHMENT, replenishment } from "../domain/analytics/replenishment";
import { addDays, daysBetween, MOSCOW_UTC_OFFSET_SECONDS, moscowDayStart } from "../domain/calendar-day";
import type { BlockFreshness } from "../domain/freshness";
import { type DayRange, dayList, moscowDayEnd } from "../domain/moscow-periods";
import { toMoscowDate } from "../domain/moscow-time";
import { DEFAULT_CRITICAL_DAYS, STOCK_STATUS_ORDER, type StockCounts, type StockThresholds, countStockStatuses, stockThresholds } from "../domain/stock-status";
import { withDefaults } from "../domain/analytics/stats";
import { FingerprintCache, freshnessOf, markKey, rows } from "./analytics-common";
import { THRESHOLD_SQL } from "./dashboard";
import { STOCK_COUNT_SQL, SYNC_MARKS_SQL, type SyncMark, WINDOW_ROLLUPS_SQL, type WindowDay, demandFingerprint, stockFingerprint } from "./stock-levels";

/** Days of order history the forecast learns from: 13 whole weeks. */
export const FORECAST_WINDOW_DAYS = 91;
export const FORECAST_HORIZON_DAYS = 14;
/** The seller's warehouse type in WB's orders (FBS). */
const SELLER_WAREHOUSE_TYPE = "Склад продавца";

/** Orders per card, size and Moscow day of the window: placed, cancelled so far, shipped by the seller (FBS). */
export const DAILY_ORDERS_SQL = `
SELECT nm_id AS nmId, tech_size AS techSize, strftime('%Y-%m-%d', ordered_at / 1000 + ?4, 'unixepoch') AS day,
       count(*) AS n, sum(is_cancel) AS c, sum(warehouse_type = ?5) AS fbs, max(subject) AS subject
FROM orders WHERE cabinet_id = ?1 AND ordered_at >= ?2 AND ordered_at < ?3
GROUP BY nm_id, tech_size, day`;

export const STOCK_HISTORY_SQL = `
SELECT day, chrt_id AS chrtId, nm_id AS nmId, quantity FROM stock_history_daily
WHERE cabinet_id = ?1 AND day >= ?2 AND day <= ?3`;

export const CURRENT_STOCK_SQL = `
SELECT chrt_id AS chrtId, nm_id AS nmId, warehouse_name AS warehouse, quantity, in_way_to_client AS toClient, in_way_from_client AS fromClient
FROM stock_snapshots WHERE cabinet_id = ?1`;

export const SIZES_SQL = `SELECT chrt_id AS chrtId, nm_id AS nmId, tech_size AS techSize, wb_size AS wbSize FROM product_sizes WHERE cabinet_id = ?1`;

export const CARDS_SQL = `SELECT nm_id AS nmId, vendor_code AS vendorCode, title, brand, subject_name AS subjectName FROM products WHERE cabinet_id = ?1`;

export interface CardInfo {
  nmId: number;
  vendorCode: string | null;
  title: string | null;
  brand: string | null;
  subjectName: string | null;
}

export interface SizeInfo {
  chrtId: number;
  nmId: number;
  techSize: string | null;
  wbSize: string | null;
}

export interface CurrentStock extends StockPosition {
  /** Per warehouse (since 2026-08 WB masks its own as "Склад WB"; seller warehouses show by name). */
  warehouses: { name: string; quantity: number }[];
}

export interface LoadedDemand {
  window: DayRange;
  history: DemandHistory;
  forecast: DemandForecast;
  cards: ReadonlyMap<number, CardInfo>;
  sizes: ReadonlyMap<number, SizeInfo>;
  /** Latest stock per size; a size absent here has none at WB. */
  current: ReadonlyMap<number, CurrentStock>;
  /** Share of each card's orders shipped from the seller's own warehouse. */
  fbsShare: ReadonlyMap<number, number>;
  /** The old estimate per size: non-cancelled orders of the last 30 days ÷ 30. */
  naivePerDay: ReadonlyMap<number, number>;
  /** Orders whose size could not be matched to a card size (card not synced yet). */
  unmatchedOrders: number;
}

interface OrderGroup {
  nmId: number;
  techSize: string | null;
  day: string;
  n: number;
  c: number;
  fbs: number;
  subject: string | null;
}

/** Builds the forecast input from the loaded rows (exported for the query tests). */
export function buildDemand(
  window: DayRange,
  orderRows: readonly OrderGroup[],
  historyRows: readonly { day: string; chrtId: number; nmId: number; quantity: number }[],
  stockRows: readonly { chrtId: number; nmId: number; warehouse: string; quantity: number; toClient: number; fromClient: number }[],
  sizeRows: readonly SizeInfo[],
  cardRows: readonly CardInfo[],
): LoadedDemand {
  const n = daysBetween(window.from, window.to) + 1;
  const sizes = new Map(sizeRows.map((s) => [s.chrtId, s]));
  const sizesByCard = new Map<number, SizeInfo[]>();
  for (const s of sizeRows) {
    const list = sizesByCard.get(s.nmId);
    if (list) list.push(s);
    else sizesByCard.set(s.nmId, [s]);
  }
  const cards = new Map(cardRows.map((c) => [c.nmId, c]));
  const groups = new Map<number, string | null>(cardRows.map((c) => [c.nmId, c.subjectName]));

  const series = new Map<number, { nmId: number; orders: number[]; cancelled: number[]; stock: (number | null)[] }>();
  const seriesOf = (chrtId: number, nmId: number) => {
    let s = series.get(chrtId);
    if (!s) {
      s = { nmId, orders: new Array<number>(n).fill(0), cancelled: new Array<number>(n).fill(0), stock: new Array<number | null>(n).fill(null) };
      series.set(chrtId, s);
    }
    return s;
  };

  // Orders carry nmID and techSize, not chrtID: matched to card sizes on (nm_id, tech_size), or to
  // the card's only size; orders of cards not synced yet cannot be placed and are counted aside.
  let unmatchedOrders = 0;
  const fbs = new Map<number, { fbs: number; all: number }>();
  for (const r of orderRows) {
    const i = daysBetween(window.from, r.day);
    if (i < 0 || i >= n) continue;
    const candidates = sizesByCard.get(r.nmId) ?? [];
    const size = candidates.find((s) => s.techSize === r.techSize) ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (!size) {
      unmatchedOrders += r.n;
      continue;
    }
    const s = seriesOf(size.chrtId, r.nmId);
    s.orders[i] = (s.orders[i] as number) + r.n;
    s.cancelled[i] = (s.cancelled[i] as number) + r.c;
    const f = fbs.get(r.nmId) ?? { fbs: 0, all: 0 };
    f.fbs += r.fbs;
    f.all += r.n;
    fbs.set(r.nmId, f);
    if (!groups.get(r.nmId) && r.subject) groups.set(r.nmId, r.subject);
  }
  for (const h of historyRows) {
    const i = daysBetween(window.from, h.day);
    if (i < 0 || i >= n) continue;
    const s = seriesOf(h.chrtId, sizes.get(h.chrtId)?.nmId ?? h.nmId);
    s.stock[i] = (s.stock[i] ?? 0) + h.quantity;
  }
  const current = new Map<number, CurrentStock>();
  for (const r of stockRows) {
    const c = current.get(r.chrtId) ?? { quantity: 0, inWayToClient: 0, inWayFromClient: 0, warehouses: [] };
    c.quantity += r.quantity;
    c.inWayToClient += r.toClient;
    c.inWayFromClient += r.fromClient;
    c.warehouses.push({ name: r.warehouse, quantity: r.quantity });
    current.set(r.chrtId, c);
    seriesOf(r.chrtId, sizes.get(r.chrtId)?.nmId ?? r.nmId);
  }
  const stockKnown = stockRows.length > 0;

  let fbsAll = 0;
  let ordersAll = 0;
  for (const f of fbs.values()) {
    fbsAll += f.fbs;
    ordersAll += f.all;
  }
  const cabinetFbs = ordersAll > 0 ? fbsAll / ordersAll : 0;
  // A card's own FBS share counts in proportion to its orders (20 pseudo-orders of the cabinet's).
  const fbsShare = new Map([...fbs].map(([nmId, f]) => [nmId, (f.fbs + 20 * cabinetFbs) / (f.all + 20)]));

  const history: DemandHistory = {
    start: window.from,
    groups,
    sizes: [...series].map(([chrtId, s]) => ({
      nmId: s.nmId,
      chrtId,
      orders: s.orders,
      cancelled: s.cancelled,
      stock: s.stock,
      // WB's report leaves out what it no longer holds: once any stock is known, absent = 0.
      currentStock: current.get(chrtId)?.quantity ?? (stockKnown ? 0 : null),
    })),
  };
  const forecast = forecastDemand(history, { horizonDays: FORECAST_HORIZON_DAYS });
  const naivePerDay = new Map(history.sizes.map((s) => [s.chrtId, naiveDailyDemand(s.orders.map((x, i) => x - (s.cancelled?.[i] ?? 0)), 30)]));
  return { window, history, forecast, cards, sizes, current, fbsShare, naivePerDay, unmatchedOrders };
}

const demandCache = new FingerprintCache<LoadedDemand>(64);

interface DemandContext {
  demand: LoadedDemand;
  marks: SyncMark[];
  thresholdDays: number | null;
  now: Date;
}

/** The window ends with yesterday (Moscow): today's orders are still coming in. */
export function forecastWindow(now: Date, days = FORECAST_WINDOW_DAYS): DayRange {
  const to = addDays(toMoscowDate(now), -1);
  return { from: addDays(to, -(days - 1)), to };
}

async function loadDemand(db: Db, auth: AuthorizedCabinet, now: Date): Promise<DemandContext> {
  const window = forecastWindow(now);
  const id = auth.cabinet.id;
  const d1 = db.$client;
  const [rollups, syncMarks, threshold, stockCount] = await d1.batch([
    d1.prepare(WINDOW_ROLLUPS_SQL).bind(id, JSON.stringify(dayList(window.from, window.to))),
    d1.prepare(SYNC_MARKS_SQL).bind(id),
    d1.prepare(THRESHOLD_SQL).bind(auth.userId, id),
    d1.prepare(STOCK_COUNT_SQL).bind(id),
  ]);
  const marks = rows<SyncMark>(syncMarks);
  const thresholdDays = rows<{ days: number }>(threshold)[0]?.days ?? null;
  const fingerprint = [
    demandFingerprint(window, rows<WindowDay>(rollups), marks),
    stockFingerprint(marks, rows<{ n: number }>(stockCount)[0]?.n ?? 0),
    markKey(marks, "cards"),
  ].join("|");
  const cached = demandCache.get(id, fingerprint);
  if (cached) return { demand: cached, marks, thresholdDays, now };

  const [orderRows, historyRows, stockRows, sizeRows, cardRows] = await d1.batch([
    d1
      .prepare(DAILY_ORDERS_SQL)
      .bind(id, moscowDayStart(window.from).getTime(), moscowDayEnd(window.to).getTime(), MOSCOW_UTC_OFFSET_SECONDS, SELLER_WAREHOUSE_TYPE),
    d1.prepare(STOCK_HISTORY_SQL).bind(id, window.from, window.to),
    d1.prepare(CURRENT_STOCK_SQL).bind(id),
    d1.prepare(SIZES_SQL).bind(id),
    d1.prepare(CARDS_SQL).bind(id),
  ]);
  const demand = buildDemand(
    window,
    rows<OrderGroup>(orderRows),
    rows<{ day: string; chrtId: number; nmId: number; quantity: number }>(historyRows),
    rows<{ chrtId: number; nmId: number; warehouse: string; quantity: number; toClient: number; fromClient: number }>(stockRows),
    rows<SizeInfo>(sizeRows),
    rows<CardInfo>(cardRows),
  );
  demandCache.set(id, fingerprint, demand);
  return { demand, marks, thresholdDays, now };
}

// ---------------------------------------------------------------------------------------------
// Days of stock, alerts, replenishment

export interface StockAnalyticsOptions {
  now?: Date;
  /** Overrides the user's threshold (notification_settings.stock_threshold_days) and the default 7. */
  criticalDays?: number;
  replenishment?: Partial<ReplenishmentSettings>;
}

export interface SizeDemandSummary {
  /** Expected orders per day over the next 14 days. */
  perDay: number;
  sigmaPerDay: number;
  /** Per day, from the first forecast day. */
  daily: number[];
  share: number;
  /** Window days the size was on sale (used for the estimate). */
  observedDays: number;
  /** Window days excluded as out of stock: known from stock history, and inferred from order gaps. */
  knownOutDays: number;
  inferredOutDays: number;
  priorWeight: number;
  trendPercentPerWeek: number;
  /** The old estimate (30-day average, stock-outs included), for comparison. */
  oldEstimatePerDay: number;
}

export interface SizeStockAnalytics {
  nmId: number;
  chrtId: number;
  vendorCode: string | null;
  title: string | null;
  brand: string | null;
  subjectName: string | null;
  techSize: string | null;
  wbSize: string | null;
  stock: CurrentStock;
  fbsShare: number;
  demand: SizeDemandSummary;
  days: DaysOfStock;
  replenishment: Replenishment;
  /** Days of stock in plain Russian. */
  explanation: string;
}

export interface StockAnalytics {
  /** The last day of history the forecast learned from; the forecast starts the day after. */
  window: DayRange;
  firstForecastDay: string;
  horizonDays: number;
  thresholds: StockThresholds;
  settings: ReplenishmentSettings;
  /** Every size with stock, stock history or orders in the window; alerts first. */
  sizes: SizeStockAnalytics[];
  counts: StockCounts & { alerts: number; toReplenish: number };
  weekdayProfile: number[];
  freshness: BlockFreshness;
  unmatchedOrders: number;
}

const NO_STOCK: CurrentStock = { quantity: 0, inWayToClient: 0, inWayFromClient: 0, warehouses: [] };

export function compareStockAnalytics(a: SizeStockAnalytics, b: SizeStockAnalytics): number {
  return (
    Number(b.days.alert) - Number(a.days.alert) ||
    STOCK_STATUS_ORDER[a.days.status] - STOCK_STATUS_ORDER[b.days.status] ||
    (a.days.daysOfStock ?? Number.MAX_VALUE) - (b.days.daysOfStock ?? Number.MAX_VALUE) ||
    b.days.demandPerDay - a.days.demandPerDay ||
    a.nmId - b.nmId ||
    a.chrtId - b.chrtId
  );
}

function sizeAnalytics(d: LoadedDemand, f: SizeForecast, cardForecast: CardForecast | undefined, t: StockThresholds, settings: ReplenishmentSettings): SizeStockAnalytics {
  const card = d.cards.get(f.nmId);
  const size = d.sizes.get(f.chrtId);
  const stock = d.current.get(f.chrtId) ?? NO_STOCK;
  const fbsShare = d.fbsShare.get(f.nmId) ?? 0;
  const days = daysOfStock({ position: stock, dailyDemand: f.daily, fbsShare, thresholds: t });
  const rep = replenishment({ units: days.units, demandPerDay: days.demandPerDay, sigmaPerDay: f.sigmaDaily * (1 - fbsShare) }, settings);
  const notes = {
    excludedDays: f.knownOutDays + f.inferredOutDays,
    priorWeight: cardForecast?.priorWeight ?? 0,
    trendPercentPerWeek: cardForecast?.trendPercentPerWeek ?? 0,
  };
  return {
    nmId: f.nmId,
    chrtId: f.chrtId,
    vendorCode: card?.vendorCode ?? null,
    title: card?.title ?? null,
    brand: card?.brand ?? null,
    subjectName: card?.subjectName ?? null,
    techSize: size?.techSize ?? null,
    wbSize: size?.wbSize ?? null,
    stock,
    fbsShare,
    demand: {
      perDay: f.meanDaily,
      sigmaPerDay: f.sigmaDaily,
      daily: f.daily,
      share: f.share,
      observedDays: f.observedDays,
      knownOutDays: f.knownOutDays,
      inferredOutDays: f.inferredOutDays,
      priorWeight: notes.priorWeight,
      trendPercentPerWeek: notes.trendPercentPerWeek,
      oldEstimatePerDay: d.naivePerDay.get(f.chrtId) ?? 0,
    },
    days,
    replenishment: rep,
    explanation: explainDaysOfStock(days, stock, notes, fbsShare),
  };
}

/**
 * Every size's demand forecast, days of stock, alert and replenishment recommendation, alerts
 * first. The bot's /stocks and the dashboard's stocks view call this; so does the API.
 */
export async function loadStockAnalytics(db: Db, auth: AuthorizedCabinet, options: StockAnalyticsOptions = {}): Promise<StockAnalytics> {
  const ctx = await loadDemand(db, auth, options.now ?? new Date());
  const thresholds = stockThresholds(options.criticalDays ?? ctx.thresholdDays ?? DEFAULT_CRITICAL_DAYS);
  const settings = withDefaults(DEFAULT_REPLENISHMENT, options.replenishment);
  const cardForecasts = new Map(ctx.demand.forecast.cards.map((c) => [c.nmId, c]));
  const sizes = ctx.demand.forecast.sizes.map((f) => sizeAnalytics(ctx.demand, f, cardForecasts.get(f.nmId), thresholds, settings)).sort(compareStockAnalytics);
  return {
    window: ctx.demand.window,
    firstForecastDay: ctx.demand.forecast.firstDay,
    horizonDays: ctx.demand.forecast.horizonDays,
    thresholds,
    settings,
    sizes,
    counts: {
      ...countStockStatuses(sizes.map((s) => s.days.status)),
      alerts: sizes.filter((s) => s.days.alert).length,
      toReplenish: sizes.filter((s) => s.replenishment.quantity > 0).length,
    },
    weekdayProfile: ctx.demand.forecast.weekdayProfile,
    freshness: freshnessOf(auth, ctx.marks, ctx.now, ["stocks", "orders"]),
    unmatchedOrders: ctx.demand.unmatchedOrders,
  };
}

// ---------------------------------------------------------------------------------------------
// Forecast chart

export interface ForecastChartOptions {
  now?: Date;
  /** A card; absent = the whole cabinet. */
  nmId?: number;
  /** Days of history before the forecast (default 56, at most the 91-day window). */
  historyDays?: number;
}

export interface CardForecastSummary {
  nmId: number;
  vendorCode: string | null;
  title: string | null;
  subjectName: string | null;
  perDay: number;
  level: number;
  trendPercentPerWeek: number;
  observedDays: number;
  priorWeight: number;
}

export interface ForecastChart {
  window: DayRange;
  firstForecastDay: string;
  horizonDays: number;
  nmId: number | null;
  card: CardForecastSummary | null;
  points: ChartPoint[];
  /** The card's sizes (for a card) with their forecast per day and share. */
  sizes: { chrtId: number; techSize: string | null; wbSize: string | null; perDay: number; share: number; knownOutDays: number; inferredOutDays: number }[];
  /** Total expected orders over the horizon. */
  horizonTotal: number;
  weekdayProfile: number[];
  dispersion: number;
  freshness: BlockFreshness;
}

export async function loadForecastChart(db: Db, auth: AuthorizedCabinet, options: ForecastChartOptions = {}): Promise<ForecastChart> {
  const ctx = await loadDemand(db, auth, options.now ?? new Date());
  const d = ctx.demand;
  const historyDays = Math.min(FORECAST_WINDOW_DAYS, Math.max(1, options.historyDays ?? 56));
  const points = forecastChart(d.history, d.forecast, options.nmId, historyDays);
  const cardForecast = options.nmId === undefined ? undefined : d.forecast.cards.find((c) => c.nmId === options.nmId);
  const info = options.nmId === undefined ? undefined : d.cards.get(options.nmId);
  const sizes =
    options.nmId === undefined
      ? []
      : d.forecast.sizes
          .filter((s) => s.nmId === options.nmId)
          .map((s) => ({
            chrtId: s.chrtId,
            techSize: d.sizes.get(s.chrtId)?.techSize ?? null,
            wbSize: d.sizes.get(s.chrtId)?.wbSize ?? null,
            perDay: s.meanDaily,
            share: s.share,
            knownOutDays: s.knownOutDays,
            inferredOutDays: s.inferredOutDays,
          }));
  return {
    window: d.window,
    firstForecastDay: d.forecast.firstDay,
    horizonDays: d.forecast.horizonDays,
    nmId: options.nmId ?? null,
    card:
      cardForecast && options.nmId !== undefined
        ? {
            nmId: options.nmId,
            vendorCode: info?.vendorCode ?? null,
            title: info?.title ?? null,
            subjectName: info?.subjectName ?? cardForecast.group,
            perDay: cardForecast.meanDaily,
            level: cardForecast.level,
            trendPercentPerWeek: cardForecast.trendPercentPerWeek,
            observedDays: cardForecast.observedDays,
            priorWeight: cardForecast.priorWeight,
          }
        : null,
    points,
    sizes,
    horizonTotal: points.reduce((a, p) => a + (p.forecast ?? 0), 0),
    weekdayProfile: d.forecast.weekdayProfile,
    dispersion: d.forecast.dispersion,
    freshness: freshnessOf(auth, ctx.marks, ctx.now, ["orders", "stocks"]),
  };
}
