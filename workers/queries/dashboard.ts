// Inputs of the dashboard summary, read in one D1 round trip (a batch of indexed reads), then
// assembled by the pure buildDashboardSummary. Budget: p95 ≤ 10 ms on a cabinet with a million
// orders, so every statement reads a handful of rows or one index range, and returns a few rows:
// - order figures come from daily_rollups (61 point lookups; today's row is rebuilt in the same
//   batch as every orders page, so it is as current as the orders themselves);
// - raw orders are read only for yesterday up to the current time of day: one range of the
//   covering orders_ordered_idx (no table rows);
// - review totals are one row of feedback_stats, kept by triggers on every feedbacks write;
// - cards are counted, not listed; which of them are active comes from the stock levels;
// - stock levels (and the active-card count derived from them) come from the isolate caches of
//   stock-levels.ts while their fingerprints, read fresh in this batch, hold.
// The query plans are asserted in test/integration/api-summary.test.ts.

import { SYNC_DATASETS, type SyncDataset } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { moscowDayStart } from "../domain/calendar-day";
import { type DashboardSummary, type DayTotals, buildDashboardSummary, totalsOver } from "../domain/dashboard-summary";
import { dashboardPeriods, dayList, inRange } from "../domain/moscow-periods";
import { DEFAULT_CRITICAL_DAYS, countStockStatuses, stockThresholds } from "../domain/stock-status";
import {
  PRODUCT_COUNT_SQL,
  STOCK_COUNT_SQL,
  SYNC_MARKS_SQL,
  type SyncMark,
  activeProductCount,
  cabinetSizeLevels,
  demandFingerprint,
  productsFingerprint,
  stockFingerprint,
} from "./stock-levels";
import { freshnessByDataset } from "./sync-state";

/**
 * Cabinet-wide daily totals (nm_id = 0) for a list of days. `day IN (json_each)` makes one index
 * seek per day on the (cabinet_id, day, nm_id) primary key; `day BETWEEN` would walk every card's
 * row of every day.
 */
export const ROLLUP_DAYS_SQL = `
SELECT day, orders_count AS n, orders_sum_kopecks AS s, cancels_count AS c FROM daily_rollups
WHERE cabinet_id = ?1 AND nm_id = 0 AND day IN (SELECT value FROM json_each(?2))`;

/**
 * Order count and sum in [from, to): every order row, cancelled or not, summed at priceWithDisc
 * (the seller's price after their own discount) — the rollups' definition
 * (workers/sync/datasets/rollups.ts), so the two sides of "today vs yesterday" compare alike.
 * orders_ordered_idx carries price_with_disc_kopecks, so this reads index entries only.
 */
export const ORDERS_BETWEEN_SQL = `
SELECT count(*) AS n, coalesce(sum(price_with_disc_kopecks), 0) AS s FROM orders
WHERE cabinet_id = ?1 AND ordered_at >= ?2 AND ordered_at < ?3`;

/** Review count, rating sum and unanswered count: one primary-key row (no row = no reviews). */
export const REVIEW_STATS_SQL = `SELECT reviews, rating_sum AS ratingSum, unanswered FROM feedback_stats WHERE cabinet_id = ?1`;

export const THRESHOLD_SQL = `SELECT stock_threshold_days AS days FROM notification_settings WHERE user_id = ?1 AND cabinet_id = ?2`;

export interface SummaryOptions {
  now?: Date;
  /** Overrides the user's stock threshold (notification_settings) and the default of 7 days. */
  criticalDays?: number;
}

export async function getDashboardSummary(db: Db, auth: AuthorizedCabinet, options: SummaryOptions = {}): Promise<DashboardSummary> {
  const now = options.now ?? new Date();
  const periods = dashboardPeriods(now);
  const id = auth.cabinet.id;
  const d1 = db.$client;
  const allDays = dayList(periods.allDays.from, periods.allDays.to);

  const [rollups, yesterday, syncMarks, reviewStats, productCount, threshold, stockCount] = await d1.batch([
    d1.prepare(ROLLUP_DAYS_SQL).bind(id, JSON.stringify(allDays)),
    // "Same time" is inclusive: an order stamped exactly 24 h ago counts on yesterday's side.
    d1.prepare(ORDERS_BETWEEN_SQL).bind(id, moscowDayStart(periods.yesterday).getTime(), periods.yesterdaySameTime.getTime() + 1),
    d1.prepare(SYNC_MARKS_SQL).bind(id),
    d1.prepare(REVIEW_STATS_SQL).bind(id),
    d1.prepare(PRODUCT_COUNT_SQL).bind(id),
    d1.prepare(THRESHOLD_SQL).bind(auth.userId, id),
    d1.prepare(STOCK_COUNT_SQL).bind(id),
  ]);

  const dayRows = rows<{ day: string; n: number; s: number; c: number }>(rollups);
  const days: DayTotals[] = dayRows.map((r) => ({ day: r.day, count: r.n, sumKopecks: r.s }));
  const marks = rows<SyncMark>(syncMarks);

  const thresholds = stockThresholds(options.criticalDays ?? rows<{ days: number }>(threshold)[0]?.days ?? DEFAULT_CRITICAL_DAYS);
  const window = periods.last30;
  const levels = await cabinetSizeLevels(db, auth, {
    window,
    demandFingerprint: demandFingerprint(
      window,
      dayRows.filter((r) => inRange(r.day, window)),
      marks,
    ),
    stockFingerprint: stockFingerprint(marks, rows<{ n: number }>(stockCount)[0]?.n ?? 0),
    thresholds,
  });

  // Active = has stock now or was ordered in the demand window; only cards we know count.
  const productsTotal = rows<{ n: number }>(productCount)[0]?.n ?? 0;
  const productsActive =
    productsTotal === 0 ? 0 : await activeProductCount(db, auth, levels, productsFingerprint(marks, productsTotal));

  const stats = rows<{ reviews: number; ratingSum: number; unanswered: number }>(reviewStats)[0];
  const total = stats?.reviews ?? 0;

  const lastSuccess = new Map<SyncDataset, Date | null>();
  for (const m of marks) if (SYNC_DATASETS.includes(m.dataset)) lastSuccess.set(m.dataset, m.lastSuccessAt === null ? null : new Date(m.lastSuccessAt));

  const yesterdayRow = rows<{ n: number; s: number }>(yesterday)[0];
  return buildDashboardSummary({
    now,
    periods,
    days,
    todaySoFar: totalsOver(days, { from: periods.today, to: periods.today }),
    yesterdaySoFar: { count: yesterdayRow?.n ?? 0, sumKopecks: yesterdayRow?.s ?? 0 },
    stocks: countStockStatuses(levels.map((l) => l.status)),
    thresholds,
    reviews: {
      total,
      unanswered: stats?.unanswered ?? 0,
      averageRating: total > 0 && stats ? stats.ratingSum / total : null,
    },
    products: { total: productsTotal, active: productsActive },
    freshness: freshnessByDataset(auth, lastSuccess, now),
  });
}

// D1 types each batch result as unknown rows; the SELECT lists above fix their shape.
function rows<T>(result: D1Result | undefined): T[] {
  return (result?.results ?? []) as T[];
}
