import { z } from "@hono/zod-openapi";

import { displayDays } from "../../domain/stock-status";
import type { StockListRow } from "../../queries/stocks";

export const STOCK_STATUSES = ["critical", "zero", "low", "ok"] as const;

export const StockLevelSchema = z
  .object({
    nmId: z.number().int(),
    chrtId: z.number().int().openapi({ description: "Идентификатор размера WB (chrtID)" }),
    vendorCode: z.string().nullable().openapi({ description: "Артикул продавца" }),
    title: z.string().nullable(),
    brand: z.string().nullable(),
    subjectName: z.string().nullable(),
    techSize: z.string().nullable(),
    wbSize: z.string().nullable(),
    quantity: z.number().int().openapi({ description: "На складах WB, штук" }),
    inWayToClient: z.number().int().openapi({ description: "В пути к покупателю" }),
    inWayFromClient: z.number().int().openapi({ description: "В пути от покупателя (возвраты)" }),
    ordersLast30Days: z.number().int().openapi({ description: "Заказов размера за 30 полных дней (без отменённых)" }),
    avgDailyOrders: z.number().openapi({ description: "Среднее заказов в день за 30 дней" }),
    daysOfStock: z
      .number()
      .nullable()
      .openapi({ description: "На сколько дней хватит (остаток + в пути к покупателю) / заказов в день; null — заказов не было" }),
    status: z.enum(STOCK_STATUSES).openapi({
      description: "critical — меньше criticalDays дней, zero — нет остатка, low — меньше attentionDays дней, ok — хватает",
    }),
  })
  .openapi("StockLevel");

export function stockLevelView(r: StockListRow): z.infer<typeof StockLevelSchema> {
  return {
    nmId: r.nmId,
    chrtId: r.chrtId,
    vendorCode: r.vendorCode,
    title: r.title,
    brand: r.brand,
    subjectName: r.subjectName,
    techSize: r.techSize,
    wbSize: r.wbSize,
    quantity: r.quantity,
    inWayToClient: r.inWayToClient,
    inWayFromClient: r.inWayFromClient,
    ordersLast30Days: r.ordersInWindow,
    avgDailyOrders: Math.round(r.avgDailyOrders * 1000) / 1000,
    daysOfStock: displayDays(r.daysOfStock),
    status: r.status,
  };
}
