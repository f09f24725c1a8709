// Every Russian text the bots send lives in workers/bot/locales/ru.ftl (Fluent). This module loads
// it once per isolate and formats messages: string arguments are HTML-escaped (messages are sent
// with parse_mode HTML), `Html` arguments are inserted as they are, numbers go through Fluent's
// ru-RU NUMBER formatting and plural rules.

import { FluentBundle, FluentNone, FluentResource, type FluentValue } from "@fluent/bundle";

import ru from "./locales/ru.ftl?raw";
import { Html, escapeHtml } from "./html";

export type TextArg = string | number | Html | null | undefined;
export type TextArgs = Record<string, TextArg>;

let bundle: FluentBundle | null = null;

/** HAS($x): "yes" when the argument is a non-empty value, else "no" — for optional parts of a message. */
function has(positional: FluentValue[]): FluentValue {
  const v = positional[0];
  if (v === undefined || v instanceof FluentNone) return "no";
  return typeof v === "string" && v.trim() === "" ? "no" : "yes";
}

function ruBundle(): FluentBundle {
  if (bundle) return bundle;
  // No bidi isolation marks: Telegram would show them around every number.
  const b = new FluentBundle("ru-RU", { useIsolating: false, functions: { HAS: has } });
  const errors = b.addResource(new FluentResource(ru));
  if (errors.length > 0) throw new Error(`ru.ftl: ${errors.map((e) => e.message).join("; ")}`);
  bundle = b;
  return b;
}

/** True when ru.ftl has the message (tests check every id the code uses). */
export function hasText(id: string): boolean {
  return ruBundle().hasMessage(id);
}

/** The ids of every message in ru.ftl. */
export function textIds(): string[] {
  return [...ruBundle()._messages.keys()];
}

/** The Russian text of message `id`, as Telegram HTML. */
export function t(id: string, args: TextArgs = {}): string {
  const b = ruBundle();
  const message = b.getMessage(id);
  if (!message?.value) {
    console.error(`i18n: no message "${id}" in ru.ftl`);
    return escapeHtml(id);
  }
  const values: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === null || value === undefined) values[key] = "";
    else if (value instanceof Html) values[key] = value.value;
    else if (typeof value === "number") values[key] = value;
    else values[key] = escapeHtml(value);
  }
  const errors: Error[] = [];
  const text = b.formatPattern(message.value, values, errors);
  if (errors.length > 0) console.error(`i18n: "${id}": ${errors.map((e) => e.message).join("; ")}`);
  return text;
}

/** `t` for a fragment that will be embedded in another message. */
export function th(id: string, args: TextArgs = {}): Html {
  return new Html(t(id, args));
}

/** Plain text (no HTML): for callback answers and alerts, which Telegram shows unparsed. */
export function tPlain(id: string, args: Record<string, string | number | null | undefined> = {}): string {
  const b = ruBundle();
  const message = b.getMessage(id);
  if (!message?.value) {
    console.error(`i18n: no message "${id}" in ru.ftl`);
    return id;
  }
  const values: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(args)) values[key] = value ?? "";
  return b.formatPattern(message.value, values, []);
}
