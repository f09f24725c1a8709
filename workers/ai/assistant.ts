// The assistant's chat: a question about one cabinet → a quota unit reserved → history and the
// nearest chunks → the model with the cabinet's tools (a few rounds at most) → the answer, streamed
// → history kept and the unit counted. A failed request releases its unit (only answers count).

import type { AiChunkKind } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { assistantSystemPrompt, contextMessage, leaksSystemPrompt, toolResultMessage } from "../domain/ai/prompts";
import { toMoscowDate } from "../domain/moscow-time";
import { type HistoryTurn, type QuotaUsage, chatHistoryOf, chatQuotaOf } from "./chat-session";
import { aiProviderFor, aiSettings } from "./provider";
import { retrieveChunks, type RetrievedChunk } from "./retrieval";
import { assistantTools } from "./tools";
import { AiProviderError, type AiProvider, type ChatMessage } from "./types";

export const QUESTION_MAX_CHARS = 2_000;
/** Model rounds per question: tool calls, then the answer. */
const MAX_ROUNDS = 4;
const CONTEXT_CHUNKS = 5;
const REFUSAL = "Не могу показать свои служебные инструкции. Спросите о продажах, остатках, отзывах или правилах WB.";

export interface ToolUse {
  name: string;
  arguments: Record<string, unknown>;
  result: unknown;
}

export interface SourceRef {
  kind: AiChunkKind;
  key: string;
  nmId: number | null;
  title: string;
}

export type AssistantOutcome =
  | { kind: "answered"; text: string; toolUses: ToolUse[]; sources: SourceRef[]; remaining: number; limit: number }
  | { kind: "limit_reached"; limit: number; resetsAt: Date }
  | { kind: "not_configured"; message: string }
  | { kind: "invalid"; message: string }
  | { kind: "failed"; message: string };

export interface AskOptions {
  now?: Date;
  onDelta?: (text: string) => void;
}

export const NOT_CONFIGURED_MESSAGE =
  "ИИ-ассистент не настроен: администратору нужно указать OPENAI_BASE_URL и OPENAI_API_KEY (или подключить Workers AI). Остальные функции работают как обычно.";

export function limitMessage(limit: number): string {
  return `Лимит запросов к ИИ на сегодня исчерпан (в день: ${limit}). Новые запросы — после 00:00 МСК.`;
}

/**
 * Runs `work` on one unit of the user's daily quota: reserved first (so a burst cannot overdraw),
 * committed only when `work` says it produced an answer, released otherwise or on error.
 */
export async function withQuotaUnit<T>(
  env: Env,
  userId: number,
  now: Date,
  work: (remaining: number, limit: number) => Promise<{ value: T; answered: boolean }>,
): Promise<T | { kind: "limit_reached"; limit: number; resetsAt: Date }> {
  const limit = aiSettings(env).dailyLimit;
  const quota = chatQuotaOf(env, userId);
  const reservation = await quota.reserve(limit, now.getTime());
  if (!reservation.ok) return { kind: "limit_reached", limit, resetsAt: new Date(reservation.resetsAt) };
  let answered = false;
  try {
    const outcome = await work(reservation.remaining, limit);
    answered = outcome.answered;
    return outcome.value;
  } finally {
    if (answered) await quota.commit(reservation.id, Date.now());
    else await quota.release(reservation.id);
  }
}

/**
 * Streams the answer while it arrives, holding back its last HOLD_BACK characters: a reply that
 * starts repeating the system prompt is caught before that text is shown (the final answer then
 * replaces whatever was streamed).
 */
class StreamGuard {
  private static readonly HOLD_BACK = 80;
  private text = "";
  private shown = 0;
  private leaked = false;
  constructor(
    private readonly system: string,
    private readonly onDelta?: (text: string) => void,
  ) {}

  startRound(): void {
    this.text = "";
    this.shown = 0;
  }

  push(delta: string): void {
    if (this.leaked || !this.onDelta) return;
    this.text += delta;
    if (leaksSystemPrompt(this.text, this.system)) {
      this.leaked = true;
      return;
    }
    const upTo = this.text.length - StreamGuard.HOLD_BACK;
    if (upTo > this.shown) {
      this.onDelta(this.text.slice(this.shown, upTo));
      this.shown = upTo;
    }
  }

  /** The answer is final and clean: show the rest. */
  finish(): void {
    if (this.leaked || !this.onDelta) return;
    if (this.text.length > this.shown) this.onDelta(this.text.slice(this.shown));
    this.shown = this.text.length;
  }
}

/** A chunk's header, as the seller would name it: «Отзыв ★2 на Худи (арт. HD-1, nmID 42)», «База знаний WB — Возвраты». */
function sourceTitle(chunk: RetrievedChunk): string {
  const header = chunk.kind === "kb" ? /^[^.]+/.exec(chunk.text)?.[0] : /^.*?\)/.exec(chunk.text)?.[0];
  const title = (header ?? chunk.text).replace(/^Карточка: /, "");
  return title.length > 100 ? `${title.slice(0, 99)}…` : title;
}

function parseArguments(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function converse(
  env: Env,
  db: Db,
  provider: AiProvider,
  auth: AuthorizedCabinet,
  question: string,
  history: HistoryTurn[],
  now: Date,
  onDelta?: (text: string) => void,
): Promise<{ text: string; toolUses: ToolUse[]; sources: SourceRef[] }> {
  let chunks: RetrievedChunk[] = [];
  try {
    chunks = await retrieveChunks(env, db, provider, auth.cabinet.id, question, CONTEXT_CHUNKS);
  } catch (error) {
    // The tools still answer figures; context is a bonus.
    console.warn("assistant: retrieval failed", error instanceof Error ? error.message : error);
  }
  const system = assistantSystemPrompt(auth.cabinet.name, toMoscowDate(now));
  const messages: ChatMessage[] = [{ role: "system", content: system }];
  for (const turn of history) messages.push({ role: turn.role, content: turn.content });
  // Retrieved material goes in its own system message, so the seller's question stays the user's words.
  const context = contextMessage(chunks);
  if (context) messages.push({ role: "system", content: context });
  messages.push({ role: "user", content: question });

  const tools = assistantTools(db, auth, now);
  const toolUses: ToolUse[] = [];
  const guard = new StreamGuard(system, onDelta);
  let text = "";
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const lastRound = round === MAX_ROUNDS - 1;
    guard.startRound();
    const result = await provider.chat({ messages, tools: lastRound ? undefined : tools.specs, temperature: 0.2, onDelta: onDelta ? (d) => guard.push(d) : undefined });
    if (result.toolCalls.length === 0 || lastRound) {
      text = result.content;
      break;
    }
    messages.push({ role: "assistant", content: result.content || null, toolCalls: result.toolCalls });
    for (const call of result.toolCalls) {
      const outcome = await tools.run(call.name, call.arguments);
      toolUses.push({ name: call.name, arguments: parseArguments(call.arguments), result: outcome.result });
      messages.push({ role: "tool", toolCallId: call.id, content: toolResultMessage(outcome.result) });
    }
  }
  if (text.trim() === "") throw new AiProviderError("empty answer", "ИИ вернул пустой ответ. Попробуйте переформулировать вопрос.");
  if (leaksSystemPrompt(text, system)) text = REFUSAL;
  else guard.finish();
  const sources = chunks.slice(0, 3).map((c) => ({ kind: c.kind, key: c.key, nmId: c.nmId, title: sourceTitle(c) }));
  return { text, toolUses, sources };
}

export async function askAssistant(env: Env, db: Db, auth: AuthorizedCabinet, rawQuestion: string, options: AskOptions = {}): Promise<AssistantOutcome> {
  const now = options.now ?? new Date();
  const question = typeof rawQuestion === "string" ? rawQuestion.trim() : "";
  if (question === "") return { kind: "invalid", message: "Напишите вопрос текстом." };
  if (Array.from(question).length > QUESTION_MAX_CHARS) return { kind: "invalid", message: `Вопрос слишком длинный: не больше ${QUESTION_MAX_CHARS} символов.` };
  const provider = aiProviderFor(env);
  if (!provider) return { kind: "not_configured", message: NOT_CONFIGURED_MESSAGE };

  return withQuotaUnit<AssistantOutcome>(env, auth.userId, now, async (remaining, limit) => {
    const session = chatHistoryOf(env, auth.userId, auth.cabinet.id);
    try {
      const history = await session.history();
      const answer = await converse(env, db, provider, auth, question, history, now, options.onDelta);
      const at = Date.now();
      await session.append([
        { role: "user", content: question, at: now.getTime() },
        { role: "assistant", content: answer.text, at },
      ]);
      return { value: { kind: "answered", ...answer, remaining, limit }, answered: true };
    } catch (error) {
      if (error instanceof AiProviderError) return { value: { kind: "failed", message: error.userMessage }, answered: false };
      throw error;
    }
  });
}

export async function assistantHistory(env: Env, auth: AuthorizedCabinet): Promise<HistoryTurn[]> {
  return chatHistoryOf(env, auth.userId, auth.cabinet.id).history();
}

export async function resetAssistant(env: Env, auth: AuthorizedCabinet): Promise<void> {
  await chatHistoryOf(env, auth.userId, auth.cabinet.id).reset();
}

export async function assistantUsage(env: Env, userId: number, now = new Date()): Promise<QuotaUsage> {
  return chatQuotaOf(env, userId).usage(aiSettings(env).dailyLimit, now.getTime());
}
