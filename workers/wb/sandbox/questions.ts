// Buyers' questions: a handful a day about popular cards (size, fabric, restocks), drawn per
// Moscow day. The seller answers most within hours to a few days and rejects the odd off-topic
// one; the newest stay unanswered. API answers (the store) override the generated state.

import type { CatalogItem } from "./catalog";
import { SELLER } from "./catalog-data";
import { cardWeightsForDay, hourShare } from "./demand";
import { historyStartMs } from "./orders";
import { rngFor, sampleCumulative } from "./random";
import type { SandboxAnswer } from "./store";
import { fill, QUESTIONS, REJECT_REASONS, type TextContext } from "./texts";
import { DAY_MS, HOUR_MS, mskDayIndex, mskDayStart, utcIso } from "./time";
import type { Question } from "./types";
import type { World } from "./world";

export interface QuestionDraft {
  id: string;
  item: CatalogItem;
  createdMs: number;
  text: string;
  /** The seller's generated reaction: an answer, or a rejection (state "none"). */
  reaction: { text: string; ms: number; rejected: boolean } | null;
  viewedMs: number;
  isWarned: boolean;
}

const QUESTIONS_PER_DAY = 7;

/** The questions asked on a Moscow day (cached; pure in seed and day). */
export function questionsOfDay(world: World, day: number): QuestionDraft[] {
  let list = world.questionDays.get(day);
  if (!list) {
    list = drawDay(world, day);
    if (world.questionDays.size > 400) world.questionDays.clear();
    world.questionDays.set(day, list);
  }
  return list;
}

function drawDay(world: World, day: number): QuestionDraft[] {
  const rng = rngFor(world.seed, "questions", day);
  const count = rng.poisson(QUESTIONS_PER_DAY);
  const weights = cardWeightsForDay(world, day);
  const hours = Array.from({ length: 24 }, (_, h) => hourShare(day, h));
  const out: QuestionDraft[] = [];
  for (let i = 0; i < count; i++) {
    const item = world.catalog.items[sampleCumulative(weights, rng.next())] as CatalogItem;
    const createdMs = mskDayStart(day) + rng.weighted(hours) * HOUR_MS + rng.int(0, 3599) * 1000;
    const template = rng.pick(QUESTIONS);
    const size = rng.pick(item.sizes).techSize;
    const ctx: TextContext = {
      noun: item.subject.noun,
      size,
      color: item.color,
      height: rng.int(155, 180),
      modelHeight: 172,
      len: rng.int(60, 120),
      name: "",
      brand: item.brand,
    };
    const answered = rng.chance(0.8);
    const rejected = answered && rng.chance(0.03);
    const reactionMs = createdMs + Math.min(5 * DAY_MS, Math.round((0.5 + -Math.log(1 - rng.next()) * 14) * HOUR_MS));
    out.push({
      id: rng.base62(20),
      item,
      createdMs,
      text: fill(template.text, ctx),
      reaction: answered ? { text: rejected ? rng.pick(REJECT_REASONS) : fill(template.answer, ctx), ms: reactionMs, rejected } : null,
      viewedMs: createdMs + rng.int(2, 40) * HOUR_MS,
      isWarned: rng.chance(0.015),
    });
  }
  return out.sort((a, b) => a.createdMs - b.createdMs);
}

/** Questions that exist at `nowMs` (within the history window), newest first. */
export function questionsAt(world: World, nowMs: number): QuestionDraft[] {
  const start = historyStartMs(nowMs);
  const out: QuestionDraft[] = [];
  for (let day = mskDayIndex(start); day <= mskDayIndex(nowMs); day++) {
    for (const q of questionsOfDay(world, day)) if (q.createdMs >= start && q.createdMs <= nowMs) out.push(q);
  }
  return out.sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? -1 : 1));
}

export interface QuestionOverrides {
  answer?: SandboxAnswer;
  rejected?: SandboxAnswer;
  viewed?: SandboxAnswer;
}

function effectiveReaction(q: QuestionDraft, nowMs: number, o: QuestionOverrides): { text: string; ms: number; rejected: boolean } | null {
  // The latest API action wins over the generated reaction and over each other.
  const stored = [o.answer, o.rejected].filter((a): a is SandboxAnswer => a !== undefined).sort((a, b) => b.answeredAt - a.answeredAt)[0];
  if (stored) return { text: stored.text, ms: stored.answeredAt, rejected: stored.kind === "questionRejected" };
  return q.reaction && q.reaction.ms <= nowMs ? q.reaction : null;
}

/** Answered (or rejected) at `nowMs`: the `isAnswered=true` side of the list. */
export function questionAnswered(q: QuestionDraft, nowMs: number, o: QuestionOverrides): boolean {
  return effectiveReaction(q, nowMs, o) !== null;
}

/** The question as WB's questions list returns it at `nowMs`. */
export function questionView(q: QuestionDraft, nowMs: number, o: QuestionOverrides): Question {
  const reaction = effectiveReaction(q, nowMs, o);
  return {
    id: q.id,
    text: q.text,
    createdDate: utcIso(q.createdMs),
    state: reaction === null ? "suppliersPortalSynch" : reaction.rejected ? "none" : "wbRu",
    answer: reaction ? { text: reaction.text, editable: nowMs - reaction.ms < 60 * DAY_MS, createDate: utcIso(reaction.ms) } : null,
    productDetails: {
      nmId: q.item.nmID,
      imtId: q.item.imtID,
      productName: q.item.title,
      supplierArticle: q.item.vendorCode,
      supplierName: SELLER.name,
      brandName: q.item.brand,
    },
    wasViewed: reaction !== null || o.viewed !== undefined || q.viewedMs <= nowMs,
    isWarned: q.isWarned,
  };
}
