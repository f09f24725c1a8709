// WB Statistics sale or return (`GET /api/v1/supplier/sales`) → a `sales` row, identity `saleID`.
//
// Signs: WB reports a return (saleID "R…") with NEGATIVE amounts (totalPrice, priceWithDisc,
// finishedPrice, forPay). They are stored with the sign WB sent, so summing a day's rows gives the
// net figure WB itself shows; code that wants a return's size uses abs() (see daily rollups).

import type { NewSale } from "../../../db/schema";
import type { WbSale } from "../../wb/types";
import { rublesToKopecks } from "../money";
import { int, optionalInt, text, wbDateTime } from "./common";

/** `S…` is a sale, `R…` a return. */
export function isReturnSaleId(saleId: string): boolean {
  return saleId.startsWith("R");
}

export function wbSaleToRow(cabinetId: string, s: WbSale): NewSale {
  return {
    cabinetId,
    saleId: s.saleID,
    srid: s.srid ?? "",
    gNumber: text(s.gNumber),
    soldAt: wbDateTime(s.date),
    lastChangeAt: wbDateTime(s.lastChangeDate),
    nmId: int(s.nmId),
    barcode: text(s.barcode),
    supplierArticle: text(s.supplierArticle),
    techSize: text(s.techSize),
    brand: text(s.brand),
    subject: text(s.subject),
    category: text(s.category),
    warehouseName: text(s.warehouseName),
    warehouseType: text(s.warehouseType),
    country: text(s.countryName),
    okrug: text(s.oblastOkrugName),
    region: text(s.regionName),
    incomeId: optionalInt(s.incomeID),
    isSupply: s.isSupply ?? false,
    isRealization: s.isRealization ?? false,
    sticker: text(s.sticker),
    isReturn: isReturnSaleId(s.saleID),
    totalPriceKopecks: rublesToKopecks(s.totalPrice ?? 0),
    discountPercent: int(s.discountPercent),
    spp: s.spp ?? 0,
    forPayKopecks: rublesToKopecks(s.forPay ?? 0),
    finishedPriceKopecks: rublesToKopecks(s.finishedPrice ?? 0),
    priceWithDiscKopecks: rublesToKopecks(s.priceWithDisc ?? 0),
    paymentSaleAmountKopecks: rublesToKopecks(s.paymentSaleAmount ?? 0),
  };
}
