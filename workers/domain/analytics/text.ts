// Russian wording for the explanations the analytics give a seller: plurals and ru-RU numbers.

const integer = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 2 });

/** The Russian plural form for n: plural(5, ["день", "дня", "дней"]) → «дней». */
export function plural(n: number, forms: readonly [one: string, few: string, many: string]): string {
  const abs = Math.abs(Math.trunc(n));
  if (!Number.isInteger(n)) return forms[1];
  const mod10 = abs % 10;
  const mod100 = abs % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}

export const DAY_FORMS = ["день", "дня", "дней"] as const;
export const UNIT_FORMS = ["штука", "штуки", "штук"] as const;
export const ORDER_FORMS = ["заказ", "заказа", "заказов"] as const;

/** «1 536» */
export function formatInt(n: number): string {
  return integer.format(Math.round(n));
}

/** «2,4» (up to one decimal; small rates keep two: «0,14»). */
export function formatRate(n: number): string {
  return Math.abs(n) < 1 && n !== 0 ? twoDecimals.format(n) : oneDecimal.format(n);
}

/** «1,64» (up to two decimals). */
export function formatDecimal(n: number): string {
  return twoDecimals.format(n);
}

/** «12 дней», «1 день», «2,5 дня». */
export function formatDays(n: number): string {
  // Plural agrees with the number as shown: «2,5 дня» (a fraction takes the genitive singular).
  const shown = Math.round(n * 10) / 10;
  return `${oneDecimal.format(shown)} ${plural(shown, DAY_FORMS)}`;
}

/** «15 штук» */
export function formatUnits(n: number): string {
  return `${formatInt(n)} ${plural(Math.round(n), UNIT_FORMS)}`;
}

/** «12,5 %» from a fraction 0.125. */
export function formatPercent(fraction: number, digits = 1): string {
  const f = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: digits });
  return `${f.format(fraction * 100)}\u00a0%`;
}

/** «24.11.2026» from 'YYYY-MM-DD'. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}.${m}.${y}`;
}
