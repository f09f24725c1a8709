// Baselines in the same workerd setup as the app, bundled by bench/run.mjs:
//   GET /     a bare Hono JSON handler: what the runtime itself serves (the budgets' reference);
//   GET /d1   the same plus one trivial D1 read (`SELECT 1`): the fixed cost of one D1 round trip
//             in local workerd, to tell a slow query from the simulator's per-query overhead.
import { Hono } from "hono";

export default new Hono()
  .get("/", (c) => c.json({ ok: true }))
  .get("/d1", async (c) => c.json({ ok: (await c.env.DB.prepare("SELECT 1 AS one").first("one")) === 1 }));
