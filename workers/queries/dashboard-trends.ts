// Day-by-day trends for the dashboard's charts: the cabinet-wide daily_rollups rows (nm_id = 0)
// of the last whole Moscow days, with the sync marks that say how fresh they are — one D1 batch.
// Orders, cancellations, sales and returns per day are the rollups' own figures
// (workers/sync/datasets/rollups.ts), so the charts agree with the summary's 7/30-day totals.

import type { SyncDataset } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { addDays } from "../domain/calendar-day";
import { type BlockFreshness, blockFreshness } from "../domain/freshness";
import { type DayRange, dashboardPeriods, dayList } from "../domain/moscow-periods";
import { SYNC_MARKS_SQL, type SyncMark } from "./stock-levels";
import { freshnessByDataset } from "./sync-state";

export interface TrendDay {
  day: string;
  ordersCount: number;
  ordersSumKopecks: number;
  cancelsCount: number;
  salesCount: number;
  salesSumKopecks: number;
  returnsCount: number;
  returnsSumKopecks: number;
}

export interface Trends {
  /** Whole Moscow days, oldest first, ending yesterday (today is still being counted). */
  window: DayRange;
  days: TrendDay[];
  totals: Omit<TrendDay, "day">;
  /** Rollups are rebuilt from orders and sales: as fresh as the staler of the two. */
  freshness: BlockFreshness;
}

export const TREND_DAYS_SQL = `
SELECT day, orders_count AS oc, orders_sum_kopecks AS os, cancels_count AS cc, sales_count AS sc, sales_sum_kopecks AS ss,
       returns_count AS rc, returns_sum_kopecks AS rs
FROM daily_rollups WHERE cabinet_id = ?1 AND nm_id = 0 AND day IN (SELECT value FROM json_each(?2))`;

interface Row {
  day: string;
  oc: number;
  os: number;
  cc: number;
  sc: number;
  ss: number;
  rc: number;
  rs: number;
}

export async function readTrends(db: Db, auth: AuthorizedCabinet, now = new Date(), days = 30): Promise<Trends> {
  const yesterday = dashboardPeriods(now).yesterday;
  const window = { from: addDays(yesterday, -(days - 1)), to: yesterday };
  const d1 = db.$client;
  const [dayResult, markResult] = await d1.batch([
    d1.prepare(TREND_DAYS_SQL).bind(auth.cabinet.id, JSON.stringify(dayList(window.from, window.to))),
    d1.prepare(SYNC_MARKS_SQL).bind(auth.cabinet.id),
  ]);
  // D1 types batch results as unknown rows; the SELECT lists above fix their shape.
  const byDay = new Map(((dayResult?.results ?? []) as Row[]).map((r) => [r.day, r]));
  const marks = (markResult?.results ?? []) as SyncMark[];
  const totals = { ordersCount: 0, ordersSumKopecks: 0, cancelsCount: 0, salesCount: 0, salesSumKopecks: 0, returnsCount: 0, returnsSumKopecks: 0 };
  const out: TrendDay[] = dayList(window.from, window.to).map((day) => {
    const r = byDay.get(day);
    const d: TrendDay = {
      day,
      ordersCount: r?.oc ?? 0,
      ordersSumKopecks: r?.os ?? 0,
      cancelsCount: r?.cc ?? 0,
      salesCount: r?.sc ?? 0,
      salesSumKopecks: r?.ss ?? 0,
      returnsCount: r?.rc ?? 0,
      returnsSumKopecks: r?.rs ?? 0,
    };
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += d[key];
    return d;
  });
  const lastSuccess = new Map<SyncDataset, Date | null>(marks.map((m) => [m.dataset, m.lastSuccessAt === null ? null : new Date(m.lastSuccessAt)]));
  const freshness = freshnessByDataset(auth, lastSuccess, now);
  return { window, days: out, totals, freshness: blockFreshness([freshness.orders, freshness.sales]) };
}
