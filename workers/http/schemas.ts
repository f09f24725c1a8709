// Shared OpenAPI/zod schemas of the REST API.

import { z } from "@hono/zod-openapi";

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().openapi({ description: "Понятное человеку объяснение на русском" }),
  })
  .catchall(z.unknown())
  .openapi("Problem");

export const problemContent = { "application/problem+json": { schema: ProblemSchema } };

export const errorResponses = {
  400: { description: "Неверный запрос", content: problemContent },
  401: { description: "Нет или неверный API-токен", content: problemContent },
  403: { description: "Недостаточно прав в кабинете", content: problemContent },
  404: { description: "Кабинет не найден или нет доступа", content: problemContent },
} as const;

export const CabinetIdParam = z.object({
  cabinetId: z.uuid().openapi({ param: { name: "cabinetId", in: "path" }, description: "Идентификатор кабинета" }),
});

export const CabinetSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    isDemo: z.boolean(),
    role: z.enum(["owner", "manager", "viewer"]),
    status: z.enum(["active", "token_invalid", "paused"]),
    statusReason: z.string().nullable(),
    token: z.object({
      type: z.enum(["base", "test", "personal", "service"]),
      categories: z.array(z.string()),
      readOnly: z.boolean(),
      expiresAt: z.string().nullable(),
    }),
    createdAt: z.string(),
  })
  .openapi("Cabinet");

export const TokenWarningSchema = z
  .object({ code: z.string(), message: z.string(), category: z.string().optional() })
  .openapi("TokenWarning");
