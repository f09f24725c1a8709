// Orders and sales (WB Statistics): one engine, two datasets (orders.ts, sales.ts).
//
// Cursor shapes (JSON in sync_state.cursor):
// - {phase:"backfill", day, oldest, newest, since}: the first load, one Moscow day per page with
//   flag=1 ("every row of that day"), walking from `newest` (today) back to `oldest`, newest first,
//   so today's and yesterday's numbers are on the dashboard after the first page or two.
//   `since` is when the backfill started, minus OVERLAP_MS, in Moscow time.
// - {phase:"scan", dateFrom, from, since}: the first load for plain BASE tokens, which may call
//   orders once per 3 h and sales once per 2 h: walking 90 days one day per call would take 11
//   days, while one flag=0 call from `from` returns up to ~80 000 rows (the whole window for most
//   sellers). So base tokens scan the lastChangeDate cursor from the window start instead; the
//   backfill is done when the scan reaches `since`.
// - {phase:"incremental", dateFrom}: flag=0, rows with lastChangeDate >= dateFrom; the next
//   dateFrom is the last row's lastChangeDate. The run ends when WB returns [], when a page does
//   not move the cursor (all its rows share dateFrom), or when a page is clearly not full (fewer
//   than FULL_PAGE rows; WB's cap is ~80 000): WB had nothing more when it answered. Without that
//   last rule a base token's run would never end: its calls are 3 h apart, and a live shop always
//   has new rows by then. Ending early loses nothing, since the next run starts from the table.
//   After the backfill it starts at `since`, so changes made while the backfill ran are picked up.
// A new run (cursor null) after the backfill starts at the newest stored lastChangeDate minus
// OVERLAP_MS: the pipeline clears the cursor when a run completes, and the table itself is the
// truth about how far we got. The overlap re-reads rows WB published late (it refreshes every
// 30 min, so a row can appear with a lastChangeDate older than rows already seen).
//
// Every page upserts by identity (srid / saleID; never older over newer lastChangeDate) and then
// rebuilds the daily rollups of the Moscow days the page's rows belong to.

import type { BatchItem } from "drizzle-orm/batch";
import { z } from "zod";

import type { JsonValue } from "../../../db/schema";
import type { Db } from "../../db/client";
import { addDays, daysBetween, moscowDayStart, moscowDaysOf } from "../../domain/calendar-day";
import { parseMoscowDateTime, toMoscowDate, toMoscowIso } from "../../domain/moscow-time";
import type { WbClient } from "../../wb/client";
import type { WbLimitTier } from "../../wb/methods";
import type { DatasetSync, PageResult, SyncContext } from "../dataset";
import { DAY_MS, HOUR_MS, readCursor, tierOf } from "./common";
import { rollupStatements } from "./rollups";

/** Days of history the first load brings (today included). */
export const BACKFILL_DAYS = 90;
const MAX_BACKFILL_DAYS = 366;
/** A flag=0 page with fewer rows than this is the last one (WB returns up to ~80 000). */
export const FULL_PAGE = 10_000;
/** How far before the newest known change a run starts again. */
export const OVERLAP_MS = HOUR_MS;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const WbTime = z.string().refine((s) => {
  try {
    parseMoscowDateTime(s);
    return true;
  } catch {
    return false;
  }
});

const Cursor = z.discriminatedUnion("phase", [
  z.object({ phase: z.literal("backfill"), day: Day, oldest: Day, newest: Day, since: WbTime }),
  z.object({ phase: z.literal("scan"), dateFrom: WbTime, from: WbTime, since: WbTime }),
  z.object({ phase: z.literal("incremental"), dateFrom: WbTime }),
]);
export type StatisticsCursor = z.infer<typeof Cursor>;

export interface StatisticsSpec<W extends { lastChangeDate: string }> {
  dataset: "orders" | "sales";
  method: "orders" | "sales";
  fetch(client: WbClient, dateFrom: string, flag: 0 | 1): Promise<W[]>;
  /** The page's upserts, and the instants (order or sale dates) whose Moscow days it touches. */
  write(db: Db, cabinetId: string, rows: W[]): { statements: BatchItem<"sqlite">[]; dates: Date[] };
  /** The newest stored lastChangeDate of the cabinet, or null for none. */
  newestChange(db: Db, cabinetId: string): Promise<Date | null>;
  refreshEveryMs(tier: WbLimitTier): number;
  /** Rows from which a flag=0 page counts as full (default FULL_PAGE; tests page smaller). */
  fullPage?: number;
}

export function statisticsDataset<W extends { lastChangeDate: string }>(spec: StatisticsSpec<W>): DatasetSync {
  const fullPage = spec.fullPage ?? FULL_PAGE;

  async function start(ctx: SyncContext): Promise<StatisticsCursor> {
    const now = ctx.now.getTime();
    const newest = toMoscowDate(ctx.now);
    // state.backfillFrom is the pipeline's choice; a year bounds the walk if it is ever bogus.
    const windowStart = new Date(
      Math.max((ctx.state.backfillFrom ?? moscowDayStart(addDays(newest, -(BACKFILL_DAYS - 1)))).getTime(), now - MAX_BACKFILL_DAYS * DAY_MS),
    );
    if (!ctx.state.backfillDone) {
      const since = toMoscowIso(new Date(now - OVERLAP_MS));
      const oldest = toMoscowDate(windowStart) > newest ? newest : toMoscowDate(windowStart);
      if (tierOf(ctx.cabinet) === "base") {
        const from = toMoscowIso(moscowDayStart(oldest));
        return { phase: "scan", dateFrom: from, from, since };
      }
      return { phase: "backfill", day: newest, oldest, newest, since };
    }
    const newestChange = await spec.newestChange(ctx.db, ctx.cabinet.id);
    const from = newestChange ? new Date(newestChange.getTime() - OVERLAP_MS) : windowStart;
    // Never further back than WB keeps (and than a first load would have gone).
    return { phase: "incremental", dateFrom: toMoscowIso(new Date(Math.max(from.getTime(), now - BACKFILL_DAYS * DAY_MS))) };
  }

  function page(ctx: SyncContext, rows: W[]): Pick<PageResult, "statements" | "rows"> {
    const { statements, dates } = spec.write(ctx.db, ctx.cabinet.id, rows);
    return { statements: [...statements, ...rollupStatements(ctx.db, ctx.cabinet.id, moscowDaysOf(dates))], rows: rows.length };
  }

  /** The last row's lastChangeDate, if it is later than dateFrom (the page moved the cursor). */
  function advancedTo(rows: W[], dateFrom: string): string | null {
    const last = rows.at(-1);
    if (!last) return null;
    return parseMoscowDateTime(last.lastChangeDate).getTime() > parseMoscowDateTime(dateFrom).getTime() ? last.lastChangeDate : null;
  }

  /** Where a flag=0 walk goes next: null when WB has nothing more (see the header). */
  function nextDateFrom(rows: W[], dateFrom: string): string | null {
    return rows.length < fullPage ? null : advancedTo(rows, dateFrom);
  }

  return {
    dataset: spec.dataset,
    methodsFor: () => [spec.method],
    refreshEveryMs: (tier) => spec.refreshEveryMs(tier),

    async fetchPage(ctx, raw): Promise<PageResult> {
      const cursor = readCursor(Cursor, raw) ?? (await start(ctx));

      switch (cursor.phase) {
        case "backfill": {
          // flag=1 ignores the time part; the date-time form keeps every dateFrom we send alike.
          const rows = await spec.fetch(ctx.client, `${cursor.day}T00:00:00`, 1);
          const total = daysBetween(cursor.oldest, cursor.newest) + 1;
          const done = daysBetween(cursor.day, cursor.newest) + 1;
          const next = addDays(cursor.day, -1);
          const finished = next < cursor.oldest;
          const nextCursor: StatisticsCursor = finished
            ? { phase: "incremental", dateFrom: cursor.since }
            : { ...cursor, day: next };
          return { ...page(ctx, rows), nextCursor, backfillProgress: Math.min(1, done / total), ...(finished ? { backfillDone: true } : {}) };
        }

        case "scan": {
          const rows = await spec.fetch(ctx.client, cursor.dateFrom, 0);
          const to = nextDateFrom(rows, cursor.dateFrom);
          const from = parseMoscowDateTime(cursor.from).getTime();
          const since = parseMoscowDateTime(cursor.since).getTime();
          // Done when WB has nothing more, or the scan passed the moment the backfill began.
          const reached = to === null || parseMoscowDateTime(to).getTime() >= since;
          const progress = reached ? 1 : Math.min(1, Math.max(0, (parseMoscowDateTime(to).getTime() - from) / Math.max(1, since - from)));
          let nextCursor: StatisticsCursor | null;
          if (to === null) nextCursor = null;
          else if (reached) nextCursor = { phase: "incremental", dateFrom: to };
          else nextCursor = { ...cursor, dateFrom: to };
          return { ...page(ctx, rows), nextCursor, backfillProgress: progress, ...(reached ? { backfillDone: true } : {}) };
        }

        case "incremental": {
          const rows = await spec.fetch(ctx.client, cursor.dateFrom, 0);
          const to = nextDateFrom(rows, cursor.dateFrom);
          const nextCursor: JsonValue | null = to === null ? null : { phase: "incremental", dateFrom: to };
          return { ...page(ctx, rows), nextCursor };
        }
      }
    },
  };
}
