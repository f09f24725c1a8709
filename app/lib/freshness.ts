// How fresh a block's data is, as the label a seller reads next to every figure.

import { fmtAgo, fmtMoscow } from "./format";

export interface FreshnessLabel {
  /** «обновлено 5 мин назад», «ещё не загружено». */
  text: string;
  /** The exact time, for a tooltip. */
  title: string;
  stale: boolean;
  never: boolean;
}

export function freshnessLabel(f: { updatedAt: string | Date | null; stale: boolean }, now: Date): FreshnessLabel {
  if (!f.updatedAt) {
    return { text: "первая загрузка из WB ещё идёт", title: "Цифры станут полными, когда закончится первая синхронизация с WB", stale: true, never: true };
  }
  const ago = fmtAgo(f.updatedAt, now);
  return {
    text: f.stale ? `устарело: обновлено ${ago}` : `обновлено ${ago}`,
    title: `Данные WB на ${fmtMoscow(f.updatedAt)} МСК${f.stale ? " — обновление задерживается" : ""}`,
    stale: f.stale,
    never: false,
  };
}
