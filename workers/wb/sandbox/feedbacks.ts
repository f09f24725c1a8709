// Buyers' reviews. A review is drawn per order (pure in seed and order key): some buyers review a
// bought-out item a few days after pickup, more of those who returned or refused it do so, and
// the text follows the rating and how the size ran. The seller answers a share of reviews after a
// delay; answers sent through the API (the store) override that and show up immediately.

import type { CatalogItem } from "./catalog";
import { SELLER } from "./catalog-data";
import { historyStartMs, MAX_SALE_LAG_MS, ordersPlacedBetween, shkIdOf, type RawOrder } from "./orders";
import { rngFor, type Rng } from "./random";
import type { SandboxAnswer } from "./store";
import { ANSWERS_NEGATIVE, ANSWERS_POSITIVE, BUYER_NAMES_F, fill, REVIEWS, type TextContext } from "./texts";
import { DAY_MS, HOUR_MS, mskIsoOffset } from "./time";
import type { Feedback } from "./types";
import type { World } from "./world";

export interface FeedbackDraft {
  id: string;
  order: RawOrder;
  createdMs: number;
  rating: 1 | 2 | 3 | 4 | 5;
  text: string;
  pros: string;
  cons: string;
  userName: string;
  matchingSize: "ok" | "smaller" | "bigger";
  orderStatus: "buyout" | "rejected" | "returned";
  bables: string[];
  photoCount: number;
  hasVideo: boolean;
  /** The seller's own answer (generated), when and if it comes. */
  sellerAnswer: { text: string; ms: number } | null;
  viewedMs: number;
  shkId: number;
}

/** The review of an order, or null if the buyer leaves none (cached; pure in seed and order). */
export function feedbackDraftOf(world: World, o: RawOrder): FeedbackDraft | null {
  let d = world.feedbackDrafts.get(o.key);
  if (d === undefined) {
    d = drawFeedback(world, o);
    if (world.feedbackDrafts.size > 200_000) world.feedbackDrafts.clear();
    world.feedbackDrafts.set(o.key, d);
  }
  return d;
}

function drawFeedback(world: World, o: RawOrder): FeedbackDraft | null {
  const rng = rngFor(world.seed, "feedback", o.key);
  let orderStatus: FeedbackDraft["orderStatus"];
  let fromMs: number;
  if (o.ret) {
    if (!rng.chance(0.2)) return null;
    orderStatus = "returned";
    fromMs = o.ret.ms;
  } else if (o.sale) {
    if (!rng.chance(0.17)) return null;
    orderStatus = "buyout";
    fromMs = o.sale.ms;
  } else if (o.cancel?.afterDelivery) {
    if (!rng.chance(0.03)) return null;
    orderStatus = "rejected";
    fromMs = o.cancel.ms;
  } else {
    return null;
  }
  const createdMs = fromMs + Math.min(14 * DAY_MS, Math.round((6 + rng.next() * 8 + -Math.log(1 - rng.next()) * 60) * HOUR_MS));
  const rating = drawRating(rng, o.item, orderStatus);
  const candidates = REVIEWS[rating].filter((t) => sizeMatches(t.matchingSize, o.item.sizeRuns, rating));
  const template = rng.pick(candidates.length > 0 ? candidates : REVIEWS[rating]);
  const ctx = textContext(rng, o);
  const silent = rating === 5 && rng.chance(0.2);
  const answerP = rating <= 3 ? 0.8 : 0.55;
  const answerMs = createdMs + Math.min(10 * DAY_MS, Math.round((1 + -Math.log(1 - rng.next()) * 30) * HOUR_MS));
  const sellerAnswer = rng.chance(answerP) ? { text: fill(rng.pick(rating <= 3 ? ANSWERS_NEGATIVE : ANSWERS_POSITIVE), ctx), ms: answerMs } : null;
  return {
    id: rng.base62(20),
    order: o,
    createdMs,
    rating,
    text: silent ? "" : fill(template.text, ctx),
    pros: silent ? "" : template.pros,
    cons: silent ? "" : template.cons,
    userName: ctx.name,
    matchingSize: template.matchingSize ?? (o.item.sizeRuns === 0 || rating >= 4 ? "ok" : o.item.sizeRuns < 0 ? "smaller" : "bigger"),
    orderStatus,
    bables: silent ? [] : (template.bables ?? []),
    photoCount: rng.chance(0.15) ? rng.int(1, 4) : 0,
    hasVideo: rng.chance(0.02),
    sellerAnswer,
    viewedMs: createdMs + rng.int(1, 30) * HOUR_MS,
    shkId: shkIdOf(o),
  };
}

/** Ratings lean to 5; low-quality cards and size problems draw more 1–3, returns mostly 1–3. */
function drawRating(rng: Rng, item: CatalogItem, status: FeedbackDraft["orderStatus"]): 1 | 2 | 3 | 4 | 5 {
  if (status !== "buyout") return ([1, 2, 3, 4] as const)[rng.weighted([0.42, 0.28, 0.22, 0.08])] ?? 1;
  const bad = (1 - item.quality) / 0.3; // 0 (great) … 1 (poor)
  const w = [0.01 + 0.06 * bad, 0.005 + 0.025 * bad, 0.02 + 0.04 * bad, 0.07 + 0.07 * bad, 0.895 - 0.195 * bad];
  if (item.sizeRuns !== 0) {
    w[2] = (w[2] as number) + 0.04;
    w[4] = (w[4] as number) - 0.04;
  }
  return ([1, 2, 3, 4, 5] as const)[rng.weighted(w)] ?? 5;
}

function sizeMatches(templateSize: "ok" | "smaller" | "bigger" | undefined, runs: -1 | 0 | 1, rating: number): boolean {
  if (templateSize === undefined || rating >= 4) return templateSize !== "smaller" || runs < 0;
  return (templateSize === "smaller" && runs < 0) || (templateSize === "bigger" && runs > 0) || runs === 0;
}

function textContext(rng: Rng, o: RawOrder): TextContext {
  const lenChar = o.item.characteristics.find((c) => c.name.startsWith("Длина изделия"));
  return {
    noun: o.item.subject.noun,
    size: o.size.techSize,
    color: o.item.color,
    height: rng.int(156, 178),
    modelHeight: 172,
    len: lenChar ? parseInt(lenChar.value[0] ?? "100", 10) : rng.int(60, 110),
    name: rng.pick(BUYER_NAMES_F),
    brand: o.item.brand,
  };
}

/** Reviews that exist at `nowMs` (created within the history window), newest first. */
export function feedbacksAt(world: World, nowMs: number): FeedbackDraft[] {
  const start = historyStartMs(nowMs);
  const out: FeedbackDraft[] = [];
  for (const o of ordersPlacedBetween(world, start - MAX_SALE_LAG_MS, nowMs + 1)) {
    if (!o.sale && !o.cancel?.afterDelivery) continue;
    const d = feedbackDraftOf(world, o);
    if (d && d.createdMs <= nowMs && d.createdMs >= start) out.push(d);
  }
  return out.sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? -1 : 1));
}

/** Whether a review counts as answered ("обработан") at `nowMs`. */
export function feedbackAnswered(d: FeedbackDraft, nowMs: number, stored: SandboxAnswer | undefined): boolean {
  return stored !== undefined || (d.sellerAnswer !== null && d.sellerAnswer.ms <= nowMs);
}

/** The review as WB's feedbacks list returns it at `nowMs`. */
export function feedbackView(d: FeedbackDraft, nowMs: number, stored: SandboxAnswer | undefined): Feedback {
  const item = d.order.item;
  const generated = d.sellerAnswer !== null && d.sellerAnswer.ms <= nowMs ? d.sellerAnswer : null;
  const answer = stored
    ? { text: stored.text, state: "wbRu" as const, editable: nowMs - stored.answeredAt < 60 * DAY_MS }
    : generated
      ? { text: generated.text, state: "wbRu" as const, editable: nowMs - generated.ms < 60 * DAY_MS }
      : null;
  const nm = item.nmID;
  const photoLinks = Array.from({ length: d.photoCount }, (_, i) => {
    const base = `https://feedback0${1 + (nm % 4)}.wbbasket.ru/vol${Math.floor(nm / 100_000) + i}/part${Math.floor(nm / 1000) + i}/${d.id.toLowerCase()}${i}/photos`;
    return { fullSize: `${base}/fs.webp`, miniSize: `${base}/ms.webp` };
  });
  return {
    id: d.id,
    text: d.text,
    pros: d.pros,
    cons: d.cons,
    productValuation: d.rating,
    createdDate: mskIsoOffset(d.createdMs),
    answer,
    state: answer ? "wbRu" : "none",
    productDetails: {
      imtId: item.imtID,
      nmId: nm,
      productName: item.title,
      supplierArticle: item.vendorCode,
      supplierName: SELLER.name,
      brandName: item.brand,
      size: d.order.size.techSize,
    },
    photoLinks,
    video: d.hasVideo
      ? { previewImage: `https://videofeedback01.wbbasket.ru/${d.id.toLowerCase()}/preview.webp`, link: `https://videofeedback01.wbbasket.ru/${d.id.toLowerCase()}/index.m3u8`, durationSec: 8 + (nm % 20) }
      : null,
    wasViewed: answer !== null || d.viewedMs <= nowMs,
    userName: d.userName,
    orderStatus: d.orderStatus,
    matchingSize: d.matchingSize,
    isAbleSupplierFeedbackValuation: nowMs - d.createdMs < 30 * DAY_MS,
    supplierFeedbackValuation: 0,
    isAbleSupplierProductValuation: d.rating <= 3 && nowMs - d.createdMs < 30 * DAY_MS,
    supplierProductValuation: 0,
    isAbleReturnProductOrders: false,
    returnProductOrdersDate: null,
    bables: d.bables,
    lastOrderShkId: d.shkId,
    lastOrderCreatedAt: mskIsoOffset(d.order.dateMs),
    color: item.color,
    subjectId: item.subject.id,
    subjectName: item.subject.name,
    parentFeedbackId: null,
    childFeedbackId: null,
  };
}
