// Finance realization report detail (`POST finance-api …/sales-reports/detailed`), identity rrdId.
//
// Cursor: {dateFrom, dateTo, rrdId} — the report-period window ('YYYY-MM-DD', Moscow days) and the
// rrdId cursor (0 first, then the last row's rrdId). The run ends when WB answers 204 (the client
// returns null) or a page does not move the cursor. A new run's window: the last 90 days when the
// cabinet has no rows yet, otherwise from the newest stored rr_date minus 7 days (WB publishes
// weekly reports, and late corrections land in recent ones) to today.
// Weekly reports only: daily reports are preliminary versions of the same operations under other
// rrdIds, so storing both would count every operation twice.

import { eq, max } from "drizzle-orm";
import { z } from "zod";

import { financeReportRows } from "../../../db/schema";
import { jsonUpsert } from "../../db/bulk-upsert";
import { addDays } from "../../domain/calendar-day";
import { toMoscowDate } from "../../domain/moscow-time";
import { wbFinanceRowToRow } from "../../domain/wb-rows/finance";
import type { DatasetSync, PageResult, SyncContext } from "../dataset";
import { byTier, HOUR_MS, readCursor } from "./common";

export const FINANCE_FIRST_WINDOW_DAYS = 90;
export const FINANCE_REREAD_DAYS = 7;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Cursor = z.object({ dateFrom: Day, dateTo: Day, rrdId: z.number().int().nonnegative() });
type FinanceCursor = z.infer<typeof Cursor>;

async function start(ctx: SyncContext): Promise<FinanceCursor> {
  const today = toMoscowDate(ctx.now);
  const [row] = await ctx.db
    .select({ day: max(financeReportRows.rrDate) })
    .from(financeReportRows)
    .where(eq(financeReportRows.cabinetId, ctx.cabinet.id));
  const last = row?.day ?? null;
  const dateFrom = last ? addDays(last, -FINANCE_REREAD_DAYS) : addDays(today, -FINANCE_FIRST_WINDOW_DAYS);
  return { dateFrom: dateFrom > today ? today : dateFrom, dateTo: today, rrdId: 0 };
}

export const financeDataset: DatasetSync = {
  dataset: "finance",
  methodsFor: () => ["financeSalesReportDetailed"],
  // workers/wb/limits.ts: 1/min; base 2 per 24 h. Reports are weekly, so hours do not matter.
  refreshEveryMs: byTier(6 * HOUR_MS, 12 * HOUR_MS),

  async fetchPage(ctx, raw): Promise<PageResult> {
    const cursor = readCursor(Cursor, raw) ?? (await start(ctx));
    const rows = await ctx.client.financeSalesReportDetailed({
      dateFrom: cursor.dateFrom,
      dateTo: cursor.dateTo,
      rrdId: cursor.rrdId,
      period: "weekly",
    });
    const last = rows?.at(-1);
    if (!rows || !last) return { statements: [], rows: 0, nextCursor: null };
    return {
      statements: jsonUpsert(
        ctx.db,
        financeReportRows,
        rows.map((r) => wbFinanceRowToRow(ctx.cabinet.id, r, ctx.now)),
      ),
      rows: rows.length,
      nextCursor: last.rrdId > cursor.rrdId ? { ...cursor, rrdId: last.rrdId } : null,
    };
  },
};
