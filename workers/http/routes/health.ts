import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";

import type { AppEnv } from "../app-env";

const route = createRoute({
  method: "get",
  path: "/health",
  tags: ["Служебное"],
  summary: "Проверка, что сервис работает",
  security: [],
  responses: {
    200: { description: "Сервис работает", content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } } },
  },
});

export function healthRoutes() {
  return new OpenAPIHono<AppEnv>().openapi(route, (c) => c.json({ status: "ok" as const }, 200));
}
