import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";

import { requireCabinetAccess } from "../../cabinets/access";
import { disconnectCabinet } from "../../queries/cabinet";
import type { AppEnv } from "../app-env";
import { CabinetSchema, errorResponses } from "../schemas";
import { cabinetView } from "../views/cabinet-view";
import { CabinetPathParam } from "./params";

const getRoute = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}",
  tags: ["Кабинеты"],
  summary: "Кабинет: название, ваша роль, состояние и сведения о токене WB",
  request: { params: CabinetPathParam },
  responses: {
    200: { description: "Кабинет", content: { "application/json": { schema: z.object({ cabinet: CabinetSchema }) } } },
    ...errorResponses,
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/cabinets/{cabinetId}",
  tags: ["Кабинеты"],
  summary: "Отключить кабинет и удалить все его данные (только владелец)",
  description: "Удаляет кабинет, его токен WB, участников и все загруженные данные (заказы, продажи, остатки, отзывы). Отменить нельзя.",
  request: { params: CabinetPathParam },
  responses: {
    204: { description: "Кабинет отключён, данные удалены" },
    ...errorResponses,
  },
});

export function cabinetItemRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(getRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      return c.json({ cabinet: cabinetView(auth.cabinet, auth.role) }, 200);
    })
    .openapi(deleteRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId, "owner");
      await disconnectCabinet(c.var.db, auth);
      return c.body(null, 204);
    });
}
