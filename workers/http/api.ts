// The REST API: Hono with zod-validated routes that also produce the OpenAPI 3.1 document.
// Every error leaves as RFC 9457 problem JSON.

import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";

import { createDb } from "../db/client";
import type { AppEnv } from "./app-env";
import { requireUser } from "./auth";
import { apiReferencePage } from "./api-reference";
import { ProblemError, problemResponse, problems } from "./problem";
import { aiRoutes } from "./routes/ai";
import { analyticsRoutes } from "./routes/analytics";
import { costPriceRoutes } from "./routes/analytics-cost-prices";
import { cabinetItemRoutes } from "./routes/cabinet";
import { cabinetRoutes } from "./routes/cabinets";
import { demoRoutes } from "./routes/demo";
import { healthRoutes } from "./routes/health";
import { orderRoutes } from "./routes/orders";
import { reviewRoutes } from "./routes/reviews";
import { stockRoutes } from "./routes/stocks";
import { summaryRoutes } from "./routes/summary";
import { syncRoutes } from "./routes/sync";
import { tokenRoutes } from "./routes/tokens";

export function createApi() {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
        throw problems.badRequest("Запрос заполнен неверно: " + issues.map((i) => `${i.path || "тело"} — ${i.message}`).join("; "), {
          issues,
        });
      }
    },
  });

  api.use("*", async (c, next) => {
    c.set("db", createDb(c.env.DB));
    await next();
  });

  api.route("/", healthRoutes());
  api.route("/", demoRoutes());

  api.use("/cabinets/*", requireUser);
  api.use("/cabinets", requireUser);
  api.route("/", cabinetRoutes());
  api.route("/", cabinetItemRoutes());
  api.route("/", summaryRoutes());
  api.route("/", orderRoutes());
  api.route("/", stockRoutes());
  api.route("/", reviewRoutes());
  api.route("/", syncRoutes());
  api.route("/", analyticsRoutes());
  api.route("/", costPriceRoutes());
  api.route("/", aiRoutes());

  api.use("/tokens/*", requireUser);
  api.use("/tokens", requireUser);
  api.route("/", tokenRoutes());

  api.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "Персональный API-токен (wba_…), выпускается в настройках или печатается `npm start` для демо.",
  });
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "WB Assist API",
      version: "1.0.0",
      description: "Данные кабинетов продавца Wildberries: заказы, продажи, остатки, отзывы, синхронизация. Ошибки — RFC 9457 (application/problem+json).",
    },
    servers: [{ url: "/api" }],
    security: [{ bearerAuth: [] }],
  });
  api.get("/docs", (c) => c.html(apiReferencePage("/api/openapi.json")));

  api.notFound(() => problemResponse(problems.notFound().problem));
  api.onError((error) => {
    if (error instanceof ProblemError) return problemResponse(error.problem);
    if (error instanceof HTTPException) {
      // Hono's own errors (e.g. a malformed JSON body) become problems too.
      return problemResponse(
        new ProblemError(error.status, "bad-request", "Bad request", error.status === 400 ? "Тело запроса — не корректный JSON." : error.message).problem,
      );
    }
    console.error("unhandled API error", error);
    return problemResponse(problems.internal().problem);
  });
  return api;
}
