// /start (onboarding, deep links: invites, demo, connect), /menu, and «Отмена».

import { Composer } from "grammy/web";

import { ROLE_LABELS } from "../../../cabinets/access";
import { INVITE_PREFIX, acceptInvite } from "../../../queries/members";
import { t } from "../../i18n";
import { clearPending, setActiveCabinet } from "../../state";
import { activeCabinet } from "../access";
import { type Screen, type SellerContext, show } from "../context";
import { mainMenuKeyboard, onboardingKeyboard } from "../keyboards/menu";
import { connectDemo, connectPrompt } from "./connect";
import type { Feature } from "./types";

export function demoAvailable(ctx: SellerContext): boolean {
  return ctx.svc.env.WB_SANDBOX === "1";
}

/** The main menu of the active cabinet, or the onboarding screen for a user without cabinets. */
export async function homeScreen(ctx: SellerContext): Promise<Screen> {
  const auth = await activeCabinet(ctx);
  if (!auth) {
    return {
      text: t("onboarding", { name: ctx.user.firstName || ctx.user.username || "" }),
      keyboard: onboardingKeyboard(demoAvailable(ctx)),
    };
  }
  return {
    text: t("menu", { cabinet: auth.cabinet.name, role: ROLE_LABELS[auth.role], demo: auth.cabinet.isDemo ? 1 : 0 }),
    keyboard: mainMenuKeyboard(auth.cabinet.id),
  };
}

async function acceptInviteLink(ctx: SellerContext, token: string): Promise<void> {
  const result = await acceptInvite(ctx.svc.db, ctx.user.id, token, ctx.svc.now());
  if (result.status === "joined" || result.status === "already_member") {
    await setActiveCabinet(ctx.svc.db, ctx.user.id, result.cabinetId);
    ctx.botState.activeCabinetId = result.cabinetId;
    const text = t(result.status === "joined" ? "invite-joined" : "invite-already-member", {
      cabinet: result.cabinetName,
      role: ROLE_LABELS[result.role],
    });
    await ctx.reply(text, { reply_markup: mainMenuKeyboard(result.cabinetId) });
    return;
  }
  await ctx.reply(t(`invite-${result.status}`));
  await show(ctx, await homeScreen(ctx));
}

const commands = new Composer<SellerContext>();

commands.command("start", async (ctx) => {
  const payload = (ctx.match ?? "").trim();
  if (payload.startsWith(INVITE_PREFIX)) return acceptInviteLink(ctx, payload.slice(INVITE_PREFIX.length));
  if (payload === "demo") return connectDemo(ctx);
  if (payload === "connect") return connectPrompt(ctx);
  await show(ctx, await homeScreen(ctx));
});

commands.command("menu", async (ctx) => show(ctx, await homeScreen(ctx)));

export const startFeature: Feature = {
  commands,
  callbacks: {
    menu: async (ctx) => show(ctx, await homeScreen(ctx)),
    cancel: async (ctx) => {
      await clearPending(ctx.svc.db, ctx.user.id);
      await show(ctx, await homeScreen(ctx));
    },
  },
};
