// Sales analytics and ABC/XYZ for a cabinet, from daily_rollups (per card and Moscow day; nm_id 0
// = the whole cabinet) and, for XYZ's stock-out correction, stock_history_daily. No raw orders
// or sales are scanned. What the API, the bot's /analytics and the dashboard's Analytics call.
//
// (workers/queries/analytics.ts is the bot's own compact period summary; this file is the full
// analytics of issue #6.)

import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { type AbcXyzResult, type AbcXyzThresholds, type WeekDemand, abcXyz } from "../domain/analytics/abc-xyz";
import {
  type Bucket,
  type CardPeriod,
  type DailyFigures,
  type Granularity,
  type PeriodComparison,
  type TopBy,
  cardPeriods,
  comparePeriods,
  dynamics,
  previousPeriod,
  topCards,
  totalsOf,
} from "../domain/analytics/sales-analytics";
import { addDays, daysBetween } from "../domain/calendar-day";
import type { BlockFreshness } from "../domain/freshness";
import type { DayRange } from "../domain/moscow-periods";
import { toMoscowDate } from "../domain/moscow-time";
import { freshnessOf, rows } from "./analytics-common";
import type { CardInfo } from "./analytics-demand";
import { SYNC_MARKS_SQL, type SyncMark } from "./stock-levels";

/** Longest period a request may cover (the rows are per card and day). */
export const MAX_PERIOD_DAYS = 366;

export const ROLLUP_RANGE_SQL = `
SELECT day, nm_id AS nmId, orders_count AS ordersCount, orders_sum_kopecks AS ordersSumKopecks, cancels_count AS cancelsCount,
       sales_count AS salesCount, sales_sum_kopecks AS salesSumKopecks, returns_count AS returnsCount,
       returns_sum_kopecks AS returnsSumKopecks, for_pay_kopecks AS forPayKopecks
FROM daily_rollups WHERE cabinet_id = ?1 AND day >= ?2 AND day <= ?3`;

export const CARD_INFO_SQL = `
SELECT nm_id AS nmId, vendor_code AS vendorCode, title, brand, subject_name AS subjectName FROM products
WHERE cabinet_id = ?1 AND nm_id IN (SELECT value FROM json_each(?2))`;

/** Per card and day: units at WB at the end of the day (summed over sizes). */
export const CARD_STOCK_DAYS_SQL = `
SELECT day, nm_id AS nmId, sum(quantity) AS quantity FROM stock_history_daily
WHERE cabinet_id = ?1 AND day >= ?2 AND day <= ?3 GROUP BY day, nm_id`;

/** The `days` whole Moscow days ending yesterday. */
export function defaultPeriod(now: Date, days: number): DayRange {
  const to = addDays(toMoscowDate(now), -1);
  return { from: addDays(to, -(days - 1)), to };
}

export interface CardRow extends CardPeriod, Omit<CardInfo, "nmId"> {}

export interface SalesAnalyticsOptions {
  now?: Date;
  /** Default: the 30 whole days ending yesterday. */
  period?: DayRange;
  granularity?: Granularity;
  topLimit?: number;
  /** How many cards to list with their rates (by revenue). */
  cardsLimit?: number;
}

export interface SalesAnalytics {
  period: DayRange;
  previous: DayRange;
  comparison: PeriodComparison;
  granularity: Granularity;
  dynamics: Bucket[];
  top: Record<TopBy, CardRow[]>;
  /** Cards with activity in the period by revenue, with buyout and return rates. */
  cards: CardRow[];
  cardsTotal: number;
  freshness: BlockFreshness;
}

async function cardInfo(db: Db, auth: AuthorizedCabinet, nmIds: readonly number[]): Promise<Map<number, CardInfo>> {
  if (nmIds.length === 0) return new Map();
  const { results } = await db.$client.prepare(CARD_INFO_SQL).bind(auth.cabinet.id, JSON.stringify([...new Set(nmIds)])).all<CardInfo>();
  return new Map(results.map((c) => [c.nmId, c]));
}

function withInfo(c: CardPeriod, info: Map<number, CardInfo>): CardRow {
  const i = info.get(c.nmId);
  return { ...c, vendorCode: i?.vendorCode ?? null, title: i?.title ?? null, brand: i?.brand ?? null, subjectName: i?.subjectName ?? null };
}

export async function loadSalesAnalytics(db: Db, auth: AuthorizedCabinet, options: SalesAnalyticsOptions = {}): Promise<SalesAnalytics> {
  const now = options.now ?? new Date();
  const period = options.period ?? defaultPeriod(now, 30);
  const previous = previousPeriod(period);
  const granularity = options.granularity ?? (daysBetween(period.from, period.to) > 62 ? "week" : "day");
  const d1 = db.$client;
  const [rollupResult, marksResult] = await d1.batch([
    d1.prepare(ROLLUP_RANGE_SQL).bind(auth.cabinet.id, previous.from, period.to),
    d1.prepare(SYNC_MARKS_SQL).bind(auth.cabinet.id),
  ]);
  const all = rows<DailyFigures>(rollupResult);
  const cabinetRows = all.filter((r) => r.nmId === 0);
  const comparison = comparePeriods(totalsOf(cabinetRows, period), totalsOf(cabinetRows, previous));
  const cards = cardPeriods(all, period);
  const topLimit = options.topLimit ?? 10;
  const top = { revenue: topCards(cards, "revenue", topLimit), units: topCards(cards, "units", topLimit), growth: topCards(cards, "growth", topLimit) };
  const active = cards
    .filter((c) => c.current.ordersCount + c.current.salesCount + c.current.returnsCount > 0)
    .sort((a, b) => b.current.revenueKopecks - a.current.revenueKopecks || b.current.ordersCount - a.current.ordersCount || a.nmId - b.nmId);
  const listed = active.slice(0, options.cardsLimit ?? 50);
  const info = await cardInfo(db, auth, [...top.revenue, ...top.units, ...top.growth, ...listed].map((c) => c.nmId));
  return {
    period,
    previous,
    comparison,
    granularity,
    dynamics: dynamics(cabinetRows, period, granularity),
    top: { revenue: top.revenue.map((c) => withInfo(c, info)), units: top.units.map((c) => withInfo(c, info)), growth: top.growth.map((c) => withInfo(c, info)) },
    cards: listed.map((c) => withInfo(c, info)),
    cardsTotal: active.length,
    freshness: freshnessOf(auth, rows<SyncMark>(marksResult), now, ["orders", "sales"]),
  };
}

// ---------------------------------------------------------------------------------------------
// ABC / XYZ

export interface AbcXyzOptions {
  now?: Date;
  /** Default: the 91 whole days (13 weeks) ending yesterday. */
  period?: DayRange;
  thresholds?: Partial<AbcXyzThresholds>;
}

export interface AbcXyzAnalytics extends AbcXyzResult {
  period: DayRange;
  /** The 7-day blocks XYZ measures, newest last (a leftover of fewer than 7 days at the start is left out). */
  weeks: DayRange[];
  cards: Map<number, CardInfo>;
  freshness: BlockFreshness;
}

/** Whole 7-day blocks ending with the period's last day. */
export function weekBlocks(period: DayRange): DayRange[] {
  const out: DayRange[] = [];
  for (let to = period.to; daysBetween(period.from, to) >= 6; to = addDays(to, -7)) out.unshift({ from: addDays(to, -6), to });
  return out;
}

export async function loadAbcXyz(db: Db, auth: AuthorizedCabinet, options: AbcXyzOptions = {}): Promise<AbcXyzAnalytics> {
  const now = options.now ?? new Date();
  const period = options.period ?? defaultPeriod(now, 91);
  const weeks = weekBlocks(period);
  const d1 = db.$client;
  const id = auth.cabinet.id;
  const [rollupResult, stockResult, marksResult] = await d1.batch([
    d1.prepare(ROLLUP_RANGE_SQL).bind(id, period.from, period.to),
    d1.prepare(CARD_STOCK_DAYS_SQL).bind(id, period.from, period.to),
    d1.prepare(SYNC_MARKS_SQL).bind(id),
  ]);
  const byCard = new Map<number, DailyFigures[]>();
  for (const r of rows<DailyFigures>(rollupResult)) {
    if (r.nmId === 0) continue;
    const list = byCard.get(r.nmId);
    if (list) list.push(r);
    else byCard.set(r.nmId, [r]);
  }
  // A day counts as "on sale" unless the stock history says the card had nothing at WB; days the
  // history does not cover are assumed on sale (XYZ then sees the dip as variability).
  const outDays = new Map<number, Set<string>>();
  for (const r of rows<{ day: string; nmId: number; quantity: number }>(stockResult)) {
    if (r.quantity > 0) continue;
    const set = outDays.get(r.nmId) ?? new Set<string>();
    set.add(r.day);
    outDays.set(r.nmId, set);
  }
  const inputs = [...byCard].map(([nmId, list]) => {
    const out = outDays.get(nmId);
    const weekDemand: WeekDemand[] = weeks.map((w) => {
      let units = 0;
      for (const r of list) if (r.day >= w.from && r.day <= w.to) units += r.ordersCount - r.cancelsCount;
      let onSale = 7;
      if (out) for (let d = w.from; d <= w.to; d = addDays(d, 1)) if (out.has(d)) onSale--;
      return { units: Math.max(0, units), inStockDays: onSale };
    });
    const totals = totalsOf(list, period);
    return { nmId, revenueKopecks: totals.revenueKopecks, weeks: weekDemand };
  });
  const result = abcXyz(inputs, options.thresholds);
  return {
    ...result,
    period,
    weeks,
    cards: await cardInfo(db, auth, result.items.map((i) => i.nmId)),
    freshness: freshnessOf(auth, rows<SyncMark>(marksResult), now, ["orders", "sales", "stocks"]),
  };
}
