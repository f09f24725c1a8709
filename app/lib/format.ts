// Display formatting for the dashboard: ru-RU numbers and money, Moscow time. Pure and small, so
// it runs in loaders (most strings are made on the server) and in the browser (chart tooltips).

import { formatRub, type Kopecks } from "../../workers/domain/money";
import { toMoscowIso } from "../../workers/domain/moscow-time";

const intFormat = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat("ru-RU", { minimumFractionDigits: 1, maximumFractionDigits: 2 });

/** «1 536 289». */
export function fmtInt(n: number): string {
  return intFormat.format(n);
}

/** «4,5» — one decimal at most. */
export function fmtDecimal(n: number): string {
  return oneDecimal.format(n);
}

/** «4,73» for ratings. */
export function fmtRating(n: number): string {
  return twoDecimals.format(n);
}

/** «1 536 289 ₽» (whole roubles: the dashboard's figures are for reading, not accounting). */
export function fmtRub(kopecks: Kopecks): string {
  return formatRub(kopecks);
}

/** «−40 %», «+12 %», «0 %»; null growth (nothing to compare with) → «—». */
export function fmtGrowth(percent: number | null): string {
  if (percent === null) return "—";
  const sign = percent > 0 ? "+" : percent < 0 ? "\u2212" : "";
  return `${sign}${intFormat.format(Math.abs(percent))}\u00a0%`;
}

/** «87 %» or «87,5 %». */
export function fmtPercent(percent: number | null, digits = 0): string {
  if (percent === null || !Number.isFinite(percent)) return "—";
  return `${new Intl.NumberFormat("ru-RU", { maximumFractionDigits: digits }).format(percent)}\u00a0%`;
}

/** An instant as Moscow wall-clock time: «24.11.2026 14:32». */
export function fmtMoscow(at: Date | string | number): string {
  const iso = toMoscowIso(new Date(at));
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}

/** Only the time of day in Moscow: «14:32». */
export function fmtMoscowTime(at: Date | string | number): string {
  return toMoscowIso(new Date(at)).slice(11, 16);
}

/** A Moscow calendar day 'YYYY-MM-DD' → «24.11». */
export function fmtDayShort(day: string): string {
  return `${day.slice(8, 10)}.${day.slice(5, 7)}`;
}

/** 'YYYY-MM-DD' → «24.11.2026». */
export function fmtDay(day: string): string {
  return `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
}

/** Russian plural: plural(5, ["заказ", "заказа", "заказов"]) → «заказов». */
export function plural(n: number, forms: readonly [string, string, string]): string {
  const abs = Math.abs(n) % 100;
  const last = abs % 10;
  if (abs > 10 && abs < 20) return forms[2];
  if (last === 1) return forms[0];
  if (last >= 2 && last <= 4) return forms[1];
  return forms[2];
}

/** «только что», «5 мин назад», «3 ч назад», «вчера в 14:32», «20.11 в 14:32» (Moscow time). */
export function fmtAgo(at: Date | string | number, now: Date): string {
  const then = new Date(at);
  const diffMs = now.getTime() - then.getTime();
  if (diffMs < 60_000) return "только что";
  const minutes = Math.floor(diffMs / 60_000);
  if (minutes < 60) return `${minutes}\u00a0мин назад`;
  const hours = Math.floor(minutes / 60);
  if (hours < 12) return `${hours}\u00a0ч назад`;
  const thenDay = toMoscowIso(then).slice(0, 10);
  const today = toMoscowIso(now).slice(0, 10);
  const yesterday = toMoscowIso(new Date(now.getTime() - 86_400_000)).slice(0, 10);
  if (thenDay === today) return `сегодня в ${fmtMoscowTime(then)}`;
  if (thenDay === yesterday) return `вчера в ${fmtMoscowTime(then)}`;
  return `${fmtDayShort(thenDay)} в ${fmtMoscowTime(then)}`;
}

/** «через 5 мин», «в 14:32» — for the next scheduled run. */
export function fmtUntil(at: Date | string | number, now: Date): string {
  const diffMs = new Date(at).getTime() - now.getTime();
  if (diffMs <= 60_000) return "в ближайшую минуту";
  const minutes = Math.ceil(diffMs / 60_000);
  if (minutes < 60) return `через ${minutes}\u00a0мин`;
  return `в ${fmtMoscowTime(at)}${diffMs > 20 * 3_600_000 ? ` ${fmtDayShort(toMoscowIso(new Date(at)).slice(0, 10))}` : ""}`;
}
