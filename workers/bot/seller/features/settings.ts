// /settings: the user's notifications for the active cabinet (notification_settings): which kinds,
// the stock threshold, quiet hours (a preset or typed), and their time zone (users.time_zone).

import { Composer, InlineKeyboard } from "grammy/web";

import type { AuthorizedCabinet } from "../../../cabinets/access";
import { getNotificationSettings, setUserTimeZone, updateNotificationSettings } from "../../../queries/notification-settings";
import { fmtClock } from "../../format";
import { t, tPlain } from "../../i18n";
import {
  type EffectiveNotificationSettings,
  NOTIFICATION_KINDS,
  QUIET_PRESETS,
  type QuietHours,
  STOCK_THRESHOLD_CHOICES,
  TIME_ZONES,
  parseQuietHours,
} from "../../notification-prefs";
import { type Pending, setPending, takePending } from "../../state";
import { requireCabinetAccess } from "../../../cabinets/access";
import { activeCabinet, cabinetByRef } from "../access";
import { cabRef, cb } from "../callback-data";
import { type Screen, type SellerContext, answerCallback, show } from "../context";
import { cancelKeyboard, withMenu } from "../keyboards/menu";
import { noCabinet } from "./common";
import type { Feature } from "./types";

function quietLabel(q: QuietHours | null): string {
  return q ? `${fmtClock(q.startMin)}–${fmtClock(q.endMin)}` : tPlain("quiet-off");
}

function zoneLabel(zone: string): string {
  const i = (TIME_ZONES as readonly string[]).indexOf(zone);
  return i >= 0 ? tPlain(`tz-${i}`) : zone;
}

export function settingsScreenFor(auth: AuthorizedCabinet, s: EffectiveNotificationSettings, note?: string): Screen {
  const kinds = NOTIFICATION_KINDS.map((k) => `${s.enabled[k] ? "✅" : "▫️"} ${tPlain(`kind-${k}`)}`).join("\n");
  const text = [
    t("settings-title", { cabinet: auth.cabinet.name }),
    note ?? "",
    t("settings-body", {
      kinds,
      days: s.stockThresholdDays,
      quiet: quietLabel(s.quietHours),
      zone: zoneLabel(s.timeZone),
    }),
  ]
    .filter(Boolean)
    .join("\n\n");

  const cab = cabRef(auth.cabinet.id);
  const kb = new InlineKeyboard();
  NOTIFICATION_KINDS.forEach((k, i) => {
    kb.text(`${s.enabled[k] ? "✅" : "▫️"} ${tPlain(`kind-short-${k}`)}`, cb({ a: "settings_kind", cab, kind: i }));
    if (i % 2 === 1) kb.row();
  });
  kb.row();
  for (const days of STOCK_THRESHOLD_CHOICES) {
    kb.text(days === s.stockThresholdDays ? `• ${days} •` : String(days), cb({ a: "settings_threshold", cab, days }));
  }
  kb.row();
  QUIET_PRESETS.forEach((q, i) => {
    const selected = (q === null && s.quietHours === null) || (q !== null && s.quietHours?.startMin === q.startMin && s.quietHours.endMin === q.endMin);
    const label = q ? `${fmtClock(q.startMin).slice(0, 2)}–${fmtClock(q.endMin).slice(0, 2)}` : tPlain("quiet-off-short");
    kb.text(selected ? `• ${label} •` : label, cb({ a: "settings_quiet", cab, preset: i }));
  });
  kb.text(tPlain("btn-quiet-manual"), cb({ a: "settings_quiet_manual", cab }));
  kb.row().text(tPlain("btn-time-zone", { zone: zoneLabel(s.timeZone) }), cb({ a: "settings_tz", cab }));
  kb.row().text(tPlain("btn-ai-settings"), cb({ a: "ai_settings", cab }));
  return { text, keyboard: withMenu(kb) };
}

async function settingsScreen(ctx: SellerContext, auth: AuthorizedCabinet, note?: string): Promise<Screen> {
  return settingsScreenFor(auth, await getNotificationSettings(ctx.svc.db, auth), note);
}

/** Quiet hours typed after «✏️ Своё время». */
export async function handleQuietText(ctx: SellerContext, pending: Extract<Pending, { kind: "quiet_hours" }>, text: string): Promise<void> {
  const quiet = parseQuietHours(text);
  if (!quiet) {
    await ctx.reply(t("quiet-invalid"), { reply_markup: cancelKeyboard() });
    return;
  }
  if (!(await takePending(ctx.svc.db, ctx.user.id, pending))) return;
  const auth = await requireCabinetAccess(ctx.svc.db, ctx.user.id, pending.payload.cabinetId);
  const s = await updateNotificationSettings(ctx.svc.db, auth, { quietHours: quiet }, ctx.svc.now());
  await show(ctx, settingsScreenFor(auth, s, t("settings-saved")));
}

const commands = new Composer<SellerContext>();
commands.command("settings", async (ctx) => {
  const auth = await activeCabinet(ctx);
  if (!auth) return noCabinet(ctx);
  await show(ctx, await settingsScreen(ctx, auth));
});

export const settingsFeature: Feature = {
  commands,
  callbacks: {
    settings: async (ctx, data) => show(ctx, await settingsScreen(ctx, await cabinetByRef(ctx, data.cab))),
    settings_kind: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab);
      const kind = NOTIFICATION_KINDS[data.kind];
      if (!kind) return answerCallback(ctx, tPlain("stale-button"), true);
      const current = await getNotificationSettings(ctx.svc.db, auth);
      const s = await updateNotificationSettings(ctx.svc.db, auth, { enabledKinds: { [kind]: !current.enabled[kind] } }, ctx.svc.now());
      await answerCallback(ctx, tPlain(s.enabled[kind] ? "kind-on" : "kind-off", { kind: tPlain(`kind-${kind}`) }));
      await show(ctx, settingsScreenFor(auth, s));
    },
    settings_threshold: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab);
      if (!(STOCK_THRESHOLD_CHOICES as readonly number[]).includes(data.days)) return answerCallback(ctx, tPlain("stale-button"), true);
      const s = await updateNotificationSettings(ctx.svc.db, auth, { stockThresholdDays: data.days }, ctx.svc.now());
      await answerCallback(ctx, tPlain("threshold-set", { days: data.days }));
      await show(ctx, settingsScreenFor(auth, s));
    },
    settings_quiet: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab);
      if (data.preset >= QUIET_PRESETS.length) return answerCallback(ctx, tPlain("stale-button"), true);
      const s = await updateNotificationSettings(ctx.svc.db, auth, { quietHours: QUIET_PRESETS[data.preset] ?? null }, ctx.svc.now());
      await answerCallback(ctx, tPlain("quiet-set", { quiet: quietLabel(s.quietHours) }));
      await show(ctx, settingsScreenFor(auth, s));
    },
    settings_quiet_manual: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab);
      await setPending(ctx.svc.db, ctx.user.id, { kind: "quiet_hours", payload: { cabinetId: auth.cabinet.id } }, ctx.svc.now());
      await show(ctx, { text: t("quiet-prompt"), keyboard: cancelKeyboard() });
    },
    settings_tz: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab);
      const kb = new InlineKeyboard();
      TIME_ZONES.forEach((_zone, i) => {
        kb.text(tPlain(`tz-${i}`), cb({ a: "settings_tz_set", cab: data.cab, zone: i }));
        if (i % 2 === 1) kb.row();
      });
      kb.row().text(tPlain("btn-back"), cb({ a: "settings", cab: data.cab }));
      await show(ctx, { text: t("tz-prompt", { cabinet: auth.cabinet.name }), keyboard: kb });
    },
    settings_tz_set: async (ctx, data) => {
      const auth = await cabinetByRef(ctx, data.cab);
      const zone = TIME_ZONES[data.zone];
      if (!zone) return answerCallback(ctx, tPlain("stale-button"), true);
      await setUserTimeZone(ctx.svc.db, ctx.user.id, zone);
      await answerCallback(ctx, tPlain("tz-set", { zone: tPlain(`tz-${data.zone}`) }));
      await show(ctx, await settingsScreen(ctx, auth));
    },
  },
};
