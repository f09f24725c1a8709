// `GET /ping` (every host) and common-api `GET /api/v1/seller-info` (01-general.yaml).

import { SELLER } from "../catalog-data";
import { json, type RequestContext } from "../http";
import { mskIsoOffset } from "../time";
import { SANDBOX_SELLER_SID } from "../tokens";
import type { SellerInfo } from "../types";

export function pingHandler(ctx: RequestContext): Response {
  return json(200, { TS: mskIsoOffset(ctx.nowMs), Status: "OK" });
}

export function sellerInfo(): SellerInfo {
  return { name: SELLER.name, sid: SANDBOX_SELLER_SID, tin: SELLER.tin, tradeMark: SELLER.tradeMark };
}

export function sellerInfoHandler(): Response {
  return json(200, sellerInfo());
}
