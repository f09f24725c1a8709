// Demand forecast per card size from daily orders. Pure: plain arrays in, plain numbers out.
//
// The method (docs/analytics.md has the long version and the measured accuracy):
// 1. Censoring. A day on which the size had no stock says nothing about demand, so it is left out
//    of every estimate. Known from stock_history_daily (end-of-day stock 0); where that history
//    does not reach (the 90-day order backfill predates a new cabinet's stock snapshots), a run of
//    zero-order days too long to be chance at the size's own rate (P < 0.1 %) is taken as a
//    stock-out too, and so is the run of zero-order days just before a size that is out now.
// 2. Weekly profile. Seven multiplicative weekday indices from the whole cabinet's orders (ratio
//    to a centred 7-day moving average), shrunk toward flat when the cabinet has few orders.
// 3. Top-down per card. Sizes are sparse (most sell less than one a day), so demand is modelled
//    per card and split by size shares. The card's daily demand is what its in-stock sizes sold,
//    divided by the share those sizes hold; deseasonalised, it is smoothed with Holt's damped
//    trend method, skipping censored days. Shares are estimated on each size's in-stock days and
//    shrunk toward equal shares by a few pseudo-orders.
// 4. Pooling. A card's trend is shrunk toward its subject's, and the subject's toward the
//    cabinet's (trends of a card selling twice a week are mostly noise). A new or sparse card's
//    level is shrunk toward the typical card of its subject by empirical Bayes (gamma–Poisson):
//    the fewer days it was observed, the more it looks like its peers.
// 5. Forecast = share × (level + damped trend) × weekday index, never below zero. Its spread
//    (for bands and safety stock) is Poisson-like with the cabinet's measured over-dispersion.

import { addDays, daysBetween } from "../calendar-day";
import { clamp, mean, nonNegative, sum, withDefaults } from "./stats";

/** One size's history over the window (day 0 = DemandHistory.start, the last day = the last complete day). */
export interface SizeSeries {
  nmId: number;
  chrtId: number;
  /** Orders placed per day, including those cancelled later. */
  orders: readonly number[];
  /**
   * Of those, cancelled so far. The forecast is of orders that stay (a cancelled unit goes back on
   * sale); recent days' cancellations are not all known yet, so they are estimated (see
   * ForecastOptions.matureAfterDays). Absent = none cancelled.
   */
  cancelled?: readonly number[];
  /** End-of-day units available to buyers, per day; null where no snapshot was recorded. */
  stock: readonly (number | null)[];
  /** Units available now (the latest snapshot, after the window); null or absent if unknown. */
  currentStock?: number | null;
}

export interface DemandHistory {
  /** The window's first day, 'YYYY-MM-DD' (Moscow). */
  start: string;
  sizes: readonly SizeSeries[];
  /** A card's subject (WB category), for pooling trends and priors; cards without one pool cabinet-wide. */
  groups?: ReadonlyMap<number, string | null>;
}

export interface ForecastOptions {
  /** Days to forecast after the window. */
  horizonDays: number;
  /** Smoothing of a card's own level (long memory: a card's orders are sparse). */
  alphaLong: number;
  /** Level smoothing of the short-memory Holt fit whose momentum is pooled per subject. */
  alphaShort: number;
  /** Trend smoothing (Holt β) of the short-memory fit. */
  beta: number;
  /** Trend damping per day (φ): the trend fades instead of running on for ever. */
  phi: number;
  /** Pseudo-orders pulling a card's momentum and trend toward its subject's (and a subject's toward the cabinet's). */
  trendStrength: number;
  /** A zero-order run is taken as a stock-out when its probability at the size's rate is below this. */
  censorRunProbability: number;
  /** Infer stock-outs from zero-order runs where no stock history exists. */
  inferStockOuts: boolean;
  /** Pseudo-orders pulling size shares toward equal shares. */
  shareStrength: number;
  /** Pseudo-orders pulling the weekly profile toward flat. */
  seasonStrength: number;
  /** A card's day counts only when its in-stock sizes hold at least this share of its demand. */
  minAvailableShare: number;
  /** z of the forecast band (1.2816 = 80 % central interval). */
  bandZ: number;
  /**
   * Days after which an order's cancellation is known (WB: a refusal at the pickup point comes up
   * to two weeks later). Younger days use the cancel rate of mature days instead of their own.
   */
  matureAfterDays: number;
  /** Pseudo-orders pulling a card's cancel rate toward the cabinet's. */
  cancelStrength: number;
}

export const DEFAULT_FORECAST_OPTIONS: ForecastOptions = {
  horizonDays: 14,
  alphaLong: 0.03,
  alphaShort: 0.1,
  beta: 0.03,
  phi: 0.9,
  trendStrength: 400,
  censorRunProbability: 0.001,
  inferStockOuts: true,
  shareStrength: 4,
  seasonStrength: 700,
  minAvailableShare: 0.3,
  bandZ: 1.2816,
  matureAfterDays: 14,
  cancelStrength: 50,
};

export interface SizeForecast {
  nmId: number;
  chrtId: number;
  /** Expected orders per day, day 0 = the day after the window. */
  daily: number[];
  /** The forecast band per day (bandZ, default 80 %). */
  low: number[];
  high: number[];
  /** Mean expected orders per day over the horizon. */
  meanDaily: number;
  /** Standard deviation of one day's orders (safety stock). */
  sigmaDaily: number;
  /** The size's share of its card's demand. */
  share: number;
  /** Days of the window the size was in stock (or not known to be out): what the estimate used. */
  observedDays: number;
  /** Days excluded because stock history shows zero stock. */
  knownOutDays: number;
  /** Days excluded because a zero-order run was too long to be chance (no stock history there). */
  inferredOutDays: number;
  /** Per window day: excluded from the estimate as out of stock. */
  censored: boolean[];
}

export interface CardForecast {
  nmId: number;
  group: string | null;
  daily: number[];
  low: number[];
  high: number[];
  meanDaily: number;
  /** Deseasonalised demand per day now (all sizes in stock). */
  level: number;
  /** Trend, % per week (after pooling and before damping). */
  trendPercentPerWeek: number;
  /** Days the card's demand could be measured (enough of its sizes in stock). */
  observedDays: number;
  /** Orders on those days. */
  observedOrders: number;
  /** 0 = own history only … 1 = only the typical card of its subject (new card, no history). */
  priorWeight: number;
}

export interface DemandForecast {
  /** The first forecast day ('YYYY-MM-DD'). */
  firstDay: string;
  horizonDays: number;
  /** Window length in days. */
  windowDays: number;
  /** Weekday indices, Monday … Sunday, mean 1. */
  weekdayProfile: number[];
  /** Variance / mean of daily orders around the fit (1 = Poisson). */
  dispersion: number;
  sizes: SizeForecast[];
  cards: CardForecast[];
  options: ForecastOptions;
}

const MONDAY = "1970-01-05";

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(day: string): number {
  return (((daysBetween(MONDAY, day) % 7) + 7) % 7) as number;
}

/** Days 0 … n-1 of the window as weekday numbers. */
function weekdays(start: string, n: number): number[] {
  const first = weekdayOf(start);
  return Array.from({ length: n }, (_, i) => (first + i) % 7);
}

export interface CensorResult {
  censored: boolean[];
  knownOut: number;
  inferredOut: number;
}

/**
 * Which days of a size's window say nothing about demand: known out of stock, or (where stock is
 * unknown) inside a zero-order run that would happen by chance with probability below `p` at the
 * size's own rate, or inside the zero-order run that leads up to a size being out now.
 */
export function censorDays(
  orders: readonly number[],
  stock: readonly (number | null)[],
  currentStock: number | null | undefined,
  p: number,
  infer: boolean,
): CensorResult {
  const n = orders.length;
  const censored = Array.from({ length: n }, (_, i) => {
    const s = stock[i];
    return s !== null && s !== undefined && s <= 0;
  });
  const knownOut = censored.filter(Boolean).length;
  if (!infer) return { censored, knownOut, inferredOut: 0 };

  const known = (i: number) => stock[i] !== null && stock[i] !== undefined;
  const quiet = (i: number) => (orders[i] ?? 0) === 0 && !(known(i) && (stock[i] as number) > 0);

  // Out now: the zero-order days right before were most likely out too.
  if (currentStock !== null && currentStock !== undefined && currentStock <= 0) {
    for (let i = n - 1; i >= 0 && quiet(i); i--) censored[i] = true;
  }
  // Each pass re-estimates the rate without the runs found so far (a stock-out lowers the naive
  // rate and hides shorter stock-outs); two passes settle in practice, three bound the work.
  const threshold = Math.log(1 / p);
  for (let pass = 0; pass < 3; pass++) {
    let total = 0;
    let days = 0;
    for (let i = 0; i < n; i++) {
      if (censored[i]) continue;
      total += orders[i] ?? 0;
      days++;
    }
    const rate = days > 0 ? total / days : 0;
    if (rate <= 0) break;
    let changed = false;
    for (let i = 0; i < n; ) {
      if (!quiet(i)) {
        i++;
        continue;
      }
      let j = i;
      while (j < n && quiet(j)) j++;
      // P(no order in a run of k days) = e^(−rate·k) under Poisson demand.
      if (rate * (j - i) >= threshold) {
        for (let k = i; k < j; k++) {
          if (!censored[k]) {
            censored[k] = true;
            changed = true;
          }
        }
      }
      i = j;
    }
    if (!changed) break;
  }
  const inferredOut = censored.filter(Boolean).length - knownOut;
  return { censored, knownOut, inferredOut };
}

/**
 * Multiplicative weekday indices (Monday … Sunday, mean 1) by ratio to a centred 7-day moving
 * average, shrunk toward 1 by `strength` pseudo-orders. Flat with less than two weeks of data.
 */
export function weekdayProfile(start: string, totals: readonly number[], strength: number): number[] {
  const n = totals.length;
  const flat = [1, 1, 1, 1, 1, 1, 1];
  if (n < 14) return flat;
  const wd = weekdays(start, n);
  const ratios: number[][] = [[], [], [], [], [], [], []];
  let used = 0;
  for (let i = 3; i < n - 3; i++) {
    let window = 0;
    for (let k = i - 3; k <= i + 3; k++) window += totals[k] ?? 0;
    const cma = window / 7;
    if (cma <= 0) continue;
    (ratios[wd[i] as number] as number[]).push((totals[i] ?? 0) / cma);
    used += totals[i] ?? 0;
  }
  if (ratios.some((r) => r.length === 0)) return flat;
  const raw = ratios.map((r) => mean(r));
  const norm = mean(raw);
  if (!(norm > 0)) return flat;
  const weight = used / (used + strength);
  return raw.map((r) => 1 + weight * (r / norm - 1));
}

interface SmoothResult {
  level: number;
  trend: number;
  /** One-step-ahead fitted value per day (null before initialisation). */
  fitted: (number | null)[];
  observed: number;
}

/**
 * Holt's linear method with a damped trend over a series with gaps (null = censored day: the
 * state moves on by its trend, no update). Initialised at the mean of the first week observed.
 */
export function holtDamped(xs: readonly (number | null)[], alpha: number, beta: number, phi: number): SmoothResult {
  const observedValues = xs.filter((x): x is number => x !== null);
  const fitted: (number | null)[] = xs.map(() => null);
  if (observedValues.length === 0) return { level: Number.NaN, trend: 0, fitted, observed: 0 };
  let level = mean(observedValues.slice(0, 7));
  let trend = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const predicted = level + phi * trend;
    fitted[i] = Math.max(0, predicted);
    if (x === null || x === undefined) {
      level = predicted;
      trend = phi * trend;
      continue;
    }
    const next = alpha * x + (1 - alpha) * predicted;
    trend = beta * (next - level) + (1 - beta) * phi * trend;
    level = next;
  }
  return { level, trend, fitted, observed: observedValues.length };
}

/** Σ_{j=1..h} φ^j: how many days of trend the level gains by day h. */
function dampedSteps(phi: number, h: number): number {
  if (phi === 1) return h;
  return (phi * (1 - phi ** h)) / (1 - phi);
}

interface CardWork {
  nmId: number;
  group: string | null;
  sizes: { series: SizeSeries; censor: CensorResult; net: number[]; share: number }[];
  /** Long-memory fit: the card's own level. */
  long: SmoothResult;
  /** Short-memory Holt fit: recent momentum and trend (noisy per card, pooled per subject). */
  short: SmoothResult;
  observedOrders: number;
  /** Effective days behind the long level (the smoother's memory caps what old days add). */
  effectiveDays: number;
  longLevel: number;
  shortLevel: number;
  shortTrend: number;
  level: number;
  trend: number;
  priorWeight: number;
}

export function forecastDemand(history: DemandHistory, options: Partial<ForecastOptions> = {}): DemandForecast {
  const o = withDefaults(DEFAULT_FORECAST_OPTIONS, options);
  const n = history.sizes[0]?.orders.length ?? 0;
  for (const s of history.sizes) {
    if (s.orders.length !== n || s.stock.length !== n) throw new RangeError(`forecastDemand: size ${s.chrtId} has a series of another length`);
  }
  const wd = weekdays(history.start, n);
  const horizonWd = weekdays(addDays(history.start, n), o.horizonDays);

  // 1. Censoring per size (on all orders placed: a later-cancelled order still shows the size was on sale).
  const censors = history.sizes.map((s) => censorDays(s.orders, s.stock, s.currentStock, o.censorRunProbability, o.inferStockOuts));
  const net = netOrders(history.sizes, n, o);

  // 2. Cabinet weekly profile.
  const totals = Array.from({ length: n }, (_, i) => sum(history.sizes.map((s) => s.orders[i] ?? 0)));
  const profile = weekdayProfile(history.start, totals, o.seasonStrength);

  // 3. Cards: shares, censoring-corrected daily demand, Holt.
  const byCard = new Map<number, { series: SizeSeries; censor: CensorResult; net: number[] }[]>();
  history.sizes.forEach((series, k) => {
    const list = byCard.get(series.nmId) ?? [];
    list.push({ series, censor: censors[k] as CensorResult, net: net[k] as number[] });
    byCard.set(series.nmId, list);
  });
  const memory = (2 - o.alphaLong) / o.alphaLong;
  const cards: CardWork[] = [];
  for (const [nmId, members] of byCard) {
    const rates = members.map(({ net: orders, censor }) => {
      let total = 0;
      let days = 0;
      for (let i = 0; i < n; i++) {
        if (censor.censored[i]) continue;
        total += orders[i] ?? 0;
        days++;
      }
      return { total, days, rate: days > 0 ? total / days : null };
    });
    const known = rates.filter((r) => r.rate !== null);
    const rateSum = sum(known.map((r) => r.rate as number));
    const volume = sum(known.map((r) => r.total));
    const equal = 1 / members.length;
    const rawShares = rates.map((r) => (r.rate === null || rateSum <= 0 ? equal : (r.rate as number) / rateSum));
    const shrunk = rawShares.map((q) => (volume + o.shareStrength > 0 ? (volume * q + o.shareStrength * equal) / (volume + o.shareStrength) : equal));
    const shareSum = sum(shrunk);
    const sizes = members.map((m, k) => ({ ...m, share: (shrunk[k] as number) / shareSum }));

    let observedOrders = 0;
    const xs: (number | null)[] = new Array(n).fill(null);
    for (let i = 0; i < n; i++) {
      let available = 0;
      let sold = 0;
      for (const s of sizes) {
        if (s.censor.censored[i]) continue;
        available += s.share;
        sold += s.net[i] ?? 0;
      }
      if (available < o.minAvailableShare) continue;
      xs[i] = sold / available / (profile[wd[i] as number] as number);
      observedOrders += sold;
    }
    const long = holtDamped(xs, o.alphaLong, 0, 1);
    const short = holtDamped(xs, o.alphaShort, o.beta, o.phi);
    cards.push({
      nmId,
      group: history.groups?.get(nmId) ?? null,
      sizes,
      long,
      short,
      observedOrders,
      effectiveDays: Math.min(long.observed, memory),
      longLevel: long.observed > 0 ? Math.max(0, long.level) : 0,
      shortLevel: short.observed > 0 ? Math.max(0, short.level) : 0,
      shortTrend: short.observed > 0 ? short.trend : 0,
      level: 0,
      trend: 0,
      priorWeight: 0,
    });
  }

  // Over-dispersion of size-day orders around the short fit (after a week's burn-in).
  let squaredError = 0;
  let fittedTotal = 0;
  const sizeResiduals = new Map<SizeSeries, { sq: number; days: number }>();
  for (const card of cards) {
    for (const s of card.sizes) {
      let sq = 0;
      let days = 0;
      for (let i = 7; i < n; i++) {
        const f = card.short.fitted[i];
        if (f === null || f === undefined || s.censor.censored[i]) continue;
        const expected = s.share * f * (profile[wd[i] as number] as number);
        const err = (s.net[i] ?? 0) - expected;
        sq += err * err;
        fittedTotal += expected;
        days++;
      }
      squaredError += sq;
      sizeResiduals.set(s.series, { sq, days });
    }
  }
  const dispersion = fittedTotal > 0 ? clamp(squaredError / fittedTotal, 0.5, 10) : 1;

  // 4. Pooling. Momentum (short level ÷ long level) and trend are summed over a subject's cards,
  // so a subject's season shows up in every card of it, while a card's own wobble does not; a
  // card's own momentum counts in proportion to its orders. New and sparse cards' long levels are
  // shrunk toward the typical card of their subject.
  const pooled = (list: readonly CardWork[]) => {
    const seen = list.filter((c) => c.longLevel > 0);
    const long = sum(seen.map((c) => c.longLevel));
    const short = sum(seen.map((c) => c.shortLevel));
    return {
      momentum: long > 0 ? short / long : 1,
      trend: short > 0 ? sum(seen.map((c) => c.shortTrend)) / short : 0,
      weight: sum(list.map((c) => c.observedOrders)),
    };
  };
  const blend = (own: number, ownWeight: number, other: number) => (ownWeight * own + o.trendStrength * other) / (ownWeight + o.trendStrength);
  const cabinet = pooled(cards);
  const groups = new Map<string | null, CardWork[]>();
  for (const c of cards) {
    const list = groups.get(c.group);
    if (list) list.push(c);
    else groups.set(c.group, [c]);
  }
  const cabinetPrior = levelPrior(cards, dispersion);
  for (const [group, list] of groups) {
    const g = pooled(list);
    const groupMomentum = group === null ? cabinet.momentum : blend(g.momentum, g.weight, cabinet.momentum);
    const groupTrend = group === null ? cabinet.trend : blend(g.trend, g.weight, cabinet.trend);
    const prior = group !== null && list.filter((c) => c.effectiveDays > 0).length >= 3 ? levelPrior(list, dispersion) : cabinetPrior;
    for (const c of list) {
      const ownMomentum = c.longLevel > 0 ? c.shortLevel / c.longLevel : groupMomentum;
      const momentum = clamp(blend(ownMomentum, c.observedOrders, groupMomentum), 1 / 3, 3);
      const ownTrend = c.shortLevel > 0 ? c.shortTrend / c.shortLevel : groupTrend;
      const trend = clamp(blend(ownTrend, c.observedOrders, groupTrend), -0.05, 0.05);
      const m = c.effectiveDays;
      c.priorWeight = prior.days / (m + prior.days);
      const longLevel = m > 0 ? (m * c.longLevel + prior.days * prior.mean) / (m + prior.days) : prior.mean;
      c.level = longLevel * momentum;
      c.trend = trend * c.level;
    }
  }

  // 5. Forecasts.
  const sizeOut: SizeForecast[] = [];
  const cardOut: CardForecast[] = [];
  for (const c of cards) {
    const base = Array.from({ length: o.horizonDays }, (_, h) =>
      nonNegative((c.level + c.trend * dampedSteps(o.phi, h + 1)) * (profile[horizonWd[h] as number] as number)),
    );
    const cardVariance = new Array<number>(o.horizonDays).fill(0);
    const cardDaily = new Array<number>(o.horizonDays).fill(0);
    for (const s of c.sizes) {
      const daily = base.map((b) => b * s.share);
      const meanDaily = mean(daily);
      // Variance of a day's orders: the size's own residual variance, shrunk toward the
      // cabinet's dispersion × mean by two weeks of pseudo-days.
      const r = sizeResiduals.get(s.series) ?? { sq: 0, days: 0 };
      const variance = (r.sq + 14 * dispersion * meanDaily) / (r.days + 14);
      const perUnitMean = meanDaily > 0 ? variance / meanDaily : 0;
      const low: number[] = [];
      const high: number[] = [];
      daily.forEach((f, h) => {
        const v = perUnitMean * f;
        cardVariance[h] = (cardVariance[h] as number) + v;
        cardDaily[h] = (cardDaily[h] as number) + f;
        const spread = o.bandZ * Math.sqrt(v);
        low.push(nonNegative(f - spread));
        high.push(f + spread);
      });
      sizeOut.push({
        nmId: c.nmId,
        chrtId: s.series.chrtId,
        daily,
        low,
        high,
        meanDaily,
        sigmaDaily: Math.sqrt(nonNegative(variance)),
        share: s.share,
        observedDays: s.censor.censored.filter((x) => !x).length,
        knownOutDays: s.censor.knownOut,
        inferredOutDays: s.censor.inferredOut,
        censored: s.censor.censored,
      });
    }
    cardOut.push({
      nmId: c.nmId,
      group: c.group,
      daily: cardDaily,
      low: cardDaily.map((f, h) => nonNegative(f - o.bandZ * Math.sqrt(cardVariance[h] as number))),
      high: cardDaily.map((f, h) => f + o.bandZ * Math.sqrt(cardVariance[h] as number)),
      meanDaily: mean(cardDaily),
      level: c.level,
      trendPercentPerWeek: c.level > 0 ? (c.trend / c.level) * 7 * 100 : 0,
      observedDays: c.long.observed,
      observedOrders: c.observedOrders,
      priorWeight: c.priorWeight,
    });
  }
  return {
    firstDay: addDays(history.start, n),
    horizonDays: o.horizonDays,
    windowDays: n,
    weekdayProfile: profile,
    dispersion,
    sizes: sizeOut,
    cards: cardOut,
    options: o,
  };
}

/**
 * Orders that stay, per size and day: placed minus cancelled on mature days. A younger day's
 * cancellations are not all known yet: with c = the card's cancel rate on mature days (shrunk
 * toward the cabinet's) and ρ = the share of a day's eventual cancellations already visible
 * (the cabinet's known rate that day ÷ its mature rate), an order not cancelled so far is still
 * cancelled with probability h = c(1 − ρ) / (1 − cρ), so the day counts (placed − known)(1 − h).
 * That is unbiased: it neither counts doomed orders as kept nor subtracts a cancellation twice.
 */
function netOrders(sizes: readonly SizeSeries[], n: number, o: ForecastOptions): number[][] {
  const matureEnd = Math.max(0, n - o.matureAfterDays);
  const perCard = new Map<number, { placed: number; cancelled: number }>();
  const dayPlaced = new Array<number>(n).fill(0);
  const dayCancelled = new Array<number>(n).fill(0);
  for (const s of sizes) {
    const c = perCard.get(s.nmId) ?? { placed: 0, cancelled: 0 };
    for (let i = 0; i < n; i++) {
      const placed = s.orders[i] ?? 0;
      const cancelled = s.cancelled?.[i] ?? 0;
      dayPlaced[i] = (dayPlaced[i] as number) + placed;
      dayCancelled[i] = (dayCancelled[i] as number) + cancelled;
      if (i < matureEnd) {
        c.placed += placed;
        c.cancelled += cancelled;
      }
    }
    perCard.set(s.nmId, c);
  }
  let placedAll = 0;
  let cancelledAll = 0;
  for (const c of perCard.values()) {
    placedAll += c.placed;
    cancelledAll += c.cancelled;
  }
  const cabinetRate = placedAll > 0 ? cancelledAll / placedAll : 0;
  const revealed = dayPlaced.map((placed, i) =>
    i < matureEnd || cabinetRate <= 0 || placed <= 0 ? 1 : clamp((dayCancelled[i] as number) / placed / cabinetRate, 0, 1),
  );
  return sizes.map((s) => {
    const c = perCard.get(s.nmId) ?? { placed: 0, cancelled: 0 };
    const strength = c.placed + o.cancelStrength;
    const rate = strength > 0 ? clamp((c.cancelled + o.cancelStrength * cabinetRate) / strength, 0, 1) : cabinetRate;
    return Array.from({ length: n }, (_, i) => {
      const kept = Math.max(0, (s.orders[i] ?? 0) - (s.cancelled?.[i] ?? 0));
      if (i < matureEnd) return kept;
      const rho = revealed[i] as number;
      const pending = rate * rho < 1 ? (rate * (1 - rho)) / (1 - rate * rho) : 0;
      return kept * (1 - pending);
    });
  });
}

/**
 * Gamma prior of card levels, by the method of moments: mean = the typical card's level,
 * strength (in days) = mean / between-card variance, where the between-card variance is the
 * spread of levels minus what sampling noise explains (dispersion × level / days). Bounded so a
 * prior never outweighs a month of a card's own history nor vanishes entirely.
 */
function levelPrior(cards: readonly CardWork[], dispersion: number): { mean: number; days: number } {
  const seen = cards.filter((c) => c.effectiveDays > 0);
  if (seen.length === 0) return { mean: 0, days: 1 };
  const levels = seen.map((c) => c.longLevel);
  const m = mean(levels);
  if (m <= 0) return { mean: 0, days: 1 };
  const spread = mean(levels.map((l) => (l - m) ** 2));
  const noise = mean(seen.map((c) => (dispersion * c.longLevel) / c.effectiveDays));
  const between = spread - noise;
  const days = between > 0 ? clamp(m / between, 0.5, 30) : 30;
  return { mean: m, days };
}

/**
 * The estimate this product replaces: orders of the last 30 days (all days, stock-outs included)
 * ÷ 30, flat. Kept for the accuracy comparison and as a fallback the docs explain.
 */
export function naiveDailyDemand(orders: readonly number[], windowDays = 30): number {
  const tail = orders.slice(-windowDays);
  return sum(tail) / windowDays;
}
