import type { Context } from "hono";
import { createMiddleware } from "hono/factory";

import { authenticateTokenForCabinet } from "../cabinets/access";
import { type ApiTokenRow, apiTokenHash, findApiToken, touchApiToken } from "../users/api-tokens";
import type { AppEnv } from "./app-env";
import { problems } from "./problem";

/** The {cabinetId} segment of a /cabinets/{cabinetId}[/…] path (first match), as Hono decodes params. */
function cabinetIdOf(path: string): string | null {
  const m = /\/cabinets\/([^/]+)(?:\/|$)/.exec(path);
  if (!m?.[1]) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

/**
 * REST API authentication: a personal access token in `Authorization: Bearer <token>`.
 *
 * On /cabinets/{cabinetId}/… routes the token lookup and the caller's membership of that cabinet
 * are one D1 query (`authenticateTokenForCabinet` in workers/cabinets/access.ts); the route's own
 * requireCabinetAccess then answers from it (404 and 403 decided there, as everywhere). Other
 * routes look up the token alone. Either way an unknown, revoked or expired token is a 401 before
 * anything else, including validation.
 *
 * `last_used_at` is written after the response (`waitUntil`), at most once a minute per token
 * (LAST_USED_RESOLUTION_MS), so it never adds an awaited round trip.
 */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw problems.unauthorized();
  const now = new Date();
  const cabinetId = cabinetIdOf(c.req.path);
  let token: ApiTokenRow | null;
  if (cabinetId === null) {
    token = await findApiToken(c.var.db, match[1], now);
  } else {
    const hash = await apiTokenHash(match[1]);
    token = hash === null ? null : await authenticateTokenForCabinet(c.var.db, hash, cabinetId, now);
  }
  if (token === null) throw problems.unauthorized("API-токен не найден, отозван или истёк. Выпустите новый в настройках.");
  c.set("userId", token.userId);
  recordUse(c, token, now);
  await next();
});

function recordUse(c: Context<AppEnv>, token: ApiTokenRow, now: Date): void {
  let ctx: Context<AppEnv>["executionCtx"];
  try {
    ctx = c.executionCtx;
  } catch {
    // No ExecutionContext (a bare app.request() in a test): nothing to hand the write to; skip it.
    return;
  }
  const write = touchApiToken(c.var.db, token, now);
  if (write) ctx.waitUntil(write.catch((error: unknown) => console.error("api token last_used_at", error)));
}
