// Prices and discounts as the Prices API lists them (`/api/v2/list/goods/filter`): roubles, the
// seller's current discount (the same promotions the orders were placed under) and the WB Club
// discount. Clothing cards share one price across sizes (editableSizePrice false).

import { discountAt, type CatalogItem } from "./catalog";
import { round2, unit } from "./random";
import type { GoodsPrices } from "./types";
import type { World } from "./world";

export function goodsPrices(world: World, item: CatalogItem, nowMs: number): GoodsPrices {
  const discount = discountAt(world.seed, item, nowMs);
  const discountedPrice = round2(item.price * (1 - discount / 100));
  const clubDiscountedPrice = round2(discountedPrice * (1 - item.clubDiscount / 100));
  return {
    nmID: item.nmID,
    vendorCode: item.vendorCode,
    sizes: item.sizes.map((s) => ({
      sizeID: s.chrtID,
      price: item.price,
      discountedPrice,
      clubDiscountedPrice,
      techSizeName: s.techSize,
    })),
    currencyIsoCode4217: "RUB",
    discount,
    clubDiscount: item.clubDiscount,
    editableSizePrice: false,
    // WB flags slow sellers with a low stock turnover index; the long tail of the catalog.
    isBadTurnover: item.popularity / world.totalPopularity < 0.0004 && unit(world.seed, "bad-turnover", item.nmID) < 0.5,
    wholesaleDiscountThreshold: [],
  };
}

/** Cards that exist at `nowMs`, by nmID (the order the Prices API pages in). */
export function pricedItems(world: World, nowMs: number): CatalogItem[] {
  return world.catalog.items.filter((i) => i.createdMs <= nowMs).sort((a, b) => a.nmID - b.nmID);
}
