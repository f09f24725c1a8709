import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";

import { getApiToken, listApiTokens, revokeApiToken } from "../../queries/api-tokens";
import { issueApiToken } from "../../users/api-tokens";
import type { AppEnv } from "../app-env";
import { ProblemError } from "../problem";
import { errorResponses } from "../schemas";
import { ApiTokenSchema, apiTokenView } from "../views/token-view";

const tokenNotFound = () => new ProblemError(404, "token-not-found", "Token not found", "Токен не найден или уже отозван.");

const createTokenRoute = createRoute({
  method: "post",
  path: "/tokens",
  tags: ["API-токены"],
  summary: "Выпустить персональный API-токен (показывается один раз)",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              name: z
                .string({ error: "name: укажите название токена строкой" })
                .trim()
                .min(1, { error: "name: название токена не может быть пустым" })
                .max(100, { error: "name: название токена длиннее 100 символов" })
                .openapi({ description: "Название, чтобы отличать токены, например «Google Таблицы»", example: "Мой скрипт" }),
            })
            .openapi("CreateApiTokenRequest"),
        },
      },
    },
  },
  responses: {
    201: {
      description: "Токен выпущен. Сохраните его: больше он показан не будет",
      content: {
        "application/json": {
          schema: z
            .object({ token: z.string().openapi({ description: "Сам токен: передавайте его в заголовке Authorization: Bearer" }), info: ApiTokenSchema })
            .openapi("CreatedApiToken"),
        },
      },
    },
    400: errorResponses[400],
    401: errorResponses[401],
  },
});

const listTokensRoute = createRoute({
  method: "get",
  path: "/tokens",
  tags: ["API-токены"],
  summary: "Ваши действующие API-токены (без самих секретов)",
  responses: {
    200: { description: "Токены", content: { "application/json": { schema: z.object({ tokens: z.array(ApiTokenSchema) }) } } },
    401: errorResponses[401],
  },
});

const revokeTokenRoute = createRoute({
  method: "delete",
  path: "/tokens/{id}",
  tags: ["API-токены"],
  summary: "Отозвать свой API-токен",
  request: {
    params: z.object({
      id: z.uuid({ error: "id токена должен быть UUID" }).openapi({ param: { name: "id", in: "path" }, description: "id токена из списка" }),
    }),
  },
  responses: {
    204: { description: "Токен отозван" },
    400: errorResponses[400],
    401: errorResponses[401],
    404: { description: "Токен не найден (или он чужой)", content: errorResponses[404].content },
  },
});

export function tokenRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(createTokenRoute, async (c) => {
      const issued = await issueApiToken(c.var.db, c.var.userId, c.req.valid("json").name);
      const info = await getApiToken(c.var.db, c.var.userId, issued.id);
      if (!info) throw new Error("issued token vanished");
      return c.json({ token: issued.token, info: apiTokenView(info) }, 201);
    })
    .openapi(listTokensRoute, async (c) => {
      const tokens = await listApiTokens(c.var.db, c.var.userId);
      return c.json({ tokens: tokens.map(apiTokenView) }, 200);
    })
    .openapi(revokeTokenRoute, async (c) => {
      // Only the caller's own tokens match; someone else's id answers like a missing one.
      if (!(await revokeApiToken(c.var.db, c.var.userId, c.req.valid("param").id))) throw tokenNotFound();
      return c.body(null, 204);
    });
}
