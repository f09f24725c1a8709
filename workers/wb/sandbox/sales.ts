// Sales (buyouts, saleID "S…") and returns ("R…") derived from the orders' lifecycles: every order
// that is not cancelled is bought out when it reaches the buyer, and a few are returned within two
// weeks. Sales outlive the orders' 180-day window, as on WB, so they are drawn from a wider one.

import { historyStartMs, MAX_SALE_LAG_MS, ordersPlacedBetween, type RawOrder } from "./orders";
import { round2, scramble } from "./random";
import { mskIso } from "./time";
import type { SaleRow } from "./types";
import type { World } from "./world";

export interface SaleEvent {
  order: RawOrder;
  kind: "S" | "R";
  ms: number;
  /** = lastChangeDate */
  visibleMs: number;
}

/** What WB pays the seller for a unit (Statistics `forPay`, Finance `forPay`): price after the
 * seller's discount minus WB's commission for the subject. */
export function forPayOf(o: RawOrder): number {
  return round2(o.priceWithDisc * (1 - o.item.subject.commission / 100));
}

export function saleIdOf(o: RawOrder, kind: "S" | "R"): string {
  // Distinct bijections for sales and returns keep both unique and unrelated-looking.
  return kind + (kind === "S" ? scramble(o.key, 10, 2_654_435_761n, 9_700_000_123n) : scramble(o.key, 10, 40_503n, 1_300_000_077n));
}

function eventsOf(o: RawOrder, out: SaleEvent[]): void {
  if (o.sale) out.push({ order: o, kind: "S", ms: o.sale.ms, visibleMs: o.sale.visibleMs });
  if (o.ret) out.push({ order: o, kind: "R", ms: o.ret.ms, visibleMs: o.ret.visibleMs });
}

/** Sales and returns visible at `nowMs` with lastChangeDate ≥ sinceMs, sorted by it. */
export function salesChangedSince(world: World, nowMs: number, sinceMs: number): SaleEvent[] {
  const start = historyStartMs(nowMs);
  const from = Math.max(start - MAX_SALE_LAG_MS, sinceMs - MAX_SALE_LAG_MS);
  const out: SaleEvent[] = [];
  for (const o of ordersPlacedBetween(world, from, nowMs + 1)) eventsOf(o, out);
  return sortEvents(out.filter((e) => e.visibleMs <= nowMs && e.visibleMs >= sinceMs && e.ms >= start));
}

/** Sales and returns visible at `nowMs` that happened in [fromMs, toMs). */
export function salesBetween(world: World, nowMs: number, fromMs: number, toMs: number): SaleEvent[] {
  const start = Math.max(historyStartMs(nowMs), fromMs);
  const out: SaleEvent[] = [];
  for (const o of ordersPlacedBetween(world, start - MAX_SALE_LAG_MS, Math.min(toMs, nowMs + 1))) eventsOf(o, out);
  return sortEvents(out.filter((e) => e.visibleMs <= nowMs && e.ms >= start && e.ms < toMs));
}

function sortEvents(events: SaleEvent[]): SaleEvent[] {
  return events.sort((a, b) => a.visibleMs - b.visibleMs || a.order.key - b.order.key || (a.kind < b.kind ? -1 : 1));
}

/** The Statistics sales row; returns carry negative amounts, as WB reports them. */
export function saleRow(e: SaleEvent): SaleRow {
  const o = e.order;
  const sign = e.kind === "R" ? -1 : 1;
  return {
    date: mskIso(e.ms),
    lastChangeDate: mskIso(e.visibleMs),
    warehouseName: o.warehouseName,
    warehouseType: o.fbs ? "Склад продавца" : "Склад WB",
    countryName: o.region.country,
    oblastOkrugName: o.region.okrug,
    regionName: o.region.name,
    supplierArticle: o.item.vendorCode,
    nmId: o.item.nmID,
    barcode: o.size.barcode,
    category: "Одежда",
    subject: o.item.subject.name,
    brand: o.item.brand,
    techSize: o.size.techSize,
    incomeID: o.incomeID,
    isSupply: false,
    isRealization: true,
    totalPrice: o.totalPrice,
    discountPercent: o.discountPercent,
    spp: o.spp,
    paymentSaleAmount: e.kind === "S" ? o.walletDiscount : 0,
    forPay: sign * forPayOf(o),
    finishedPrice: sign * o.finishedPrice,
    priceWithDisc: sign * o.priceWithDisc,
    saleID: saleIdOf(o, e.kind),
    sticker: o.sticker,
    gNumber: o.gNumber,
    srid: o.srid,
  };
}
