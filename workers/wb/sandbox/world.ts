// The generator context of one sandbox: the seed, the catalog built from it, and memo tables of
// pure results (an hour's orders, a day's card weights, a feedback's text). The memo tables hold
// only values that depend on the seed and the entity key, never on "now", so they are safe to
// share between requests made at different clock readings.

import { catalogFor, type Catalog } from "./catalog";
import type { FeedbackDraft } from "./feedbacks";
import type { RawOrder } from "./orders";
import type { QuestionDraft } from "./questions";

export interface World {
  seed: number;
  catalog: Catalog;
  totalPopularity: number;
  slots: Map<number, RawOrder[]>;
  dayWeights: Map<number, Float64Array>;
  feedbackDrafts: Map<number, FeedbackDraft | null>;
  questionDays: Map<number, QuestionDraft[]>;
}

export function createWorld(seed: number): World {
  const catalog = catalogFor(seed);
  return {
    seed,
    catalog,
    totalPopularity: catalog.items.reduce((sum, i) => sum + i.popularity, 0),
    slots: new Map(),
    dayWeights: new Map(),
    feedbackDrafts: new Map(),
    questionDays: new Map(),
  };
}
