import type { Composer } from "grammy/web";

import type { CallbackAction, CallbackData } from "../callback-data";
import type { SellerContext } from "../context";

export type CallbackHandler<A extends CallbackAction> = (ctx: SellerContext, data: Extract<CallbackData, { a: A }>) => Promise<void>;

export type CallbackHandlers = { [A in CallbackAction]?: CallbackHandler<A> };

/** One feature: its commands (a composer) and the buttons it answers. */
export interface Feature {
  commands: Composer<SellerContext>;
  callbacks: CallbackHandlers;
}
