// Unit economics per card: WB's realization report rows (finance_report_rows) summed per card and
// document type in SQL, cost prices from cost_prices, and the pure computation in
// workers/domain/analytics/unit-economics.ts. What the API, the bot and the dashboard call.

import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { type FinanceGroup, type UnitEconomics, financeDocType, unitEconomics } from "../domain/analytics/unit-economics";
import { addDays } from "../domain/calendar-day";
import type { BlockFreshness } from "../domain/freshness";
import type { Kopecks } from "../domain/money";
import type { DayRange } from "../domain/moscow-periods";
import { toMoscowDate } from "../domain/moscow-time";
import { freshnessOf, rows } from "./analytics-common";
import type { CardInfo } from "./analytics-demand";
import { CARD_INFO_SQL } from "./analytics-sales";
import { SYNC_MARKS_SQL, type SyncMark } from "./stock-levels";

/** Report rows of the period summed per card and WB document type (rr_date is the operation day). */
export const FINANCE_GROUPS_SQL = `
SELECT nm_id AS nmId, doc_type_name AS docTypeName, sum(quantity) AS quantity,
       sum(retail_price_with_disc_kopecks * quantity) AS retailKopecks, sum(for_pay_kopecks) AS forPayKopecks,
       sum(vw_kopecks + vw_nds_kopecks) AS commissionKopecks, sum(acquiring_fee_kopecks) AS acquiringKopecks,
       sum(delivery_service_kopecks + rebill_logistic_cost_kopecks) AS logisticsKopecks, sum(paid_storage_kopecks) AS storageKopecks,
       sum(paid_acceptance_kopecks) AS acceptanceKopecks, sum(penalty_kopecks) AS penaltyKopecks, sum(deduction_kopecks) AS deductionKopecks,
       sum(additional_payment_kopecks) AS additionalPaymentKopecks
FROM finance_report_rows WHERE cabinet_id = ?1 AND rr_date >= ?2 AND rr_date <= ?3
GROUP BY nm_id, doc_type_name`;

/** The report periods that have rows in the period (what the period's figures are made of). */
export const REPORT_PERIODS_SQL = `
SELECT DISTINCT date_from AS "from", date_to AS "to" FROM finance_report_rows
WHERE cabinet_id = ?1 AND rr_date >= ?2 AND rr_date <= ?3 AND date_from IS NOT NULL AND date_to IS NOT NULL`;

/** The period of the newest report (its newest operation day, found through the rr_date index). */
export const LATEST_REPORT_SQL = `
SELECT date_to AS "to" FROM finance_report_rows WHERE cabinet_id = ?1 ORDER BY rr_date DESC LIMIT 1`;

export const COST_PRICES_SQL = `SELECT nm_id AS nmId, cost_kopecks AS costKopecks FROM cost_prices WHERE cabinet_id = ?1`;

export interface UnitEconomicsOptions {
  now?: Date;
  /** Default: the 28 days ending with the newest report's last day (yesterday without reports). */
  period?: DayRange;
}

export interface UnitEconomicsAnalytics extends UnitEconomics {
  cards: Map<number, CardInfo>;
  freshness: BlockFreshness;
}

interface GroupRow extends Omit<FinanceGroup, "docType"> {
  docTypeName: string | null;
}

/** Groups of the same card and sign merged (WB spells a document type more than one way). */
export function mergeGroups(list: readonly GroupRow[]): FinanceGroup[] {
  const merged = new Map<string, FinanceGroup>();
  for (const r of list) {
    const docType = financeDocType(r.docTypeName);
    const key = `${r.nmId}:${docType}`;
    const g = merged.get(key);
    const { docTypeName: _ignored, ...sums } = r;
    if (!g) {
      merged.set(key, { ...sums, docType });
      continue;
    }
    for (const k of Object.keys(sums) as (keyof typeof sums)[]) {
      if (k === "nmId") continue;
      g[k] += sums[k] ?? 0;
    }
  }
  return [...merged.values()];
}

export async function loadUnitEconomics(db: Db, auth: AuthorizedCabinet, options: UnitEconomicsOptions = {}): Promise<UnitEconomicsAnalytics> {
  const now = options.now ?? new Date();
  const id = auth.cabinet.id;
  const d1 = db.$client;
  let period = options.period;
  if (!period) {
    const latest = await d1.prepare(LATEST_REPORT_SQL).bind(id).first<{ to: string | null }>();
    const to = latest?.to ?? addDays(toMoscowDate(now), -1);
    period = { from: addDays(to, -27), to };
  }
  const [groupResult, reportResult, costResult, marksResult] = await d1.batch([
    d1.prepare(FINANCE_GROUPS_SQL).bind(id, period.from, period.to),
    d1.prepare(REPORT_PERIODS_SQL).bind(id, period.from, period.to),
    d1.prepare(COST_PRICES_SQL).bind(id),
    d1.prepare(SYNC_MARKS_SQL).bind(id),
  ]);
  const costs = new Map<number, Kopecks>(rows<{ nmId: number; costKopecks: number }>(costResult).map((r) => [r.nmId, r.costKopecks]));
  const result = unitEconomics(period, mergeGroups(rows<GroupRow>(groupResult)), costs, rows<DayRange>(reportResult));
  const nmIds = result.rows.map((r) => r.nmId);
  const cards =
    nmIds.length === 0
      ? new Map<number, CardInfo>()
      : new Map((await d1.prepare(CARD_INFO_SQL).bind(id, JSON.stringify(nmIds)).all<CardInfo>()).results.map((c) => [c.nmId, c]));
  return { ...result, cards, freshness: freshnessOf(auth, rows<SyncMark>(marksResult), now, ["finance"]) };
}
