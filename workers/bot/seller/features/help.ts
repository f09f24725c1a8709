// /help: what the bot does and its commands.

import { Composer, InlineKeyboard } from "grammy/web";

import { t, tPlain } from "../../i18n";
import { cb } from "../callback-data";
import { type SellerContext, show } from "../context";
import type { Feature } from "./types";

function helpScreen() {
  return { text: t("help"), keyboard: new InlineKeyboard().text(tPlain("btn-menu"), cb({ a: "menu" })) };
}

const commands = new Composer<SellerContext>();
commands.command("help", (ctx) => show(ctx, helpScreen()));

export const helpFeature: Feature = {
  commands,
  callbacks: {
    help: (ctx) => show(ctx, helpScreen()),
  },
};
