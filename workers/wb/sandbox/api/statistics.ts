// Statistics API: `/api/v1/supplier/orders` and `/api/v1/supplier/sales` (12-reports.yaml).
//
// Paging is WB's lastChangeDate cursor: pass the last row's lastChangeDate as the next dateFrom,
// stop at []. The spec says rows with lastChangeDate ≥ dateFrom; taken literally, the boundary row
// would come back on every page and the documented loop would never see []. The sandbox therefore
// returns rows strictly after a dateFrom that carries a time, and from 00:00 inclusive for a bare
// date — what a client following the documented loop observes. A page never splits rows that
// share one lastChangeDate second, so the next page's "strictly after" loses nothing.

import { ordersChangedSince, orderRow, visibleOrdersPlaced } from "../orders";
import { saleRow, salesBetween, salesChangedSince } from "../sales";
import { mskDayIndex, mskDayStart, parseWbDate } from "../time";
import { json, type RequestContext } from "../http";

function badRequest(errors: string | string[]): Response {
  // Both shapes are in the spec: responseErrorStatistics ({errors: [..]}) and …2 ({errors: ".."}).
  return json(400, { errors });
}

interface Cursor {
  flag: 0 | 1;
  sinceMs: number;
  dayIndex: number;
}

function parseCursor(url: URL): Cursor | Response {
  const dateFrom = url.searchParams.get("dateFrom");
  if (dateFrom === null || dateFrom === "") return badRequest(["dateFrom: field required"]);
  const parsed = parseWbDate(dateFrom);
  if (!parsed) return badRequest("dateFrom: Value not validated");
  const flagText = url.searchParams.get("flag") ?? "0";
  if (flagText !== "0" && flagText !== "1" && flagText !== "") return badRequest("flag: Value not validated");
  const flag = flagText === "1" ? 1 : 0;
  return { flag, sinceMs: parsed.hasTime ? parsed.ms + 1 : parsed.ms, dayIndex: mskDayIndex(parsed.ms) };
}

/** Cuts a sorted page at `cap` rows without splitting a group of equal lastChangeDate seconds. */
export function cutPage<T>(rows: T[], cap: number, secondOf: (row: T) => number): T[] {
  if (rows.length <= cap) return rows;
  const boundary = secondOf(rows[cap] as T);
  let end = cap;
  while (end > 0 && secondOf(rows[end - 1] as T) === boundary) end--;
  if (end === 0) {
    // One second holds more rows than a page: send the whole second rather than loop forever.
    end = cap;
    while (end < rows.length && secondOf(rows[end] as T) === boundary) end++;
  }
  return rows.slice(0, end);
}

export function ordersHandler(ctx: RequestContext): Response {
  const cursor = parseCursor(ctx.url);
  if (cursor instanceof Response) return cursor;
  if (cursor.flag === 1) {
    const from = mskDayStart(cursor.dayIndex);
    const orders = visibleOrdersPlaced(ctx.world, ctx.nowMs, from, from + 86_400_000);
    return json(200, orders.map((o) => orderRow(o, ctx.nowMs)));
  }
  const changed = ordersChangedSince(ctx.world, ctx.nowMs, cursor.sinceMs);
  const page = cutPage(changed, ctx.limits.statisticsPageRows, (c) => Math.floor(c.lastChangeMs / 1000));
  return json(200, page.map((c) => orderRow(c.order, ctx.nowMs)));
}

export function salesHandler(ctx: RequestContext): Response {
  const cursor = parseCursor(ctx.url);
  if (cursor instanceof Response) return cursor;
  if (cursor.flag === 1) {
    const from = mskDayStart(cursor.dayIndex);
    return json(200, salesBetween(ctx.world, ctx.nowMs, from, from + 86_400_000).map(saleRow));
  }
  const events = salesChangedSince(ctx.world, ctx.nowMs, cursor.sinceMs);
  const page = cutPage(events, ctx.limits.statisticsPageRows, (e) => Math.floor(e.visibleMs / 1000));
  return json(200, page.map(saleRow));
}
