// Automatic answers to new 4–5★ reviews, where the cabinet's seller switched it on. Only reviews
// written after the switch (never the history), only 4–5★ (1–3★ always wait for the seller), a few
// per run and a daily cap per cabinet; every answer goes through sendAnswer, whose claim on the
// review row makes a second answer impossible even if two runs overlap.

import { and, asc, eq, gte, inArray, isNull, notExists, or, sql } from "drizzle-orm";

import { aiReplyDrafts, cabinetMembers, cabinets, feedbacks } from "../../db/schema";
import { requireCabinetAccess } from "../cabinets/access";
import type { Db } from "../db/client";
import { moscowDayStart } from "../domain/calendar-day";
import { toMoscowDate } from "../domain/moscow-time";
import { sendAnswer } from "../reviews/send-answer";
import { aiProviderFor } from "./provider";
import { composeReply, replySettingsOf } from "./review-drafts";
import { AiProviderError } from "./types";

export const AUTO_REPLIES_PER_RUN = 5;
export const AUTO_REPLIES_PER_DAY = 100;
/** Lowest rating answered without the seller. */
export const AUTO_REPLY_MIN_RATING = 4;

export interface AutoReplyRun {
  sent: number;
  failed: number;
  /** More reviews are waiting (the caller schedules another run). */
  more: boolean;
  /** WB's answer budget is spent for now: the next run should wait this long. */
  retryAfterMs?: number;
}

/** A wait for WB's answer budget this short is taken inside the run (3 answers a second on personal tokens). */
const INLINE_WAIT_MS = 2_000;

export async function runAutoReplies(env: Env, db: Db, cabinetId: string, now: Date): Promise<AutoReplyRun> {
  const none = { sent: 0, failed: 0, more: false };
  const provider = aiProviderFor(env);
  if (!provider) return none;
  const settings = await replySettingsOf(db, cabinetId);
  if (!settings.autoSendPositive || !settings.autoSendSince) return none;
  const [owner] = await db
    .select({ userId: cabinetMembers.userId, status: cabinets.status })
    .from(cabinetMembers)
    .innerJoin(cabinets, eq(cabinets.id, cabinetMembers.cabinetId))
    .where(and(eq(cabinetMembers.cabinetId, cabinetId), eq(cabinetMembers.role, "owner")))
    .limit(1);
  if (!owner || owner.status !== "active") return none;
  // The owner's access, checked the one usual way: the answers go out in the cabinet's name.
  const auth = await requireCabinetAccess(db, owner.userId, cabinetId, "manager");

  const dayStart = moscowDayStart(toMoscowDate(now));
  const [today] = await db
    .select({ n: sql<number>`count(*)` })
    .from(aiReplyDrafts)
    .where(and(eq(aiReplyDrafts.cabinetId, cabinetId), inArray(aiReplyDrafts.status, ["auto_sent", "failed"]), isNull(aiReplyDrafts.createdBy), gte(aiReplyDrafts.createdAt, dayStart)));
  const budget = Math.min(AUTO_REPLIES_PER_RUN, AUTO_REPLIES_PER_DAY - (today?.n ?? 0));
  if (budget <= 0) return { ...none, more: false };

  const candidates = db
    .select({ id: feedbacks.id, productName: feedbacks.productName, rating: feedbacks.rating, text: feedbacks.text, pros: feedbacks.pros, cons: feedbacks.cons })
    .from(feedbacks)
    .where(
      and(
        eq(feedbacks.cabinetId, cabinetId),
        eq(feedbacks.isAnswered, false),
        gte(feedbacks.rating, AUTO_REPLY_MIN_RATING),
        gte(feedbacks.createdAt, settings.autoSendSince),
        // A review whose automatic answer failed is left to the seller, not retried forever.
        notExists(
          db
            .select({ one: sql`1` })
            .from(aiReplyDrafts)
            .where(
              and(
                eq(aiReplyDrafts.cabinetId, feedbacks.cabinetId),
                eq(aiReplyDrafts.targetKind, "feedback"),
                eq(aiReplyDrafts.targetId, feedbacks.id),
                or(eq(aiReplyDrafts.status, "failed"), eq(aiReplyDrafts.status, "auto_sent")),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(feedbacks.createdAt));
  const batch = await candidates.limit(budget + 1);
  let sent = 0;
  let failed = 0;
  for (const review of batch.slice(0, budget)) {
    if (review.rating < AUTO_REPLY_MIN_RATING) continue;
    let text: string;
    try {
      text = await composeReply(provider, settings, "feedback", { ...review, text: review.text ?? "" });
    } catch (error) {
      if (error instanceof AiProviderError) return { sent, failed, more: true }; // the provider is down: try again later
      throw error;
    }
    let outcome = await sendAnswer(env, db, auth, "feedback", review.id, text, new Date(), "ai");
    for (let attempt = 0; outcome.kind === "rate_limited" && outcome.retryAfterMs <= INLINE_WAIT_MS && attempt < 3; attempt++) {
      await new Promise((r) => setTimeout(r, outcome.kind === "rate_limited" ? outcome.retryAfterMs : 0));
      outcome = await sendAnswer(env, db, auth, "feedback", review.id, text, new Date(), "ai");
    }
    if (outcome.kind === "rate_limited") return { sent, failed, more: true, retryAfterMs: outcome.retryAfterMs };
    const ok = outcome.kind === "sent" || outcome.kind === "uncertain";
    if (outcome.kind === "already_answered" || outcome.kind === "missing") continue;
    const error = ok ? null : "message" in outcome ? outcome.message : `WB не принял ответ (${outcome.kind}).`;
    await db
      .insert(aiReplyDrafts)
      .values({ cabinetId, targetKind: "feedback", targetId: review.id, text, status: ok ? "auto_sent" : "failed", createdBy: null, createdAt: now, sentAt: ok ? now : null, error })
      .onConflictDoUpdate({
        target: [aiReplyDrafts.cabinetId, aiReplyDrafts.targetKind, aiReplyDrafts.targetId],
        set: { text, status: ok ? "auto_sent" : "failed", createdBy: null, createdAt: now, sentAt: ok ? now : null, error },
      });
    if (ok) sent++;
    else failed++;
  }
  return { sent, failed, more: batch.length > budget && budget + (today?.n ?? 0) < AUTO_REPLIES_PER_DAY };
}
