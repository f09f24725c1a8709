// A card's current prices per size (the prices sync) and the seller's cost price, for the
// assistant's pricing questions.

import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { rows } from "./analytics-common";

export interface SizePrice {
  techSize: string | null;
  priceKopecks: number;
  discountPercent: number;
  discountedPriceKopecks: number;
  clubDiscountedPriceKopecks: number | null;
}

export interface CardPrices {
  sizes: SizePrice[];
  costKopecks: number | null;
}

const PRICES_SQL = `
SELECT tech_size AS techSize, price_kopecks AS priceKopecks, discount_percent AS discountPercent,
       discounted_price_kopecks AS discountedPriceKopecks, club_discounted_price_kopecks AS clubDiscountedPriceKopecks
FROM prices WHERE cabinet_id = ?1 AND nm_id = ?2 ORDER BY chrt_id`;
const COST_SQL = `SELECT cost_kopecks AS costKopecks FROM cost_prices WHERE cabinet_id = ?1 AND nm_id = ?2`;

export async function cardPrices(db: Db, auth: AuthorizedCabinet, nmId: number): Promise<CardPrices> {
  const d1 = db.$client;
  const [prices, cost] = await d1.batch([d1.prepare(PRICES_SQL).bind(auth.cabinet.id, nmId), d1.prepare(COST_SQL).bind(auth.cabinet.id, nmId)]);
  return { sizes: rows<SizePrice>(prices), costKopecks: rows<{ costKopecks: number }>(cost)[0]?.costKopecks ?? null };
}
