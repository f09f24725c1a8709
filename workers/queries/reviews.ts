// Feedbacks and questions: unanswered first, then newest, keyset-paginated on
// (is_answered, created_at, id) — the order of feedbacks_answered_created_idx and
// questions_answered_created_idx, so each page is one index walk.

import { type SQL, and, asc, desc, eq, gt, inArray, lt, or } from "drizzle-orm";

import { type Feedback, type Question, feedbacks, questions } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { type Page, page } from "./orders";

export interface ReviewCursor {
  answered: boolean;
  /** Unix ms. */
  at: number;
  id: string;
}

export interface QuestionFilters {
  answered?: boolean;
  nmId?: number;
  limit: number;
  after?: ReviewCursor;
}

export interface FeedbackFilters extends QuestionFilters {
  ratings?: number[];
}

type ReviewTable = typeof feedbacks | typeof questions;

function keyset(t: ReviewTable, c: ReviewCursor): SQL | undefined {
  const at = new Date(c.at);
  return or(
    gt(t.isAnswered, c.answered),
    and(eq(t.isAnswered, c.answered), or(lt(t.createdAt, at), and(eq(t.createdAt, at), lt(t.id, c.id)))),
  );
}

function common(t: ReviewTable, auth: AuthorizedCabinet, f: QuestionFilters): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [eq(t.cabinetId, auth.cabinet.id)];
  if (f.answered !== undefined) where.push(eq(t.isAnswered, f.answered));
  if (f.nmId !== undefined) where.push(eq(t.nmId, f.nmId));
  if (f.after) where.push(keyset(t, f.after));
  return where;
}

const cursorOf = (r: { isAnswered: boolean; createdAt: Date; id: string }): ReviewCursor => ({
  answered: r.isAnswered,
  at: r.createdAt.getTime(),
  id: r.id,
});

/** The page query, separate so its plan can be checked (test/integration/api-lists.test.ts). */
export function feedbacksQuery(db: Db, auth: AuthorizedCabinet, f: FeedbackFilters) {
  const where = common(feedbacks, auth, f);
  if (f.ratings && f.ratings.length > 0) where.push(inArray(feedbacks.rating, f.ratings));
  return db
    .select()
    .from(feedbacks)
    .where(and(...where))
    .orderBy(asc(feedbacks.isAnswered), desc(feedbacks.createdAt), desc(feedbacks.id))
    .limit(f.limit + 1);
}

export async function listFeedbacks(db: Db, auth: AuthorizedCabinet, f: FeedbackFilters): Promise<Page<Feedback, ReviewCursor>> {
  return page(await feedbacksQuery(db, auth, f), f.limit, cursorOf);
}

export async function listQuestions(db: Db, auth: AuthorizedCabinet, f: QuestionFilters): Promise<Page<Question, ReviewCursor>> {
  const rows = await db
    .select()
    .from(questions)
    .where(and(...common(questions, auth, f)))
    .orderBy(asc(questions.isAnswered), desc(questions.createdAt), desc(questions.id))
    .limit(f.limit + 1);
  return page(rows, f.limit, cursorOf);
}
