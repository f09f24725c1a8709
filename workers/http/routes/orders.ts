import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";

import { requireCabinetAccess } from "../../cabinets/access";
import { listOrders, listSales } from "../../queries/orders";
import type { AppEnv } from "../app-env";
import { errorResponses } from "../schemas";
import { decodeTimeIdCursor, encodeCursor } from "../views/cursor";
import { OrderSchema, SaleSchema, orderView, saleView } from "../views/order-view";
import { CabinetPathParam, cursorParam, dayRangeMs, fromParam, limitParam, nmIdParam, textParam, toParam } from "./params";

const common = {
  from: fromParam,
  to: toParam,
  nmId: nmIdParam,
  supplierArticle: textParam("Артикул продавца (точное совпадение)"),
  region: textParam("Регион доставки (точное совпадение), например «Московская»"),
  limit: limitParam(),
  cursor: cursorParam,
};

const nextCursor = z.string().nullable().openapi({ description: "Курсор следующей страницы; null — это последняя страница" });

const ordersRoute = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/orders",
  tags: ["Заказы"],
  summary: "Заказы кабинета, новые сверху",
  description: "Постраничный список (курсор). Одна запись — одна единица товара (srid). Период — дни по Москве включительно.",
  request: {
    params: CabinetPathParam,
    query: z.object({
      ...common,
      status: z
        .enum(["all", "active", "cancelled"], { error: "status: допустимо all, active или cancelled" })
        .default("all")
        .openapi({ description: "all — все, active — без отмены, cancelled — отменённые" }),
    }),
  },
  responses: {
    200: {
      description: "Страница заказов",
      content: { "application/json": { schema: z.object({ items: z.array(OrderSchema), nextCursor }).openapi("OrdersPage") } },
    },
    ...errorResponses,
  },
});

const salesRoute = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/sales",
  tags: ["Продажи"],
  summary: "Продажи и возвраты кабинета, новые сверху",
  description: "Постраничный список (курсор). Период — дни по Москве включительно.",
  request: {
    params: CabinetPathParam,
    query: z.object({
      ...common,
      type: z
        .enum(["all", "sale", "return"], { error: "type: допустимо all, sale или return" })
        .default("all")
        .openapi({ description: "all — всё, sale — продажи, return — возвраты" }),
    }),
  },
  responses: {
    200: {
      description: "Страница продаж",
      content: { "application/json": { schema: z.object({ items: z.array(SaleSchema), nextCursor }).openapi("SalesPage") } },
    },
    ...errorResponses,
  },
});

export function orderRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(ordersRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      const q = c.req.valid("query");
      const result = await listOrders(c.var.db, auth, {
        ...dayRangeMs(q.from, q.to),
        nmId: q.nmId,
        supplierArticle: q.supplierArticle,
        region: q.region,
        status: q.status,
        limit: q.limit,
        after: q.cursor ? decodeTimeIdCursor("orders", q.cursor) : undefined,
      });
      return c.json(
        { items: result.rows.map(orderView), nextCursor: result.next ? encodeCursor("orders", [result.next.at, result.next.id]) : null },
        200,
      );
    })
    .openapi(salesRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      const q = c.req.valid("query");
      const result = await listSales(c.var.db, auth, {
        ...dayRangeMs(q.from, q.to),
        nmId: q.nmId,
        supplierArticle: q.supplierArticle,
        region: q.region,
        type: q.type,
        limit: q.limit,
        after: q.cursor ? decodeTimeIdCursor("sales", q.cursor) : undefined,
      });
      return c.json(
        { items: result.rows.map(saleView), nextCursor: result.next ? encodeCursor("sales", [result.next.at, result.next.id]) : null },
        200,
      );
    });
}
