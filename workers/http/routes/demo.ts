import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";

import { cabinetMembers } from "../../../db/schema";
import { createLoginLink } from "../../auth/login-links";
import { DEMO_USER_ID, ensureDemoCabinet } from "../../cabinets/demo";
import { issueApiToken, revokeApiTokensNamed } from "../../users/api-tokens";
import { upsertUser } from "../../users/users";
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
      description: "Демо-кабинет, новый API-токен демо-пользователя и одноразовая ссылка для входа в дашборд (10 минут)",
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

const memberRoute = createRoute({
  method: "post",
  path: "/dev/demo/members",
  tags: ["Служебное"],
  summary: "Добавить в демо-кабинет нового участника с ролью и выдать ему ссылку для входа (только локально, WB_SANDBOX=1)",
  description: "Для проверок ролей в браузере: каждый вызов создаёт нового пользователя (не настоящий Telegram id) с ролью в демо-кабинете.",
  security: [],
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ role: z.enum(["manager", "viewer"], { error: "role: manager или viewer" }) }) } },
    },
  },
  responses: {
    200: {
      description: "Участник и его одноразовая ссылка для входа",
      content: { "application/json": { schema: z.object({ userId: z.number().int(), cabinetId: z.string(), role: z.string(), loginUrl: z.string() }) } },
    },
    404: { description: "Песочница выключена", content: problemContent },
  },
});

/** Above every real Telegram user id (they fit in 52 bits but are far below this), so test members never collide with people. */
const TEST_MEMBER_ID_BASE = 9_000_000_000_000;

/** Bootstrap used by `npm start` (and the browser tests): exists only while the sandbox is on (never in production). */
export function demoRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(route, async (c) => {
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
          loginUrl: await createLoginLink(c.var.db, DEMO_USER_ID, origin),
          wbToken: SANDBOX_DEMO_TOKEN,
        },
        200,
      );
    })
    .openapi(memberRoute, async (c) => {
      if (c.env.WB_SANDBOX !== "1") throw problems.notFound();
      const origin = new URL(c.req.url).origin;
      const cabinet = await ensureDemoCabinet(c.var.db, c.env, origin);
      const { role } = c.req.valid("json");
      const userId = TEST_MEMBER_ID_BASE + Math.floor(Math.random() * 1_000_000_000);
      await upsertUser(c.var.db, { id: userId, firstName: role === "viewer" ? "Наблюдатель (тест)" : "Менеджер (тест)", language: "ru" });
      await c.var.db.insert(cabinetMembers).values({ cabinetId: cabinet.id, userId, role });
      return c.json({ userId, cabinetId: cabinet.id, role, loginUrl: await createLoginLink(c.var.db, userId, origin) }, 200);
    });
}
