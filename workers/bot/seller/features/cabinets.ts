// /cabinets: switch the active cabinet, see members, invite a manager or a viewer by a deep link,
// remove a member, disconnect the cabinet (owner only; confirmed first).

import { Composer, GrammyError, InlineKeyboard } from "grammy/web";

import { type AuthorizedCabinet, ROLE_LABELS, listUserCabinets } from "../../../cabinets/access";
import { disconnectCabinet } from "../../../queries/cabinet";
import { INVITE_PREFIX, createInvite, listMembers, removeMember } from "../../../queries/members";
import { fmtDateTime } from "../../format";
import { truncate } from "../../html";
import { t, tPlain } from "../../i18n";
import { setActiveCabinet } from "../../state";
import { activeCabinet, cabinetByRef } from "../access";
import { cabRef, cb } from "../callback-data";
import { type Screen, type SellerContext, answerCallback, show } from "../context";
import { withMenu } from "../keyboards/menu";
import { homeScreen } from "./start";
import type { Feature } from "./types";

const ROLE_MARK = { owner: "👑", manager: "🛠", viewer: "👁" } as const;

export async function cabinetsScreen(ctx: SellerContext): Promise<Screen> {
  const mine = await listUserCabinets(ctx.svc.db, ctx.user.id);
  const active = mine.length > 0 ? await activeCabinet(ctx) : null;
  const lines = mine.map((m) =>
    t("cabinets-line", {
      active: m.cabinet.id === active?.cabinet.id ? 1 : 0,
      name: truncate(m.cabinet.name, 60),
      role: ROLE_LABELS[m.role],
      demo: m.cabinet.isDemo ? 1 : 0,
      status: m.cabinet.status === "active" ? "" : tPlain(`cabinet-status-${m.cabinet.status}`),
    }),
  );
  const kb = new InlineKeyboard();
  for (const m of mine) {
    const label = `${m.cabinet.id === active?.cabinet.id ? "✅ " : ""}${truncate(m.cabinet.name, 30)}`;
    kb.text(label, cb({ a: "cabinet_switch", cab: cabRef(m.cabinet.id) })).row();
  }
  if (active) kb.text(tPlain("btn-members"), cb({ a: "members", cab: cabRef(active.cabinet.id) })).row();
  kb.text(tPlain("btn-connect-more"), cb({ a: "connect" }));
  if (ctx.svc.env.WB_SANDBOX === "1") kb.text(tPlain("btn-demo"), cb({ a: "demo" }));
  const text = [t("cabinets-title"), lines.length > 0 ? lines.join("\n") : t("cabinets-empty")].join("\n\n");
  return { text, keyboard: withMenu(kb) };
}

export async function membersScreen(ctx: SellerContext, auth: AuthorizedCabinet): Promise<Screen> {
  const members = await listMembers(ctx.svc.db, auth);
  const lines = members.map((m) =>
    t("members-line", {
      mark: ROLE_MARK[m.role],
      name: truncate(m.firstName || (m.username ? `@${m.username}` : String(m.userId)), 40),
      username: m.username && m.firstName ? ` @${m.username}` : "",
      role: ROLE_LABELS[m.role],
      you: m.userId === ctx.user.id ? 1 : 0,
    }),
  );
  const cab = cabRef(auth.cabinet.id);
  const kb = new InlineKeyboard();
  if (auth.role === "owner") {
    kb.text(tPlain("btn-invite-manager"), cb({ a: "invite", cab, role: "m" })).text(tPlain("btn-invite-viewer"), cb({ a: "invite", cab, role: "v" })).row();
    for (const m of members) {
      if (m.role === "owner") continue;
      kb.text(tPlain("btn-remove-member", { name: truncate(m.firstName || m.username || String(m.userId), 24) }), cb({ a: "member_remove", cab, user: m.userId })).row();
    }
    kb.text(tPlain("btn-disconnect"), cb({ a: "disconnect", cab })).row();
  }
  kb.text(tPlain("btn-cabinets"), cb({ a: "cabinets" }));
  const text = [t("members-title", { cabinet: auth.cabinet.name }), lines.join("\n"), auth.role === "owner" ? t("members-owner-hint") : t("members-hint")].join("\n\n");
  return { text, keyboard: withMenu(kb) };
}

const commands = new Composer<SellerContext>();
commands.command("cabinets", async (ctx) => show(ctx, await cabinetsScreen(ctx)));

export const cabinetsFeature: Feature = {
  commands,
  callbacks: {
    cabinets: async (ctx) => show(ctx, await cabinetsScreen(ctx)),
    cabinet_switch: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab);
      await setActiveCabinet(ctx.svc.db, ctx.user.id, auth.cabinet.id);
      ctx.botState.activeCabinetId = auth.cabinet.id;
      await answerCallback(ctx, tPlain("cabinet-switched", { name: auth.cabinet.name }));
      await show(ctx, await homeScreen(ctx));
    },
    members: async (ctx, data) => show(ctx, await membersScreen(ctx, await cabinetByRef(ctx, data.cab))),
    invite: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab, "owner");
      const role = data.role === "m" ? "manager" : "viewer";
      const invite = await createInvite(ctx.svc.db, auth, role, ctx.svc.now());
      const link = `https://t.me/${ctx.svc.config.botInfo.username}?start=${INVITE_PREFIX}${invite.token}`;
      await answerCallback(ctx);
      // A separate message, easy to forward; the members screen stays as it is.
      await show(
        ctx,
        {
          text: t("invite-created", { cabinet: auth.cabinet.name, role: ROLE_LABELS[role], roleKey: role, link, until: fmtDateTime(invite.expiresAt) }),
          keyboard: new InlineKeyboard().text(tPlain("btn-members"), cb({ a: "members", cab: data.cab })),
        },
        { fresh: true },
      );
    },
    member_remove: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab, "owner");
      const member = (await listMembers(ctx.svc.db, auth)).find((m) => m.userId === data.user);
      if (!member) return show(ctx, await membersScreen(ctx, auth));
      const kb = new InlineKeyboard()
        .text(tPlain("btn-remove-yes"), cb({ a: "member_remove_yes", cab: data.cab, user: data.user }))
        .text(tPlain("btn-cancel"), cb({ a: "members", cab: data.cab }));
      await show(ctx, { text: t("member-remove-confirm", { name: member.firstName || member.username || String(member.userId), cabinet: auth.cabinet.name }), keyboard: kb });
    },
    member_remove_yes: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab, "owner");
      const result = await removeMember(ctx.svc.db, auth, data.user);
      await answerCallback(ctx, tPlain(`member-remove-${result}`));
      if (result === "removed") {
        // Best effort: the removed member may have blocked the bot.
        await ctx.api.sendMessage(data.user, t("member-removed-notice", { cabinet: auth.cabinet.name })).catch((error: unknown) => {
          if (!(error instanceof GrammyError)) throw error;
        });
      }
      await show(ctx, await membersScreen(ctx, auth));
    },
    disconnect: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab, "owner");
      const kb = new InlineKeyboard()
        .text(tPlain("btn-disconnect-yes"), cb({ a: "disconnect_yes", cab: data.cab }))
        .text(tPlain("btn-cancel"), cb({ a: "members", cab: data.cab }));
      await show(ctx, { text: t("disconnect-confirm", { cabinet: auth.cabinet.name }), keyboard: kb });
    },
    disconnect_yes: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab, "owner");
      await disconnectCabinet(ctx.svc.db, auth);
      if (ctx.botState.activeCabinetId === auth.cabinet.id) ctx.botState.activeCabinetId = null;
      await answerCallback(ctx, tPlain("disconnected", { cabinet: auth.cabinet.name }));
      await show(ctx, await homeScreen(ctx));
    },
  },
};
