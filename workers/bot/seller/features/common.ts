import { t } from "../../i18n";
import { type SellerContext, show } from "../context";
import { onboardingKeyboard } from "../keyboards/menu";

/** A cabinet screen asked for by a user who has no cabinet yet. */
export async function noCabinet(ctx: SellerContext): Promise<void> {
  await show(ctx, { text: t("no-cabinet"), keyboard: onboardingKeyboard(ctx.svc.env.WB_SANDBOX === "1") });
}
