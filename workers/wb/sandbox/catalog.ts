// The sandbox seller's catalog: a few hundred WB cards (nmIDs) grouped into models (imtIDs) by
// colour, each with sizes (chrtID, techSize/wbSize, barcode), prices, characteristics and Russian
// titles and descriptions. Pure function of the seed; built once per seed and cached.

import {
  CARE,
  COLORS,
  COUNTRIES,
  INTL_SIZES,
  INTL_TO_RU,
  RU_SIZES,
  SELLER,
  SUBJECTS,
  TAGS,
  type Material,
  type SubjectDef,
} from "./catalog-data";
import { ean13, keyOf, rngFor, type Rng } from "./random";
import { DAY_MS } from "./time";

export interface CatalogSize {
  /** Position within the card. */
  index: number;
  chrtID: number;
  techSize: string;
  wbSize: string;
  /** EAN-13, WB-issued style ("20…"). */
  barcode: string;
  /** Share of the card's demand that goes to this size. */
  share: number;
}

export interface Characteristic {
  id: number;
  name: string;
  value: string[];
}

export interface CatalogItem {
  /** Position in the catalog (stable for a seed). */
  index: number;
  nmID: number;
  imtID: number;
  nmUUID: string;
  subject: SubjectDef;
  vendorCode: string;
  color: string;
  brand: string;
  title: string;
  description: string;
  material: Material;
  characteristics: Characteristic[];
  sizes: CatalogSize[];
  /** Price before the seller's discount, whole roubles (Prices API `price`). */
  price: number;
  /** The seller's usual discount, %; promotions move it (see discountAt). */
  baseDiscount: number;
  /** WB Club discount, %. */
  clubDiscount: number;
  /** Relative demand weight of the card (long-tailed). */
  popularity: number;
  createdMs: number;
  /** Cards are edited every `editPeriodDays`; updatedAt is the last edit before "now". */
  editPeriodDays: number;
  photoCount: number;
  video: string;
  tagIds: number[];
  dimensions: { length: number; width: number; height: number; weightBrutto: number };
  /** Packed volume, litres (warehouse_remains `volume`, logistics tariffs). */
  volumeLiters: number;
  /** 0.7–1: how happy buyers are; lower means more 1–3 star reviews. */
  quality: number;
  /** How the size runs: -1 small (маломерит), 0 true to size, 1 large (большемерит). */
  sizeRuns: -1 | 0 | 1;
}

export interface Catalog {
  items: CatalogItem[];
  byNmId: Map<number, CatalogItem>;
}

const cache = new Map<number, Catalog>();

/** Assortment launch window: cards were created between these instants (before any demo clock). */
const FIRST_CARD_MS = Date.UTC(2023, 2, 1);
const LAST_CARD_MS = Date.UTC(2025, 10, 30);

export function catalogFor(seed: number): Catalog {
  let c = cache.get(seed);
  if (!c) {
    c = buildCatalog(seed);
    cache.set(seed, c);
  }
  return c;
}

interface Draft {
  subject: SubjectDef;
  title: string;
  modelNo: number;
  modelKey: number;
  color: string;
  colorRank: number;
  material: Material;
  createdMs: number;
  modelWeight: number;
}

function buildCatalog(seed: number): Catalog {
  const rng = rngFor(seed, "catalog");
  const drafts: Draft[] = [];
  let modelKey = 0;
  for (const subject of SUBJECTS) {
    let modelNo = rng.int(20, 140);
    for (const title of subject.titles) {
      const models = rng.chance(0.6) ? 2 : 1;
      for (let v = 0; v < models; v++) {
        modelNo += rng.int(1, 37);
        modelKey++;
        const material = rng.pick(subject.materials);
        const createdMs = FIRST_CARD_MS + Math.floor(rng.next() * (LAST_CARD_MS - FIRST_CARD_MS));
        // Log-normal model appeal: a few hits, a long tail.
        const modelWeight = subject.popularity * Math.exp(rng.normal(0, 1.05));
        const colorCount = [2, 3, 3, 3, 4, 4, 5][rng.int(0, 6)] as number;
        const colors = shuffle(rng, COLORS).slice(0, colorCount);
        // Black and white sell best for clothing; put one of them first more often than not.
        if (rng.chance(0.7) && !colors.includes("черный")) colors[0] = "черный";
        colors.forEach((color, colorRank) =>
          drafts.push({ subject, title, modelNo, modelKey, color, colorRank, material, createdMs: createdMs + colorRank * rng.int(0, 40) * DAY_MS, modelWeight }),
        );
      }
    }
  }

  // WB hands out nmIDs, imtIDs and chrtIDs in increasing order over time: sort by creation, then
  // allocate with random gaps so the ids look like real ones and never collide.
  drafts.sort((a, b) => a.createdMs - b.createdMs || a.modelKey - b.modelKey || a.colorRank - b.colorRank);
  let nm = 148_000_000;
  let chrt = 241_000_000;
  let barcodeBase = 204_123_000_000;
  const imtByModel = new Map<number, number>();
  let imt = 120_000_000;
  const items: CatalogItem[] = [];
  drafts.forEach((d, index) => {
    const r = rngFor(seed, "card", index);
    const progress = (d.createdMs - FIRST_CARD_MS) / (LAST_CARD_MS - FIRST_CARD_MS);
    nm = Math.max(nm + r.int(1, 9000), Math.floor(148_000_000 + progress * 370_000_000) + r.int(0, 400_000));
    let imtID = imtByModel.get(d.modelKey);
    if (imtID === undefined) {
      imt = Math.max(imt + r.int(1, 90_000), Math.floor(120_000_000 + progress * 250_000_000));
      imtID = imt;
      imtByModel.set(d.modelKey, imtID);
    }
    const sizes = makeSizes(r, d.subject, () => (chrt += r.int(1, 40_000)), () => ean13(String((barcodeBase += r.int(1, 997)))));
    const brand = SELLER.brands[d.subject.line];
    const vendorCode = `${d.subject.prefix}-${String(d.modelNo).padStart(4, "0")}/${d.color}`;
    const price = roundPrice(r.float(d.subject.price[0], d.subject.price[1]));
    const season = r.pick(d.subject.seasons);
    const country = r.pick(COUNTRIES);
    const dims = { length: d.subject.box[0], width: d.subject.box[1], height: d.subject.box[2] + r.int(0, 2), weightBrutto: Math.round(r.float(d.subject.weight[0], d.subject.weight[1]) * 1000) / 1000 };
    const photoCount = index % 97 === 13 ? 0 : r.int(5, 9);
    const popularity = photoCount === 0 ? 0.02 : d.modelWeight * (d.colorRank === 0 ? 1.6 : Math.exp(r.normal(-0.25, 0.5)));
    const title = d.title;
    items.push({
      index,
      nmID: nm,
      imtID,
      nmUUID: r.uuid(),
      subject: d.subject,
      vendorCode,
      color: d.color,
      brand,
      title,
      description: describe(r, d.subject, title, d.material, d.color, sizes),
      material: d.material,
      characteristics: characteristics(r, d.subject, d.material, d.color, season, country, sizes),
      sizes,
      price,
      baseDiscount: r.int(d.subject.discount[0], d.subject.discount[1]),
      clubDiscount: r.chance(0.3) ? r.int(3, 5) : 0,
      popularity,
      createdMs: d.createdMs,
      editPeriodDays: r.int(20, 120),
      photoCount,
      video: r.chance(0.2) ? `https://videonme-basket-${basketOf(nm)}.wbbasket.ru/vol${Math.floor(nm / 100_000)}/part${Math.floor(nm / 1000)}/${nm}/hls/1440p/index.m3u8` : "",
      tagIds: [],
      dimensions: dims,
      volumeLiters: Math.round((dims.length * dims.width * dims.height) / 10) / 100,
      quality: 0.7 + 0.3 * Math.pow(r.next(), 0.35),
      sizeRuns: r.chance(0.7) ? 0 : r.chance(0.65) ? -1 : 1,
    });
  });

  // Tags: the best sellers, the basics line, a sale rack and the newest arrivals.
  const byPopularity = [...items].sort((a, b) => b.popularity - a.popularity);
  byPopularity.slice(0, Math.ceil(items.length * 0.08)).forEach((i) => i.tagIds.push(TAGS[1].id));
  for (const item of items) {
    if (item.createdMs > LAST_CARD_MS - 90 * DAY_MS) item.tagIds.unshift(TAGS[0].id);
    if (item.subject.line === "basic") item.tagIds.push(TAGS[3].id);
    if (unitOf(seed, "sale-tag", item.nmID) < 0.08) item.tagIds.push(TAGS[2].id);
  }
  return { items, byNmId: new Map(items.map((i) => [i.nmID, i])) };
}

function unitOf(seed: number, tag: string, n: number): number {
  return keyOf(seed, tag, n) / 0x1_0000_0000;
}

function shuffle<T>(rng: Rng, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Sellers price in "…90" steps: 5990, 7490. */
function roundPrice(p: number): number {
  return Math.round(p / 500) * 500 - 10;
}

function makeSizes(r: Rng, subject: SubjectDef, nextChrt: () => number, nextBarcode: () => string): CatalogSize[] {
  const scale = subject.sizing === "ru" ? RU_SIZES : INTL_SIZES;
  const start = r.int(0, 1);
  const count = Math.min(scale.length - start, r.int(4, scale.length - start));
  // Demand peaks at 44–46 (S–M) and falls off to the edges of the range.
  const peak = subject.sizing === "ru" ? 1.6 : 1.9;
  const raw = scale.slice(start, start + count).map((_, i) => Math.exp(-Math.pow(start + i - peak, 2) / 3.2));
  const total = raw.reduce((a, b) => a + b, 0);
  return scale.slice(start, start + count).map((techSize, i) => ({
    index: i,
    chrtID: nextChrt(),
    techSize,
    wbSize: subject.sizing === "ru" ? techSize : (INTL_TO_RU[techSize] ?? techSize),
    barcode: nextBarcode(),
    share: (raw[i] as number) / total,
  }));
}

/** Characteristic ids as the sandbox's content directory numbers them. */
const CHAR_IDS: Record<string, number> = {
  "Цвет": 14177449,
  "Состав": 14177451,
  "Страна производства": 14177452,
  "Пол": 7919,
  "Сезон": 14177453,
  "Фактура материала": 14177454,
  "Уход за вещами": 14177455,
  "Рост модели на фото": 14177456,
  "Размер на модели": 14177457,
  "Комплектация": 378533,
};

function charId(name: string): number {
  return CHAR_IDS[name] ?? 15_000_000 + (keyOf(0, name) % 900_000);
}

function characteristics(r: Rng, subject: SubjectDef, material: Material, color: string, season: string, country: string, sizes: CatalogSize[]): Characteristic[] {
  const modelSize = sizes[Math.min(1, sizes.length - 1)]?.techSize ?? "44";
  const list: [string, string[]][] = [
    ["Цвет", [color]],
    ["Состав", material.composition],
    ["Пол", [subject.gender]],
    ["Сезон", [season]],
    ["Фактура материала", [material.texture]],
    ["Страна производства", [country]],
    ["Комплектация", [`${capitalize(subject.noun.nom)} — 1 шт.`]],
    ["Рост модели на фото", [`${r.int(168, 176)} см`]],
    ["Размер на модели", [modelSize]],
    ["Уход за вещами", ["стирка при 30 °C", "не отбеливать"]],
  ];
  for (const [name, values] of Object.entries(subject.extra)) list.push([name, [r.pick(values)]]);
  return list.map(([name, value]) => ({ id: charId(name), name, value }));
}

function describe(r: Rng, subject: SubjectDef, title: string, material: Material, color: string, sizes: CatalogSize[]): string {
  const first = sizes[0]?.techSize ?? "";
  const last = sizes[sizes.length - 1]?.techSize ?? "";
  const parts = [
    `${title} — ${lowerFirst(r.pick(subject.hooks))}`,
    `Ткань — ${material.name} (${material.composition.join(", ")}): приятная к телу, не скатывается и сохраняет цвет после стирки.`,
    r.pick(subject.fit),
    r.pick(subject.styling),
    `Цвет — ${color}. Размеры от ${first} до ${last}; если сомневаетесь между двумя, ориентируйтесь на таблицу размеров в карточке или напишите нам в вопросах — подскажем.`,
    r.pick(CARE),
  ];
  return parts.join(" ");
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * The basket-NN shard WB serves a card's media from, by `vol` (nmID / 100000). The thresholds are
 * the table public clients use; the sandbox only needs plausible URLs.
 */
export function basketOf(nmID: number): string {
  const vol = Math.floor(nmID / 100_000);
  const limits = [143, 287, 431, 719, 1007, 1061, 1115, 1169, 1313, 1601, 1655, 1919, 2045, 2189, 2405, 2621, 2837, 3053, 3269, 3485, 3701, 3917, 4133, 4349, 4565, 4877, 5189, 5501, 5813];
  const i = limits.findIndex((l) => vol <= l);
  return String(i === -1 ? limits.length + 1 : i + 1).padStart(2, "0");
}

/** Photo URLs in WB's five sizes for photo number `n` (1-based). */
export function photoUrls(nmID: number, n: number): { big: string; c246x328: string; c516x688: string; square: string; tm: string } {
  const base = `https://basket-${basketOf(nmID)}.wbbasket.ru/vol${Math.floor(nmID / 100_000)}/part${Math.floor(nmID / 1000)}/${nmID}/images`;
  return {
    big: `${base}/big/${n}.webp`,
    c246x328: `${base}/c246x328/${n}.webp`,
    c516x688: `${base}/c516x688/${n}.webp`,
    square: `${base}/square/${n}.webp`,
    tm: `${base}/tm/${n}.webp`,
  };
}

/** The seller's discount at an instant: usual discount, moved by two-week promotions. */
export function discountAt(seed: number, item: CatalogItem, ms: number): number {
  const phase = keyOf(seed, "price-phase", item.nmID) % 14;
  const epoch = Math.floor((Math.floor(ms / DAY_MS) + phase) / 14);
  const u = keyOf(seed, "promo", item.nmID, epoch) / 0x1_0000_0000;
  let d = item.baseDiscount;
  if (u < 0.25) d += 5 + Math.floor(u * 20); // a promotion: +5…+9 points
  else if (u > 0.8) d -= 3 + Math.floor((u - 0.8) * 15); // discount trimmed: −3…−5
  return Math.min(80, Math.max(10, d));
}

/** `updatedAt` of a card at `nowMs`: its last scheduled edit before now (or its creation). */
export function updatedAtMs(seed: number, item: CatalogItem, nowMs: number): number {
  const period = item.editPeriodDays * DAY_MS;
  let k = Math.floor((nowMs - item.createdMs) / period);
  while (k > 0) {
    const t = item.createdMs + k * period + (keyOf(seed, "edit", item.nmID, k) % Math.floor(period / 3));
    if (t <= nowMs) return t;
    k--;
  }
  return item.createdMs + (keyOf(seed, "created-ms", item.nmID) % 1000);
}
