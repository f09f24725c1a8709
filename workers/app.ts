import { Hono } from "hono";

import { dashboardHandler } from "./http/dashboard";
import { CabinetGate } from "./objects/cabinet-gate";
import { ChatSession } from "./objects/chat-session";

export { CabinetGate, ChatSession };

const app = new Hono<{ Bindings: Env }>();

app.get("/api/health", (c) => c.json({ status: "ok" }));

// Everything that is not API, webhook or sandbox is the React Router dashboard.
app.all("*", (c) => dashboardHandler(c.req.raw, { cloudflare: { env: c.env, ctx: c.executionCtx } }));

export default {
  fetch: app.fetch,
  async queue(batch) {
    batch.ackAll();
  },
  async scheduled() {},
} satisfies ExportedHandler<Env>;
