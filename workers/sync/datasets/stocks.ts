// Stocks at WB warehouses → stock_snapshots (current stock per size and warehouse) and today's
// stock_history_daily row per size.
//
// Cursor shapes:
// - null: a planning page that calls nothing. methodsFor() cannot see the token, and which WB
//   methods a run uses depends on it, so the first page only picks the source and stamps the run:
// - {source:"wbWarehouses", offset, stamp}: stocks-report/wb-warehouses, limit/offset pages
//   (personal, service and base-with-secret tokens; WB refuses it to plain base tokens).
// - {source:"remains", stamp}: plain base tokens fall back to the warehouse_remains report
//   (create task → poll status → download), all in one page since the report comes whole. Its
//   base-token limits are 4 per hour per step, so the page polls once, after REMAINS_WAIT_MS; a
//   report not ready by then fails the page and the pipeline retries it later. Its rows carry
//   barcodes, not chrtIDs: they are matched to sizes through product_sizes (cards must be synced).
//
// `stamp` (unix ms, the run's start) is written to every snapshot row of the run as updated_at. The
// last page then (1) records today's history from the snapshots, counting sizes the run did not
// see as 0, and (2) deletes the cabinet's snapshot rows of earlier runs, so the table is exactly
// the latest report even when it spans pages. This dataset is the only writer of stock_snapshots,
// and since WB masks its warehouses (2026-08) every row is "Склад WB".

import { and, eq, ne, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { z } from "zod";

import { productSizes, stockHistoryDaily, stockSnapshots } from "../../../db/schema";
import { excluded, jsonUpsert } from "../../db/bulk-upsert";
import type { Db } from "../../db/client";
import { toMoscowDate } from "../../domain/moscow-time";
import { type SizeRef, wbRemainsToSnapshotRows, wbStocksToSnapshotRows } from "../../domain/wb-rows/stocks";
import type { WbMethodId } from "../../wb/methods";
import type { DatasetSync, PageResult } from "../dataset";
import { MINUTE_MS, readCursor, tierOf } from "./common";

/** Items per stocks-report page: WB allows 250 000, but that page would not fit a Worker's memory. */
export const STOCKS_PAGE = 100_000;
/** How long the remains report gets to be built before its single status poll. */
export const REMAINS_WAIT_MS = 20_000;

const Cursor = z.discriminatedUnion("source", [
  z.object({ source: z.literal("wbWarehouses"), offset: z.number().int().nonnegative(), stamp: z.number().int() }),
  z.object({ source: z.literal("remains"), stamp: z.number().int() }),
]);
type StocksCursor = z.infer<typeof Cursor>;

const REMAINS_METHODS: WbMethodId[] = ["warehouseRemainsCreate", "warehouseRemainsStatus", "warehouseRemainsDownload"];

/** The statements that close a run: today's history, then drop rows the run did not write. */
function finishRun(db: Db, cabinetId: string, stamp: number): BatchItem<"sqlite">[] {
  const day = toMoscowDate(new Date(stamp));
  const seen = sql`${stockSnapshots.updatedAt} = ${stamp}`;
  const history = db
    .insert(stockHistoryDaily)
    .select(
      sql`select * from (
            select ${cabinetId}, ${day}, ${stockSnapshots.chrtId}, max(${stockSnapshots.nmId}),
                   sum(case when ${seen} then ${stockSnapshots.quantity} else 0 end),
                   sum(case when ${seen} then ${stockSnapshots.inWayToClient} else 0 end),
                   sum(case when ${seen} then ${stockSnapshots.inWayFromClient} else 0 end)
              from ${stockSnapshots} where ${stockSnapshots.cabinetId} = ${cabinetId}
             group by ${stockSnapshots.chrtId}
          ) where true`,
    )
    .onConflictDoUpdate({
      target: [stockHistoryDaily.cabinetId, stockHistoryDaily.day, stockHistoryDaily.chrtId],
      set: {
        nmId: excluded(stockHistoryDaily.nmId),
        quantity: excluded(stockHistoryDaily.quantity),
        inWayToClient: excluded(stockHistoryDaily.inWayToClient),
        inWayFromClient: excluded(stockHistoryDaily.inWayFromClient),
      },
    });
  const dropStale = db
    .delete(stockSnapshots)
    .where(and(eq(stockSnapshots.cabinetId, cabinetId), ne(stockSnapshots.updatedAt, new Date(stamp))));
  return [history, dropStale];
}

async function sizesByBarcode(db: Db, cabinetId: string): Promise<Map<string, SizeRef>> {
  const sizes = await db
    .select({ chrtId: productSizes.chrtId, nmId: productSizes.nmId, skus: productSizes.skus })
    .from(productSizes)
    .where(eq(productSizes.cabinetId, cabinetId));
  const map = new Map<string, SizeRef>();
  for (const size of sizes) for (const sku of size.skus) map.set(sku, { chrtId: size.chrtId, nmId: size.nmId });
  return map;
}

export interface StocksOptions {
  /** Items per stocks-report page (tests use small pages to exercise paging). */
  pageSize?: number;
}

export function createStocksDataset(options: StocksOptions = {}): DatasetSync {
  const pageSize = options.pageSize ?? STOCKS_PAGE;
  return {
    dataset: "stocks",
    methodsFor(raw) {
      const cursor = readCursor(Cursor, raw);
      if (!cursor) return [];
      return cursor.source === "wbWarehouses" ? ["stocksWbWarehouses"] : REMAINS_METHODS;
    },
    // WB rebuilds both reports every 30 minutes; remains' base limits (4/h per step) allow it too.
    refreshEveryMs: () => 30 * MINUTE_MS,

    async fetchPage(ctx, raw): Promise<PageResult> {
      const cursor = readCursor(Cursor, raw);
      const cabinetId = ctx.cabinet.id;
      if (!cursor) {
        const stamp = ctx.now.getTime();
        const next: StocksCursor =
          tierOf(ctx.cabinet) === "base" ? { source: "remains", stamp } : { source: "wbWarehouses", offset: 0, stamp };
        return { statements: [], rows: 0, nextCursor: next };
      }

      const updatedAt = new Date(cursor.stamp);
      if (cursor.source === "wbWarehouses") {
        const items = await ctx.client.stocksWbWarehouses({ limit: pageSize, offset: cursor.offset });
        const statements = jsonUpsert(ctx.db, stockSnapshots, wbStocksToSnapshotRows(cabinetId, items, updatedAt));
        if (items.length < pageSize) {
          return { statements: [...statements, ...finishRun(ctx.db, cabinetId, cursor.stamp)], rows: items.length, nextCursor: null };
        }
        return { statements, rows: items.length, nextCursor: { ...cursor, offset: cursor.offset + items.length } };
      }

      const sizes = await sizesByBarcode(ctx.db, cabinetId);
      const report = await ctx.client.warehouseRemains({
        groupByNm: true,
        groupByBarcode: true,
        groupBySize: true,
        pollIntervalMs: REMAINS_WAIT_MS,
        maxPolls: 1,
      });
      const mapped = wbRemainsToSnapshotRows(cabinetId, report, sizes, updatedAt);
      if (report.length > 0 && mapped.rows.length === 0) {
        // Nothing matched a synced size: replacing the snapshot would wipe it. Cards come first.
        throw new Error("Остатки пока не с чем сопоставить: карточки товаров ещё не загружены. Повторим позже.");
      }
      return {
        statements: [...jsonUpsert(ctx.db, stockSnapshots, mapped.rows), ...finishRun(ctx.db, cabinetId, cursor.stamp)],
        rows: report.length,
        nextCursor: null,
      };
    },
  };
}

export const stocksDataset = createStocksDataset();
