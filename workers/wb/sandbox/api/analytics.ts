// Analytics: current stocks at WB warehouses (11-analytics.yaml) and the asynchronous
// warehouse_remains report (12-reports.yaml: create task → poll status → download).
//
// Report tasks are stateless: the task id is a UUIDv7-shaped value that carries the creation time
// (sandbox clock), the request's grouping and filters, and a seed-keyed check, so any Worker
// isolate can answer status and download without shared memory, and made-up ids are "not found".

import { isRecord, json, readJson, type RequestContext } from "../http";
import { keyOf } from "../random";
import { stockAt, warehouseRemains, wbWarehouseRow, type RemainsFilter, type RemainsGrouping } from "../stocks";
import { HOUR_MS, SECOND_MS } from "../time";

// --- stocks-report/wb-warehouses -----------------------------------------------------------------

function analyticsError(ctx: RequestContext, detail: string): Response {
  return json(400, { title: "Invalid request body", detail, requestId: ctx.requestId(), origin: "analytic-open-api" });
}

function intArray(x: unknown): number[] | null {
  if (x === undefined || x === null) return [];
  return Array.isArray(x) && x.every((v) => typeof v === "number" && Number.isInteger(v)) ? (x as number[]) : null;
}

export async function stocksWbWarehousesHandler(ctx: RequestContext): Promise<Response> {
  const body = await readJson(ctx.request);
  if (!isRecord(body)) return analyticsError(ctx, "code=400, message=invalid: request body (invalid JSON)");
  const nmIds = intArray(body.nmIds);
  const chrtIds = intArray(body.chrtIds);
  if (!nmIds) return analyticsError(ctx, "code=400, message=invalid: nmIds (must be an array of integers)");
  if (!chrtIds) return analyticsError(ctx, "code=400, message=invalid: chrtIds (must be an array of integers)");
  if (nmIds.length > 1000) return analyticsError(ctx, "code=400, message=invalid: nmIds (max 1000 items)");
  const limit = body.limit === undefined ? 250_000 : body.limit;
  const offset = body.offset === undefined ? 0 : body.offset;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > 250_000) return analyticsError(ctx, "code=400, message=invalid: limit (must be from 1 to 250000)");
  if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0) return analyticsError(ctx, "code=400, message=invalid: offset (must not be negative)");
  let rows = stockAt(ctx.world, ctx.nowMs);
  if (nmIds.length > 0) {
    rows = rows.filter((s) => nmIds.includes(s.item.nmID));
    // chrtIds only narrow the cards named in nmIds (the spec's wording).
    if (chrtIds.length > 0) rows = rows.filter((s) => chrtIds.includes(s.size.chrtID));
  }
  rows.sort((a, b) => a.item.nmID - b.item.nmID || a.size.chrtID - b.size.chrtID);
  return json(200, { data: { items: rows.slice(offset, offset + limit).map(wbWarehouseRow) } });
}

// --- warehouse_remains -----------------------------------------------------------------------------

function reportsError(ctx: RequestContext, status: 400 | 404, detail: string): Response {
  const body = { detail, origin: "api-statistics", requestId: ctx.requestId(), title: status === 400 ? "Bad Request" : "Not Found" };
  return status === 404 ? new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/problem+json; charset=utf-8" } }) : json(400, body);
}

const GROUPS = ["groupByBrand", "groupBySubject", "groupBySa", "groupByNm", "groupByBarcode", "groupBySize"] as const;
const LOCALES = ["ru", "en", "zh"] as const;
const PICS = [-1, 0, 1] as const;
const VOLUMES = [-1, 0, 3] as const;

interface TaskOptions {
  groups: boolean[];
  pics: number;
  volume: number;
  locale: number;
}

/** Go's strconv.ParseBool, which WB's parameter binding uses. */
function parseBool(name: string, v: string | null): boolean | string {
  if (v === null) return false;
  if (v === "") return `parameter "${name}" in query has an error: empty value is not allowed`;
  if (["1", "t", "T", "TRUE", "true", "True"].includes(v)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(v)) return false;
  return `parameter "${name}" in query has an error: value ${v}: an invalid boolean: invalid syntax`;
}

function parseTaskOptions(url: URL): TaskOptions | string {
  const groups: boolean[] = [];
  for (const name of GROUPS) {
    const b = parseBool(name, url.searchParams.get(name));
    if (typeof b === "string") return b;
    groups.push(b);
  }
  const pick = (name: string, allowed: readonly number[]): number | string => {
    const v = url.searchParams.get(name);
    if (v === null) return allowed.indexOf(0);
    const i = /^-?\d+$/.test(v) ? allowed.indexOf(Number(v)) : -1;
    return i === -1 ? `parameter "${name}" in query has an error: value ${v}: must be one of ${allowed.join(", ")}` : i;
  };
  const pics = pick("filterPics", PICS);
  if (typeof pics === "string") return pics;
  const volume = pick("filterVolume", VOLUMES);
  if (typeof volume === "string") return volume;
  const localeText = url.searchParams.get("locale") ?? "ru";
  const locale = (LOCALES as readonly string[]).indexOf(localeText);
  if (locale === -1) return `parameter "locale" in query has an error: value ${localeText}: must be one of ru, en, zh`;
  return { groups, pics, volume, locale };
}

function hex(n: number, digits: number): string {
  return n.toString(16).padStart(digits, "0");
}

/** xxxxxxxx-xxxx-7ooo-8ccc-cccccccccccc: 48-bit creation ms, 12 option bits, 60 check bits. */
function encodeTaskId(seed: number, createdMs: number, o: TaskOptions): string {
  const bits = o.groups.reduce((acc, g, i) => acc | (g ? 1 << i : 0), 0) | (o.pics << 6) | (o.volume << 8) | (o.locale << 10);
  const ts = hex(createdMs, 12);
  const opt = hex(bits, 3);
  const check = [0, 1].map((i) => hex(keyOf(seed, "task", ts, opt, i), 8)).join("");
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${opt}-8${check.slice(0, 3)}-${check.slice(3, 15)}`;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function decodeTaskId(ctx: RequestContext, id: string): { createdMs: number; options: TaskOptions } | Response {
  if (!UUID.test(id)) {
    const compact = id.replace(/-/g, "");
    const reason = compact.length !== 32 ? `invalid UUID length: ${id.length}` : "invalid UUID format";
    return reportsError(ctx, 400, `Invalid format for parameter task_id: error unmarshaling '${id}' text as *uuid.UUID: ${reason}`);
  }
  const lower = id.toLowerCase();
  const ts = lower.slice(0, 8) + lower.slice(9, 13);
  const opt = lower.slice(15, 18);
  if (lower[14] !== "7" || encodeTaskId(ctx.world.seed, parseInt(ts, 16), decodeOptions(parseInt(opt, 16))) !== lower) return reportsError(ctx, 404, "not found");
  return { createdMs: parseInt(ts, 16), options: decodeOptions(parseInt(opt, 16)) };
}

function decodeOptions(bits: number): TaskOptions {
  return {
    groups: GROUPS.map((_, i) => (bits & (1 << i)) !== 0),
    pics: (bits >> 6) & 3,
    volume: (bits >> 8) & 3,
    locale: (bits >> 10) & 3,
  };
}

/** new for 2 s, processing until 6 s, then done; WB deletes finished reports after a day. */
function taskStatus(createdMs: number, nowMs: number): "new" | "processing" | "done" | "purged" {
  const age = nowMs - createdMs;
  if (age < 2 * SECOND_MS) return "new";
  if (age < 6 * SECOND_MS) return "processing";
  if (age < 24 * HOUR_MS) return "done";
  return "purged";
}

export function warehouseRemainsCreateHandler(ctx: RequestContext): Response {
  const options = parseTaskOptions(ctx.url);
  if (typeof options === "string") return reportsError(ctx, 400, options);
  return json(200, { data: { taskId: encodeTaskId(ctx.world.seed, ctx.nowMs, options) } });
}

export function warehouseRemainsStatusHandler(ctx: RequestContext): Response {
  const task = decodeTaskId(ctx, ctx.params.task_id ?? "");
  if (task instanceof Response) return task;
  return json(200, { data: { id: (ctx.params.task_id ?? "").toLowerCase(), status: taskStatus(task.createdMs, ctx.nowMs) } });
}

export function warehouseRemainsDownloadHandler(ctx: RequestContext): Response {
  const task = decodeTaskId(ctx, ctx.params.task_id ?? "");
  if (task instanceof Response) return task;
  const status = taskStatus(task.createdMs, ctx.nowMs);
  if (status === "purged") return reportsError(ctx, 404, "not found");
  if (status !== "done") return reportsError(ctx, 400, `report is not ready yet: task status is ${status}`);
  const [brand, subject, sa, nm, barcode, size] = task.options.groups as [boolean, boolean, boolean, boolean, boolean, boolean];
  const grouping: RemainsGrouping = { brand, subject, sa, nm, barcode, size };
  const filter: RemainsFilter = { pics: PICS[task.options.pics] ?? 0, volume: VOLUMES[task.options.volume] ?? 0 };
  // The report shows stock as of the moment the task was created.
  const rows = warehouseRemains(stockAt(ctx.world, task.createdMs), grouping, filter);
  if (rows.length === 0) return new Response(null, { status: 204 });
  return json(200, rows);
}
