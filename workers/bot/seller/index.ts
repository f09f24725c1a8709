// The seller bot's public surface, for the webhook route, the poller and the notification sender.

export { SELLER_BOT, SELLER_COMMANDS, SellerBotNotConfiguredError, type SellerBotOptions, createSellerBot, handleSellerUpdate, sellerCommandMenu } from "./bot";
export { type SellerBotConfig, type SellerBotTestHooks, sellerBotConfig, setSellerBotTestHooks } from "./config";
export { type Screen, type SellerContext, fitText } from "./context";
export { cabRef, cb, decodeCallback, encodeCallback, type CallbackData } from "./callback-data";
export { mainMenuKeyboard, withMenu } from "./keyboards/menu";
export { reviewReplyButton } from "./features/reviews";
export { questionReplyButton } from "./features/questions";
export { dashboardText } from "./screens/dashboard";
export { orderLine } from "./screens/orders";
export { STOCK_MARK, stockLine } from "./screens/stocks";
export { isNegative, questionCard, reviewCard } from "./screens/reviews";
export { freshnessLine } from "./screens/freshness";
