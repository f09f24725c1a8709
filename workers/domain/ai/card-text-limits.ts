// WB's bounds for a card's texts (02-items.yaml, cards upload/update: `title` maxLength 60;
// `description` «Стандарт — 2000, минимум — 1000, максимум — 5000», the maximum depending on the category).

export const CARD_TITLE_MAX = 60;
export const CARD_DESCRIPTION_MIN = 1000;
export const CARD_DESCRIPTION_MAX = 5000;

export interface CardTextCheck {
  title: string;
  description: string;
  /** Russian, for the seller: what still needs a hand. */
  warnings: string[];
}

const chars = (s: string) => Array.from(s).length;

/** Cuts at a word boundary so a title never ends mid-word. */
export function cutAtWord(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (chars(clean) <= max) return clean;
  const cut = Array.from(clean).slice(0, max + 1).join("");
  const space = cut.lastIndexOf(" ");
  return (space >= max / 2 ? cut.slice(0, space) : Array.from(clean).slice(0, max).join("")).replace(/[,;:\s-]+$/, "");
}

export function fitCardText(rawTitle: string, rawDescription: string): CardTextCheck {
  const warnings: string[] = [];
  const title = cutAtWord(rawTitle, CARD_TITLE_MAX);
  if (chars(rawTitle.trim()) > CARD_TITLE_MAX) warnings.push(`Название сокращено до ${CARD_TITLE_MAX} символов — проверьте, что смысл сохранился.`);
  let description = rawDescription.replace(/[ \t]+/g, " ").trim();
  if (chars(description) > CARD_DESCRIPTION_MAX) {
    description = cutAtWord(description, CARD_DESCRIPTION_MAX);
    warnings.push(`Описание сокращено до ${CARD_DESCRIPTION_MAX} символов.`);
  }
  if (chars(description) < CARD_DESCRIPTION_MIN) warnings.push(`Описание короче ${CARD_DESCRIPTION_MIN} символов — WB рекомендует 1000–2000; допишите детали.`);
  if (title === "") warnings.push("Название пустое — придумайте его сами.");
  return { title, description, warnings };
}
