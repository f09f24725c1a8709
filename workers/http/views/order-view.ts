import { z } from "@hono/zod-openapi";

import type { Order, Sale } from "../../../db/schema";
import { MoneySchema, moneyView } from "./money-view";

const place = {
  nmId: z.number().int().openapi({ description: "Артикул WB" }),
  supplierArticle: z.string().nullable().openapi({ description: "Артикул продавца" }),
  techSize: z.string().nullable(),
  barcode: z.string().nullable(),
  brand: z.string().nullable(),
  subject: z.string().nullable(),
  category: z.string().nullable(),
  warehouseName: z.string().nullable(),
  warehouseType: z.string().nullable(),
  country: z.string().nullable(),
  okrug: z.string().nullable(),
  region: z.string().nullable(),
};

export const OrderSchema = z
  .object({
    srid: z.string().openapi({ description: "Уникальный идентификатор заказа (одна единица товара)" }),
    gNumber: z.string().nullable().openapi({ description: "Номер корзины покупателя" }),
    orderedAt: z.string().openapi({ description: "Время заказа, ISO 8601 UTC" }),
    ...place,
    status: z.enum(["active", "cancelled"]),
    cancelledAt: z.string().nullable(),
    price: MoneySchema.openapi({ description: "Цена со скидкой продавца (priceWithDisc)" }),
    finishedPrice: MoneySchema.openapi({ description: "Цена, которую заплатил покупатель (finishedPrice)" }),
    totalPrice: MoneySchema.openapi({ description: "Цена без скидок (totalPrice)" }),
    discountPercent: z.number().int(),
    spp: z.number().openapi({ description: "Скидка WB, %" }),
  })
  .openapi("Order");

export function orderView(o: Order): z.infer<typeof OrderSchema> {
  return {
    srid: o.srid,
    gNumber: o.gNumber,
    orderedAt: o.orderedAt.toISOString(),
    nmId: o.nmId,
    supplierArticle: o.supplierArticle,
    techSize: o.techSize,
    barcode: o.barcode,
    brand: o.brand,
    subject: o.subject,
    category: o.category,
    warehouseName: o.warehouseName,
    warehouseType: o.warehouseType,
    country: o.country,
    okrug: o.okrug,
    region: o.region,
    status: o.isCancel ? "cancelled" : "active",
    cancelledAt: o.cancelledAt?.toISOString() ?? null,
    price: moneyView(o.priceWithDiscKopecks),
    finishedPrice: moneyView(o.finishedPriceKopecks),
    totalPrice: moneyView(o.totalPriceKopecks),
    discountPercent: o.discountPercent,
    spp: o.spp,
  };
}

export const SaleSchema = z
  .object({
    saleId: z.string().openapi({ description: "saleID: S… — продажа, R… — возврат" }),
    srid: z.string(),
    gNumber: z.string().nullable(),
    soldAt: z.string().openapi({ description: "Время продажи или возврата, ISO 8601 UTC" }),
    type: z.enum(["sale", "return"]),
    ...place,
    forPay: MoneySchema.openapi({ description: "К перечислению продавцу (forPay)" }),
    price: MoneySchema.openapi({ description: "Цена со скидкой продавца (priceWithDisc)" }),
    finishedPrice: MoneySchema,
    totalPrice: MoneySchema,
    discountPercent: z.number().int(),
    spp: z.number(),
  })
  .openapi("Sale");

export function saleView(s: Sale): z.infer<typeof SaleSchema> {
  return {
    saleId: s.saleId,
    srid: s.srid,
    gNumber: s.gNumber,
    soldAt: s.soldAt.toISOString(),
    type: s.isReturn ? "return" : "sale",
    nmId: s.nmId,
    supplierArticle: s.supplierArticle,
    techSize: s.techSize,
    barcode: s.barcode,
    brand: s.brand,
    subject: s.subject,
    category: s.category,
    warehouseName: s.warehouseName,
    warehouseType: s.warehouseType,
    country: s.country,
    okrug: s.okrug,
    region: s.region,
    forPay: moneyView(s.forPayKopecks),
    price: moneyView(s.priceWithDiscKopecks),
    finishedPrice: moneyView(s.finishedPriceKopecks),
    totalPrice: moneyView(s.totalPriceKopecks),
    discountPercent: s.discountPercent,
    spp: s.spp,
  };
}
