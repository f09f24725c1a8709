// The card a seller names by its nmID or their own vendor code («артикул»), inside one cabinet.

import { and, eq, sql } from "drizzle-orm";

import { products } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";

export interface CardRef {
  nmId: number;
  vendorCode: string | null;
  title: string | null;
}

export async function findCardByArticle(db: Db, auth: AuthorizedCabinet, article: string): Promise<CardRef | null> {
  const value = article.trim();
  if (value === "" || value.length > 64) return null;
  const digits = /^\d{1,12}$/.test(value) ? Number(value) : null;
  const [card] = await db
    .select({ nmId: products.nmId, vendorCode: products.vendorCode, title: products.title })
    .from(products)
    .where(
      and(
        eq(products.cabinetId, auth.cabinet.id),
        digits !== null ? sql`(${products.nmId} = ${digits} OR lower(${products.vendorCode}) = lower(${value}))` : sql`lower(${products.vendorCode}) = lower(${value})`,
      ),
    )
    .limit(1);
  return card ?? null;
}
