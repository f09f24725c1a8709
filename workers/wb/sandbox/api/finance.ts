// Finance API: `POST /api/finance/v1/sales-reports/detailed` (13-finances.yaml). rrdId cursor:
// start at 0, pass the last row's rrdId, repeat until 204.

import { financePage, reportsFor, type ReportPeriod } from "../finance";
import { isRecord, readJson, type RequestContext } from "../http";
import { historyStartMs } from "../orders";
import { mskDayIndex, parseWbDate } from "../time";

function badRequest(ctx: RequestContext, detail: string): Response {
  const body = { status: 400, title: "GetReportDetailByPeriodNB decode error", detail: `GetReportDetailByPeriodNB decode error: ${detail}`, requestId: ctx.requestId(), origin: "open-api-finreports" };
  return new Response(JSON.stringify(body), { status: 400, headers: { "Content-Type": "application/problem+json; charset=utf-8" } });
}

export async function financeDetailedHandler(ctx: RequestContext): Promise<Response> {
  const body = await readJson(ctx.request);
  if (!isRecord(body)) return badRequest(ctx, "invalid request body");
  if (typeof body.dateFrom !== "string" || body.dateFrom === "") return badRequest(ctx, "missing dateFrom params");
  if (typeof body.dateTo !== "string" || body.dateTo === "") return badRequest(ctx, "missing dateTo params");
  const from = parseWbDate(body.dateFrom);
  const to = parseWbDate(body.dateTo);
  if (!from) return badRequest(ctx, `invalid dateFrom: ${body.dateFrom}`);
  if (!to) return badRequest(ctx, `invalid dateTo: ${body.dateTo}`);
  const limit = body.limit === undefined ? 100_000 : body.limit;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > 100_000) return badRequest(ctx, "limit must be from 1 to 100000");
  const rrdId = body.rrdId === undefined ? 0 : body.rrdId;
  if (typeof rrdId !== "number" || !Number.isInteger(rrdId) || rrdId < 0) return badRequest(ctx, "invalid rrdId");
  const period = body.period === undefined ? "weekly" : body.period;
  if (period !== "weekly" && period !== "daily") return badRequest(ctx, `invalid period: ${String(period)}`);
  let fields: string[] | null = null;
  if (body.fields !== undefined) {
    if (!Array.isArray(body.fields) || !body.fields.every((f) => typeof f === "string")) return badRequest(ctx, "invalid fields");
    fields = body.fields as string[];
  }

  const reports = reportsFor(period as ReportPeriod, mskDayIndex(from.ms), mskDayIndex(to.ms), ctx.nowMs, mskDayIndex(historyStartMs(ctx.nowMs)));
  // Rows are ~2 KB of JSON each: a page is capped so a Worker never builds hundreds of MB at once.
  // A smaller page than `limit` is within the contract: clients continue from the last rrdId.
  const rows = financePage(ctx.world, reports, rrdId, Math.min(limit, ctx.limits.financePageRows));
  if (rows.length === 0) return new Response(null, { status: 204 });
  const selected = fields ? rows.map((r) => Object.fromEntries(fields.filter((f) => f in r).map((f) => [f, (r as Record<string, unknown>)[f]]))) : rows;
  return new Response(JSON.stringify(selected), { status: 200, headers: { "Content-Type": "application/json; charset=utf-8" } });
}
