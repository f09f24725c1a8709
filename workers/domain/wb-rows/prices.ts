// WB Prices item (`GET /api/v2/list/goods/filter`, `listGoods[]`) → one `prices` row per size.
// Prices arrive in roubles (not kopecks); `sizeID` is the Content `chrtID`.

import type { NewPrice } from "../../../db/schema";
import type { WbGoodsPrices } from "../../wb/types";
import { rublesToKopecks } from "../money";
import { int } from "./common";

export function wbGoodsToPriceRows(cabinetId: string, goods: WbGoodsPrices, syncedAt: Date): NewPrice[] {
  return (goods.sizes ?? []).map((size) => ({
    cabinetId,
    nmId: goods.nmID,
    chrtId: size.sizeID,
    techSize: size.techSizeName ?? null,
    priceKopecks: rublesToKopecks(size.price),
    discountedPriceKopecks: rublesToKopecks(size.discountedPrice),
    clubDiscountedPriceKopecks:
      size.clubDiscountedPrice === undefined || size.clubDiscountedPrice === null ? null : rublesToKopecks(size.clubDiscountedPrice),
    discountPercent: int(goods.discount),
    clubDiscountPercent: int(goods.clubDiscount),
    syncedAt,
  }));
}
