// Bench-only Worker (never part of the production bundle): runs ONE WB orders page through the
// project's real ingest path inside workerd, against the same local D1 as the app.
//
//   POST /ingest?cabinet=<id>   body: the raw JSON text of a WB `supplier/orders` page
//   POST /time-sql              query diagnostics (see timeSql below)
//   GET  /sql?cabinet=&hash=    the SQL drizzle builds for the per-request queries (auth, orders list)
//   GET  /time-summary?cabinet=&user=&n=   getDashboardSummary() timed inside workerd, no HTTP
//
// Path, as the sync consumer runs it (workers/jobs/sync-consumer.ts):
//   WbClient.orders()            JSON.parse + zod shape check (the fetch is stubbed with the body)
//   ordersDataset.fetchPage()    wbOrderToRow mapping, jsonUpsert statements, daily_rollups rebuild
//   db.batch([commit, ...])      one transaction with the sync_state cursor update
//
// Timing: workerd advances Date.now() only across I/O, so `ms` spans from just after the request
// body has been read to the end of the D1 batch; the JSON parse, validation and mapping are
// inside it (they run before the batch's I/O). bench/run.mjs also takes the wall time from Node.
// `&phases=1` gives a diagnostic breakdown instead (see below); it is not the measured figure.

import { requireCabinetAccess, tokenWithCabinetQuery } from "../workers/cabinets/access";
import { type Db, createDb } from "../workers/db/client";
import { getDashboardSummary } from "../workers/queries/dashboard";
import { ordersQuery } from "../workers/queries/orders";
import { apiTokenColumns, liveTokenHash } from "../workers/users/api-tokens";
import type { PageResult } from "../workers/sync/dataset";
import { ordersDataset } from "../workers/sync/datasets/orders";
import type { StatisticsCursor } from "../workers/sync/datasets/statistics";
import { pageCommitStatement } from "../workers/sync/state";
import { WbClient } from "../workers/wb/client";
import { and, eq } from "drizzle-orm";

import { apiTokens, cabinets, syncState, type Cabinet, type SyncState } from "../db/schema";

interface IngestEnv {
  DB: D1Database;
}

/**
 * POST /time-sql {sql, params, n}: EXPLAIN QUERY PLAN, then the statement run n times in a row
 * through the D1 binding, timed inside workerd (the clock advances at each D1 round trip). Used by
 * bench/lib/diagnose.mjs to name slow queries; the same loop over `SELECT 1` gives the fixed cost
 * of a D1 round trip to subtract.
 */
async function timeSql(request: Request, env: IngestEnv): Promise<Response> {
  const { sql, params = [], n = 20 } = (await request.json()) as { sql: string; params?: unknown[]; n?: number };
  try {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
    const statement = env.DB.prepare(sql).bind(...params);
    let rows = 0;
    let rowsRead = 0;
    const t0 = Date.now();
    for (let i = 0; i < n; i++) {
      const result = await statement.all();
      rows = result.results.length;
      rowsRead = result.meta.rows_read ?? 0;
    }
    const ms = (Date.now() - t0) / n;
    return Response.json({ plan: plan.results.map((r) => r.detail), ms, rows, rowsRead });
  } catch (error) {
    return Response.json({ error: String(error instanceof Error ? error.message : error) });
  }
}

/** GET /sql: the statements as the app sends them (drizzle's SQL and parameters), so diagnose.mjs follows the code. */
function sqlOf(url: URL, db: Db): Response {
  const cabinetId = url.searchParams.get("cabinet") ?? "";
  const hash = url.searchParams.get("hash") ?? "";
  const auth = { cabinet: { id: cabinetId } as Cabinet, role: "viewer" as const, userId: 0 };
  return Response.json({
    tokenWithCabinet: tokenWithCabinetQuery(db, hash, cabinetId).toSQL(),
    tokenOnly: db.select(apiTokenColumns).from(apiTokens).where(liveTokenHash(hash)).limit(1).toSQL(),
    ordersFirstPage: ordersQuery(db, auth, { status: "all", limit: 50 }).toSQL(),
  });
}

/**
 * GET /time-summary: the summary repository alone (its D1 batch, the isolate caches, assembly),
 * after one warm-up call, n calls in a row; no HTTP, no auth. What the route adds on top is the
 * token + access query, routing, validation and JSON.
 */
async function timeSummary(url: URL, db: Db): Promise<Response> {
  const auth = await requireCabinetAccess(db, Number(url.searchParams.get("user")), url.searchParams.get("cabinet") ?? "");
  const n = Number(url.searchParams.get("n") ?? 50);
  const t0 = Date.now();
  await getDashboardSummary(db, auth);
  const firstMs = Date.now() - t0;
  const t1 = Date.now();
  for (let i = 0; i < n; i++) await getDashboardSummary(db, auth);
  return Response.json({ firstMs, ms: (Date.now() - t1) / n, n });
}

export default {
  async fetch(request: Request, env: IngestEnv): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === "POST" && url.pathname === "/time-sql") return timeSql(request, env);
    if (request.method === "GET" && url.pathname === "/sql") return sqlOf(url, createDb(env.DB));
    if (request.method === "GET" && url.pathname === "/time-summary") return timeSummary(url, createDb(env.DB));
    if (request.method !== "POST" || url.pathname !== "/ingest") return new Response("not found", { status: 404 });
    const cabinetId = url.searchParams.get("cabinet");
    if (!cabinetId) return new Response("cabinet missing", { status: 400 });
    const db = createDb(env.DB);

    const [cabinet] = await db.select().from(cabinets).where(eq(cabinets.id, cabinetId)).limit(1);
    if (!cabinet) return new Response("no such cabinet", { status: 404 });

    // A run in its incremental phase, as the pipeline would have it in sync_state.
    const dateFrom = url.searchParams.get("dateFrom") ?? "2026-01-01T00:00:00";
    const cursor: StatisticsCursor = { phase: "incremental", dateFrom };
    const now = new Date();
    await db
      .insert(syncState)
      .values({ cabinetId, dataset: "orders", cursor, nextDueAt: now, inFlightSince: now })
      .onConflictDoUpdate({ target: [syncState.cabinetId, syncState.dataset], set: { cursor, inFlightSince: now } });
    const [state] = await db.select().from(syncState).where(and(eq(syncState.cabinetId, cabinetId), eq(syncState.dataset, "orders")));

    const body = await request.text();
    const client = new WbClient({
      token: "bench",
      apiBase: "http://wb.bench.invalid",
      maxRetries: 0,
      fetch: async () => new Response(body, { status: 200, headers: { "Content-Type": "application/json" } }),
    });
    const ctx = { db, client, cabinet: cabinet as Cabinet, state: state as SyncState, now };
    const commitFor = (page: PageResult) =>
      pageCommitStatement(db, { key: { cabinetId, dataset: "orders" }, fromCursor: cursor, page, now, nextRunAt: now, continueAt: now });

    if (url.searchParams.get("phases") !== "1") {
      // The measured path: exactly what the consumer does for one page.
      const t0 = Date.now();
      const page = await ordersDataset.fetchPage(ctx, cursor);
      await db.batch([commitFor(page), ...page.statements]);
      const ms = Date.now() - t0;
      return Response.json({ rows: page.rows, statements: page.statements.length + 1, ms });
    }

    // Diagnostic breakdown (not the measured figure): a trivial D1 read between phases lets the
    // clock advance, and the rollup rebuild (the page's last two statements) runs as its own batch.
    const tick = () => env.DB.prepare("SELECT 1").first();
    const t0 = Date.now();
    const parsed = await client.orders({ dateFrom, flag: 0 });
    await tick();
    const t1 = Date.now();
    const page = await ordersDataset.fetchPage({ ...ctx, client: { orders: async () => parsed } as unknown as WbClient }, cursor);
    await tick();
    const t2 = Date.now();
    const upserts = page.statements.slice(0, -2);
    const rollups = page.statements.slice(-2);
    await db.batch([commitFor(page), ...upserts]);
    const t3 = Date.now();
    const [first, ...rest] = rollups;
    if (first) await db.batch([first, ...rest]);
    const t4 = Date.now();
    return Response.json({
      rows: page.rows,
      statements: page.statements.length + 1,
      ms: t4 - t0,
      phases: { parseAndValidateMs: t1 - t0, mapAndBuildMs: t2 - t1, upsertBatchMs: t3 - t2, rollupRebuildMs: t4 - t3 },
    });
  },
};
