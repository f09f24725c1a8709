// /connect: a WB token typed into the chat (deleted from the chat at once) or the demo cabinet.
// The reply says what the token allows, how its type limits the refresh rate, and when it expires.

import { Composer, GrammyError, InlineKeyboard } from "grammy/web";

import { connectCabinet } from "../../../cabinets/connect";
import { connectDemoCabinetFor } from "../../../cabinets/demo-for-user";
import { wbConnectionFor } from "../../../cabinets/wb-connection";
import type { TokenWarning } from "../../../domain/token-warnings";
import { ProblemError } from "../../../http/problem";
import { syncNow } from "../../../jobs/sync-now";
import { DATASETS } from "../../../sync/datasets";
import { WB_CATEGORY_LABELS } from "../../../wb/categories";
import type { WbTokenInfo } from "../../../wb/token";
import { limitTierOf } from "../../../wb/token";
import { fmtDayFull, safe } from "../../format";
import { escapeHtml } from "../../html";
import { t, tPlain } from "../../i18n";
import { clearPending, setActiveCabinet, setPending } from "../../state";
import { cabRef, cb } from "../callback-data";
import { type SellerContext, show } from "../context";
import { mainMenuKeyboard } from "../keyboards/menu";
import type { Feature } from "./types";

/** Three base64url segments: what a WB API token (a JWT) looks like. */
const JWT_RE = /^[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/;

export function looksLikeWbToken(text: string): boolean {
  const s = text.trim();
  return s.length >= 60 && s.length <= 4096 && JWT_RE.test(s);
}

export async function connectPrompt(ctx: SellerContext): Promise<void> {
  await setPending(ctx.svc.db, ctx.user.id, { kind: "wb_token" }, ctx.svc.now());
  const kb = new InlineKeyboard();
  if (ctx.svc.env.WB_SANDBOX === "1") kb.text(tPlain("btn-demo"), cb({ a: "demo" })).row();
  kb.text(tPlain("btn-cancel"), cb({ a: "cancel" }));
  await show(ctx, { text: t("connect-prompt"), keyboard: kb });
}

/** «раз в 5 мин» / «раз в час» for a refresh interval. */
function every(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return tPlain("every-minutes", { n: minutes });
  return tPlain("every-hours", { n: Math.round(minutes / 60) });
}

function warningsBlock(warnings: readonly TokenWarning[]): string {
  if (warnings.length === 0) return "";
  return t("connect-warnings", { list: safe(warnings.map((w) => `• ${escapeHtml(w.message)}`).join("\n")) });
}

/** What a token allows and how its type limits the sync, for the seller. */
export function tokenFacts(info: Pick<WbTokenInfo, "type" | "categories" | "readOnly" | "expiresAt">, hasClientSecret: boolean): string {
  const tier = limitTierOf(info.type, hasClientSecret);
  return t("token-facts", {
    type: tPlain(`token-type-${info.type}`),
    expires: info.expiresAt ? tPlain("token-expires", { date: fmtDayFull(info.expiresAt.toISOString().slice(0, 10)) }) : tPlain("token-no-expiry"),
    categories: info.categories.map((c) => WB_CATEGORY_LABELS[c]).join(", ") || "—",
    readOnly: info.readOnly ? 1 : 0,
    ordersEvery: every(DATASETS.orders.refreshEveryMs(tier)),
    stocksEvery: every(DATASETS.stocks.refreshEveryMs(tier)),
    reviewsEvery: every(DATASETS.feedbacks.refreshEveryMs(tier)),
  });
}

/** Starts the first sync right away instead of at the next cron tick; failures only delay it. */
function startFirstSync(ctx: SellerContext, cabinetId: string): void {
  ctx.svc.waitUntil(syncNow(ctx.svc.env, cabinetId).catch((error: unknown) => console.warn("bot: first sync could not be enqueued", error)));
}

export async function connectDemo(ctx: SellerContext): Promise<void> {
  const { cabinet, created } = await connectDemoCabinetFor(ctx.svc.db, ctx.svc.env, ctx.user.id, ctx.svc.origin);
  await clearPending(ctx.svc.db, ctx.user.id);
  await setActiveCabinet(ctx.svc.db, ctx.user.id, cabinet.id);
  ctx.botState.activeCabinetId = cabinet.id;
  if (created) startFirstSync(ctx, cabinet.id);
  await show(ctx, { text: t(created ? "demo-connected" : "demo-again", { cabinet: cabinet.name }), keyboard: mainMenuKeyboard(cabinet.id) });
}

/** A message that holds a WB token: delete it from the chat first, then connect. */
export async function handleTokenText(ctx: SellerContext, text: string): Promise<void> {
  let deleted = true;
  try {
    await ctx.deleteMessage();
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    deleted = false;
  }
  const progress = await ctx.reply(t("connect-checking", { deleted: deleted ? 1 : 0 }));
  const edit = (body: string, keyboard?: InlineKeyboard) =>
    ctx.api.editMessageText(progress.chat.id, progress.message_id, body, { reply_markup: keyboard }).catch(async (error: unknown) => {
      if (!(error instanceof GrammyError)) throw error;
      await ctx.reply(body, { reply_markup: keyboard });
    });

  const { env, db } = ctx.svc;
  const connection = wbConnectionFor(env, null);
  const clientSecret = env.WB_CLIENT_SECRET || undefined;
  try {
    const connected = await connectCabinet(db, {
      userId: ctx.user.id,
      token: text,
      wbApiBase: connection.apiBase ?? null,
      fetch: connection.fetch,
      encryptionKey: env.ENCRYPTION_KEY,
      clientSecret,
      now: ctx.svc.now(),
    });
    await clearPending(db, ctx.user.id);
    await setActiveCabinet(db, ctx.user.id, connected.cabinet.id);
    ctx.botState.activeCabinetId = connected.cabinet.id;
    startFirstSync(ctx, connected.cabinet.id);
    const body = [
      t("connect-done", { cabinet: connected.cabinet.name }),
      tokenFacts(connected.token, Boolean(clientSecret)),
      warningsBlock(connected.warnings),
      t("connect-next"),
    ]
      .filter(Boolean)
      .join("\n\n");
    const kb = new InlineKeyboard()
      .text(tPlain("btn-sync"), cb({ a: "sync", cab: cabRef(connected.cabinet.id) }))
      .text(tPlain("btn-dashboard"), cb({ a: "dashboard", cab: cabRef(connected.cabinet.id) }))
      .row()
      .text(tPlain("btn-menu"), cb({ a: "menu" }));
    await edit(body, kb);
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    // Still waiting for a token: the seller can paste a corrected one right away.
    await setPending(db, ctx.user.id, { kind: "wb_token" }, ctx.svc.now());
    await edit(t("connect-failed", { reason: error.problem.detail }), new InlineKeyboard().text(tPlain("btn-cancel"), cb({ a: "cancel" })));
  }
}

const commands = new Composer<SellerContext>();
commands.command("connect", (ctx) => connectPrompt(ctx));

export const connectFeature: Feature = {
  commands,
  callbacks: {
    connect: (ctx) => connectPrompt(ctx),
    demo: (ctx) => connectDemo(ctx),
  },
};
