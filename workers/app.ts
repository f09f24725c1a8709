import { Hono } from "hono";

import { createApi } from "./http/api";
import { dashboardHandler } from "./http/dashboard";
import { handleQueue } from "./jobs/queue";
import { handleScheduled } from "./jobs/scheduled";
import { sandboxRoutes } from "./http/sandbox";
import { telegramRoutes } from "./http/telegram";
import { SellerBotPoller } from "./bot/seller/poller";
import { CabinetGate } from "./objects/cabinet-gate";
import { ChatSession } from "./objects/chat-session";

export { CabinetGate, ChatSession, SellerBotPoller };

const app = new Hono<{ Bindings: Env }>();

app.route("/api", createApi());
app.route("/wb-sandbox", sandboxRoutes());
app.route("/tg", telegramRoutes());

// Everything that is not API, webhook or sandbox is the React Router dashboard.
app.all("*", (c) => dashboardHandler(c.req.raw, { cloudflare: { env: c.env, ctx: c.executionCtx } }));

export default {
  fetch: app.fetch,
  async queue(batch, env, ctx) {
    await handleQueue(batch, env, ctx);
  },
  async scheduled(controller, env, ctx) {
    await handleScheduled(controller, env, ctx);
  },
} satisfies ExportedHandler<Env>;
