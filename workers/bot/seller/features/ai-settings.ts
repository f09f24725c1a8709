// AI answers to reviews, per cabinet (from /settings): the drafts' tone and signature, and whether
// 4–5★ reviews are answered without approval. 1–3★ always wait for the seller, whatever is set.

import { Composer, InlineKeyboard } from "grammy/web";

import { type ReplySettings, SIGNATURE_MAX_CHARS, getReplySettings, updateReplySettings } from "../../../ai/review-drafts";
import type { AiReplyTone } from "../../../../db/schema";
import type { AuthorizedCabinet } from "../../../cabinets/access";
import { t, tPlain } from "../../i18n";
import { type Pending, setPending, takePending } from "../../state";
import { cabinetByRef } from "../access";
import { type AiToneCode, cabRef, cb } from "../callback-data";
import { type Screen, type SellerContext, answerCallback, show } from "../context";
import { cancelKeyboard, withMenu } from "../keyboards/menu";
import type { Feature } from "./types";

const TONES: Record<AiToneCode, AiReplyTone> = { f: "friendly", o: "formal", b: "brief" };

function screenFor(auth: AuthorizedCabinet, s: ReplySettings, note?: string): Screen {
  const cab = cabRef(auth.cabinet.id);
  const text = [
    t("ai-settings", {
      cabinet: auth.cabinet.name,
      tone: tPlain(`ai-tone-${s.tone}`),
      signature: s.signature ?? tPlain("ai-signature-none"),
      auto: tPlain(s.autoSendPositive ? "ai-auto-on" : "ai-auto-off"),
    }),
    note ?? "",
  ]
    .filter(Boolean)
    .join("\n\n");
  if (auth.role === "viewer") return { text: `${text}\n\n${t("ai-settings-viewer")}`, keyboard: withMenu() };
  const kb = new InlineKeyboard();
  for (const code of Object.keys(TONES) as AiToneCode[]) {
    const label = tPlain(`ai-tone-${TONES[code]}`);
    kb.text(TONES[code] === s.tone ? `• ${label} •` : label, cb({ a: "ai_tone", cab, tone: code }));
  }
  kb.row().text(tPlain("btn-ai-signature"), cb({ a: "ai_signature", cab }));
  if (s.signature) kb.text(tPlain("btn-ai-signature-clear"), cb({ a: "ai_signature_clear", cab }));
  kb.row().text(tPlain(s.autoSendPositive ? "btn-ai-auto-off" : "btn-ai-auto-on"), cb({ a: "ai_auto", cab, on: s.autoSendPositive ? 0 : 1 }));
  kb.row().text(tPlain("btn-settings"), cb({ a: "settings", cab }));
  return { text, keyboard: withMenu(kb) };
}

async function change(ctx: SellerContext, ref: string, patch: Parameters<typeof updateReplySettings>[2]): Promise<void> {
  const auth = await cabinetByRef(ctx, ref, "manager");
  const s = await updateReplySettings(ctx.svc.db, auth, patch, ctx.svc.now());
  await show(ctx, screenFor(auth, s, t("settings-saved")));
}

/** The signature typed after «Подпись». */
export async function handleSignatureText(ctx: SellerContext, pending: Extract<Pending, { kind: "ai_signature" }>, text: string): Promise<void> {
  if (!(await takePending(ctx.svc.db, ctx.user.id, pending))) return;
  const auth = await cabinetByRef(ctx, cabRef(pending.payload.cabinetId), "manager");
  const signature = text.trim();
  if (signature === "" || Array.from(signature).length > SIGNATURE_MAX_CHARS) {
    await setPending(ctx.svc.db, ctx.user.id, { kind: "ai_signature", payload: { cabinetId: auth.cabinet.id } }, ctx.svc.now());
    await show(ctx, { text: t("ai-signature-bad", { max: SIGNATURE_MAX_CHARS }), keyboard: cancelKeyboard() });
    return;
  }
  const s = await updateReplySettings(ctx.svc.db, auth, { signature }, ctx.svc.now());
  await show(ctx, screenFor(auth, s, t("settings-saved")));
}

export const aiSettingsFeature: Feature = {
  commands: new Composer<SellerContext>(),
  callbacks: {
    ai_settings: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab);
      await show(ctx, screenFor(auth, await getReplySettings(ctx.svc.db, auth)));
    },
    ai_tone: (ctx, data) => change(ctx, data.cab, { tone: TONES[data.tone] }),
    ai_auto: (ctx, data) => change(ctx, data.cab, { autoSendPositive: data.on === 1 }),
    ai_signature_clear: (ctx, data) => change(ctx, data.cab, { signature: null }),
    ai_signature: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab, "manager");
      await setPending(ctx.svc.db, ctx.user.id, { kind: "ai_signature", payload: { cabinetId: auth.cabinet.id } }, ctx.svc.now());
      await answerCallback(ctx);
      await show(ctx, { text: t("ai-signature-prompt", { max: SIGNATURE_MAX_CHARS }), keyboard: cancelKeyboard() }, { fresh: true });
    },
  },
};
