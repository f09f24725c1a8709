// The one money type: integer kopecks. WB sends roubles as floats (statistics), integers (prices)
// or decimal strings (finance); everything is converted here on the way in.

/** Integer kopecks. A plain number kept integral by every constructor below. */
export type Kopecks = number;

/** Roubles as a JS number (statistics `totalPrice`, prices `price`) → kopecks, rounded half away from zero. */
export function rublesToKopecks(rubles: number): Kopecks {
  if (!Number.isFinite(rubles)) throw new RangeError(`not a money amount: ${rubles}`);
  // Scale by 100 then round; the epsilon absorbs float noise such as 1145.005 stored as 1145.00499…
  const scaled = Math.abs(rubles) * 100;
  const rounded = Math.round(scaled + 1e-7);
  return rubles < 0 ? -rounded : rounded;
}

/** A decimal string (finance API: "376.99", "-12.5", "0") → kopecks, exactly, without float maths. */
export function decimalRublesToKopecks(value: string | number | null | undefined): Kopecks {
  if (value === null || value === undefined || value === "") return 0;
  if (typeof value === "number") return rublesToKopecks(value);
  const match = /^\s*(-?)(\d+)(?:[.,](\d*))?\s*$/.exec(value);
  if (!match) throw new RangeError(`not a decimal money amount: ${JSON.stringify(value)}`);
  const [, sign, whole, fraction = ""] = match;
  const cents = (fraction + "00").slice(0, 2);
  // A third fractional digit rounds half up, as WB's own totals do.
  const roundUp = fraction.length > 2 && Number(fraction[2]) >= 5 ? 1 : 0;
  const kopecks = Number(whole) * 100 + Number(cents) + roundUp;
  return sign === "-" && kopecks !== 0 ? -kopecks : kopecks;
}

const rubFormat = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 0 });
const rubFormatWithKopecks = new Intl.NumberFormat("ru-RU", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** «1 536 289 ₽» (whole roubles) or «1 536 289,50 ₽» with `withKopecks`. */
export function formatRub(kopecks: Kopecks, options: { withKopecks?: boolean } = {}): string {
  const rubles = kopecks / 100;
  const text = options.withKopecks ? rubFormatWithKopecks.format(rubles) : rubFormat.format(Math.round(rubles));
  // A no-break space keeps the sign on the same line as the amount.
  return `${text}\u00a0₽`;
}
