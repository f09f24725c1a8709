// Cards (Content `cards/list`) → products (nmID) and product_sizes (chrtID).
//
// Cursor: null to start, then {updatedAt, nmID} as WB returns it; pages of 100 (WB's maximum),
// oldest change first. The run ends when cursor.total < limit. Every run walks the whole catalogue:
// cards/list allows 100 requests/min for every token type, so even 10 000 cards are a minute of
// calls, and a full walk needs no resume point of its own (WB's updatedAt has microseconds that
// a stored instant would round away).

import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { z } from "zod";

import { productSizes, products } from "../../../db/schema";
import { jsonUpsert } from "../../db/bulk-upsert";
import { wbCardToRows } from "../../domain/wb-rows/cards";
import type { DatasetSync, PageResult } from "../dataset";
import { HOUR_MS, jsonList, readCursor } from "./common";

export const CARDS_PAGE = 100;

const Cursor = z.object({ updatedAt: z.string(), nmID: z.number().int() });

export const cardsDataset: DatasetSync = {
  dataset: "cards",
  methodsFor: () => ["cardsList"],
  // cards/list has one limit for all token types (100/min); cards change rarely.
  refreshEveryMs: () => HOUR_MS,

  async fetchPage(ctx, raw): Promise<PageResult> {
    const cursor = readCursor(Cursor, raw);
    const res = await ctx.client.cardsList({ limit: CARDS_PAGE, ...(cursor ? { cursor } : {}) });
    const cabinetId = ctx.cabinet.id;
    const mapped = res.cards.map((card) => wbCardToRows(cabinetId, card, ctx.now));
    const sizes = mapped.flatMap((m) => m.sizes);
    const statements: BatchItem<"sqlite">[] = [
      ...jsonUpsert(ctx.db, products, mapped.map((m) => m.product)),
      ...jsonUpsert(ctx.db, productSizes, sizes),
    ];
    if (mapped.length > 0) {
      // Sizes removed from a card on WB: the card now lists every size it has.
      statements.push(
        ctx.db
          .delete(productSizes)
          .where(
            and(
              eq(productSizes.cabinetId, cabinetId),
              sql`${productSizes.nmId} in (select value from json_each(${jsonList(mapped.map((m) => m.product.nmId))}))`,
              sql`${productSizes.chrtId} not in (select value from json_each(${jsonList(sizes.map((s) => s.chrtId))}))`,
            ),
          ),
      );
    }

    const next = { updatedAt: res.cursor.updatedAt, nmID: res.cursor.nmID };
    const last = res.cards.length === 0 || res.cursor.total < CARDS_PAGE || next.updatedAt === undefined || next.nmID === undefined;
    const stuck = cursor !== null && next.updatedAt === cursor.updatedAt && next.nmID === cursor.nmID;
    return {
      statements,
      rows: res.cards.length,
      nextCursor: last || stuck ? null : { updatedAt: next.updatedAt as string, nmID: next.nmID as number },
    };
  },
};
