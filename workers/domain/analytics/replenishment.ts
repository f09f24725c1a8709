// How many units of a size to ship to WB: enough to cover the lead time (until the supply is on
// sale) plus the seller's target days after it, plus a safety stock against demand variability,
// minus what is already there. With the reasoning in plain Russian.
//
//   order-up-to S = demand/day × (lead time + target days) + z · σ_day · √(lead time)
//   quantity      = max(0, S − units), rounded up to whole packs
//
// The safety stock covers the lead time only: that is the stretch in which a surprise cannot be
// answered with another shipment (the bot re-checks daily and warns again after it).

import { clamp, nonNegative, normalQuantile, withDefaults } from "./stats";
import { formatDays, formatDecimal, formatInt, formatPercent, formatRate } from "./text";

export interface ReplenishmentSettings {
  /** Days from deciding to ship until the units are on sale at WB (packing, transit, acceptance). */
  leadTimeDays: number;
  /** Days of sales the shipment should cover after it arrives. */
  targetDays: number;
  /** Probability of not running out during the lead time (0.5–0.999). */
  serviceLevel: number;
  /** Units per box: the quantity is rounded up to whole boxes. */
  packSize: number;
}

export const DEFAULT_REPLENISHMENT: ReplenishmentSettings = { leadTimeDays: 7, targetDays: 30, serviceLevel: 0.95, packSize: 1 };

export interface ReplenishmentInput {
  units: number;
  /** Forecast orders per day drawn from WB stock. */
  demandPerDay: number;
  /** Standard deviation of one day's orders. */
  sigmaPerDay: number;
}

export interface Replenishment {
  /** Units to ship now (0 = nothing to do). */
  quantity: number;
  /** Expected orders over lead time + target days. */
  coverDemand: number;
  safetyStock: number;
  orderUpTo: number;
  z: number;
  /** The stock runs out before a shipment sent today could arrive. */
  runsOutBeforeArrival: boolean;
  reasoning: string;
}

export function replenishment(input: ReplenishmentInput, settings: Partial<ReplenishmentSettings> = {}): Replenishment {
  const s = withDefaults(DEFAULT_REPLENISHMENT, settings);
  const lead = Math.max(0, s.leadTimeDays);
  const target = Math.max(0, s.targetDays);
  const z = normalQuantile(clamp(s.serviceLevel, 0.5, 0.999));
  const demand = nonNegative(input.demandPerDay);
  const sigma = nonNegative(input.sigmaPerDay);
  const units = Math.max(0, input.units);
  const coverDemand = demand * (lead + target);
  // No demand, no variability worth insuring: a size nobody orders needs no safety stock.
  const safetyStock = demand > 0 ? z * sigma * Math.sqrt(lead) : 0;
  const orderUpTo = Math.ceil(coverDemand + safetyStock - 1e-9);
  const pack = Math.max(1, Math.floor(s.packSize));
  const shortfall = Math.max(0, orderUpTo - units);
  const quantity = Math.ceil(shortfall / pack) * pack;
  const runsOutBeforeArrival = demand > 0 && units / demand < lead;

  const reasoning: string[] = [];
  if (demand <= 0) {
    reasoning.push(units > 0 ? `Заказов нет — отгружать не нужно, на складе ${formatInt(units)} шт.` : "Заказов нет — отгружать не нужно.");
  } else {
    reasoning.push(
      `Спрос ≈ ${formatRate(demand)} шт. в день. На ${formatDays(lead)} до поступления в продажу и ${formatDays(target)} продаж после нужно ≈ ${formatInt(coverDemand)} шт.`,
    );
    if (safetyStock > 0) {
      reasoning.push(
        `Страховой запас ${formatInt(Math.ceil(safetyStock))} шт.: спрос колеблется на ±${formatRate(sigma)} шт. в день, и чтобы с вероятностью ${formatPercent(s.serviceLevel, 0)} не закончиться за время поставки, берём ${formatDecimal(z)} × ${formatDecimal(sigma)} × √${formatInt(lead)}.`,
      );
    }
    if (quantity > 0) {
      reasoning.push(`Сейчас есть ${formatInt(units)} шт. — отгрузите ${formatInt(quantity)} ${pack > 1 ? `шт. (кратно ${formatInt(pack)} шт. в коробе).` : "шт."}`);
    } else {
      reasoning.push(`Сейчас есть ${formatInt(units)} шт. — этого хватает, отгрузка не нужна.`);
    }
    if (runsOutBeforeArrival) {
      reasoning.push(`Внимание: запаса хватит только на ${formatDays(Math.floor((units / demand) * 10 + 1e-9) / 10)}, а поставка идёт ${formatDays(lead)} — товар закончится раньше, чем она придёт.`);
    }
  }
  return { quantity, coverDemand, safetyStock, orderUpTo, z, runsOutBeforeArrival, reasoning: reasoning.join(" ") };
}
