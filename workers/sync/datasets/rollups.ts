// daily_rollups recomputed for the Moscow days an orders or sales page touched, in the same
// db.batch() as the page's rows. Each touched day is rebuilt from BOTH tables (a from-scratch
// GROUP BY over that day's orders and sales), so it does not matter which dataset's page comes
// first, a re-run writes the same numbers, and a day always equals a full recount.
//
// Definitions (per Moscow day of `date`: ordered_at for orders, sold_at for sales):
// - orders_count: every order row (one unit), cancelled or not; orders_sum_kopecks: their
//   priceWithDisc (the price after the seller's discount, what WB's own "orders, ₽" shows).
// - cancels_count: orders with isCancel, counted on the ORDER's day.
// - sales_count / sales_sum_kopecks: sale rows (saleID "S…"), priceWithDisc.
// - returns_count / returns_sum_kopecks: return rows ("R…"); the sum is the returns' size as a
//   positive number (WB sends returns negative; abs() works whichever sign arrives).
// - for_pay_kopecks: net payable, sales' forPay minus returns' |forPay|.
// nm_id 0 holds the whole cabinet's totals for the day.

import { and, eq, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";

import { dailyRollups, orders, sales } from "../../../db/schema";
import { excluded } from "../../db/bulk-upsert";
import type { Db } from "../../db/client";
import { addDays, MOSCOW_UTC_OFFSET_SECONDS, moscowDayStart } from "../../domain/calendar-day";
import { jsonList } from "./common";

/** The Moscow day of a stored UTC-millisecond column, as 'YYYY-MM-DD'. */
function moscowDay(column: SQL | typeof orders.orderedAt | typeof sales.soldAt): SQL {
  return sql`strftime('%Y-%m-%d', ${column} / 1000 + ${sql.raw(String(MOSCOW_UTC_OFFSET_SECONDS))}, 'unixepoch')`;
}

/** Statements that rebuild the cabinet's rollups for `days` ('YYYY-MM-DD', any order); [] for none. */
export function rollupStatements(db: Db, cabinetId: string, days: readonly string[]): BatchItem<"sqlite">[] {
  if (days.length === 0) return [];
  const sorted = [...new Set(days)].sort();
  const from = moscowDayStart(sorted[0] as string).getTime();
  const to = moscowDayStart(addDays(sorted[sorted.length - 1] as string, 1)).getTime();
  const dayList = jsonList(sorted);

  // A day whose rows all vanished would otherwise keep its old totals.
  const clear = db
    .delete(dailyRollups)
    .where(and(eq(dailyRollups.cabinetId, cabinetId), sql`${dailyRollups.day} in (select value from json_each(${dayList}))`));

  // Column order = daily_rollups' declaration order (drizzle's insert-select column list).
  const select = sql`
    with src as (
      select ${moscowDay(orders.orderedAt)} as day, ${orders.nmId} as nm_id,
             1 as oc, ${orders.priceWithDiscKopecks} as os, ${orders.isCancel} as cc,
             0 as sc, 0 as ss, 0 as rc, 0 as rs, 0 as fp
        from ${orders}
       where ${orders.cabinetId} = ${cabinetId} and ${orders.orderedAt} >= ${from} and ${orders.orderedAt} < ${to}
      union all
      select ${moscowDay(sales.soldAt)}, ${sales.nmId},
             0, 0, 0,
             case when ${sales.isReturn} = 1 then 0 else 1 end,
             case when ${sales.isReturn} = 1 then 0 else ${sales.priceWithDiscKopecks} end,
             case when ${sales.isReturn} = 1 then 1 else 0 end,
             case when ${sales.isReturn} = 1 then abs(${sales.priceWithDiscKopecks}) else 0 end,
             case when ${sales.isReturn} = 1 then -abs(${sales.forPayKopecks}) else ${sales.forPayKopecks} end
        from ${sales}
       where ${sales.cabinetId} = ${cabinetId} and ${sales.soldAt} >= ${from} and ${sales.soldAt} < ${to}
    ),
    picked as (select * from src where day in (select value from json_each(${dayList})))
    select * from (
      select ${cabinetId}, day, nm_id, sum(oc), sum(os), sum(cc), sum(sc), sum(ss), sum(rc), sum(rs), sum(fp)
        from picked group by day, nm_id
      union all
      select ${cabinetId}, day, 0, sum(oc), sum(os), sum(cc), sum(sc), sum(ss), sum(rc), sum(rs), sum(fp)
        from picked group by day
    ) where true`;
  // "where true": SQLite cannot otherwise tell an upsert's ON from a join's ON after INSERT … SELECT.

  const rebuild = db
    .insert(dailyRollups)
    .select(select)
    .onConflictDoUpdate({
      target: [dailyRollups.cabinetId, dailyRollups.day, dailyRollups.nmId],
      set: {
        ordersCount: excluded(dailyRollups.ordersCount),
        ordersSumKopecks: excluded(dailyRollups.ordersSumKopecks),
        cancelsCount: excluded(dailyRollups.cancelsCount),
        salesCount: excluded(dailyRollups.salesCount),
        salesSumKopecks: excluded(dailyRollups.salesSumKopecks),
        returnsCount: excluded(dailyRollups.returnsCount),
        returnsSumKopecks: excluded(dailyRollups.returnsSumKopecks),
        forPayKopecks: excluded(dailyRollups.forPayKopecks),
      },
    });
  return [clear, rebuild];
}
