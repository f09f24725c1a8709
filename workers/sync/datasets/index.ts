// The dataset registry the sync pipeline (workers/jobs/) schedules: one module per WB dataset,
// each implementing the DatasetSync contract of workers/sync/dataset.ts.

import type { SyncDataset } from "../../../db/schema";
import type { DatasetSync } from "../dataset";
import { cardsDataset } from "./cards";
import { feedbacksDataset } from "./feedbacks";
import { financeDataset } from "./finance";
import { ordersDataset } from "./orders";
import { pricesDataset } from "./prices";
import { questionsDataset } from "./questions";
import { salesDataset } from "./sales";
import { stocksDataset } from "./stocks";

export const DATASETS: Record<SyncDataset, DatasetSync> = {
  cards: cardsDataset,
  prices: pricesDataset,
  orders: ordersDataset,
  sales: salesDataset,
  stocks: stocksDataset,
  feedbacks: feedbacksDataset,
  questions: questionsDataset,
  finance: financeDataset,
};

export {
  cardsDataset,
  feedbacksDataset,
  financeDataset,
  ordersDataset,
  pricesDataset,
  questionsDataset,
  salesDataset,
  stocksDataset,
};
