// Unit economics per card from WB's realization report (finance_report_rows) and the seller's
// cost prices. All money is integer kopecks; every figure closes exactly:
//
//   revenue − commission − acquiring − logistics − storage − penalties − other = payout
//   payout − shared costs − cost of goods = profit
//
// - revenue: Σ retailPriceWithDisc × quantity of sales minus returns (the seller's price after
//   their discount; WB's own discount to the buyer is WB's business).
// - commission: WB's reward with VAT (vw + vwNds); acquiring: acquiringFee; both net of returns.
// - logistics: deliveryService + rebillLogisticCost; storage: paidStorage; penalties: penalty.
// - payout: what WB transfers — forPay of sales minus returns, minus logistics, storage, paid
//   acceptance, penalties and deductions, plus additional payments.
// - other: the rest of the difference (paid acceptance, deductions such as promotion bills, the
//   pickup-point reward, loyalty discounts, rounding, minus additional payments), so nothing is lost.
// - shared costs: rows WB does not tie to a card (storage, promotion deductions, paid acceptance
//   in the report are per warehouse or per cabinet) are spread over cards by revenue share.
// - cost of goods: cost price × units sold net of returns (returned units are back in stock).
//
// The report is weekly and arrives after the week ends: days not yet covered are reported as
// missing instead of being guessed.

import { addDays } from "../calendar-day";
import type { Kopecks } from "../money";
import { type DayRange, dayList } from "../moscow-periods";
import { splitProportionally, sum } from "./stats";
import { formatDay } from "./text";

export type FinanceDocType = "sale" | "return" | "other";

/** Sums of report rows of one card and one document type over the period. */
export interface FinanceGroup {
  /** 0 = rows WB does not tie to a card. */
  nmId: number;
  docType: FinanceDocType;
  quantity: number;
  /** Σ retailPriceWithDisc × quantity. */
  retailKopecks: Kopecks;
  forPayKopecks: Kopecks;
  /** Σ (vw + vwNds). */
  commissionKopecks: Kopecks;
  acquiringKopecks: Kopecks;
  /** Σ (deliveryService + rebillLogisticCost). */
  logisticsKopecks: Kopecks;
  storageKopecks: Kopecks;
  acceptanceKopecks: Kopecks;
  penaltyKopecks: Kopecks;
  deductionKopecks: Kopecks;
  additionalPaymentKopecks: Kopecks;
}

/** WB's docTypeName → the sign it takes in revenue. */
export function financeDocType(docTypeName: string | null): FinanceDocType {
  const t = (docTypeName ?? "").trim().toLowerCase();
  if (t === "продажа") return "sale";
  if (t === "возврат") return "return";
  return "other";
}

export interface UnitEconomicsRow {
  nmId: number;
  soldUnits: number;
  returnedUnits: number;
  /** soldUnits − returnedUnits (negative when returns of earlier sales outweigh). */
  netUnits: number;
  revenueKopecks: Kopecks;
  commissionKopecks: Kopecks;
  acquiringKopecks: Kopecks;
  logisticsKopecks: Kopecks;
  storageKopecks: Kopecks;
  penaltiesKopecks: Kopecks;
  otherDeductionsKopecks: Kopecks;
  payoutKopecks: Kopecks;
  /** This card's part of the costs WB does not tie to a card. */
  sharedCostsKopecks: Kopecks;
  costPriceKopecks: Kopecks | null;
  costOfGoodsKopecks: Kopecks | null;
  /** null without a cost price (unless nothing was sold, when there is no cost of goods to know). */
  profitKopecks: Kopecks | null;
  /** profit ÷ revenue, null without profit or positive revenue. */
  margin: number | null;
  /** profit ÷ net units, kopecks, null without profit or with no net units sold. */
  profitPerUnitKopecks: Kopecks | null;
}

export interface Coverage {
  /** Days of the period with a realization report. */
  coveredDays: number;
  periodDays: number;
  /** Ranges of the period no report covers yet (usually the last days). */
  missing: DayRange[];
  /** The last day any loaded report covers; null without reports. */
  reportedThrough: string | null;
  /** Plain Russian; null when the whole period is covered. */
  note: string | null;
}

export interface UnitEconomics {
  period: DayRange;
  rows: UnitEconomicsRow[];
  /** Costs WB does not tie to a card, spread over the rows' sharedCostsKopecks. */
  sharedCostsKopecks: Kopecks;
  /** What WB transfers for the period: the cards' payouts minus the shared costs. */
  transferKopecks: Kopecks;
  totals: Omit<UnitEconomicsRow, "nmId" | "costPriceKopecks">;
  /** Cards sold in the period without a cost price: their profit is unknown. */
  missingCostPrices: number[];
  coverage: Coverage;
}

function emptyCard(nmId: number) {
  return {
    nmId,
    soldUnits: 0,
    returnedUnits: 0,
    revenue: 0,
    commission: 0,
    acquiring: 0,
    logistics: 0,
    storage: 0,
    penalties: 0,
    acceptance: 0,
    deductions: 0,
    additional: 0,
    forPay: 0,
  };
}
type CardSums = ReturnType<typeof emptyCard>;

function add(c: CardSums, g: FinanceGroup): void {
  const sign = g.docType === "return" ? -1 : g.docType === "sale" ? 1 : 0;
  if (g.docType === "sale") c.soldUnits += g.quantity;
  if (g.docType === "return") c.returnedUnits += g.quantity;
  c.revenue += sign * g.retailKopecks;
  c.commission += sign * g.commissionKopecks;
  c.acquiring += sign * g.acquiringKopecks;
  c.forPay += sign * g.forPayKopecks;
  c.logistics += g.logisticsKopecks;
  c.storage += g.storageKopecks;
  c.penalties += g.penaltyKopecks;
  c.acceptance += g.acceptanceKopecks;
  c.deductions += g.deductionKopecks;
  c.additional += g.additionalPaymentKopecks;
}

function payoutOf(c: CardSums): Kopecks {
  return c.forPay - c.logistics - c.storage - c.acceptance - c.penalties - c.deductions + c.additional;
}

/** Which days of the period the loaded reports cover (each report is a dateFrom…dateTo range). */
export function reportCoverage(period: DayRange, reports: readonly DayRange[]): Coverage {
  const days = dayList(period.from, period.to);
  const covered = new Set<string>();
  let reportedThrough: string | null = null;
  for (const r of reports) {
    if (reportedThrough === null || r.to > reportedThrough) reportedThrough = r.to;
    for (const d of days) if (d >= r.from && d <= r.to) covered.add(d);
  }
  const missing: DayRange[] = [];
  for (const d of days) {
    if (covered.has(d)) continue;
    const last = missing.at(-1);
    if (last && addDays(last.to, 1) === d) last.to = d;
    else missing.push({ from: d, to: d });
  }
  let note: string | null = null;
  if (missing.length > 0) {
    const ranges = missing.map((m) => (m.from === m.to ? formatDay(m.from) : `${formatDay(m.from)}–${formatDay(m.to)}`)).join(", ");
    const tail = missing.at(-1)?.to === period.to;
    note =
      covered.size === 0
        ? `Финансового отчёта WB за этот период ещё нет (${ranges}): прибыль посчитать пока не из чего.`
        : `Финансовый отчёт WB за ${ranges} ещё не загружен — эти дни не учтены в цифрах.` +
          (tail ? " WB публикует еженедельный отчёт после окончания недели, обычно в понедельник–вторник." : "");
  }
  return { coveredDays: covered.size, periodDays: days.length, missing, reportedThrough, note };
}

export function unitEconomics(
  period: DayRange,
  groups: readonly FinanceGroup[],
  costPrices: ReadonlyMap<number, Kopecks>,
  reports: readonly DayRange[],
): UnitEconomics {
  const cards = new Map<number, CardSums>();
  for (const g of groups) {
    const c = cards.get(g.nmId) ?? emptyCard(g.nmId);
    add(c, g);
    cards.set(g.nmId, c);
  }
  const unattributed = cards.get(0);
  cards.delete(0);
  // What the untied rows took off the payout (storage etc. reduce it; an additional payment adds).
  const sharedCosts = unattributed ? -payoutOf(unattributed) : 0;

  const list = [...cards.values()].sort((a, b) => b.revenue - a.revenue || a.nmId - b.nmId);
  const shares = splitProportionally(sharedCosts, list.map((c) => Math.max(0, c.revenue)));
  // Without positive revenue to spread by, the shared costs stay in the totals only.
  const rows: UnitEconomicsRow[] = list.map((c, i) => {
    const payout = payoutOf(c);
    const otherDeductions = c.revenue - c.commission - c.acquiring - c.logistics - c.storage - c.penalties - payout;
    const netUnits = c.soldUnits - c.returnedUnits;
    const cost = costPrices.get(c.nmId) ?? null;
    const shared = shares[i] ?? 0;
    const costOfGoods = cost === null ? (netUnits === 0 ? 0 : null) : cost * netUnits;
    const profit = costOfGoods === null ? null : payout - shared - costOfGoods;
    return {
      nmId: c.nmId,
      soldUnits: c.soldUnits,
      returnedUnits: c.returnedUnits,
      netUnits,
      revenueKopecks: c.revenue,
      commissionKopecks: c.commission,
      acquiringKopecks: c.acquiring,
      logisticsKopecks: c.logistics,
      storageKopecks: c.storage,
      penaltiesKopecks: c.penalties,
      otherDeductionsKopecks: otherDeductions,
      payoutKopecks: payout,
      sharedCostsKopecks: shared,
      costPriceKopecks: cost,
      costOfGoodsKopecks: costOfGoods,
      profitKopecks: profit,
      margin: profit !== null && c.revenue > 0 ? profit / c.revenue : null,
      profitPerUnitKopecks: profit !== null && netUnits > 0 ? Math.round(profit / netUnits) : null,
    };
  });

  const total = (pick: (r: UnitEconomicsRow) => number) => sum(rows.map(pick));
  const allProfitsKnown = rows.every((r) => r.profitKopecks !== null);
  // Shared costs that could not be spread (no card had revenue) still lower the cabinet's profit.
  const unspread = sharedCosts - total((r) => r.sharedCostsKopecks);
  const revenue = total((r) => r.revenueKopecks);
  const netUnits = total((r) => r.netUnits);
  const profit = allProfitsKnown ? total((r) => r.profitKopecks ?? 0) - unspread : null;
  // The totals are the rows' sums, so they close the same way: payout − shared − goods = profit.
  const totals: UnitEconomics["totals"] = {
    soldUnits: total((r) => r.soldUnits),
    returnedUnits: total((r) => r.returnedUnits),
    netUnits,
    revenueKopecks: revenue,
    commissionKopecks: total((r) => r.commissionKopecks),
    acquiringKopecks: total((r) => r.acquiringKopecks),
    logisticsKopecks: total((r) => r.logisticsKopecks),
    storageKopecks: total((r) => r.storageKopecks),
    penaltiesKopecks: total((r) => r.penaltiesKopecks),
    otherDeductionsKopecks: total((r) => r.otherDeductionsKopecks),
    payoutKopecks: total((r) => r.payoutKopecks),
    sharedCostsKopecks: sharedCosts,
    costOfGoodsKopecks: allProfitsKnown ? total((r) => r.costOfGoodsKopecks ?? 0) : null,
    profitKopecks: profit,
    margin: profit !== null && revenue > 0 ? profit / revenue : null,
    profitPerUnitKopecks: profit !== null && netUnits > 0 ? Math.round(profit / netUnits) : null,
  };

  return {
    period,
    rows,
    sharedCostsKopecks: sharedCosts,
    transferKopecks: totals.payoutKopecks - sharedCosts,
    totals,
    missingCostPrices: rows.filter((r) => r.costOfGoodsKopecks === null).map((r) => r.nmId),
    coverage: reportCoverage(period, reports),
  };
}
