import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";

import { requireCabinetAccess } from "../../cabinets/access";
import { listStockLevels } from "../../queries/stocks";
import type { AppEnv } from "../app-env";
import { errorResponses } from "../schemas";
import { cursorProblem, decodeCursor, encodeCursor } from "../views/cursor";
import { FreshnessSchema, freshnessView } from "../views/freshness-view";
import { STOCK_STATUSES, StockLevelSchema, stockLevelView } from "../views/stock-view";
import { CabinetPathParam, criticalDaysParam, cursorParam, limitParam, nmIdParam } from "./params";

const route = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/stocks",
  tags: ["Остатки"],
  summary: "Остатки по товарам и размерам, критичные сверху",
  description: [
    "Каждый размер с остатком на складах WB или с заказами за 30 полных дней.",
    "Дней запаса = (остаток + в пути к покупателю) / среднее число заказов размера в день за 30 дней (без отменённых).",
    "Порядок: critical, zero, low, ok; внутри — по дням запаса.",
  ].join(" "),
  request: {
    params: CabinetPathParam,
    query: z.object({
      status: z
        .enum(STOCK_STATUSES, { error: "status: допустимо critical, zero, low или ok" })
        .optional()
        .openapi({ description: "Только размеры с этим статусом" }),
      nmId: nmIdParam,
      criticalDays: criticalDaysParam,
      limit: limitParam(100),
      cursor: cursorParam,
    }),
  },
  responses: {
    200: {
      description: "Страница остатков",
      content: {
        "application/json": {
          schema: z
            .object({
              items: z.array(StockLevelSchema),
              total: z.number().int().openapi({ description: "Размеров по фильтру на всех страницах" }),
              counts: z
                .object({
                  sizes: z.number().int(),
                  critical: z.number().int(),
                  zero: z.number().int(),
                  low: z.number().int(),
                  ok: z.number().int(),
                  needsAttention: z.number().int(),
                })
                .openapi({ description: "Счётчики по всем размерам кабинета (без фильтров) — те же, что в сводке" }),
              criticalDays: z.number().int(),
              attentionDays: z.number().int(),
              demandWindow: z.object({ from: z.string(), to: z.string() }).openapi({ description: "Дни, по которым считается спрос" }),
              freshness: FreshnessSchema,
              nextCursor: z.string().nullable(),
            })
            .openapi("StocksPage"),
        },
      },
    },
    ...errorResponses,
  },
});

export function stockRoutes() {
  return new OpenAPIHono<AppEnv>().openapi(route, async (c) => {
    const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
    const q = c.req.valid("query");
    let offset = 0;
    if (q.cursor) {
      const [value, ...rest] = decodeCursor("stocks", q.cursor);
      if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0 || rest.length > 0) throw cursorProblem();
      offset = value;
    }
    const list = await listStockLevels(c.var.db, auth, { status: q.status, nmId: q.nmId, criticalDays: q.criticalDays, limit: q.limit, offset });
    return c.json(
      {
        items: list.rows.map(stockLevelView),
        total: list.total,
        counts: list.counts,
        criticalDays: list.thresholds.criticalDays,
        attentionDays: list.thresholds.attentionDays,
        demandWindow: list.window,
        freshness: freshnessView(list.freshness),
        nextCursor: list.nextOffset === null ? null : encodeCursor("stocks", [list.nextOffset]),
      },
      200,
    );
  });
}
