import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";

import { requireCabinetAccess } from "../../cabinets/access";
import { getDashboardSummary } from "../../queries/dashboard";
import type { AppEnv } from "../app-env";
import { errorResponses } from "../schemas";
import { SummarySchema, summaryView } from "../views/summary-view";
import { CabinetPathParam, criticalDaysParam } from "./params";

const route = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/summary",
  tags: ["Дашборд"],
  summary: "Сводка кабинета: заказы, остатки, отзывы, товары",
  description: [
    "Заказы: сегодня (с полуночи по Москве) против вчера до того же времени; вчера против позавчера; 7 и 30 полных дней до вчера",
    "против предыдущих 7 и 30 дней. Сумма — по цене со скидкой продавца (priceWithDisc).",
    "Остатки: дней запаса = (остаток + в пути к покупателю) / среднее число заказов размера в день за 30 полных дней;",
    "критично — меньше criticalDays, внимание — меньше 2 × criticalDays или ноль.",
    "У каждого блока — свежесть данных: когда они последний раз обновлены из WB и не устарели ли.",
  ].join(" "),
  request: { params: CabinetPathParam, query: z.object({ criticalDays: criticalDaysParam }) },
  responses: {
    200: { description: "Сводка", content: { "application/json": { schema: SummarySchema } } },
    ...errorResponses,
  },
});

export function summaryRoutes() {
  return new OpenAPIHono<AppEnv>().openapi(route, async (c) => {
    const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
    const summary = await getDashboardSummary(c.var.db, auth, { criticalDays: c.req.valid("query").criticalDays });
    return c.json(summaryView(auth.cabinet.id, summary), 200);
  });
}
