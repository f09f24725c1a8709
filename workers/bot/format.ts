// Numbers, money, percentages and times as a Russian seller reads them: ru-RU grouping
// («1 536 289»), decimal comma, a real minus sign, Moscow time. Words come from ru.ftl.

import { formatRub } from "../domain/money";
import { toMoscowDate, toMoscowIso } from "../domain/moscow-time";
import { Html } from "./html";
import { t } from "./i18n";

const intFormat = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("ru-RU", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const upToOneDecimal = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 1 });

export function fmtInt(n: number): string {
  return intFormat.format(n);
}

/** One decimal, always shown: 4,0 · 4,7. */
export function fmtDecimal1(n: number): string {
  return oneDecimal.format(n);
}

/** At most one decimal: 2 · 2,5. */
export function fmtNumber1(n: number): string {
  return upToOneDecimal.format(n);
}

export function fmtMoney(kopecks: number): string {
  return formatRub(kopecks);
}

/** Growth in whole percent with its sign («+26 %», «−40 %», «0 %»); «—» when there is no base. */
export function fmtGrowth(percent: number | null): string {
  if (percent === null) return "—";
  if (percent === 0) return "0 %";
  const sign = percent > 0 ? "+" : "−";
  return `${sign}${intFormat.format(Math.abs(percent))} %`;
}

/** A share 0..1 as whole percent: «45 %». */
export function fmtShare(share: number): string {
  return `${intFormat.format(Math.round(share * 100))} %`;
}

/** Moscow wall clock parts of an instant. */
export function moscowParts(date: Date): { day: string; dd: string; mm: string; yyyy: string; time: string } {
  const iso = toMoscowIso(date);
  return { day: iso.slice(0, 10), yyyy: iso.slice(0, 4), mm: iso.slice(5, 7), dd: iso.slice(8, 10), time: iso.slice(11, 16) };
}

/** «24.11.2026, 14:05» (Moscow). */
export function fmtDateTime(date: Date): string {
  const p = moscowParts(date);
  return `${p.dd}.${p.mm}.${p.yyyy}, ${p.time}`;
}

/** «24.11 14:05» (Moscow): list rows, where the year is obvious. */
export function fmtShortDateTime(date: Date): string {
  const p = moscowParts(date);
  return `${p.dd}.${p.mm} ${p.time}`;
}

/** 'YYYY-MM-DD' → «24.11». */
export function fmtDay(day: string): string {
  return `${day.slice(8, 10)}.${day.slice(5, 7)}`;
}

/** 'YYYY-MM-DD' → «24.11.2026». */
export function fmtDayFull(day: string): string {
  return `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
}

/** «сегодня в 14:05» / «вчера в 14:05» / «23.11 в 14:05», relative to `now` in Moscow days. */
export function fmtWhen(date: Date, now: Date): string {
  const p = moscowParts(date);
  const today = toMoscowDate(now);
  const yesterday = toMoscowDate(new Date(now.getTime() - 86_400_000));
  if (p.day === today) return t("when-today", { time: p.time });
  if (p.day === yesterday) return t("when-yesterday", { time: p.time });
  return t("when-date", { date: `${p.dd}.${p.mm}`, time: p.time });
}

/** «★★★★☆» for a 1..5 rating. */
export function stars(rating: number): string {
  const r = Math.max(0, Math.min(5, Math.round(rating)));
  return "★".repeat(r) + "☆".repeat(5 - r);
}

/** A text bar of `width` cells for a 0..1 share: «▓▓▓▓░░░░░░». */
export function bar(share: number, width = 10): string {
  const filled = Math.max(0, Math.min(width, Math.round(share * width)));
  return "▓".repeat(filled) + "░".repeat(width - filled);
}

/** Minutes after midnight → «23:00». */
export function fmtClock(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** Formatted values for ru.ftl arguments that are already safe HTML (no user input inside). */
export function safe(value: string): Html {
  return new Html(value);
}
