// /c/<id>/orders.csv: the orders of the current filter as CSV for Excel in Russian locale
// (UTF-8 with BOM, «;» between fields, decimal comma), streamed page by page so a large export
// never sits in memory.

import { toMoscowIso } from "../../workers/domain/moscow-time";
import { listOrders, type TimeIdCursor } from "../../workers/queries/orders";
import type { Order } from "../../db/schema";
import { requireCabinet } from "../lib/auth.server";
import { parseOrderQuery } from "../lib/order-filters.server";
import type { Route } from "./+types/cabinet.orders-csv";

const PAGE = 1000;
/** A ceiling for one download (WB keeps 90 days of orders; a busy shop has a few hundred thousand). */
const CSV_MAX_ROWS = 300_000;

const HEADER = [
  "Время заказа (МСК)",
  "Номер заказа (srid)",
  "Корзина",
  "Артикул WB",
  "Артикул продавца",
  "Размер",
  "Баркод",
  "Бренд",
  "Предмет",
  "Категория",
  "Склад",
  "Тип склада",
  "Регион",
  "Округ",
  "Страна",
  "Цена без скидок, ₽",
  "Скидка продавца, %",
  "Цена со скидкой продавца, ₽",
  "СПП, %",
  "Заплатил покупатель, ₽",
  "Статус",
  "Отменён (МСК)",
];

function cell(value: string | number | null): string {
  if (value === null) return "";
  const s = String(value);
  // Quote when needed; a leading = + - @ would be a formula in Excel, so such text gets a quote mark.
  const safe = /^[=+\-@]/.test(s) && typeof value === "string" ? `'${s}` : s;
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function rub(kopecks: number): string {
  const sign = kopecks < 0 ? "-" : "";
  const abs = Math.abs(kopecks);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}

function moscow(at: Date): string {
  return toMoscowIso(at).replace("T", " ");
}

function orderCsvLine(o: Order): string {
  return [
    moscow(o.orderedAt),
    o.srid,
    o.gNumber,
    o.nmId,
    o.supplierArticle,
    o.techSize,
    o.barcode,
    o.brand,
    o.subject,
    o.category,
    o.warehouseName,
    o.warehouseType,
    o.region,
    o.okrug,
    o.country,
    rub(o.totalPriceKopecks),
    o.discountPercent,
    rub(o.priceWithDiscKopecks),
    String(o.spp).replace(".", ","),
    rub(o.finishedPriceKopecks),
    o.isCancel ? "отменён" : "активен",
    o.cancelledAt ? moscow(o.cancelledAt) : null,
  ]
    .map(cell)
    .join(";");
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { auth, db } = await requireCabinet(request, context, params.cabinetId);
  const { filters } = parseOrderQuery(new URL(request.url));
  const encoder = new TextEncoder();
  let after: TimeIdCursor | undefined;
  let sent = 0;
  let started = false;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${HEADER.map(cell).join(";")}\r\n`));
        return;
      }
      if (done) return controller.close();
      const page = await listOrders(db, auth, { ...filters, limit: Math.min(PAGE, CSV_MAX_ROWS - sent), after });
      sent += page.rows.length;
      if (page.rows.length > 0) controller.enqueue(encoder.encode(page.rows.map((r) => `${orderCsvLine(r)}\r\n`).join("")));
      after = page.next ?? undefined;
      if (!page.next || sent >= CSV_MAX_ROWS) done = true;
    },
  });
  const day = toMoscowIso(new Date()).slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="wb-orders-${day}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
