// Questions (`GET /api/v1/questions`), identity id. Cursor and paging: see reviews.ts.

import { and, eq, isNull, max, min, ne, sql } from "drizzle-orm";

import { questions } from "../../../db/schema";
import { excluded, jsonUpsert } from "../../db/bulk-upsert";
import { wbQuestionToRow } from "../../domain/wb-rows/feedbacks";
import type { WbQuestion } from "../../wb/types";
import { byTier, HOUR_MS, jsonList, MINUTE_MS } from "./common";
import { ANSWER_GRACE_MS, reviewsDataset, type ReviewsSpec } from "./reviews";

/** WB requires take + skip ≤ 10 000: pages of 5000 leave room for one skip. */
export const QUESTIONS_TAKE = 5000;

export const questionsSpec: ReviewsSpec<WbQuestion> = {
  dataset: "questions",
  method: "questionsList",
  take: QUESTIONS_TAKE,
  maxSkip: 10_000 - QUESTIONS_TAKE,
  list: async (ctx, params) => (await ctx.client.questionsList(params)).questions,
  write(db, cabinetId, items, syncedAt, now) {
    const rows = items.map((q) => wbQuestionToRow(cabinetId, q, syncedAt));
    const graceStart = now.getTime() - ANSWER_GRACE_MS;
    return [
      ...jsonUpsert(db, questions, rows, {
        // answered_at follows WB (answer.createDate); who answered is only known to us.
        keep: ["answerSource"],
        where: sql`not (${questions.isAnswered} = 1 and ${excluded(questions.isAnswered)} = 0
                   and ${questions.answerSource} in ('bot', 'dashboard', 'ai') and ${questions.answeredAt} > ${graceStart})`,
      }),
      db
        .update(questions)
        .set({ answerSource: "wb" })
        .where(and(eq(questions.cabinetId, cabinetId), eq(questions.isAnswered, true), isNull(questions.answerSource))),
      db
        .update(questions)
        .set({ answerSource: null })
        .where(and(eq(questions.cabinetId, cabinetId), eq(questions.isAnswered, false), eq(questions.answerSource, "wb"))),
    ];
  },
  async newestCreated(db, cabinetId) {
    const [row] = await db.select({ at: max(questions.createdAt) }).from(questions).where(eq(questions.cabinetId, cabinetId));
    return row?.at ?? null;
  },
  async oldestUnseenUnanswered(db, cabinetId, stamp, seen) {
    const [row] = await db
      .select({ at: min(questions.createdAt) })
      .from(questions)
      .where(
        and(
          eq(questions.cabinetId, cabinetId),
          eq(questions.isAnswered, false),
          ne(questions.syncedAt, new Date(stamp)),
          sql`${questions.id} not in (select value from json_each(${jsonList(seen)}))`,
        ),
      );
    return row?.at ?? null;
  },
  refreshEveryMs: byTier(10 * MINUTE_MS, HOUR_MS),
};

export const questionsDataset = reviewsDataset(questionsSpec);
