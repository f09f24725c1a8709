// The keyboards every screen ends with, and the main menu.

import { InlineKeyboard } from "grammy/web";

import { tPlain } from "../../i18n";
import { cabRef, cb } from "../callback-data";

/** The main menu of a cabinet: every section, two per row. */
export function mainMenuKeyboard(cabinetId: string): InlineKeyboard {
  const cab = cabRef(cabinetId);
  return new InlineKeyboard()
    .text(tPlain("btn-dashboard"), cb({ a: "dashboard", cab }))
    .text(tPlain("btn-orders"), cb({ a: "orders", cab, filter: "a", page: null }))
    .row()
    .text(tPlain("btn-stocks"), cb({ a: "stocks", cab, filter: "a", offset: 0 }))
    .text(tPlain("btn-reviews"), cb({ a: "reviews", cab, filter: "a", page: null }))
    .row()
    .text(tPlain("btn-questions"), cb({ a: "questions", cab, filter: "a", page: null }))
    .text(tPlain("btn-analytics"), cb({ a: "analytics", cab, period: "7" }))
    .row()
    .text(tPlain("btn-sync"), cb({ a: "sync", cab }))
    .text(tPlain("btn-cabinets"), cb({ a: "cabinets" }))
    .row()
    .text(tPlain("btn-ai"), cb({ a: "ai", cab }))
    .text(tPlain("btn-settings"), cb({ a: "settings", cab }))
    .row()
    .text(tPlain("btn-help"), cb({ a: "help" }));
}

/** For a user without cabinets: connect one, or try the demo (where the sandbox is on). */
export function onboardingKeyboard(demoAvailable: boolean): InlineKeyboard {
  const kb = new InlineKeyboard().text(tPlain("btn-connect"), cb({ a: "connect" })).row();
  if (demoAvailable) kb.text(tPlain("btn-demo"), cb({ a: "demo" })).row();
  return kb.text(tPlain("btn-help"), cb({ a: "help" }));
}

/** Adds the «🏠 Меню» row. */
export function withMenu(kb: InlineKeyboard = new InlineKeyboard()): InlineKeyboard {
  return kb.row().text(tPlain("btn-menu"), cb({ a: "menu" }));
}

/** «⬅️ Назад · стр. N · Вперёд ➡️»: only the buttons that lead somewhere. */
export function pagerRow(kb: InlineKeyboard, prev: string | null, next: string | null): InlineKeyboard {
  if (!prev && !next) return kb;
  kb.row();
  if (prev) kb.text(tPlain("btn-prev"), prev);
  if (next) kb.text(tPlain("btn-next"), next);
  return kb;
}

/** A row of filter buttons; the selected one is marked. */
export function filterRow<F extends string>(kb: InlineKeyboard, filters: readonly F[], selected: F, label: (f: F) => string, data: (f: F) => string): InlineKeyboard {
  kb.row();
  for (const f of filters) kb.text(f === selected ? `• ${label(f)} •` : label(f), data(f));
  return kb;
}

export function cancelKeyboard(): InlineKeyboard {
  return new InlineKeyboard().text(tPlain("btn-cancel"), cb({ a: "cancel" }));
}
