// /web: a one-time sign-in link to the web dashboard (10 minutes, single use), plus a Mini App
// button when the origin is https (Telegram only opens Web Apps over https).

import { Composer, InlineKeyboard } from "grammy/web";

import { createLoginLink, LOGIN_LINK_TTL_MS } from "../../../auth/login-links";
import { t, tPlain } from "../../i18n";
import { cb } from "../callback-data";
import { type SellerContext, show } from "../context";
import type { Feature } from "./types";

async function webScreen(ctx: SellerContext) {
  const link = await createLoginLink(ctx.svc.db, ctx.user.id, ctx.svc.origin);
  const keyboard = new InlineKeyboard().url(tPlain("btn-web-open"), link);
  if (ctx.svc.origin.startsWith("https://")) keyboard.row().webApp(tPlain("btn-web-mini-app"), `${ctx.svc.origin}/`);
  keyboard.row().text(tPlain("btn-menu"), cb({ a: "menu" }));
  return { text: t("web-link", { minutes: Math.round(LOGIN_LINK_TTL_MS / 60_000) }), keyboard };
}

const commands = new Composer<SellerContext>();
commands.command("web", async (ctx) => show(ctx, await webScreen(ctx), { fresh: true }));

export const webFeature: Feature = { commands, callbacks: {} };
