// WB Statistics order (`GET /api/v1/supplier/orders`) → an `orders` row. One row = one unit,
// identity `srid`. Money: roubles (floats) → kopecks; times: Moscow → UTC instants.

import type { NewOrder } from "../../../db/schema";
import type { WbOrder } from "../../wb/types";
import { rublesToKopecks } from "../money";
import { int, optionalInt, text, wbDateTime, wbOptionalDateTime } from "./common";

export function wbOrderToRow(cabinetId: string, o: WbOrder): NewOrder {
  return {
    cabinetId,
    srid: o.srid,
    gNumber: text(o.gNumber),
    orderedAt: wbDateTime(o.date),
    lastChangeAt: wbDateTime(o.lastChangeDate),
    nmId: int(o.nmId),
    barcode: text(o.barcode),
    supplierArticle: text(o.supplierArticle),
    techSize: text(o.techSize),
    brand: text(o.brand),
    subject: text(o.subject),
    category: text(o.category),
    warehouseName: text(o.warehouseName),
    warehouseType: text(o.warehouseType),
    country: text(o.countryName),
    okrug: text(o.oblastOkrugName),
    region: text(o.regionName),
    totalPriceKopecks: rublesToKopecks(o.totalPrice ?? 0),
    discountPercent: int(o.discountPercent),
    spp: o.spp ?? 0,
    finishedPriceKopecks: rublesToKopecks(o.finishedPrice ?? 0),
    priceWithDiscKopecks: rublesToKopecks(o.priceWithDisc ?? 0),
    isCancel: o.isCancel ?? false,
    cancelledAt: wbOptionalDateTime(o.cancelDate),
    incomeId: optionalInt(o.incomeID),
    isSupply: o.isSupply ?? false,
    isRealization: o.isRealization ?? false,
    sticker: text(o.sticker),
  };
}
