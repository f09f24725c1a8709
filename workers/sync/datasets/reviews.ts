// Feedbacks and questions (Feedbacks & questions API): one engine, two datasets.
//
// Cursor: {list, skip, dateTo, dateFrom, stamp, newest}
// - list "unanswered" first (always read whole: it is short, and it is what the seller acts on),
//   then "answered" from `dateFrom`; newest first (order=dateDesc), take/skip paging.
// - `newest`: the newest stored createdDate at the run's start, minus OVERLAP_S (unix seconds), or
//   null on the first run, which reads every answered item.
// - `dateFrom` of the answered list: `newest`, moved back to the oldest item we had as unanswered
//   that the unanswered list no longer shows — it was answered elsewhere (in WB's portal), and
//   reading the answered list from its date brings the answer in. Bounded by STALE_LOOKBACK_MS
//   so an item that left both lists (archived, deleted) cannot drag every run back forever.
// - skip is bounded by WB (feedbacks: skip ≤ 199 990; questions: take + skip ≤ 10 000). When the
//   next skip would pass it, paging continues in a narrower window: dateTo = the last item's
//   createdDate + 1 s and skip 0 (newest first, so everything older is still ahead; items of that
//   one second are read twice, harmlessly).
// - `stamp` (the run's start, ms) is every row's synced_at, which is how the answered-list start
//   finds unanswered rows the run did not see.
//
// Answers we post ourselves are written by the answering code (answer_source bot/dashboard/ai,
// answered_at). The sync never overwrites answer_source, and for ANSWER_GRACE_MS it does not turn
// such a row back to unanswered: WB may still list it as unanswered for a while.

import type { BatchItem } from "drizzle-orm/batch";
import { z } from "zod";

import type { Db } from "../../db/client";
import { parseMoscowDateTime } from "../../domain/moscow-time";
import type { WbLimitTier, WbMethodId } from "../../wb/methods";
import type { DatasetSync, PageResult, SyncContext } from "../dataset";
import { DAY_MS, HOUR_MS, readCursor } from "./common";

export const OVERLAP_S = 60 * 60;
export const STALE_LOOKBACK_MS = 90 * DAY_MS;
export const ANSWER_GRACE_MS = HOUR_MS;

const Cursor = z.object({
  list: z.enum(["unanswered", "answered"]),
  skip: z.number().int().nonnegative(),
  dateTo: z.number().int().nullable(),
  dateFrom: z.number().int().nullable(),
  stamp: z.number().int(),
  newest: z.number().int().nullable(),
});
type ReviewsCursor = z.infer<typeof Cursor>;

export interface ListParams {
  isAnswered: boolean;
  take: number;
  skip: number;
  order: "dateDesc";
  dateFrom?: number;
  dateTo?: number;
}

export interface ReviewsSpec<W extends { id: string; createdDate?: string }> {
  dataset: "feedbacks" | "questions";
  method: WbMethodId;
  take: number;
  /** The largest skip WB accepts with `take`. */
  maxSkip: number;
  list(ctx: SyncContext, params: ListParams): Promise<W[]>;
  /** Upserts (syncedAt = the run's stamp) and the answer-source bookkeeping. */
  write(db: Db, cabinetId: string, items: W[], syncedAt: Date, now: Date): BatchItem<"sqlite">[];
  newestCreated(db: Db, cabinetId: string): Promise<Date | null>;
  /** The oldest row stored as unanswered that this run has not seen (synced_at ≠ stamp, not in `seen`). */
  oldestUnseenUnanswered(db: Db, cabinetId: string, stamp: number, seen: string[]): Promise<Date | null>;
  refreshEveryMs(tier: WbLimitTier): number;
}

const unix = (date: Date) => Math.floor(date.getTime() / 1000);

export function reviewsDataset<W extends { id: string; createdDate?: string }>(spec: ReviewsSpec<W>): DatasetSync {
  async function start(ctx: SyncContext): Promise<ReviewsCursor> {
    const newest = await spec.newestCreated(ctx.db, ctx.cabinet.id);
    return { list: "unanswered", skip: 0, dateTo: null, dateFrom: null, stamp: ctx.now.getTime(), newest: newest ? unix(newest) - OVERLAP_S : null };
  }

  /** Where the list goes next, or null when it is exhausted. */
  function nextInList(cursor: ReviewsCursor, items: W[]): ReviewsCursor | null {
    if (items.length < spec.take) return null;
    if (cursor.skip + spec.take <= spec.maxSkip) return { ...cursor, skip: cursor.skip + spec.take };
    const created = items.at(-1)?.createdDate;
    if (!created) return null;
    const dateTo = unix(parseMoscowDateTime(created)) + 1;
    // More than a whole page in one second cannot be paged by date: stop rather than loop.
    if (cursor.dateTo !== null && dateTo >= cursor.dateTo) return null;
    return { ...cursor, skip: 0, dateTo };
  }

  async function answeredFrom(ctx: SyncContext, cursor: ReviewsCursor, seen: string[]): Promise<number | null> {
    if (cursor.newest === null) return null;
    const unseen = await spec.oldestUnseenUnanswered(ctx.db, ctx.cabinet.id, cursor.stamp, seen);
    if (!unseen) return cursor.newest;
    const bound = unix(new Date(ctx.now.getTime() - STALE_LOOKBACK_MS));
    return Math.min(cursor.newest, Math.max(unix(unseen), bound));
  }

  return {
    dataset: spec.dataset,
    methodsFor: () => [spec.method],
    refreshEveryMs: (tier) => spec.refreshEveryMs(tier),

    async fetchPage(ctx, raw): Promise<PageResult> {
      const cursor = readCursor(Cursor, raw) ?? (await start(ctx));
      const items = await spec.list(ctx, {
        isAnswered: cursor.list === "answered",
        take: spec.take,
        skip: cursor.skip,
        order: "dateDesc",
        ...(cursor.list === "answered" && cursor.dateFrom !== null ? { dateFrom: cursor.dateFrom } : {}),
        ...(cursor.dateTo !== null ? { dateTo: cursor.dateTo } : {}),
      });
      const statements = spec.write(ctx.db, ctx.cabinet.id, items, new Date(cursor.stamp), ctx.now);

      let nextCursor: ReviewsCursor | null = nextInList(cursor, items);
      if (nextCursor === null && cursor.list === "unanswered") {
        const dateFrom = await answeredFrom(
          ctx,
          cursor,
          items.map((i) => i.id),
        );
        nextCursor = { ...cursor, list: "answered", skip: 0, dateTo: null, dateFrom };
      }
      return { statements, rows: items.length, nextCursor };
    },
  };
}
