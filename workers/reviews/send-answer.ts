// Sending a seller's answer to a review or a question to WB, at most once per review.
//
// Order of events: claim the row in D1 (claimAnswer: only an unanswered row can be claimed) →
// ask the cabinet's CabinetGate for WB's feedbacks budget → one WB call with a short timeout, no
// retries inside the webhook → on a clear refusal release the claim (the seller may retry); on an
// ambiguous failure (timeout, network) keep it: WB may have the answer, and the sync reconciles
// after its grace period instead of letting a second answer go out.
//
// Used by the bot and the dashboard (the `source` records which). Runs inline: one WB call bounded
// by ANSWER_TIMEOUT_MS keeps a Telegram update well inside Telegram's patience, and the seller
// sees the real outcome at once.

import type { AnswerSource } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import { wbClientForCabinet } from "../cabinets/wb-connection";
import type { Db } from "../db/client";
import { type AnswerTargetKind, claimAnswer, releaseAnswer } from "../queries/review-answers";
import { gateFor, tierOf } from "../sync/gate";
import { WbApiError, WbMalformedResponseError, WbNetworkError, WbTimeoutError } from "../wb/errors";
import type { WbMethodId } from "../wb/methods";

import { ANSWER_MAX_CHARS, ANSWER_MIN_CHARS } from "../domain/answer-limits";

export { ANSWER_MAX_CHARS, ANSWER_MIN_CHARS };
export const ANSWER_TIMEOUT_MS = 8_000;

export type AnswerOutcome =
  | { kind: "sent" }
  | { kind: "too_short" | "too_long" }
  | { kind: "read_only" }
  | { kind: "missing" }
  | { kind: "already_answered"; answerText: string | null }
  | { kind: "rate_limited"; retryAfterMs: number }
  | { kind: "unavailable"; message: string }
  /** WB refused; nothing is recorded, the seller may try again. */
  | { kind: "failed"; message: string }
  /** WB's answer never came back: it may have the answer. Recorded as sent; the sync will check. */
  | { kind: "uncertain"; message: string };

/** Validates, claims, sends. `auth` must carry at least the manager role. */
export async function sendAnswer(
  env: Env,
  db: Db,
  auth: AuthorizedCabinet,
  kind: AnswerTargetKind,
  id: string,
  rawText: string,
  now: Date,
  source: Extract<AnswerSource, "bot" | "dashboard" | "ai"> = "bot",
): Promise<AnswerOutcome> {
  const text = rawText.trim();
  const length = Array.from(text).length;
  if (length < ANSWER_MIN_CHARS) return { kind: "too_short" };
  if (length > ANSWER_MAX_CHARS) return { kind: "too_long" };
  if (auth.cabinet.tokenReadOnly) return { kind: "read_only" };

  const claim = await claimAnswer(db, auth, kind, id, text, source, now);
  if (claim.status === "missing") return { kind: "missing" };
  if (claim.status === "answered") return { kind: "already_answered", answerText: claim.answerText };
  const release = () => releaseAnswer(db, auth, kind, id, claim.at, source);

  const methodId: WbMethodId = kind === "feedback" ? "feedbackAnswer" : "questionAnswer";
  const tier = tierOf(auth.cabinet);
  const gate = gateFor(env, auth.cabinet.id);
  const decision = await gate.acquire([methodId], tier, now.getTime());
  if (!decision.granted) {
    await release();
    return decision.reason === "wait" ? { kind: "rate_limited", retryAfterMs: decision.retryAfterMs } : { kind: "unavailable", message: decision.message };
  }

  const observations: Promise<unknown>[] = [];
  const client = await wbClientForCabinet(env, auth.cabinet, {
    timeoutMs: ANSWER_TIMEOUT_MS,
    maxRetries: 0,
    onRateLimitHeaders: (method, info) => {
      if (method === "ping") return;
      const observation = { status: info.status, remaining: info.remaining, retrySeconds: info.retrySeconds, resetSeconds: info.resetSeconds };
      observations.push(gate.observe(method, tier, observation, Date.now()).catch((error: unknown) => console.warn("answer: gate.observe failed", error)));
    },
  });
  try {
    if (kind === "feedback") await client.answerFeedback(id, text);
    else await client.answerQuestion(id, text);
    return { kind: "sent" };
  } catch (error) {
    if (error instanceof WbMalformedResponseError && error.status >= 200 && error.status < 300) return { kind: "sent" };
    if (error instanceof WbTimeoutError || error instanceof WbNetworkError) return { kind: "uncertain", message: error.userMessage };
    await release();
    if (error instanceof WbApiError) return { kind: "failed", message: error.userMessage };
    throw error;
  } finally {
    await Promise.all(observations);
  }
}
