import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";

import { SYNC_DATASETS } from "../../../db/schema";
import { requireCabinetAccess } from "../../cabinets/access";
import { SyncNowError, syncNow } from "../../jobs/sync-now";
import { readSyncStatus } from "../../queries/sync-state";
import type { AppEnv } from "../app-env";
import { problems } from "../problem";
import { errorResponses, problemContent } from "../schemas";
import { DatasetSyncSchema, datasetSyncView } from "../views/sync-view";
import { CabinetPathParam } from "./params";

const datasetEnum = z.enum(SYNC_DATASETS, { error: `неизвестный набор данных; допустимо: ${SYNC_DATASETS.join(", ")}` });

const statusRoute = createRoute({
  method: "get",
  path: "/cabinets/{cabinetId}/sync",
  tags: ["Синхронизация"],
  summary: "Состояние синхронизации с WB по наборам данных",
  request: { params: CabinetPathParam },
  responses: {
    200: {
      description: "Каждый набор данных: последняя загрузка, объём, следующий запуск, ошибка, загрузка истории",
      content: { "application/json": { schema: z.object({ datasets: z.array(DatasetSyncSchema) }).openapi("SyncStatus") } },
    },
    ...errorResponses,
  },
});

const triggerRoute = createRoute({
  method: "post",
  path: "/cabinets/{cabinetId}/sync",
  tags: ["Синхронизация"],
  summary: "Обновить данные из WB сейчас (менеджер или владелец)",
  description:
    "Ставит наборы данных в очередь немедленно, с учётом лимитов WB: если лимит токена сейчас не позволяет запрос, набор запустится, когда позволит (поле delayed).",
  request: {
    params: CabinetPathParam,
    body: {
      required: false,
      content: {
        "application/json": {
          schema: z
            .object({
              datasets: z
                .array(datasetEnum)
                .min(1, { error: "укажите хотя бы один набор данных или не передавайте поле datasets" })
                .optional()
                .openapi({ description: "Какие наборы обновить; по умолчанию все" }),
            })
            .openapi("SyncNowRequest"),
        },
      },
    },
  },
  responses: {
    202: {
      description: "Запуск принят",
      content: {
        "application/json": {
          schema: z
            .object({
              enqueued: z.array(z.enum(SYNC_DATASETS)).openapi({ description: "Запущены сразу" }),
              delayed: z
                .array(z.object({ dataset: z.enum(SYNC_DATASETS), runAt: z.string() }))
                .openapi({ description: "Запустятся позже: лимит WB позволит запрос в runAt" }),
              inFlight: z.array(z.enum(SYNC_DATASETS)).openapi({ description: "Уже загружаются — повторно не запускали" }),
              unavailable: z
                .array(z.object({ dataset: z.enum(SYNC_DATASETS), reason: z.string() }))
                .openapi({ description: "Недоступны с этим токеном; причина — для продавца" }),
              datasets: z.array(DatasetSyncSchema),
            })
            .openapi("SyncNowResult"),
        },
      },
    },
    ...errorResponses,
    409: { description: "Кабинет приостановлен (например, токен WB недействителен)", content: problemContent },
  },
});

export function syncRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(statusRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId);
      const status = await readSyncStatus(c.var.db, auth, new Date());
      return c.json({ datasets: status.map(datasetSyncView) }, 200);
    })
    .openapi(triggerRoute, async (c) => {
      const auth = await requireCabinetAccess(c.var.db, c.var.userId, c.req.valid("param").cabinetId, "manager");
      const body = c.req.valid("json");
      let result;
      try {
        result = await syncNow(c.env, auth.cabinet.id, body.datasets);
      } catch (error) {
        if (error instanceof SyncNowError) {
          throw error.code === "not_found" ? problems.cabinetNotFound() : problems.conflict(error.userMessage);
        }
        throw error;
      }
      const status = await readSyncStatus(c.var.db, auth, new Date());
      return c.json(
        {
          enqueued: result.enqueued,
          delayed: result.delayed.map((d) => ({ dataset: d.dataset, runAt: d.runAt.toISOString() })),
          inFlight: result.inFlight,
          unavailable: result.unavailable,
          datasets: status.map(datasetSyncView),
        },
        202,
      );
    });
}
