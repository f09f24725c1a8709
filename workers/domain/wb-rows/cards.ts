// WB Content card (`POST /content/v2/get/cards/list`) → one `products` row (identity nmID) and
// one `product_sizes` row per size (identity chrtID).

import type { CardCharacteristic, JsonValue, NewProduct, NewProductSize } from "../../../db/schema";
import type { WbCard } from "../../wb/types";
import { optionalInt, text, wbOptionalDateTime } from "./common";

export interface CardRows {
  product: NewProduct;
  sizes: NewProductSize[];
}

export function wbCardToRows(cabinetId: string, card: WbCard, syncedAt: Date): CardRows {
  const characteristics: CardCharacteristic[] = (card.characteristics ?? []).map((c) => ({
    id: c.id ?? 0,
    name: c.name ?? "",
    // Parsed from WB's JSON, so it is JSON; the spec types it `unknown` only because it varies.
    value: (c.value ?? null) as JsonValue,
  }));
  const product: NewProduct = {
    cabinetId,
    nmId: card.nmID,
    imtId: optionalInt(card.imtID),
    vendorCode: text(card.vendorCode),
    brand: text(card.brand),
    subjectId: optionalInt(card.subjectID),
    subjectName: text(card.subjectName),
    title: text(card.title),
    description: text(card.description),
    characteristics,
    photoUrl: card.photos?.[0]?.c246x328 ?? null,
    // Content dates carry an offset ("…Z"); parseMoscowDateTime honours it.
    updatedAtWb: wbOptionalDateTime(card.updatedAt),
    syncedAt,
  };
  const sizes: NewProductSize[] = [];
  for (const size of card.sizes ?? []) {
    if (size.chrtID === undefined) continue; // no identity: nothing to key the row by
    sizes.push({
      cabinetId,
      chrtId: size.chrtID,
      nmId: card.nmID,
      techSize: text(size.techSize),
      wbSize: text(size.wbSize),
      skus: size.skus ?? [],
    });
  }
  return { product, sizes };
}
