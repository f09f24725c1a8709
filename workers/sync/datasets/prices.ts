// Prices (Prices API `list/goods/filter`) → one prices row per size (nmID, sizeID = chrtID).
//
// Cursor: null to start, then {offset}; pages of 1000 goods (WB's maximum). The run ends when a
// page is empty or shorter than the limit (offset paging: a short page is the last one, and
// asking again would only cost a request — 15 minutes of a base token's budget).

import { z } from "zod";

import { prices } from "../../../db/schema";
import { jsonUpsert } from "../../db/bulk-upsert";
import { wbGoodsToPriceRows } from "../../domain/wb-rows/prices";
import type { DatasetSync, PageResult } from "../dataset";
import { byTier, HOUR_MS, MINUTE_MS, readCursor } from "./common";

export const PRICES_PAGE = 1000;

const Cursor = z.object({ offset: z.number().int().nonnegative() });

export const pricesDataset: DatasetSync = {
  dataset: "prices",
  methodsFor: () => ["pricesList"],
  // workers/wb/limits.ts: 10 per 6 s; base 4 per hour for the whole Prices category.
  refreshEveryMs: byTier(30 * MINUTE_MS, HOUR_MS),

  async fetchPage(ctx, raw): Promise<PageResult> {
    const offset = readCursor(Cursor, raw)?.offset ?? 0;
    const goods = await ctx.client.pricesList({ limit: PRICES_PAGE, offset });
    const rows = goods.flatMap((g) => wbGoodsToPriceRows(ctx.cabinet.id, g, ctx.now));
    return {
      statements: jsonUpsert(ctx.db, prices, rows),
      rows: goods.length,
      nextCursor: goods.length < PRICES_PAGE ? null : { offset: offset + goods.length },
    };
  },
};
