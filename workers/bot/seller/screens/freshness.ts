import type { BlockFreshness } from "../../../domain/freshness";
import { fmtWhen } from "../../format";
import { t } from "../../i18n";

/** «🕒 обновлено сегодня в 14:02», with a warning when stale or never loaded. */
export function freshnessLine(f: BlockFreshness, now: Date): string {
  if (!f.updatedAt) return t("fresh-never");
  const when = fmtWhen(f.updatedAt, now);
  return t(f.stale ? "fresh-stale" : "fresh-ok", { when });
}
