// AI drafts of answers to reviews and questions, and the cabinet's reply settings. A draft is only
// text for the seller to approve; sending goes through workers/reviews/send-answer.ts like any
// answer (its claim makes a second answer to one review impossible, whoever sends it).

import { and, eq } from "drizzle-orm";

import { type AiDraftTarget, type AiReplyDraft, type AiReplyTone, aiReplyDrafts, aiReplySettings } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { ANSWER_MAX_CHARS } from "../domain/answer-limits";
import { finishReply, replySystemPrompt, replyUserPrompt } from "../domain/ai/prompts";
import { getFeedback, getQuestion } from "../queries/review-answers";
import { NOT_CONFIGURED_MESSAGE, withQuotaUnit } from "./assistant";
import { aiProviderFor } from "./provider";
import { AiProviderError, type AiProvider } from "./types";

/** A draft stays well inside WB's limit: long answers read as templates. */
export const DRAFT_MAX_CHARS = Math.min(ANSWER_MAX_CHARS, 1000);
export const SIGNATURE_MAX_CHARS = 200;

export interface ReplySettings {
  tone: AiReplyTone;
  signature: string | null;
  autoSendPositive: boolean;
  autoSendSince: Date | null;
}

export type DraftOutcome =
  | { kind: "drafted"; text: string }
  | { kind: "missing" }
  | { kind: "already_answered"; answerText: string | null }
  | { kind: "limit_reached"; limit: number; resetsAt: Date }
  | { kind: "not_configured"; message: string }
  | { kind: "failed"; message: string };

export async function getReplySettings(db: Db, auth: AuthorizedCabinet): Promise<ReplySettings> {
  return replySettingsOf(db, auth.cabinet.id);
}

/** Settings by cabinet id, for background work that has no user (auto replies). */
export async function replySettingsOf(db: Db, cabinetId: string): Promise<ReplySettings> {
  const [row] = await db.select().from(aiReplySettings).where(eq(aiReplySettings.cabinetId, cabinetId)).limit(1);
  return row
    ? { tone: row.tone, signature: row.signature, autoSendPositive: row.autoSendPositive, autoSendSince: row.autoSendSince }
    : { tone: "friendly", signature: null, autoSendPositive: false, autoSendSince: null };
}

export interface ReplySettingsPatch {
  tone?: AiReplyTone;
  signature?: string | null;
  autoSendPositive?: boolean;
}

/** Manager or owner. Switching auto-send on starts it from now: reviews already there are never auto-answered. */
export async function updateReplySettings(db: Db, auth: AuthorizedCabinet, patch: ReplySettingsPatch, now: Date): Promise<ReplySettings> {
  const current = await getReplySettings(db, auth);
  const signature = patch.signature === undefined ? current.signature : patch.signature?.trim().slice(0, SIGNATURE_MAX_CHARS) || null;
  const autoSendPositive = patch.autoSendPositive ?? current.autoSendPositive;
  const autoSendSince = autoSendPositive ? (current.autoSendPositive ? current.autoSendSince ?? now : now) : null;
  const next = { tone: patch.tone ?? current.tone, signature, autoSendPositive, autoSendSince };
  await db
    .insert(aiReplySettings)
    .values({ cabinetId: auth.cabinet.id, ...next, updatedBy: auth.userId, updatedAt: now })
    .onConflictDoUpdate({ target: aiReplySettings.cabinetId, set: { ...next, updatedBy: auth.userId, updatedAt: now } });
  return next;
}

export async function getDraft(db: Db, auth: AuthorizedCabinet, target: AiDraftTarget, id: string): Promise<AiReplyDraft | null> {
  const [row] = await db
    .select()
    .from(aiReplyDrafts)
    .where(and(eq(aiReplyDrafts.cabinetId, auth.cabinet.id), eq(aiReplyDrafts.targetKind, target), eq(aiReplyDrafts.targetId, id)))
    .limit(1);
  return row ?? null;
}

/** The seller approved and sent the draft (sendAnswer said sent or uncertain). */
export async function markDraftSent(db: Db, auth: AuthorizedCabinet, target: AiDraftTarget, id: string, now: Date): Promise<void> {
  await db
    .update(aiReplyDrafts)
    .set({ status: "sent", sentAt: now, error: null })
    .where(and(eq(aiReplyDrafts.cabinetId, auth.cabinet.id), eq(aiReplyDrafts.targetKind, target), eq(aiReplyDrafts.targetId, id)));
}

/** What the model is asked for one review or question; null when it is gone or answered. */
async function replyInput(db: Db, auth: AuthorizedCabinet, target: AiDraftTarget, id: string) {
  if (target === "feedback") {
    const f = await getFeedback(db, auth, id);
    if (!f) return { kind: "missing" as const };
    if (f.isAnswered) return { kind: "already_answered" as const, answerText: f.answerText };
    return { kind: "ok" as const, productName: f.productName, rating: f.rating, text: f.text ?? "", pros: f.pros, cons: f.cons };
  }
  const q = await getQuestion(db, auth, id);
  if (!q) return { kind: "missing" as const };
  if (q.isAnswered) return { kind: "already_answered" as const, answerText: q.answerText };
  return { kind: "ok" as const, productName: q.productName, rating: null, text: q.text, pros: null, cons: null };
}

/** One draft from the model, with the cabinet's tone and signature, within WB's limits. */
export async function composeReply(
  provider: AiProvider,
  settings: ReplySettings,
  target: AiDraftTarget,
  input: { productName: string | null; rating: number | null; text: string; pros: string | null; cons: string | null },
): Promise<string> {
  const prompt = { ...input, kind: target, tone: settings.tone, signature: settings.signature, maxChars: DRAFT_MAX_CHARS };
  const result = await provider.chat({
    messages: [
      { role: "system", content: replySystemPrompt(prompt) },
      { role: "user", content: replyUserPrompt(prompt) },
    ],
    temperature: 0.6,
    maxTokens: 600,
  });
  const text = finishReply(result.content, settings.signature, DRAFT_MAX_CHARS);
  if (Array.from(text).length < 2) throw new AiProviderError("empty draft", "ИИ вернул пустой черновик. Попробуйте ещё раз.");
  return text;
}

export async function saveDraft(db: Db, cabinetId: string, target: AiDraftTarget, id: string, text: string, userId: number | null, now: Date): Promise<void> {
  await db
    .insert(aiReplyDrafts)
    .values({ cabinetId, targetKind: target, targetId: id, text, status: "draft", createdBy: userId, createdAt: now })
    .onConflictDoUpdate({
      target: [aiReplyDrafts.cabinetId, aiReplyDrafts.targetKind, aiReplyDrafts.targetId],
      set: { text, status: "draft", createdBy: userId, createdAt: now, sentAt: null, error: null },
    });
}

/** A new draft for the seller to approve (manager or owner); one unit of the user's daily quota. */
export async function draftAnswer(env: Env, db: Db, auth: AuthorizedCabinet, target: AiDraftTarget, id: string, options: { now?: Date } = {}): Promise<DraftOutcome> {
  const now = options.now ?? new Date();
  const provider = aiProviderFor(env);
  if (!provider) return { kind: "not_configured", message: NOT_CONFIGURED_MESSAGE };
  const input = await replyInput(db, auth, target, id);
  if (input.kind !== "ok") return input;
  const settings = await getReplySettings(db, auth);
  return withQuotaUnit<DraftOutcome>(env, auth.userId, now, async () => {
    try {
      const text = await composeReply(provider, settings, target, input);
      await saveDraft(db, auth.cabinet.id, target, id, text, auth.userId, now);
      return { value: { kind: "drafted", text }, answered: true };
    } catch (error) {
      if (error instanceof AiProviderError) return { value: { kind: "failed", message: error.userMessage }, answered: false };
      throw error;
    }
  });
}
