// Sales analytics from daily totals (daily_rollups rows, per card and per Moscow day): totals of a
// period against the equally long period before it, dynamics by day / week / month, top cards by
// revenue, units and growth, and buyout and return rates per card.
//
// Definitions (the rollups' own, see workers/sync/datasets/rollups.ts):
// - revenue = sales − returns at priceWithDisc (the seller's price after their discount);
// - units sold = sales − returns (negative when returns of earlier sales outweigh the period's sales);
// - buyout rate = sales ÷ (sales + cancellations) of the period — the rollups count cancellations
//   on the order's day and sales on the sale's day, so for a short period it is an estimate;
// - return rate = returns ÷ sales, at most 100 %; when returns exceed sales (they belong to sales
//   of earlier periods) the rate is capped and flagged instead of showing e.g. 250 %.

import { addDays, daysBetween } from "../calendar-day";
import { growthPercent } from "../growth";
import type { Kopecks } from "../money";
import { type DayRange, type MoscowDay, inRange } from "../moscow-periods";

export interface DailyFigures {
  day: MoscowDay;
  /** Card (nmID); 0 = the whole cabinet. */
  nmId: number;
  ordersCount: number;
  ordersSumKopecks: Kopecks;
  cancelsCount: number;
  salesCount: number;
  salesSumKopecks: Kopecks;
  returnsCount: number;
  returnsSumKopecks: Kopecks;
  forPayKopecks: Kopecks;
}

export interface Totals {
  ordersCount: number;
  ordersSumKopecks: Kopecks;
  cancelsCount: number;
  salesCount: number;
  salesSumKopecks: Kopecks;
  returnsCount: number;
  returnsSumKopecks: Kopecks;
  forPayKopecks: Kopecks;
  /** salesSum − returnsSum. */
  revenueKopecks: Kopecks;
  /** salesCount − returnsCount (may be negative). */
  netUnits: number;
  /** Average order value, kopecks (null without orders). */
  averageOrderKopecks: Kopecks | null;
  rates: Rates;
}

export interface Rates {
  /** 0..1, null when there is nothing to measure. */
  buyoutRate: number | null;
  returnRate: number | null;
  /** Returns exceeded sales: the return rate is capped at 100 % and refers to earlier sales too. */
  returnsExceedSales: boolean;
}

export function rates(salesCount: number, cancelsCount: number, returnsCount: number): Rates {
  const decided = salesCount + cancelsCount;
  return {
    buyoutRate: decided > 0 ? salesCount / decided : null,
    returnRate: salesCount > 0 ? Math.min(1, returnsCount / salesCount) : null,
    returnsExceedSales: returnsCount > salesCount,
  };
}

function emptySums(): Omit<Totals, "revenueKopecks" | "netUnits" | "averageOrderKopecks" | "rates"> {
  return { ordersCount: 0, ordersSumKopecks: 0, cancelsCount: 0, salesCount: 0, salesSumKopecks: 0, returnsCount: 0, returnsSumKopecks: 0, forPayKopecks: 0 };
}

/** Totals of the rows inside `range` (all rows when it is absent). Rows of other cards are the caller's business. */
export function totalsOf(rows: readonly DailyFigures[], range?: DayRange): Totals {
  const t = emptySums();
  for (const r of rows) {
    if (range && !inRange(r.day, range)) continue;
    t.ordersCount += r.ordersCount;
    t.ordersSumKopecks += r.ordersSumKopecks;
    t.cancelsCount += r.cancelsCount;
    t.salesCount += r.salesCount;
    t.salesSumKopecks += r.salesSumKopecks;
    t.returnsCount += r.returnsCount;
    t.returnsSumKopecks += r.returnsSumKopecks;
    t.forPayKopecks += r.forPayKopecks;
  }
  return {
    ...t,
    revenueKopecks: t.salesSumKopecks - t.returnsSumKopecks,
    netUnits: t.salesCount - t.returnsCount,
    averageOrderKopecks: t.ordersCount > 0 ? Math.round(t.ordersSumKopecks / t.ordersCount) : null,
    rates: rates(t.salesCount, t.cancelsCount, t.returnsCount),
  };
}

/** The equally long period right before `range`. */
export function previousPeriod(range: DayRange): DayRange {
  const days = daysBetween(range.from, range.to) + 1;
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

export interface PeriodComparison {
  current: Totals;
  previous: Totals;
  /** Whole-percent growth of each figure (null when the previous value was 0). */
  growth: {
    ordersCount: number | null;
    ordersSumKopecks: number | null;
    salesCount: number | null;
    revenueKopecks: number | null;
    forPayKopecks: number | null;
  };
}

export function comparePeriods(current: Totals, previous: Totals): PeriodComparison {
  return {
    current,
    previous,
    growth: {
      ordersCount: growthPercent(current.ordersCount, previous.ordersCount),
      ordersSumKopecks: growthPercent(current.ordersSumKopecks, previous.ordersSumKopecks),
      salesCount: growthPercent(current.salesCount, previous.salesCount),
      revenueKopecks: growthPercent(current.revenueKopecks, previous.revenueKopecks),
      forPayKopecks: growthPercent(current.forPayKopecks, previous.forPayKopecks),
    },
  };
}

export type Granularity = "day" | "week" | "month";

export interface Bucket {
  /** First and last day of the bucket (calendar week Monday–Sunday, calendar month). */
  from: MoscowDay;
  to: MoscowDay;
  /** The bucket lies wholly inside the period (a partial first or last week is marked false). */
  complete: boolean;
  totals: Totals;
}

function bucketStart(day: MoscowDay, g: Granularity): MoscowDay {
  if (g === "day") return day;
  if (g === "month") return `${day.slice(0, 7)}-01`;
  // 1970-01-05 was a Monday.
  const offset = ((daysBetween("1970-01-05", day) % 7) + 7) % 7;
  return addDays(day, -offset);
}

function bucketEnd(start: MoscowDay, g: Granularity): MoscowDay {
  if (g === "day") return start;
  if (g === "week") return addDays(start, 6);
  const [y, m] = start.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return addDays(next, -1);
}

/** The period's totals by day, week or month, every bucket present (empty ones as zeros). */
export function dynamics(rows: readonly DailyFigures[], range: DayRange, g: Granularity): Bucket[] {
  const buckets: Bucket[] = [];
  for (let start = bucketStart(range.from, g); start <= range.to; start = addDays(bucketEnd(start, g), 1)) {
    const end = bucketEnd(start, g);
    const inside: DayRange = { from: start < range.from ? range.from : start, to: end > range.to ? range.to : end };
    buckets.push({ from: start, to: end, complete: start >= range.from && end <= range.to, totals: totalsOf(rows, inside) });
  }
  return buckets;
}

export interface CardPeriod {
  nmId: number;
  current: Totals;
  previous: Totals;
  /** Revenue growth vs the previous period, whole % (null when it was 0 or below). */
  revenueGrowthPercent: number | null;
  revenueDeltaKopecks: Kopecks;
}

/** Per-card totals of the period and the one before, from per-card rows. */
export function cardPeriods(rows: readonly DailyFigures[], range: DayRange): CardPeriod[] {
  const prev = previousPeriod(range);
  const byCard = new Map<number, DailyFigures[]>();
  for (const r of rows) {
    if (r.nmId === 0) continue;
    if (!inRange(r.day, range) && !inRange(r.day, prev)) continue;
    const list = byCard.get(r.nmId) ?? [];
    list.push(r);
    byCard.set(r.nmId, list);
  }
  return [...byCard].map(([nmId, list]) => {
    const current = totalsOf(list, range);
    const previous = totalsOf(list, prev);
    return {
      nmId,
      current,
      previous,
      revenueGrowthPercent: previous.revenueKopecks > 0 ? growthPercent(current.revenueKopecks, previous.revenueKopecks) : null,
      revenueDeltaKopecks: current.revenueKopecks - previous.revenueKopecks,
    };
  });
}

export type TopBy = "revenue" | "units" | "growth";

/**
 * The top cards. Growth ranks by revenue growth % among cards that sold at least `minBaseUnits`
 * in the previous period (0 → 1 sale is not "+∞ %"), then by the absolute change.
 */
export function topCards(cards: readonly CardPeriod[], by: TopBy, limit: number, minBaseUnits = 3): CardPeriod[] {
  const list = [...cards];
  if (by === "revenue") {
    list.sort((a, b) => b.current.revenueKopecks - a.current.revenueKopecks || b.current.netUnits - a.current.netUnits || a.nmId - b.nmId);
    return list.filter((c) => c.current.revenueKopecks > 0).slice(0, limit);
  }
  if (by === "units") {
    list.sort((a, b) => b.current.netUnits - a.current.netUnits || b.current.revenueKopecks - a.current.revenueKopecks || a.nmId - b.nmId);
    return list.filter((c) => c.current.netUnits > 0).slice(0, limit);
  }
  return list
    .filter((c) => c.previous.netUnits >= minBaseUnits && c.revenueGrowthPercent !== null && c.revenueGrowthPercent > 0)
    .sort((a, b) => (b.revenueGrowthPercent as number) - (a.revenueGrowthPercent as number) || b.revenueDeltaKopecks - a.revenueDeltaKopecks || a.nmId - b.nmId)
    .slice(0, limit);
}
