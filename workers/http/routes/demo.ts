import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";

import { DEMO_USER_ID, ensureDemoCabinet } from "../../cabinets/demo";
import { issueApiToken, revokeApiTokensNamed } from "../../users/api-tokens";
import { SANDBOX_DEMO_TOKEN } from "../../wb/sandbox/tokens";
import type { AppEnv } from "../app-env";
import { problems } from "../problem";
import { problemContent } from "../schemas";

const DEMO_TOKEN_NAME = "npm start";

const route = createRoute({
  method: "post",
  path: "/dev/demo",
  tags: ["Служебное"],
  summary: "Создать демо-кабинет на песочнице WB (только локально, WB_SANDBOX=1)",
  security: [],
  responses: {
    200: {
      description: "Демо-кабинет и новый API-токен демо-пользователя",
      content: {
        "application/json": {
          schema: z.object({
            cabinetId: z.string(),
            cabinetName: z.string(),
            apiToken: z.string(),
            loginUrl: z.string(),
            wbToken: z.string(),
          }),
        },
      },
    },
    404: { description: "Песочница выключена", content: problemContent },
  },
});

/** Bootstrap used by `npm start`: exists only while the sandbox is on (never in production). */
export function demoRoutes() {
  return new OpenAPIHono<AppEnv>().openapi(route, async (c) => {
    if (c.env.WB_SANDBOX !== "1") throw problems.notFound();
    const origin = new URL(c.req.url).origin;
    const cabinet = await ensureDemoCabinet(c.var.db, c.env, origin);
    // One live demo token at a time: each start prints a fresh one and retires the previous.
    await revokeApiTokensNamed(c.var.db, DEMO_USER_ID, DEMO_TOKEN_NAME);
    const issued = await issueApiToken(c.var.db, DEMO_USER_ID, DEMO_TOKEN_NAME);
    return c.json(
      {
        cabinetId: cabinet.id,
        cabinetName: cabinet.name,
        apiToken: issued.token,
        loginUrl: `${origin}/`,
        wbToken: SANDBOX_DEMO_TOKEN,
      },
      200,
    );
  });
}
