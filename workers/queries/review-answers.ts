// Recording an answer to a review or a question before it is sent to WB. The claim is one
// conditional UPDATE (only an unanswered row can be claimed), so two managers, a double tap or a
// re-delivered update can never send two answers to one review. A failed send releases the claim;
// the sync keeps a fresh claim for ANSWER_GRACE_MS and then trusts WB (workers/sync/datasets/reviews.ts).

import { and, eq } from "drizzle-orm";

import { type AnswerSource, feedbacks, questions } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";

export type AnswerTargetKind = "feedback" | "question";

export type ClaimResult = { status: "claimed"; at: Date } | { status: "answered"; answerText: string | null } | { status: "missing" };

export async function claimAnswer(
  db: Db,
  auth: AuthorizedCabinet,
  kind: AnswerTargetKind,
  id: string,
  text: string,
  source: AnswerSource,
  now: Date,
): Promise<ClaimResult> {
  const cabinetId = auth.cabinet.id;
  const set = { isAnswered: true, answerText: text, answerSource: source, answeredAt: now };
  const claimed =
    kind === "feedback"
      ? await db
          .update(feedbacks)
          .set(set)
          .where(and(eq(feedbacks.cabinetId, cabinetId), eq(feedbacks.id, id), eq(feedbacks.isAnswered, false)))
          .returning({ id: feedbacks.id })
      : await db
          .update(questions)
          .set(set)
          .where(and(eq(questions.cabinetId, cabinetId), eq(questions.id, id), eq(questions.isAnswered, false)))
          .returning({ id: questions.id });
  if (claimed.length > 0) return { status: "claimed", at: now };
  const [row] =
    kind === "feedback"
      ? await db.select({ answerText: feedbacks.answerText }).from(feedbacks).where(and(eq(feedbacks.cabinetId, cabinetId), eq(feedbacks.id, id)))
      : await db.select({ answerText: questions.answerText }).from(questions).where(and(eq(questions.cabinetId, cabinetId), eq(questions.id, id)));
  return row ? { status: "answered", answerText: row.answerText } : { status: "missing" };
}

/** Undoes our own claim (only if it is still ours: same source and time), after WB refused the answer. */
export async function releaseAnswer(db: Db, auth: AuthorizedCabinet, kind: AnswerTargetKind, id: string, claimedAt: Date, source: AnswerSource): Promise<void> {
  const cabinetId = auth.cabinet.id;
  const set = { isAnswered: false, answerText: null, answerSource: null, answeredAt: null };
  if (kind === "feedback") {
    await db
      .update(feedbacks)
      .set(set)
      .where(and(eq(feedbacks.cabinetId, cabinetId), eq(feedbacks.id, id), eq(feedbacks.answerSource, source), eq(feedbacks.answeredAt, claimedAt)));
  } else {
    await db
      .update(questions)
      .set(set)
      .where(and(eq(questions.cabinetId, cabinetId), eq(questions.id, id), eq(questions.answerSource, source), eq(questions.answeredAt, claimedAt)));
  }
}

/** One review or question of the cabinet, for the reply prompt. */
export async function getFeedback(db: Db, auth: AuthorizedCabinet, id: string) {
  const [row] = await db.select().from(feedbacks).where(and(eq(feedbacks.cabinetId, auth.cabinet.id), eq(feedbacks.id, id))).limit(1);
  return row ?? null;
}

export async function getQuestion(db: Db, auth: AuthorizedCabinet, id: string) {
  const [row] = await db.select().from(questions).where(and(eq(questions.cabinetId, auth.cabinet.id), eq(questions.id, id))).limit(1);
  return row ?? null;
}
