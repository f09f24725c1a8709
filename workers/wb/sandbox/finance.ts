// The realization report detail (Finance API `sales-reports/detailed`, 13-finances.yaml): weekly
// reports (Monday–Sunday, published the next Monday) or daily ones, whose rows are the period's
// sales and returns (same srid, prices and forPay as Statistics), logistics to and from buyers,
// daily storage, the weekly promotion deduction, occasional penalties and paid acceptance.
// Money is decimal strings, as the 2026 API sends it; rrdId grows across reports.

import type { CatalogItem } from "./catalog";
import { INITIALS, STREETS, SURNAMES, type Region } from "./geo";
import { MAX_SALE_LAG_MS, ordersPlacedBetween, shkIdOf, type RawOrder } from "./orders";
import { keyOf, round2, rngFor, scramble } from "./random";
import { forPayOf } from "./sales";
import { DAY_MS, HOUR_MS, mskDate, mskDayStart, utcIso, WB_ZERO_DATE } from "./time";
import type { FinanceRow } from "./types";
import type { World } from "./world";

export type ReportPeriod = "weekly" | "daily";

export interface FinanceReport {
  reportId: number;
  period: ReportPeriod;
  /** Moscow day indexes, inclusive. */
  fromDay: number;
  toDay: number;
  /** Day the report is formed (the day after the period). */
  createDay: number;
  /** rrdIds of this report are rrdBase + 1 … rrdBase + rows. */
  rrdBase: number;
}

type EventKind = "sale" | "return" | "logisticsToClient" | "logisticsCancelTo" | "logisticsCancelFrom" | "logisticsReturn" | "storage" | "deduction" | "penalty" | "acceptance";

interface FinanceEvent {
  kind: EventKind;
  ms: number;
  order: RawOrder | null;
  /** Amount for storage, deductions, penalties and acceptance, roubles. */
  amount: number;
  item: CatalogItem | null;
  note: string;
}

/** Weekly reports are published at noon Moscow time the Monday after the week; daily ones the next morning. */
const WEEKLY_PUBLISH_MS = 12 * HOUR_MS;
const DAILY_PUBLISH_MS = 9 * HOUR_MS;

/** Reports whose period overlaps [fromDay, toDay] and that are published by `nowMs`. */
export function reportsFor(period: ReportPeriod, fromDay: number, toDay: number, nowMs: number, firstDay: number): FinanceReport[] {
  const out: FinanceReport[] = [];
  if (period === "daily") {
    for (let d = Math.max(fromDay, firstDay); d <= toDay; d++) {
      if (mskDayStart(d + 1) + DAILY_PUBLISH_MS > nowMs) break;
      out.push({ reportId: 400_000_000 + d, period, fromDay: d, toDay: d, createDay: d + 1, rrdBase: 3_000_000_000 + d * 20_000 });
    }
    return out;
  }
  // Day 4 (1970-01-05) was a Monday; weeks are counted from it.
  const weekOf = (day: number) => Math.floor((day - 4) / 7);
  for (let w = weekOf(Math.max(fromDay, firstDay)); w <= weekOf(toDay); w++) {
    const monday = 4 + w * 7;
    if (monday < firstDay) continue;
    if (mskDayStart(monday + 7) + WEEKLY_PUBLISH_MS > nowMs) break;
    out.push({ reportId: 300_000_000 + w, period, fromDay: monday, toDay: monday + 6, createDay: monday + 7, rrdBase: 1_000_000_000 + w * 100_000 });
  }
  return out;
}

const eventCache = new Map<string, FinanceEvent[]>();

/** The report's operations in rrdId order (cached: pure in seed and period). */
export function reportEvents(world: World, report: FinanceReport): FinanceEvent[] {
  const cacheKey = `${world.seed}:${report.period}:${report.fromDay}`;
  let events = eventCache.get(cacheKey);
  if (events) return events;
  const fromMs = mskDayStart(report.fromDay);
  const toMs = mskDayStart(report.toDay + 1);
  events = [];
  const inPeriod = (ms: number) => ms >= fromMs && ms < toMs;
  for (const o of ordersPlacedBetween(world, fromMs - MAX_SALE_LAG_MS, toMs)) {
    const base = { order: o, amount: 0, item: o.item, note: "" };
    if (o.sale && inPeriod(o.sale.ms)) {
      events.push({ ...base, kind: "sale", ms: o.sale.ms });
      events.push({ ...base, kind: "logisticsToClient", ms: o.sale.ms });
    }
    if (o.cancel?.afterDelivery && inPeriod(o.cancel.ms)) {
      events.push({ ...base, kind: "logisticsCancelTo", ms: o.cancel.ms });
      events.push({ ...base, kind: "logisticsCancelFrom", ms: o.cancel.ms });
    }
    if (o.ret && inPeriod(o.ret.ms)) {
      events.push({ ...base, kind: "return", ms: o.ret.ms });
      events.push({ ...base, kind: "logisticsReturn", ms: o.ret.ms });
    }
  }
  for (let day = report.fromDay; day <= report.toDay; day++) {
    const dayMs = mskDayStart(day);
    const r = rngFor(world.seed, "finance-day", day);
    events.push({ kind: "storage", ms: dayMs + 23 * HOUR_MS, order: null, amount: round2(420 + 260 * r.next()), item: null, note: "" });
    // The weekly promotion bill is withheld on Mondays.
    if ((day - 4) % 7 === 0) events.push({ kind: "deduction", ms: dayMs + 10 * HOUR_MS, order: null, amount: 500 * r.int(4, 18), item: null, note: "Оказание услуг «ВБ.Продвижение»" });
    if (r.chance(0.06)) {
      const item = r.pick(world.catalog.items);
      events.push({ kind: "penalty", ms: dayMs + r.int(9, 20) * HOUR_MS, order: null, amount: r.pick([100, 300, 500, 1000]), item, note: r.pick(["Штраф за отсутствие маркировки", "Штраф за нарушение правил упаковки", "Штраф МП. Невыполненный заказ (отмена клиентом после недовоза)"]) });
    }
    if (r.chance(0.12)) events.push({ kind: "acceptance", ms: dayMs + r.int(8, 18) * HOUR_MS, order: null, amount: round2(150 + 1200 * r.next()), item: null, note: "Платная приёмка" });
  }
  const rank: Record<EventKind, number> = { sale: 0, logisticsToClient: 1, return: 2, logisticsReturn: 3, logisticsCancelTo: 4, logisticsCancelFrom: 5, storage: 6, deduction: 7, penalty: 8, acceptance: 9 };
  events.sort((a, b) => a.ms - b.ms || (a.order?.key ?? 0) - (b.order?.key ?? 0) || rank[a.kind] - rank[b.kind]);
  if (eventCache.size > 500) eventCache.clear();
  eventCache.set(cacheKey, events);
  return events;
}

/** "376.99", "367", "0": WB's decimal strings. */
function money(x: number): string {
  const v = round2(x);
  return String(Object.is(v, -0) ? 0 : v);
}

const BANKS = ["Сбербанк", "Т-Банк", "Альфа-Банк", "ВТБ", "Газпромбанк"];

function pickupPoint(seed: number, region: Region, o: RawOrder): { id: number; name: string; partner: string; inn: string } {
  const k = keyOf(seed, "pvz", region.name, o.key % 40);
  const street = STREETS[k % STREETS.length] as string;
  const surname = SURNAMES[(k >>> 5) % SURNAMES.length] as string;
  const i1 = INITIALS[(k >>> 10) % INITIALS.length] as string;
  const i2 = INITIALS[(k >>> 14) % INITIALS.length] as string;
  return {
    id: 100_000 + (k % 250_000),
    name: `${region.city}, ${street}, ${1 + ((k >>> 18) % 120)}`,
    partner: `ИП ${surname} ${i1}. ${i2}.`,
    inn: String(100_000_000_000 + (keyOf(seed, "pvz-inn", k) % 899_999_999_999)).slice(0, 12),
  };
}

/** Logistics tariff to the buyer: per-litre base rate times the warehouse coefficient. */
function deliveryTariff(o: RawOrder, coeff: number): number {
  return round2((46 + Math.max(0, o.item.volumeLiters - 1) * 14) * coeff);
}

/** The row for one operation of a report. */
export function financeRow(world: World, report: FinanceReport, e: FinanceEvent, rrdId: number): FinanceRow {
  const seed = world.seed;
  const o = e.order;
  const item = e.item;
  const row = blankRow(report, rrdId, e.ms);
  if (item) {
    row.subjectName = item.subject.name;
    row.nmId = item.nmID;
    row.brandName = item.brand;
    row.vendorCode = item.vendorCode;
    row.title = item.title;
  }
  if (o) {
    const coeff = 1 + (keyOf(seed, "wh-coeff", o.incomeID) % 46) / 100;
    const pvz = pickupPoint(seed, o.region, o);
    row.techSize = o.size.techSize;
    row.sku = o.size.barcode;
    row.giId = o.incomeID;
    row.dlvPrc = coeff;
    row.warehouseLogisticsCoeff = coeff;
    row.giBoxTypeName = o.incomeID % 3 === 0 ? "Монопаллета" : "Короб";
    row.officeName = o.fbs ? o.warehouseName : "Склад WB";
    row.orderDt = utcIso(o.dateMs);
    row.shkId = shkIdOf(o);
    row.stickerId = o.sticker;
    row.country = o.region.country;
    row.ppvzOfficeName = pvz.name;
    row.ppvzOfficeId = pvz.id;
    row.ppvzSupplierName = pvz.partner;
    row.ppvzSupplierInn = pvz.inn;
    row.orderId = o.fbs ? 2_800_000_000 + Number(scramble(o.key, 8, 1_103_515_245n, 12_345n)) : 0;
    row.deliveryMethod = o.fbs ? "FBS, (МГТ)" : "FBW, (МГТ)";
    row.orderUid = `id${[0, 1, 2, 3].map((i) => keyOf(seed, "order-uid", o.gNumber, i).toString(16).padStart(8, "0")).join("")}`;
    row.srid = o.srid;
    row.spp = o.spp;
    row.salePercent = o.discountPercent;
    row.productDiscountForReport = o.discountPercent;
    row.commissionPercent = o.item.subject.commission;
    row.kvwBase = round2(o.item.subject.commission / 1.2);
    row.kvw = row.kvwBase;
    if (e.kind === "sale" || e.kind === "return") {
      const forPay = forPayOf(o);
      const acquiring = round2(o.finishedPrice * 0.015);
      const commission = round2(o.priceWithDisc - forPay);
      const vwTotal = round2(commission - acquiring);
      const vwNds = round2(vwTotal / 6);
      row.docTypeName = e.kind === "sale" ? "Продажа" : "Возврат";
      row.sellerOperName = row.docTypeName;
      row.quantity = 1;
      row.retailPrice = money(o.totalPrice);
      row.retailAmount = money(o.finishedPrice);
      row.retailPriceWithDisc = money(o.priceWithDisc);
      row.saleDt = utcIso(e.ms);
      row.ppvzSalesCommission = money(commission / 1.2);
      row.forPay = money(forPay);
      row.acquiringFee = money(acquiring);
      row.acquiringPercent = 1.5;
      row.paymentProcessing = "Комиссия за организацию платежа с НДС";
      row.acquiringBank = BANKS[keyOf(seed, "bank", o.key) % BANKS.length] as string;
      row.vw = money(vwTotal - vwNds);
      row.vwNds = money(vwNds);
      row.cashbackDiscount = money(o.walletDiscount);
    } else {
      row.sellerOperName = "Логистика";
      row.saleDt = utcIso(e.ms);
      const toClient = e.kind === "logisticsToClient" || e.kind === "logisticsCancelTo";
      row.deliveryAmount = toClient ? 1 : 0;
      row.returnAmount = toClient ? 0 : 1;
      row.deliveryService = money(toClient ? deliveryTariff(o, coeff) : 50);
      row.bonusTypeName = {
        logisticsToClient: "К клиенту при продаже",
        logisticsCancelTo: "К клиенту при отмене",
        logisticsCancelFrom: "От клиента при отмене",
        logisticsReturn: "От клиента при возврате",
      }[e.kind as "logisticsToClient" | "logisticsCancelTo" | "logisticsCancelFrom" | "logisticsReturn"];
    }
    return row;
  }
  switch (e.kind) {
    case "storage":
      row.sellerOperName = "Хранение";
      row.paidStorage = money(e.amount);
      break;
    case "deduction":
      row.sellerOperName = "Удержание";
      row.deduction = money(e.amount);
      row.bonusTypeName = e.note;
      break;
    case "penalty":
      row.sellerOperName = "Штраф";
      row.penalty = money(e.amount);
      row.bonusTypeName = e.note;
      break;
    case "acceptance":
      row.sellerOperName = "Платная приёмка";
      row.paidAcceptance = money(e.amount);
      row.bonusTypeName = e.note;
      break;
    default:
      break;
  }
  return row;
}

function blankRow(report: FinanceReport, rrdId: number, ms: number): FinanceRow {
  const dayIso = utcIso(mskDayStart(Math.floor((ms + 3 * HOUR_MS) / DAY_MS)));
  return {
    reportId: report.reportId,
    dateFrom: mskDate(mskDayStart(report.fromDay)),
    dateTo: mskDate(mskDayStart(report.toDay)),
    createDate: mskDate(mskDayStart(report.createDay)),
    currency: "RUB",
    reportType: 1,
    rrdId,
    giId: 0,
    dlvPrc: 0,
    fixTariffDateFrom: WB_ZERO_DATE,
    fixTariffDateTo: WB_ZERO_DATE,
    subjectName: "",
    nmId: 0,
    brandName: "",
    vendorCode: "",
    title: "",
    techSize: "",
    sku: "",
    docTypeName: "",
    quantity: 0,
    retailPrice: "0",
    retailAmount: "0",
    salePercent: 0,
    commissionPercent: 0,
    officeName: "",
    sellerOperName: "",
    orderDt: dayIso,
    saleDt: dayIso,
    rrDate: mskDate(ms),
    shkId: 0,
    retailPriceWithDisc: "0",
    deliveryAmount: 0,
    returnAmount: 0,
    deliveryService: "0",
    giBoxTypeName: "",
    productDiscountForReport: 0,
    sellerPromo: "0",
    spp: 0,
    kvwBase: 0,
    kvw: 0,
    supRatingUp: 0,
    isKgvpV2: 0,
    ppvzSalesCommission: "0",
    forPay: "0",
    ppvzReward: "0",
    acquiringFee: "0",
    acquiringPercent: 0,
    paymentProcessing: "",
    acquiringBank: "",
    vw: "0",
    vwNds: "0",
    ppvzOfficeName: "",
    ppvzOfficeId: 0,
    ppvzSupplierName: "",
    ppvzSupplierInn: "",
    declarationNumber: "",
    bonusTypeName: "",
    stickerId: "",
    country: "Россия",
    srvDbs: false,
    penalty: "0",
    additionalPayment: "0",
    rebillLogisticCost: "0",
    rebillLogisticOrg: "",
    paidStorage: "0",
    deduction: "0",
    paidAcceptance: "0",
    orderId: 0,
    kiz: "",
    isB2b: false,
    trbxId: "",
    installmentCofinancingAmount: "0",
    wibesDiscountPercent: 0,
    cashbackAmount: "0",
    cashbackDiscount: "0",
    cashbackCommissionChange: "0",
    paymentSchedule: "0",
    deliveryMethod: "",
    sellerPromoId: 0,
    sellerPromoDiscount: 0,
    loyaltyId: 0,
    loyaltyDiscount: 0,
    uuidPromocode: "",
    salePricePromocodeDiscountPrc: 0,
    articleSubstitution: "",
    salePriceAffiliatedDiscountPrc: 0,
    agencyVat: 0,
    salePriceWholesaleDiscountPrc: 0,
    b2bCustomerTin: "",
    paidWithSocialCertificate: false,
    warehouseLogisticsCoeff: 0,
    orderUid: "",
    srid: "",
  };
}

/** Rows of the given reports with rrdId > afterRrdId, at most `limit`, in rrdId order. */
export function financePage(world: World, reports: FinanceReport[], afterRrdId: number, limit: number): FinanceRow[] {
  const rows: FinanceRow[] = [];
  for (const report of reports) {
    const events = reportEvents(world, report);
    if (report.rrdBase + events.length <= afterRrdId) continue;
    const startIndex = Math.max(0, afterRrdId - report.rrdBase);
    for (let i = startIndex; i < events.length && rows.length < limit; i++) {
      rows.push(financeRow(world, report, events[i] as FinanceEvent, report.rrdBase + i + 1));
    }
    if (rows.length >= limit) break;
  }
  return rows;
}
