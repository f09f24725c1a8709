// Which query is slow: every SQL constant the dashboard summary uses (read from the source of
// workers/queries/*.ts, so the bench follows the code), the per-request auth queries and the
// orders-list query, each run against the seeded cabinet inside workerd (the ingest Worker's
// /time-sql): EXPLAIN QUERY PLAN and the time per execution, beside the time of `SELECT 1` (the
// fixed cost of one D1 round trip in local workerd).

import { readFileSync } from "node:fs";
import { join } from "node:path";

const DAY_MS = 24 * 3600 * 1000;
const MSK_MS = 3 * 3600 * 1000;

/** `export const NAME_SQL = \`…\`` constants of a TS file. */
export function sqlConstants(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const out = [];
  for (const m of text.matchAll(/export const (\w+_SQL)\s*=\s*`([^`]*)`/g)) out.push({ name: m[1], sql: m[2].trim() });
  return out;
}

/** Moscow day 'YYYY-MM-DD' of an instant, and the UTC instant a Moscow day starts. */
const mskDay = (ms) => new Date(ms + MSK_MS).toISOString().slice(0, 10);
const mskDayStart = (day) => Date.parse(`${day}T00:00:00+03:00`);

function paramsFor(name, sql, { cabinetId, userId, nowMs }) {
  const today = mskDay(nowMs);
  const todayStart = mskDayStart(today);
  const days = (n, skip = 0) => Array.from({ length: n }, (_, i) => mskDay(todayStart - (i + skip) * DAY_MS));
  switch (name) {
    case "ROLLUP_DAYS_SQL":
      return [cabinetId, JSON.stringify(days(61))];
    case "WINDOW_ROLLUPS_SQL":
      return [cabinetId, JSON.stringify(days(30, 1))];
    case "ORDERS_BETWEEN_SQL":
      // Yesterday up to the same time of day (the summary's "yesterday so far").
      return [cabinetId, todayStart - DAY_MS, nowMs - DAY_MS + 1];
    case "SIZE_DEMAND_SQL":
      return [cabinetId, todayStart - 30 * DAY_MS, todayStart];
    case "THRESHOLD_SQL":
      return [userId, cabinetId];
    default: {
      // ?1 is the cabinet everywhere else; any further parameter is left NULL.
      const max = Math.max(1, ...[...sql.matchAll(/\?(\d+)/g)].map((m) => Number(m[1])));
      return [cabinetId, ...Array(max - 1).fill(null)];
    }
  }
}

async function timeSql(toolsUrl, sql, params, n) {
  const res = await fetch(`${toolsUrl}/time-sql`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ sql, params, n }),
  });
  if (res.status !== 200) return { error: `HTTP ${res.status}` };
  return res.json();
}

export async function diagnoseQueries(toolsUrl, { root, cabinetId, userId, tokenHash, nowMs, n = 20 }) {
  const queries = [
    { name: "D1 round trip: SELECT 1 (reference)", sql: "SELECT 1", params: [] },
    // Every API request: the token lookup (workers/users/api-tokens.ts) and the access check
    // (workers/cabinets/access.ts), as drizzle builds them.
    {
      name: "auth: api_tokens by hash (every request)",
      sql: `select "id", "user_id", "expires_at" from "api_tokens" where ("api_tokens"."token_hash" = ?1 and "api_tokens"."revoked_at" is null) limit 1`,
      params: [tokenHash],
    },
    {
      name: "access: cabinet_members ⋈ cabinets (every request)",
      sql: `select "cabinets".*, "cabinet_members"."role" from "cabinet_members" inner join "cabinets" on "cabinets"."id" = "cabinet_members"."cabinet_id" where ("cabinet_members"."cabinet_id" = ?1 and "cabinet_members"."user_id" = ?2) limit 1`,
      params: [cabinetId, userId],
    },
    ...sqlConstants(join(root, "workers/queries/dashboard.ts")).map((q) => ({ ...q, name: `summary: ${q.name}` })),
    ...sqlConstants(join(root, "workers/queries/stock-levels.ts")).map((q) => ({ ...q, name: `summary (stock-levels.ts): ${q.name}` })),
    {
      name: "orders list: first page (workers/queries/orders.ts)",
      sql: `select * from "orders" where "orders"."cabinet_id" = ?1 order by "orders"."ordered_at" desc, "orders"."srid" desc limit 51`,
      params: [cabinetId],
    },
  ];
  const out = [];
  const seen = new Set();
  for (const q of queries) {
    if (seen.has(q.name)) continue;
    seen.add(q.name);
    const bare = q.name.replace(/^.*: /, "");
    const params = q.params ?? paramsFor(bare, q.sql, { cabinetId, userId, nowMs });
    // The demand query is the heavy one (cached per isolate by the app): fewer repeats.
    const r = await timeSql(toolsUrl, q.sql, params, bare === "SIZE_DEMAND_SQL" ? 3 : n);
    out.push({ name: q.name, sql: q.sql.replace(/\s+/g, " "), ...r });
  }
  const ref = out[0]?.ms ?? 0;
  for (const q of out) if (Number.isFinite(q.ms)) q.overRoundTripMs = Math.max(0, q.ms - ref);
  return out;
}
