import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";

import { listUserCabinets } from "../../cabinets/access";
import { connectCabinet } from "../../cabinets/connect";
import { wbConnectionFor } from "../../cabinets/wb-connection";
import type { AppEnv } from "../app-env";
import { CabinetSchema, TokenWarningSchema, errorResponses, problemContent } from "../schemas";
import { cabinetView } from "../views/cabinet-view";

const list = createRoute({
  method: "get",
  path: "/cabinets",
  tags: ["Кабинеты"],
  summary: "Кабинеты, к которым у вас есть доступ",
  responses: {
    200: { description: "Список кабинетов", content: { "application/json": { schema: z.object({ cabinets: z.array(CabinetSchema) }) } } },
    401: errorResponses[401],
  },
});

const connect = createRoute({
  method: "post",
  path: "/cabinets",
  tags: ["Кабинеты"],
  summary: "Подключить кабинет WB по токену API",
  description:
    "Токен проверяется запросом /ping к WB и расшифровывается (тип, категории, срок). Ответ предупреждает о недостающих категориях, базовом токене с низкими лимитами и скором истечении срока.",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            token: z.string().min(20).max(4096).openapi({ description: "Токен WB API из кабинета продавца" }),
            name: z.string().min(1).max(100).optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: "Кабинет подключён; синхронизация начнётся в ближайшие минуты",
      content: { "application/json": { schema: z.object({ cabinet: CabinetSchema, warnings: z.array(TokenWarningSchema) }) } },
    },
    400: errorResponses[400],
    401: errorResponses[401],
    422: { description: "Токен не подходит (формат, срок, WB не принял)", content: problemContent },
    502: { description: "WB недоступен", content: problemContent },
  },
});

export function cabinetRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(list, async (c) => {
      const rows = await listUserCabinets(c.var.db, c.var.userId);
      return c.json({ cabinets: rows.map((r) => cabinetView(r.cabinet, r.role)) }, 200);
    })
    .openapi(connect, async (c) => {
      const body = c.req.valid("json");
      const connection = wbConnectionFor(c.env, null);
      const connected = await connectCabinet(c.var.db, {
        userId: c.var.userId,
        token: body.token,
        name: body.name,
        wbApiBase: connection.apiBase ?? null,
        fetch: connection.fetch,
        encryptionKey: c.env.ENCRYPTION_KEY,
        clientSecret: c.env.WB_CLIENT_SECRET || undefined,
      });
      return c.json({ cabinet: cabinetView(connected.cabinet, "owner"), warnings: connected.warnings }, 201);
    });
}
