// Orders (Statistics `supplier/orders`), identity srid. Cursors: see statistics.ts.

import { eq, max, sql } from "drizzle-orm";

import { orders } from "../../../db/schema";
import { excluded, jsonUpsert } from "../../db/bulk-upsert";
import { wbOrderToRow } from "../../domain/wb-rows/orders";
import type { WbOrder } from "../../wb/types";
import { byTier, HOUR_MS, MINUTE_MS } from "./common";
import { statisticsDataset, type StatisticsSpec } from "./statistics";

export const ordersSpec: StatisticsSpec<WbOrder> = {
  dataset: "orders",
  method: "orders",
  fetch: (client, dateFrom, flag) => client.orders({ dateFrom, flag }),
  write(db, cabinetId, page) {
    const rows = page.map((o) => wbOrderToRow(cabinetId, o));
    return {
      // A replayed older page never overwrites a newer state of the same order.
      statements: jsonUpsert(db, orders, rows, { where: sql`${excluded(orders.lastChangeAt)} >= ${orders.lastChangeAt}` }),
      dates: rows.map((r) => r.orderedAt),
    };
  },
  async newestChange(db, cabinetId) {
    const [row] = await db.select({ at: max(orders.lastChangeAt) }).from(orders).where(eq(orders.cabinetId, cabinetId));
    return row?.at ?? null;
  },
  // workers/wb/limits.ts: 1/min (burst 10), base 1 per 3 h. WB refreshes the data every 30 min;
  // 5 min keeps new orders prompt within the budget.
  refreshEveryMs: byTier(5 * MINUTE_MS, 3 * HOUR_MS),
};

export const ordersDataset = statisticsDataset(ordersSpec);
