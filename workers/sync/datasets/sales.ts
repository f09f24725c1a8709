// Sales and returns (Statistics `supplier/sales`), identity saleID. Cursors: see statistics.ts.

import { eq, max, sql } from "drizzle-orm";

import { sales } from "../../../db/schema";
import { excluded, jsonUpsert } from "../../db/bulk-upsert";
import { wbSaleToRow } from "../../domain/wb-rows/sales";
import type { WbSale } from "../../wb/types";
import { byTier, HOUR_MS, MINUTE_MS } from "./common";
import { statisticsDataset, type StatisticsSpec } from "./statistics";

export const salesSpec: StatisticsSpec<WbSale> = {
  dataset: "sales",
  method: "sales",
  fetch: (client, dateFrom, flag) => client.sales({ dateFrom, flag }),
  write(db, cabinetId, page) {
    const rows = page.map((s) => wbSaleToRow(cabinetId, s));
    return {
      statements: jsonUpsert(db, sales, rows, { where: sql`${excluded(sales.lastChangeAt)} >= ${sales.lastChangeAt}` }),
      dates: rows.map((r) => r.soldAt),
    };
  },
  async newestChange(db, cabinetId) {
    const [row] = await db.select({ at: max(sales.lastChangeAt) }).from(sales).where(eq(sales.cabinetId, cabinetId));
    return row?.at ?? null;
  },
  // workers/wb/limits.ts: 1/min with burst 1 (a run's second page waits a minute), base 1 per 2 h.
  refreshEveryMs: byTier(10 * MINUTE_MS, 2 * HOUR_MS),
};

export const salesDataset = statisticsDataset(salesSpec);
