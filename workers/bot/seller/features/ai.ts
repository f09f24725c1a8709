// /ai: the assistant in the chat. `/ai <вопрос>` asks at once; `/ai` alone opens chat mode (plain
// texts are questions until another command); `/ai reset` forgets the conversation. The answer is
// worked out after the update is acknowledged (a model may take many seconds, Telegram would
// re-deliver), with the typing indicator kept alive meanwhile, and long answers are split.

import { Composer, InlineKeyboard } from "grammy/web";

import { type AssistantOutcome, askAssistant, assistantUsage, limitMessage, resetAssistant } from "../../../ai/assistant";
import { TOOL_TITLES } from "../../../ai/tools";
import type { AuthorizedCabinet } from "../../../cabinets/access";
import { splitForTelegram } from "../../../domain/ai/telegram-split";
import { fmtDateTime } from "../../format";
import { escapeHtml } from "../../html";
import { t, tPlain } from "../../i18n";
import { type Pending, setPending } from "../../state";
import { activeCabinet, cabinetByRef } from "../access";
import { cabRef, cb } from "../callback-data";
import { type SellerContext, show } from "../context";
import { withMenu } from "../keyboards/menu";
import { noCabinet } from "./common";
import type { Feature } from "./types";

/** Example questions under the /ai screen (their texts are ai-example-N in ru.ftl). */
const EXAMPLES = 3;
/** Telegram shows "typing…" for about 5 seconds per call. */
const TYPING_EVERY_MS = 4_000;

/** The model's text as Telegram HTML: everything escaped, **bold** kept as bold. */
export function answerHtml(text: string): string {
  return escapeHtml(text).replace(/\*\*([^*\n]{1,200})\*\*/g, "<b>$1</b>");
}

function footer(outcome: Extract<AssistantOutcome, { kind: "answered" }>): string {
  const lines: string[] = [];
  const tools = [...new Set(outcome.toolUses.map((u) => TOOL_TITLES[u.name] ?? u.name))];
  if (tools.length > 0) lines.push(tPlain("ai-used-data", { tools: tools.join(", ") }));
  if (outcome.sources.length > 0) lines.push(tPlain("ai-used-sources", { sources: outcome.sources.map((s) => s.title).join("; ") }));
  lines.push(tPlain("ai-remaining", { remaining: outcome.remaining, limit: outcome.limit }));
  return `<i>${escapeHtml(lines.join("\n"))}</i>`;
}

export function outcomeMessages(outcome: AssistantOutcome): string[] {
  switch (outcome.kind) {
    case "answered":
      return splitForTelegram(`${answerHtml(outcome.text)}\n\n${footer(outcome)}`);
    case "limit_reached":
      return [escapeHtml(limitMessage(outcome.limit))];
    case "not_configured":
    case "invalid":
      return [escapeHtml(outcome.message)];
    case "failed":
      return [t("ai-failed", { reason: outcome.message })];
  }
}

/** Keeps "typing…" on screen until `work` settles. */
async function whileTyping<T>(ctx: SellerContext, chatId: number, work: () => Promise<T>): Promise<T> {
  const typing = () => ctx.api.sendChatAction(chatId, "typing").catch(() => undefined);
  await typing();
  const timer = setInterval(() => void typing(), TYPING_EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Runs `work` after the update is acknowledged, with the typing indicator; errors become a message. */
export function inBackground(ctx: SellerContext, work: (chatId: number) => Promise<void>): void {
  const chatId = ctx.chat?.id ?? ctx.from?.id;
  if (chatId === undefined) return;
  ctx.svc.waitUntil(
    whileTyping(ctx, chatId, () => work(chatId)).catch(async (error: unknown) => {
      console.error("seller bot: AI work failed", error instanceof Error ? error.message : error);
      await ctx.api.sendMessage(chatId, t("error-generic")).catch(() => undefined);
    }),
  );
}

export function ask(ctx: SellerContext, auth: AuthorizedCabinet, question: string): void {
  inBackground(ctx, async (chatId) => {
    const outcome = await askAssistant(ctx.svc.env, ctx.svc.db, auth, question, { now: ctx.svc.now() });
    const parts = outcomeMessages(outcome);
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      await ctx.api.sendMessage(chatId, part, last ? { reply_markup: chatKeyboard(auth) } : {});
    }
  });
}

function chatKeyboard(auth: AuthorizedCabinet): InlineKeyboard {
  const cab = cabRef(auth.cabinet.id);
  return withMenu(new InlineKeyboard().text(tPlain("btn-ai-reset"), cb({ a: "ai_reset", cab })));
}

async function chatScreen(ctx: SellerContext, auth: AuthorizedCabinet) {
  const usage = await assistantUsage(ctx.svc.env, ctx.user.id, ctx.svc.now());
  const cab = cabRef(auth.cabinet.id);
  const kb = new InlineKeyboard();
  for (let n = 0; n < EXAMPLES; n++) kb.text(tPlain(`ai-example-${n}`), cb({ a: "ai_ask", cab, n })).row();
  kb.text(tPlain("btn-ai-reset"), cb({ a: "ai_reset", cab }));
  return {
    text: t("ai-intro", { cabinet: auth.cabinet.name, remaining: usage.remaining, limit: usage.limit, resets: fmtDateTime(new Date(usage.resetsAt)) }),
    keyboard: withMenu(kb),
  };
}

async function enterChat(ctx: SellerContext, auth: AuthorizedCabinet): Promise<void> {
  await setPending(ctx.svc.db, ctx.user.id, { kind: "ai_chat", payload: { cabinetId: auth.cabinet.id } }, ctx.svc.now());
  await show(ctx, await chatScreen(ctx, auth));
}

async function reset(ctx: SellerContext, auth: AuthorizedCabinet): Promise<void> {
  await resetAssistant(ctx.svc.env, auth);
  await show(ctx, { text: t("ai-reset-done"), keyboard: withMenu() }, { fresh: true });
}

const commands = new Composer<SellerContext>();
commands.command("ai", async (ctx) => {
  const auth = await activeCabinet(ctx);
  if (!auth) return noCabinet(ctx);
  const question = (typeof ctx.match === "string" ? ctx.match : "").trim();
  if (question === "") return enterChat(ctx, auth);
  if (/^(reset|сброс|очистить)$/i.test(question)) return reset(ctx, auth);
  // Later plain texts continue the conversation.
  await setPending(ctx.svc.db, ctx.user.id, { kind: "ai_chat", payload: { cabinetId: auth.cabinet.id } }, ctx.svc.now());
  ask(ctx, auth, question);
});

/** A plain text in chat mode: the next question (chat mode stays on). */
export async function handleAiText(ctx: SellerContext, pending: Extract<Pending, { kind: "ai_chat" }>, text: string): Promise<void> {
  const auth = await cabinetByRef(ctx, cabRef(pending.payload.cabinetId));
  await setPending(ctx.svc.db, ctx.user.id, { kind: "ai_chat", payload: { cabinetId: auth.cabinet.id } }, ctx.svc.now());
  ask(ctx, auth, text);
}

export const aiFeature: Feature = {
  commands,
  callbacks: {
    ai: async (ctx, data) => enterChat(ctx, await cabinetByRef(ctx, data.cab)),
    ai_ask: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab);
      await setPending(ctx.svc.db, ctx.user.id, { kind: "ai_chat", payload: { cabinetId: auth.cabinet.id } }, ctx.svc.now());
      const question = tPlain(`ai-example-${data.n}`);
      await ctx.api.sendMessage(ctx.chat?.id ?? ctx.user.id, `❓ ${escapeHtml(question)}`);
      ask(ctx, auth, question);
    },
    ai_reset: async (ctx, data) => reset(ctx, await cabinetByRef(ctx, data.cab)),
  },
};
