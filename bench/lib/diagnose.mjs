// Which query is slow: every SQL constant the dashboard summary uses (read from the source of
// workers/queries/*.ts, so the bench follows the code), the per-request auth query and the
// orders-list query (their SQL as drizzle builds it, from the ingest Worker's /sql), each run
// against the seeded cabinet inside workerd (the ingest Worker's /time-sql): EXPLAIN QUERY PLAN
// and the time per execution, beside the time of `SELECT 1` (the fixed cost of one D1 round trip
// in local workerd). Also the summary repository as a whole (/time-summary).

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
  const built = await (await fetch(`${toolsUrl}/sql?cabinet=${encodeURIComponent(cabinetId)}&hash=${tokenHash}`)).json();
  const queries = [
    { name: "D1 round trip: SELECT 1 (reference)", sql: "SELECT 1", params: [] },
    // Every /cabinets/{id}/… API request: token and membership in one SELECT
    // (workers/cabinets/access.ts); other routes look up the token alone.
    { name: "auth: api_tokens ⟕ cabinet_members ⟕ cabinets (every cabinet request)", ...built.tokenWithCabinet },
    { name: "auth: api_tokens by hash (token-only routes)", ...built.tokenOnly },
    ...sqlConstants(join(root, "workers/queries/dashboard.ts")).map((q) => ({ ...q, name: `summary: ${q.name}` })),
    ...sqlConstants(join(root, "workers/queries/stock-levels.ts")).map((q) => ({ ...q, name: `summary (stock-levels.ts): ${q.name}` })),
    { name: "orders list: first page (workers/queries/orders.ts)", ...built.ordersFirstPage },
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

/** getDashboardSummary() alone, inside workerd (its own isolate, so the first call fills the caches). */
export async function timeSummaryRepository(toolsUrl, { cabinetId, userId, n = 50 }) {
  const res = await fetch(`${toolsUrl}/time-summary?cabinet=${encodeURIComponent(cabinetId)}&user=${userId}&n=${n}`);
  if (res.status !== 200) return { error: `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}` };
  return res.json();
}
