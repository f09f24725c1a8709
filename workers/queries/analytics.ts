// Period sales analytics for the bot's /analytics: totals of a period against the equally long
// period before it, per-day totals, and the top products — all from daily_rollups (Moscow days;
// nm_id 0 = the whole cabinet), so no raw orders or sales are scanned.

import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { addDays } from "../domain/calendar-day";
import { type DayRange, dayList } from "../domain/moscow-periods";

export interface PeriodTotals {
  ordersCount: number;
  ordersSumKopecks: number;
  cancelsCount: number;
  salesCount: number;
  salesSumKopecks: number;
  returnsCount: number;
  returnsSumKopecks: number;
  forPayKopecks: number;
}

export interface DayPoint {
  day: string;
  ordersCount: number;
  ordersSumKopecks: number;
}

export interface TopProduct {
  nmId: number;
  vendorCode: string | null;
  title: string | null;
  ordersCount: number;
  ordersSumKopecks: number;
  salesCount: number;
}

export interface PeriodAnalytics {
  period: DayRange;
  previous: DayRange;
  current: PeriodTotals;
  before: PeriodTotals;
  days: DayPoint[];
  top: TopProduct[];
}

/** Cabinet-wide rollup rows of the listed days: one primary-key seek per day. */
export const ANALYTICS_DAYS_SQL = `
SELECT day, orders_count AS oc, orders_sum_kopecks AS os, cancels_count AS cc, sales_count AS sc, sales_sum_kopecks AS ss,
       returns_count AS rc, returns_sum_kopecks AS rs, for_pay_kopecks AS fp
FROM daily_rollups WHERE cabinet_id = ?1 AND nm_id = 0 AND day IN (SELECT value FROM json_each(?2))`;

/** Products by order sum over a day range (the cabinet's rollup range), with their card. */
export const TOP_PRODUCTS_SQL = `
SELECT r.nm_id AS nmId, sum(r.orders_count) AS oc, sum(r.orders_sum_kopecks) AS os, sum(r.sales_count) AS sc,
       p.vendor_code AS vendorCode, p.title AS title
FROM daily_rollups AS r
LEFT JOIN products AS p ON p.cabinet_id = r.cabinet_id AND p.nm_id = r.nm_id
WHERE r.cabinet_id = ?1 AND r.day >= ?2 AND r.day <= ?3 AND r.nm_id != 0
GROUP BY r.nm_id
ORDER BY os DESC, oc DESC, r.nm_id
LIMIT ?4`;

interface DayRow {
  day: string;
  oc: number;
  os: number;
  cc: number;
  sc: number;
  ss: number;
  rc: number;
  rs: number;
  fp: number;
}

function totals(rows: readonly DayRow[], range: DayRange): PeriodTotals {
  const t: PeriodTotals = {
    ordersCount: 0,
    ordersSumKopecks: 0,
    cancelsCount: 0,
    salesCount: 0,
    salesSumKopecks: 0,
    returnsCount: 0,
    returnsSumKopecks: 0,
    forPayKopecks: 0,
  };
  for (const r of rows) {
    if (r.day < range.from || r.day > range.to) continue;
    t.ordersCount += r.oc;
    t.ordersSumKopecks += r.os;
    t.cancelsCount += r.cc;
    t.salesCount += r.sc;
    t.salesSumKopecks += r.ss;
    t.returnsCount += r.rc;
    t.returnsSumKopecks += r.rs;
    t.forPayKopecks += r.fp;
  }
  return t;
}

/**
 * The `days` whole Moscow days ending `lastDay` (inclusive), against the `days` before them.
 * The caller passes yesterday as lastDay, as the dashboard's 7/30-day figures do.
 */
export async function periodAnalytics(db: Db, auth: AuthorizedCabinet, lastDay: string, days: number, topLimit = 5): Promise<PeriodAnalytics> {
  const period = { from: addDays(lastDay, -(days - 1)), to: lastDay };
  const previous = { from: addDays(period.from, -days), to: addDays(period.from, -1) };
  const d1 = db.$client;
  const id = auth.cabinet.id;
  const [dayResult, topResult] = await d1.batch([
    d1.prepare(ANALYTICS_DAYS_SQL).bind(id, JSON.stringify(dayList(previous.from, period.to))),
    d1.prepare(TOP_PRODUCTS_SQL).bind(id, period.from, period.to, topLimit),
  ]);
  // D1 types batch results as unknown rows; the SELECT lists above fix their shape.
  const rows = (dayResult?.results ?? []) as DayRow[];
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const top = (topResult?.results ?? []) as { nmId: number; oc: number; os: number; sc: number; vendorCode: string | null; title: string | null }[];
  return {
    period,
    previous,
    current: totals(rows, period),
    before: totals(rows, previous),
    days: dayList(period.from, period.to).map((day) => ({ day, ordersCount: byDay.get(day)?.oc ?? 0, ordersSumKopecks: byDay.get(day)?.os ?? 0 })),
    top: top.map((r) => ({ nmId: r.nmId, vendorCode: r.vendorCode, title: r.title, ordersCount: r.oc, ordersSumKopecks: r.os, salesCount: r.sc })),
  };
}
