// The bench seller's catalogue and the WB rows drawn from it, shared by the ingest page generator
// (JS) and the 1,000,000-order seed (SQL), so both describe the same shop: 1,000 cards with five
// sizes each = 5,000 sizes (chrtIDs), clothes, sold across Russia.

export const CARDS = 1_000;
export const TECH_SIZES = ["XS", "S", "M", "L", "XL"];
export const SIZES = CARDS * TECH_SIZES.length;

export const NM_BASE = 180_000_000;
export const CHRT_BASE = 300_000_000;
export const IMT_BASE = 90_000_000;

export const BRANDS = ["Северный ветер", "Urban Fox", "Лесная сказка", "Mono Line"];
export const SUBJECTS = ["Футболки", "Платья", "Джинсы", "Худи", "Куртки", "Рубашки", "Брюки", "Свитеры"];
export const WAREHOUSES = ["Коледино", "Подольск", "Электросталь", "Казань", "Краснодар", "Новосибирск"];
export const SELLER_WAREHOUSE = "Склад Мытищи";
/** [country, okrug, region] */
export const REGIONS = [
  ["Россия", "Центральный федеральный округ", "Москва"],
  ["Россия", "Центральный федеральный округ", "Московская"],
  ["Россия", "Северо-Западный федеральный округ", "Санкт-Петербург"],
  ["Россия", "Приволжский федеральный округ", "Республика Татарстан"],
  ["Россия", "Южный федеральный округ", "Краснодарский"],
  ["Россия", "Уральский федеральный округ", "Свердловская"],
  ["Россия", "Сибирский федеральный округ", "Новосибирская"],
  ["Беларусь", "Минская область", "Минск"],
];

/** Card i (0-based): its nmID, vendor code, brand, subject and full price in roubles. */
export function card(i) {
  return {
    nmId: NM_BASE + i,
    imtId: IMT_BASE + Math.floor(i / 2),
    vendorCode: `ART-${String(i).padStart(4, "0")}`,
    brand: BRANDS[i % BRANDS.length],
    subject: SUBJECTS[i % SUBJECTS.length],
    price: 990 + (i % 40) * 100,
  };
}

/** Size s (0-based, 0..SIZES-1) of card floor(s / 5). */
export function size(s) {
  const c = Math.floor(s / TECH_SIZES.length);
  return { chrtId: CHRT_BASE + s, nmId: NM_BASE + c, techSize: TECH_SIZES[s % TECH_SIZES.length], barcode: `20${String(4_000_000_000 + s).padStart(11, "0")}` };
}

// ---- WB Statistics orders page (JS) -----------------------------------------------------------

/** mulberry32: a small deterministic PRNG, so every run sends the same page. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MSK_OFFSET_MS = 3 * 3600 * 1000;
export const WB_ZERO_DATE_TIME = "0001-01-01T00:00:00";

/** WB's Moscow local date-time without offset, e.g. "2026-11-24T09:15:02". */
export function mskIso(ms) {
  return new Date(ms + MSK_OFFSET_MS).toISOString().slice(0, 19);
}

const round2 = (x) => Math.round(x * 100) / 100;
const hex = (rnd, n) => {
  let s = "";
  for (let i = 0; i < n; i++) s += Math.floor(rnd() * 16).toString(16);
  return s;
};

/** Skewed pick of a size: popular cards get most orders, as in a real shop. */
function pickSize(rnd) {
  const c = Math.floor(CARDS * rnd() * rnd());
  return c * TECH_SIZES.length + Math.floor(rnd() * TECH_SIZES.length);
}

/**
 * `count` rows of a WB `GET /api/v1/supplier/orders` page (flag=0), in WB's field order and
 * shape (workers/wb/types.ts WbOrder = reports' OrdersItem; the sandbox's OrderRow): orders placed
 * over the `days` days before `nowMs`, sorted by lastChangeDate as WB returns them.
 */
export function wbOrdersPage({ count, nowMs, days, seed = 1 }) {
  const rnd = prng(seed);
  const span = days * 24 * 3600 * 1000;
  const rows = [];
  for (let k = 0; k < count; k++) {
    const s = pickSize(rnd);
    const sz = size(s);
    const cd = card(Math.floor(s / TECH_SIZES.length));
    const dateMs = nowMs - span + Math.floor(rnd() * (span - 3600_000));
    const region = REGIONS[Math.floor(rnd() * REGIONS.length)];
    const fbs = rnd() < 0.12;
    const discountPercent = 30 + Math.floor(rnd() * 31);
    const spp = Math.floor(rnd() * 26);
    const totalPrice = cd.price;
    const priceWithDisc = round2((totalPrice * (100 - discountPercent)) / 100);
    const finishedPrice = round2((priceWithDisc * (100 - spp)) / 100);
    const cancelled = rnd() < 0.08;
    const cancelMs = dateMs + Math.floor(rnd() * 48 * 3600_000);
    const visibleMs = dateMs + 30 * 60_000;
    const lastChangeMs = cancelled ? Math.min(nowMs, Math.max(visibleMs, cancelMs)) : visibleMs;
    rows.push({
      sortKey: lastChangeMs,
      row: {
        date: mskIso(dateMs),
        lastChangeDate: mskIso(lastChangeMs),
        warehouseName: fbs ? SELLER_WAREHOUSE : WAREHOUSES[Math.floor(rnd() * WAREHOUSES.length)],
        warehouseType: fbs ? "Склад продавца" : "Склад WB",
        countryName: region[0],
        oblastOkrugName: region[1],
        regionName: region[2],
        supplierArticle: cd.vendorCode,
        nmId: sz.nmId,
        barcode: sz.barcode,
        category: "Одежда",
        subject: cd.subject,
        brand: cd.brand,
        techSize: sz.techSize,
        incomeID: 20_000_000 + Math.floor(rnd() * 5000),
        isSupply: false,
        isRealization: true,
        totalPrice,
        discountPercent,
        spp,
        finishedPrice,
        priceWithDisc,
        isCancel: cancelled && cancelMs <= nowMs,
        cancelDate: cancelled && cancelMs <= nowMs ? mskIso(cancelMs) : WB_ZERO_DATE_TIME,
        sticker: String(10_000_000_000 + Math.floor(rnd() * 89_999_999_999)),
        gNumber: String(1_000_000_000 + Math.floor(rnd() * 8_999_999_999)) + String(k),
        srid: `${1 + Math.floor(rnd() * 99)}.r${hex(rnd, 22)}${k.toString(36).padStart(8, "0")}.${Math.floor(rnd() * 10)}.0`,
      },
    });
  }
  rows.sort((a, b) => a.sortKey - b.sortKey);
  return rows.map((r) => r.row);
}

/**
 * The same rows as the `orders` table stores them (workers/domain/wb-rows/orders.ts: kopecks, UTC
 * ms), in the table's column order: the raw node:sqlite baseline inserts exactly these.
 */
export function orderColumns(cabinetId, o) {
  const ms = (s) => Date.parse(`${s}+03:00`);
  const kop = (r) => Math.round(r * 100);
  const cancelled = o.cancelDate && o.cancelDate !== WB_ZERO_DATE_TIME ? ms(o.cancelDate) : null;
  return [
    cabinetId, o.srid, o.gNumber, ms(o.date), ms(o.lastChangeDate), o.nmId, o.barcode, o.supplierArticle, o.techSize, o.brand,
    o.subject, o.category, o.warehouseName, o.warehouseType, o.countryName, o.oblastOkrugName, o.regionName,
    kop(o.totalPrice), o.discountPercent, o.spp, kop(o.finishedPrice), kop(o.priceWithDisc), o.isCancel ? 1 : 0, cancelled,
    o.incomeID, o.isSupply ? 1 : 0, o.isRealization ? 1 : 0, o.sticker,
  ];
}

export const ORDER_COLUMNS = [
  "cabinet_id", "srid", "g_number", "ordered_at", "last_change_at", "nm_id", "barcode", "supplier_article", "tech_size", "brand",
  "subject", "category", "warehouse_name", "warehouse_type", "country", "okrug", "region",
  "total_price_kopecks", "discount_percent", "spp", "finished_price_kopecks", "price_with_disc_kopecks", "is_cancel", "cancelled_at",
  "income_id", "is_supply", "is_realization", "sticker",
];
