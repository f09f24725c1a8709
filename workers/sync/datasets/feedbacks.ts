// Feedbacks (`GET /api/v1/feedbacks`), identity id. Cursor and paging: see reviews.ts.

import { and, eq, isNull, max, min, ne, sql } from "drizzle-orm";

import { feedbacks } from "../../../db/schema";
import { excluded, jsonUpsert } from "../../db/bulk-upsert";
import { wbFeedbackToRow } from "../../domain/wb-rows/feedbacks";
import type { WbFeedback } from "../../wb/types";
import { byTier, HOUR_MS, jsonList, MINUTE_MS } from "./common";
import { ANSWER_GRACE_MS, reviewsDataset, type ReviewsSpec } from "./reviews";

export const FEEDBACKS_TAKE = 5000;

export const feedbacksSpec: ReviewsSpec<WbFeedback> = {
  dataset: "feedbacks",
  method: "feedbacksList",
  take: FEEDBACKS_TAKE,
  maxSkip: 199_990,
  list: async (ctx, params) => (await ctx.client.feedbacksList(params)).feedbacks,
  write(db, cabinetId, items, syncedAt, now) {
    const rows = items.map((f) => wbFeedbackToRow(cabinetId, f, syncedAt));
    const graceStart = now.getTime() - ANSWER_GRACE_MS;
    return [
      ...jsonUpsert(db, feedbacks, rows, {
        // WB does not report who answered or when: what the answering code recorded stays.
        keep: ["answeredAt", "answerSource"],
        where: sql`not (${feedbacks.isAnswered} = 1 and ${excluded(feedbacks.isAnswered)} = 0
                   and ${feedbacks.answerSource} in ('bot', 'dashboard', 'ai') and ${feedbacks.answeredAt} > ${graceStart})`,
      }),
      // Answered elsewhere since we last saw it unanswered (kept columns are not updated above).
      db
        .update(feedbacks)
        .set({ answerSource: "wb" })
        .where(and(eq(feedbacks.cabinetId, cabinetId), eq(feedbacks.isAnswered, true), isNull(feedbacks.answerSource))),
      db
        .update(feedbacks)
        .set({ answerSource: null })
        .where(and(eq(feedbacks.cabinetId, cabinetId), eq(feedbacks.isAnswered, false), eq(feedbacks.answerSource, "wb"))),
    ];
  },
  async newestCreated(db, cabinetId) {
    const [row] = await db.select({ at: max(feedbacks.createdAt) }).from(feedbacks).where(eq(feedbacks.cabinetId, cabinetId));
    return row?.at ?? null;
  },
  async oldestUnseenUnanswered(db, cabinetId, stamp, seen) {
    const [row] = await db
      .select({ at: min(feedbacks.createdAt) })
      .from(feedbacks)
      .where(
        and(
          eq(feedbacks.cabinetId, cabinetId),
          eq(feedbacks.isAnswered, false),
          ne(feedbacks.syncedAt, new Date(stamp)),
          sql`${feedbacks.id} not in (select value from json_each(${jsonList(seen)}))`,
        ),
      );
    return row?.at ?? null;
  },
  // The whole category shares one bucket: 3/s (burst 6); base 5 per hour for both datasets.
  refreshEveryMs: byTier(10 * MINUTE_MS, HOUR_MS),
};

export const feedbacksDataset = reviewsDataset(feedbacksSpec);
