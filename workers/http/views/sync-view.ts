import { z } from "@hono/zod-openapi";

import { SYNC_DATASETS, type SyncDataset } from "../../../db/schema";
import type { DatasetSyncStatus } from "../../queries/sync-state";

export const DATASET_LABELS: Record<SyncDataset, string> = {
  cards: "Карточки товаров",
  prices: "Цены и скидки",
  orders: "Заказы",
  sales: "Продажи и возвраты",
  stocks: "Остатки на складах",
  feedbacks: "Отзывы",
  questions: "Вопросы",
  finance: "Финансовый отчёт",
};

export const DatasetSyncSchema = z
  .object({
    dataset: z.enum(SYNC_DATASETS),
    label: z.string().openapi({ description: "Название набора данных для продавца" }),
    lastSuccessAt: z.string().nullable().openapi({ description: "Последняя успешная загрузка; null — ещё не было" }),
    lastAttemptAt: z.string().nullable(),
    stale: z.boolean().openapi({ description: "Данные устарели (не обновлялись дольше двух обычных интервалов)" }),
    rowsTotal: z.number().int().openapi({ description: "Строк загружено всего" }),
    lastRunRows: z.number().int().openapi({ description: "Строк за последний запуск" }),
    nextDueAt: z.string().nullable().openapi({ description: "Когда набор будет обновлён в следующий раз" }),
    lastError: z.string().nullable().openapi({ description: "Последняя ошибка простыми словами" }),
    lastErrorAt: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    backfill: z
      .object({
        from: z.string().nullable().openapi({ description: "С какого момента загружается история" }),
        progress: z.number().openapi({ description: "Доля загруженной истории, 0–1" }),
        done: z.boolean(),
      })
      .openapi({ description: "Первичная загрузка истории (90 дней)" }),
    inFlight: z.boolean().openapi({ description: "Загрузка идёт прямо сейчас (зависшая дольше 15 минут не считается)" }),
    inFlightSince: z.string().nullable(),
  })
  .openapi("DatasetSync");

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export function datasetSyncView(s: DatasetSyncStatus): z.infer<typeof DatasetSyncSchema> {
  const st = s.state;
  return {
    dataset: s.dataset,
    label: DATASET_LABELS[s.dataset],
    lastSuccessAt: iso(st?.lastSuccessAt),
    lastAttemptAt: iso(st?.lastAttemptAt),
    stale: s.freshness.stale,
    rowsTotal: st?.rowsTotal ?? 0,
    lastRunRows: st?.lastRunRows ?? 0,
    nextDueAt: iso(st?.nextDueAt),
    lastError: st?.lastError ?? null,
    lastErrorAt: iso(st?.lastErrorAt),
    consecutiveFailures: st?.consecutiveFailures ?? 0,
    backfill: { from: iso(st?.backfillFrom), progress: st?.backfillProgress ?? 0, done: st?.backfillDone ?? false },
    inFlight: s.inFlight,
    inFlightSince: iso(st?.inFlightSince),
  };
}
