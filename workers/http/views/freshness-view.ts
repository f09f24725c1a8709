import { z } from "@hono/zod-openapi";

import { SYNC_DATASETS } from "../../../db/schema";
import type { BlockFreshness } from "../../domain/freshness";

export const FreshnessSchema = z
  .object({
    updatedAt: z
      .string()
      .nullable()
      .openapi({ description: "Когда данные блока последний раз успешно обновлены из WB (самый старый из его наборов); null — ещё ни разу" }),
    stale: z.boolean().openapi({ description: "true — данные устарели: не обновлялись дольше двух обычных интервалов или ещё не загружены" }),
    datasets: z.array(z.enum(SYNC_DATASETS)).openapi({ description: "Наборы данных WB, из которых посчитан блок" }),
  })
  .openapi("Freshness");

export function freshnessView(f: BlockFreshness): z.infer<typeof FreshnessSchema> {
  return { updatedAt: f.updatedAt?.toISOString() ?? null, stale: f.stale, datasets: f.datasets };
}
