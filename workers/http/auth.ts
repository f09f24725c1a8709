import { createMiddleware } from "hono/factory";

import { authenticateApiToken } from "../users/api-tokens";
import type { AppEnv } from "./app-env";
import { problems } from "./problem";

/** REST API authentication: a personal access token in `Authorization: Bearer <token>`. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw problems.unauthorized();
  const userId = await authenticateApiToken(c.var.db, match[1]);
  if (userId === null) throw problems.unauthorized("API-токен не найден, отозван или истёк. Выпустите новый в настройках.");
  c.set("userId", userId);
  await next();
});
