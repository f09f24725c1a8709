// Orders as a function of (seed, time). Time is cut into UTC hour slots; each slot's orders are
// drawn from a generator seeded by (seed, slot) alone, so any window is cheap to produce and
// identical whoever asks and whenever. Each order's whole life (cancellation, buyout, return) is
// decided when it is drawn; "now" only decides how much of that life is visible yet.

import { discountAt, type CatalogItem, type CatalogSize } from "./catalog";
import { cardWeightsForDay, dailyOrderRate, hourShare } from "./demand";
import { deliveryDaysRange, REGIONS, type Region } from "./geo";
import { cumulative, keyOf, rngFor, round2, sampleCumulative, scramble, type Rng } from "./random";
import { incomeIdAt, inStock } from "./stock";
import { DAY_MS, HOUR_MS, MINUTE_MS, mskDayIndex, mskHour, mskIso, SECOND_MS, WB_ZERO_DATE_TIME } from "./time";
import type { OrderRow } from "./types";
import type { World } from "./world";

export interface RawOrder {
  /** slot·1000 + position: unique, and the root of every id derived from the order. */
  key: number;
  item: CatalogItem;
  size: CatalogSize;
  region: Region;
  /** Shipped from the seller's own warehouse (FBS) rather than a WB warehouse. */
  fbs: boolean;
  warehouseName: string;
  dateMs: number;
  /** When the order first shows up in Statistics (WB refreshes every 30 minutes). */
  visibleMs: number;
  totalPrice: number;
  discountPercent: number;
  spp: number;
  priceWithDisc: number;
  finishedPrice: number;
  /** WB Wallet discount at payment, roubles. */
  walletDiscount: number;
  incomeID: number;
  srid: string;
  gNumber: string;
  sticker: string;
  cancel: { ms: number; visibleMs: number; afterDelivery: boolean } | null;
  sale: { ms: number; visibleMs: number } | null;
  ret: { ms: number; visibleMs: number } | null;
}

/** How far back the sandbox's orders reach from "now". */
export const HISTORY_DAYS = 180;
/** Latest change of an order after it was placed: a refusal at the pickup point. */
export const MAX_ORDER_CHANGE_MS = 14 * DAY_MS;
/** Latest sale or return after the order: delivery, then up to two weeks to return. */
export const MAX_SALE_LAG_MS = 30 * DAY_MS;

const REGION_CUM = cumulative(REGIONS.map((r) => r.weight));
/** Share of orders shipped from the seller's own warehouse. */
const FBS_SHARE = 0.12;
const SELLER_WAREHOUSE = "Склад Мытищи";

export function historyStartMs(nowMs: number): number {
  return nowMs - HISTORY_DAYS * DAY_MS;
}

/** The orders drawn for one UTC hour slot, sorted by order time (cached; pure in seed and slot). */
export function slotOrders(world: World, slot: number): RawOrder[] {
  let orders = world.slots.get(slot);
  if (!orders) {
    orders = drawSlot(world, slot);
    if (world.slots.size >= 8000) world.slots.delete(world.slots.keys().next().value as number);
    world.slots.set(slot, orders);
  }
  return orders;
}

/** Orders placed in [fromMs, toMs), by order time. */
export function ordersPlacedBetween(world: World, fromMs: number, toMs: number): RawOrder[] {
  const out: RawOrder[] = [];
  if (toMs <= fromMs) return out;
  const first = Math.floor(fromMs / HOUR_MS);
  const last = Math.floor((toMs - 1) / HOUR_MS);
  for (let slot = first; slot <= last; slot++) {
    for (const o of slotOrders(world, slot)) if (o.dateMs >= fromMs && o.dateMs < toMs) out.push(o);
  }
  return out;
}

function drawSlot(world: World, slot: number): RawOrder[] {
  const seed = world.seed;
  const startMs = slot * HOUR_MS;
  const day = mskDayIndex(startMs);
  const expected = dailyOrderRate(seed, day) * hourShare(day, mskHour(startMs));
  const rng = rngFor(seed, "slot", slot);
  const weights = cardWeightsForDay(world, day);
  const items = world.catalog.items;
  // Buyers check out baskets: mostly one item, sometimes two or three (shared gNumber).
  const baskets = rng.poisson(expected / 1.18);
  const out: RawOrder[] = [];
  let position = 0;
  for (let b = 0; b < baskets; b++) {
    const basketMs = startMs + rng.int(0, 3599) * SECOND_MS;
    const u = rng.next();
    const count = u < 0.85 ? 1 : u < 0.97 ? 2 : 3;
    const region = REGIONS[sampleCumulative(REGION_CUM, rng.next())] as Region;
    const gNumber = String(1_000_000_000 + (keyOf(seed, "g", slot, b) % 8_999_999_999)) + scramble(slot * 1000 + b, 10, 7_368_787n, 1_234_567_891n);
    for (let k = 0; k < count; k++) {
      // Each basket line has its own generator, so a line dropped for a stock-out never shifts
      // the draws of the lines after it.
      const line = rngFor(seed, "line", slot, b, k);
      const item = items[sampleCumulative(weights, line.next())] as CatalogItem;
      const dateMs = basketMs + k * line.int(0, 40) * SECOND_MS;
      const size = pickSize(world, line, item, dateMs);
      if (!size || item.createdMs > dateMs) continue;
      const key = slot * 1000 + position++;
      out.push(drawOrder(world, line, key, item, size, region, gNumber, dateMs));
    }
  }
  out.sort((a, b) => a.dateMs - b.dateMs || a.key - b.key);
  return out;
}

function pickSize(world: World, rng: Rng, item: CatalogItem, ms: number): CatalogSize | null {
  const wanted = item.sizes[rng.weighted(item.sizes.map((s) => s.share))] as CatalogSize;
  if (inStock(world, item, wanted, ms)) return wanted;
  // Out of stock: some buyers take the neighbouring size, the rest leave.
  const neighbours = item.sizes.filter((s) => Math.abs(s.index - wanted.index) === 1 && inStock(world, item, s, ms));
  if (neighbours.length > 0 && rng.chance(0.35)) return rng.pick(neighbours);
  return null;
}

function drawOrder(world: World, rng: Rng, key: number, item: CatalogItem, size: CatalogSize, region: Region, gNumber: string, dateMs: number): RawOrder {
  const seed = world.seed;
  const fbs = rng.chance(FBS_SHARE);
  // Since 2026-08-18 WB masks its warehouses as "Склад WB РФ" (release-notes id=570); FBS orders
  // show the seller's warehouse name, and some of them the masked name too (see the spec example).
  const warehouseName = fbs && rng.chance(0.5) ? SELLER_WAREHOUSE : "Склад WB РФ";
  const totalPrice = item.price;
  const discountPercent = discountAt(seed, item, dateMs);
  const club = item.clubDiscount > 0 && rng.chance(0.35) ? item.clubDiscount : 0;
  const afterSeller = totalPrice * (1 - discountPercent / 100);
  const priceWithDisc = club > 0 ? round2(afterSeller * (1 - club / 100)) : Math.round(afterSeller);
  const spp = Math.max(3, Math.min(35, Math.round(rng.normal(19, 6))));
  const finishedPrice = Math.round(priceWithDisc * (1 - spp / 100));
  const walletDiscount = rng.chance(0.3) ? Math.max(1, Math.round(finishedPrice * 0.02)) : 0;
  const [minDays, maxDays] = deliveryDaysRange(region);
  const deliveryMs = (rng.int(minDays, maxDays) * 24 + rng.int(0, 20)) * HOUR_MS;
  const lag = () => rng.int(4, 40) * MINUTE_MS;

  let cancel: RawOrder["cancel"] = null;
  let sale: RawOrder["sale"] = null;
  let ret: RawOrder["ret"] = null;
  // ~10% cancelled: early cancellations by the buyer, or refusals at the pickup point; sizes that
  // run small or large are refused and returned more often.
  const fitRisk = item.sizeRuns === 0 ? 0 : 0.035;
  if (rng.chance(0.085 + fitRisk)) {
    const afterDelivery = rng.chance(0.55);
    const ms = afterDelivery ? dateMs + deliveryMs + rng.int(2, 72) * HOUR_MS : dateMs + rng.int(10, 360) * MINUTE_MS;
    cancel = { ms, visibleMs: ms + lag(), afterDelivery };
  } else {
    const ms = dateMs + deliveryMs;
    sale = { ms, visibleMs: ms + lag() };
    if (rng.chance(0.035 + fitRisk)) {
      const rms = ms + rng.int(1, 14) * DAY_MS + rng.int(0, 23) * HOUR_MS;
      ret = { ms: rms, visibleMs: rms + lag() };
    }
  }
  const srid = `${rng.int(1, 99)}.r${rng.hex(22)}${key.toString(36).padStart(8, "0")}.${rng.int(0, 9)}.0`;
  return {
    key,
    item,
    size,
    region,
    fbs,
    warehouseName,
    dateMs,
    visibleMs: dateMs + lag(),
    totalPrice,
    discountPercent,
    spp,
    priceWithDisc,
    finishedPrice,
    walletDiscount,
    incomeID: incomeIdAt(world, item, size, dateMs),
    srid,
    gNumber,
    sticker: String(Number(scramble(key, 10, 48_271n, 3_791_005_417n))),
    cancel,
    sale,
    ret,
  };
}

/** The unit's barcode sticker number (`shkId`), unique per order. */
export function shkIdOf(o: RawOrder): number {
  return 10_000_000_000 + Number(scramble(o.key, 10, 6_364_136_223n, 1_442_695_041n));
}

/** `lastChangeDate` of the order as seen at `nowMs` (the cancellation moves it later). */
export function orderLastChangeMs(o: RawOrder, nowMs: number): number {
  return o.cancel && o.cancel.visibleMs <= nowMs ? o.cancel.visibleMs : o.visibleMs;
}

/** The Statistics row of an order as WB would return it at `nowMs`. */
export function orderRow(o: RawOrder, nowMs: number): OrderRow {
  const cancelled = o.cancel !== null && o.cancel.visibleMs <= nowMs;
  return {
    date: mskIso(o.dateMs),
    lastChangeDate: mskIso(orderLastChangeMs(o, nowMs)),
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
    finishedPrice: o.finishedPrice,
    priceWithDisc: o.priceWithDisc,
    isCancel: cancelled,
    cancelDate: cancelled && o.cancel ? mskIso(o.cancel.ms) : WB_ZERO_DATE_TIME,
    sticker: o.sticker,
    gNumber: o.gNumber,
    srid: o.srid,
  };
}

/**
 * Orders visible at `nowMs` whose lastChangeDate is ≥ `sinceMs`, sorted by lastChangeDate then
 * srid. Only orders placed within the history window exist.
 */
export function ordersChangedSince(world: World, nowMs: number, sinceMs: number): { order: RawOrder; lastChangeMs: number }[] {
  const from = Math.max(historyStartMs(nowMs), sinceMs - MAX_ORDER_CHANGE_MS);
  const out: { order: RawOrder; lastChangeMs: number }[] = [];
  for (const o of ordersPlacedBetween(world, from, nowMs + 1)) {
    if (o.visibleMs > nowMs) continue;
    const lastChangeMs = orderLastChangeMs(o, nowMs);
    if (lastChangeMs >= sinceMs) out.push({ order: o, lastChangeMs });
  }
  out.sort((a, b) => a.lastChangeMs - b.lastChangeMs || a.order.key - b.order.key);
  return out;
}

/** Visible orders placed in [fromMs, toMs), clamped to the history window. */
export function visibleOrdersPlaced(world: World, nowMs: number, fromMs: number, toMs: number): RawOrder[] {
  const from = Math.max(historyStartMs(nowMs), fromMs);
  return ordersPlacedBetween(world, from, Math.min(toMs, nowMs + 1)).filter((o) => o.visibleMs <= nowMs);
}
