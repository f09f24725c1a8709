import { z } from "@hono/zod-openapi";

import type { ApiTokenInfo } from "../../queries/api-tokens";

export const ApiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: "Начало токена, чтобы отличать токены в списке", example: "wba_Ab12Cd" }),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
  })
  .openapi("ApiToken");

export function apiTokenView(t: ApiTokenInfo): z.infer<typeof ApiTokenSchema> {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
  };
}
