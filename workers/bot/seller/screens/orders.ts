// One order as a list row (also the body of new-order notifications): time, price, article,
// size, region, warehouse.

import type { Order } from "../../../../db/schema";
import { fmtMoney, fmtShortDateTime } from "../../format";
import { truncate } from "../../html";
import { t } from "../../i18n";

export function orderLine(o: Order, n?: number): string {
  return t("order-line", {
    n: n === undefined ? "" : `${n}. `,
    when: fmtShortDateTime(o.orderedAt),
    price: fmtMoney(o.priceWithDiscKopecks),
    cancelled: o.isCancel ? 1 : 0,
    article: truncate(o.supplierArticle ?? String(o.nmId), 40),
    nmId: o.nmId,
    size: o.techSize && o.techSize !== "0" ? truncate(o.techSize, 20) : "",
    subject: truncate([o.subject, o.brand].filter(Boolean).join(" · "), 60),
    region: truncate(o.region || o.okrug || o.country || "—", 40),
    warehouse: truncate(o.warehouseName ?? "", 40),
  });
}
