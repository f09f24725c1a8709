// The dashboard summary from already-aggregated figures: pure, so every number of the seller's main
// screen is unit-tested with hand-computed fixtures. The repository (workers/queries/dashboard.ts)
// only fetches the inputs.

import type { SyncDataset } from "../../db/schema";
import { type BlockFreshness, type DatasetFreshness, blockFreshness } from "./freshness";
import { growthPercent } from "./growth";
import type { Kopecks } from "./money";
import { type DashboardPeriods, type DayRange, type MoscowDay, inRange } from "./moscow-periods";
import type { StockCounts, StockThresholds } from "./stock-status";

export interface OrderTotals {
  count: number;
  sumKopecks: Kopecks;
}

/** One day of the cabinet-wide rollup (daily_rollups with nm_id = 0). */
export interface DayTotals extends OrderTotals {
  day: MoscowDay;
}

export interface PeriodWindow {
  from: MoscowDay;
  to: MoscowDay;
  /** Exclusive end instant when the window stops before the end of its last day; null for whole days. */
  until: Date | null;
}

export interface PeriodFigures extends OrderTotals, PeriodWindow {
  previous: OrderTotals & PeriodWindow;
  /** Growth of the count vs the previous period, whole %; null when the previous one was 0. */
  countGrowthPercent: number | null;
  sumGrowthPercent: number | null;
}

export interface SummaryInputs {
  now: Date;
  periods: DashboardPeriods;
  /** Cabinet-wide rollup rows for periods.allDays (missing days count as zero). */
  days: readonly DayTotals[];
  /** Raw orders from today's Moscow midnight to now, and yesterday's midnight to the same time. */
  todaySoFar: OrderTotals;
  yesterdaySoFar: OrderTotals;
  stocks: StockCounts;
  thresholds: StockThresholds;
  reviews: { total: number; unanswered: number; averageRating: number | null };
  products: { total: number; active: number };
  freshness: Record<SyncDataset, DatasetFreshness>;
}

export interface DashboardSummary {
  generatedAt: Date;
  orders: {
    today: PeriodFigures;
    yesterday: PeriodFigures;
    last7: PeriodFigures;
    last30: PeriodFigures;
    freshness: BlockFreshness;
  };
  stocks: StockCounts & StockThresholds & { freshness: BlockFreshness };
  reviews: { total: number; unanswered: number; averageRating: number | null; freshness: BlockFreshness };
  products: { total: number; active: number; freshness: BlockFreshness };
}

/** Sum of the rollup days inside the range. */
export function totalsOver(days: readonly DayTotals[], range: DayRange): OrderTotals {
  let count = 0;
  let sumKopecks = 0;
  for (const d of days) {
    if (!inRange(d.day, range)) continue;
    count += d.count;
    sumKopecks += d.sumKopecks;
  }
  return { count, sumKopecks };
}

function figures(current: OrderTotals & PeriodWindow, previous: OrderTotals & PeriodWindow): PeriodFigures {
  return {
    ...current,
    previous,
    countGrowthPercent: growthPercent(current.count, previous.count),
    sumGrowthPercent: growthPercent(current.sumKopecks, previous.sumKopecks),
  };
}

function whole(range: DayRange, totals: OrderTotals): OrderTotals & PeriodWindow {
  return { ...range, until: null, ...totals };
}

/** Rounds an average rating to two decimals (4.7345 → 4.73, 4.735 → 4.74); null without reviews. */
export function roundRating(avg: number | null): number | null {
  if (avg === null || !Number.isFinite(avg)) return null;
  // toFixed(6) first: 4.735 * 100 is 473.49999999999994 in binary floating point.
  return Math.round(Number((avg * 100).toFixed(6))) / 100;
}

export function buildDashboardSummary(input: SummaryInputs): DashboardSummary {
  const p = input.periods;
  const day = (d: MoscowDay): DayRange => ({ from: d, to: d });
  const f = input.freshness;
  return {
    generatedAt: input.now,
    orders: {
      today: figures(
        { ...day(p.today), until: input.now, ...input.todaySoFar },
        { ...day(p.yesterday), until: p.yesterdaySameTime, ...input.yesterdaySoFar },
      ),
      yesterday: figures(
        whole(day(p.yesterday), totalsOver(input.days, day(p.yesterday))),
        whole(day(p.dayBeforeYesterday), totalsOver(input.days, day(p.dayBeforeYesterday))),
      ),
      last7: figures(whole(p.last7, totalsOver(input.days, p.last7)), whole(p.previous7, totalsOver(input.days, p.previous7))),
      last30: figures(whole(p.last30, totalsOver(input.days, p.last30)), whole(p.previous30, totalsOver(input.days, p.previous30))),
      freshness: blockFreshness([f.orders]),
    },
    // Days of stock divide stock by orders, so the block is as old as the older of the two.
    stocks: { ...input.stocks, ...input.thresholds, freshness: blockFreshness([f.stocks, f.orders]) },
    reviews: { ...input.reviews, averageRating: roundRating(input.reviews.averageRating), freshness: blockFreshness([f.feedbacks]) },
    // "Active" = in stock or ordered in 30 days, so it depends on all three.
    products: { ...input.products, freshness: blockFreshness([f.cards, f.stocks, f.orders]) },
  };
}
