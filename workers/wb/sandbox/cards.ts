// Content cards as `/content/v2/get/cards/list` returns them, with the list's filters and its
// (updatedAt, nmID) cursor.

import { photoUrls, updatedAtMs, type CatalogItem } from "./catalog";
import { TAGS } from "./catalog-data";
import { keyOf } from "./random";
import type { Card } from "./types";
import type { World } from "./world";

/**
 * "2023-12-06T11:17:00.96577Z": WB's content timestamps carry microseconds. The first three
 * fraction digits are the instant's milliseconds, so parsing the string back (the cursor) gives
 * the exact instant; the rest are filler.
 */
export function contentTime(seed: number, nmID: number, ms: number): string {
  const millis = String(ms % 1000).padStart(3, "0");
  const micros = String(keyOf(seed, "micros", nmID, ms) % 1000).padStart(3, "0");
  return `${new Date(ms).toISOString().slice(0, 19)}.${(millis + micros).replace(/0+$/, "") || "0"}Z`;
}

export interface CardEntry {
  item: CatalogItem;
  updatedMs: number;
  /** The exact `updatedAt` string, which the cursor echoes back. */
  updatedAt: string;
}

export function cardEntries(world: World, nowMs: number): CardEntry[] {
  return world.catalog.items
    .filter((i) => i.createdMs <= nowMs)
    .map((item) => {
      const updatedMs = updatedAtMs(world.seed, item, nowMs);
      return { item, updatedMs, updatedAt: contentTime(world.seed, item.nmID, updatedMs) };
    });
}

export function cardView(world: World, e: CardEntry): Card {
  const item = e.item;
  return {
    nmID: item.nmID,
    imtID: item.imtID,
    nmUUID: item.nmUUID,
    subjectID: item.subject.id,
    subjectName: item.subject.name,
    vendorCode: item.vendorCode,
    brand: item.brand,
    title: item.title,
    description: item.description,
    needKiz: true, // light-industry goods need Честный знак marking
    kizMarked: true,
    photos: Array.from({ length: item.photoCount }, (_, i) => photoUrls(item.nmID, i + 1)),
    video: item.video,
    wholesale: { enabled: false, quantum: 0 },
    dimensions: { ...item.dimensions, isValid: true },
    characteristics: item.characteristics.map((c) => ({ id: c.id, name: c.name, value: [...c.value] })),
    sizes: item.sizes.map((s) => ({ chrtID: s.chrtID, techSize: s.techSize, wbSize: s.wbSize, skus: [s.barcode] })),
    tags: item.tagIds.map((id) => {
      const tag = TAGS.find((t) => t.id === id) ?? TAGS[0];
      return { id: tag.id, name: tag.name, color: tag.color };
    }),
    createdAt: contentTime(world.seed, item.nmID, item.createdMs),
    updatedAt: e.updatedAt,
  };
}

export interface CardsFilter {
  withPhoto: number;
  textSearch: string;
  tagIDs: number[];
  objectIDs: number[];
  brands: string[];
  imtID: number;
}

export function matchesFilter(item: CatalogItem, f: CardsFilter): boolean {
  // withPhoto: -1 any; 0 any since 16.06.2026 (release-notes id=531); 1 with photos; 2 without.
  if (f.withPhoto === 1 && item.photoCount === 0) return false;
  if (f.withPhoto === 2 && item.photoCount > 0) return false;
  if (f.imtID && item.imtID !== f.imtID) return false;
  if (f.objectIDs.length > 0 && !f.objectIDs.includes(item.subject.id)) return false;
  if (f.brands.length > 0 && !f.brands.some((b) => b.toLowerCase() === item.brand.toLowerCase())) return false;
  if (f.tagIDs.length > 0 && !f.tagIDs.some((t) => item.tagIds.includes(t))) return false;
  const q = f.textSearch.trim().toLowerCase();
  if (q && !(item.vendorCode.toLowerCase().includes(q) || String(item.nmID) === q || item.sizes.some((s) => s.barcode === q))) return false;
  return true;
}
