// Pure mappings from WB's row shapes (workers/wb/types.ts) to our table rows (db/schema.ts):
// money to kopecks through money.ts, WB times to UTC instants through moscow-time.ts, nothing else.

export { wbCardToRows, type CardRows } from "./cards";
export { text, wbDateTime, wbOptionalDateTime } from "./common";
export { wbFeedbackToRow, wbQuestionToRow } from "./feedbacks";
export { wbFinanceRowToRow } from "./finance";
export { wbOrderToRow } from "./orders";
export { wbGoodsToPriceRows } from "./prices";
export { isReturnSaleId, wbSaleToRow } from "./sales";
export {
  REMAINS_IN_WAY_FROM_CLIENT,
  REMAINS_IN_WAY_TO_CLIENT,
  REMAINS_TOTAL,
  WB_WAREHOUSE,
  wbRemainsToSnapshotRows,
  wbStocksToSnapshotRows,
  type RemainsMapping,
  type SizeRef,
} from "./stocks";
