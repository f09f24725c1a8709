// The pure WB → row mappings (workers/domain/wb-rows), against hand-computed values: money in
// kopecks, Moscow wall-clock → UTC, WB's zero date, return signs, decimal strings, int64 ids.

import { describe, expect, it } from "vitest";

import { addDays, daysBetween, MOSCOW_UTC_OFFSET_SECONDS, moscowDayStart, moscowDaysOf } from "../../workers/domain/calendar-day";
import {
  isReturnSaleId,
  wbCardToRows,
  wbFeedbackToRow,
  wbFinanceRowToRow,
  wbGoodsToPriceRows,
  wbOptionalDateTime,
  wbOrderToRow,
  wbQuestionToRow,
  wbRemainsToSnapshotRows,
  wbSaleToRow,
  wbStocksToSnapshotRows,
} from "../../workers/domain/wb-rows";
import { WbClient } from "../../workers/wb/client";
import type { WbCard, WbFeedback, WbFinanceReportRow, WbGoodsPrices, WbOrder, WbQuestion, WbSale } from "../../workers/wb/types";

const CAB = "cab-1";
const SYNCED = new Date(Date.UTC(2026, 10, 24, 9, 0, 0));

// The spec's own example (12-reports.yaml, reference/wb-api.md §1.1).
const SPEC_ORDER: WbOrder = {
  date: "2022-03-04T18:08:31",
  lastChangeDate: "2022-03-06T10:11:07",
  warehouseName: "Склад WB РФ",
  warehouseType: "Склад продавца",
  countryName: "Россия",
  oblastOkrugName: "Центральный федеральный округ",
  regionName: "Московская",
  supplierArticle: "12345",
  nmId: 1234567,
  barcode: "123453559000",
  category: "Бытовая техника",
  subject: "Мультистайлеры",
  brand: "Тест",
  techSize: "0",
  incomeID: 56735459,
  isSupply: false,
  isRealization: true,
  totalPrice: 1887,
  discountPercent: 18,
  spp: 26,
  finishedPrice: 1145,
  priceWithDisc: 1547,
  isCancel: true,
  cancelDate: "2022-03-09T00:00:00",
  sticker: "926912515",
  gNumber: "34343462218572569531",
  srid: "11.rf9ef11fce1684117b0nhj96222982382.3.0",
};

describe("orders", () => {
  it("maps the spec example: kopecks, Moscow → UTC, every column", () => {
    expect(wbOrderToRow(CAB, SPEC_ORDER)).toEqual({
      cabinetId: CAB,
      srid: "11.rf9ef11fce1684117b0nhj96222982382.3.0",
      gNumber: "34343462218572569531",
      // 18:08:31 Moscow (UTC+3) = 15:08:31 UTC.
      orderedAt: new Date("2022-03-04T15:08:31.000Z"),
      lastChangeAt: new Date("2022-03-06T07:11:07.000Z"),
      nmId: 1234567,
      barcode: "123453559000",
      supplierArticle: "12345",
      techSize: "0",
      brand: "Тест",
      subject: "Мультистайлеры",
      category: "Бытовая техника",
      warehouseName: "Склад WB РФ",
      warehouseType: "Склад продавца",
      country: "Россия",
      okrug: "Центральный федеральный округ",
      region: "Московская",
      totalPriceKopecks: 188_700,
      discountPercent: 18,
      spp: 26,
      finishedPriceKopecks: 114_500,
      priceWithDiscKopecks: 154_700,
      isCancel: true,
      // Moscow midnight of 9 March = 21:00 UTC on 8 March.
      cancelledAt: new Date("2022-03-08T21:00:00.000Z"),
      incomeId: 56735459,
      isSupply: false,
      isRealization: true,
      sticker: "926912515",
    });
  });

  it("stores WB's zero cancelDate as NULL, and fractional roubles exactly", () => {
    const row = wbOrderToRow(CAB, {
      ...SPEC_ORDER,
      isCancel: false,
      cancelDate: "0001-01-01T00:00:00",
      totalPrice: 1234.56,
      finishedPrice: 99.99,
      priceWithDisc: 0.1 + 0.2, // float noise: 0.30000000000000004
      date: "2026-01-01T02:59:59",
    });
    expect(row.cancelledAt).toBeNull();
    expect(row.isCancel).toBe(false);
    expect(row.totalPriceKopecks).toBe(123_456);
    expect(row.finishedPriceKopecks).toBe(9_999);
    expect(row.priceWithDiscKopecks).toBe(30);
    // 02:59:59 Moscow on 1 January is still 31 December in UTC.
    expect(row.orderedAt).toEqual(new Date("2025-12-31T23:59:59.000Z"));
  });

  it("treats absent optional values as NULL / 0, never as strings like 'undefined'", () => {
    const row = wbOrderToRow(CAB, { srid: "x", date: "2026-03-01T10:00:00", lastChangeDate: "2026-03-01T10:00:00.123456" });
    expect(row).toMatchObject({ gNumber: null, nmId: 0, totalPriceKopecks: 0, cancelledAt: null, isCancel: false, incomeId: null });
    // Fractions beyond milliseconds are truncated.
    expect(row.lastChangeAt).toEqual(new Date("2026-03-01T07:00:00.123Z"));
  });

  it("wbOptionalDateTime: empty, absent and zero values are null", () => {
    expect(wbOptionalDateTime(undefined)).toBeNull();
    expect(wbOptionalDateTime("")).toBeNull();
    expect(wbOptionalDateTime("0001-01-01T00:00:00")).toBeNull();
    expect(wbOptionalDateTime("2026-11-24T00:00:00")).toEqual(new Date("2026-11-23T21:00:00.000Z"));
  });
});

describe("sales", () => {
  const sale: WbSale = {
    ...SPEC_ORDER,
    paymentSaleAmount: 93,
    forPay: 1284.01,
    finishedPrice: 1145,
    priceWithDisc: 1547,
    saleID: "S9993700024",
  };

  it("maps a sale: saleID key, kopecks, not a return", () => {
    const row = wbSaleToRow(CAB, sale);
    expect(row).toMatchObject({
      saleId: "S9993700024",
      srid: SPEC_ORDER.srid,
      soldAt: new Date("2022-03-04T15:08:31.000Z"),
      lastChangeAt: new Date("2022-03-06T07:11:07.000Z"),
      isReturn: false,
      totalPriceKopecks: 188_700,
      forPayKopecks: 128_401,
      finishedPriceKopecks: 114_500,
      priceWithDiscKopecks: 154_700,
      paymentSaleAmountKopecks: 9_300,
    });
  });

  it("keeps a return's negative amounts as WB sends them", () => {
    const row = wbSaleToRow(CAB, { ...sale, saleID: "R9993700025", totalPrice: -1887, forPay: -1284.01, finishedPrice: -1145, priceWithDisc: -1547 });
    expect(row.isReturn).toBe(true);
    expect(row.totalPriceKopecks).toBe(-188_700);
    expect(row.forPayKopecks).toBe(-128_401);
    expect(row.finishedPriceKopecks).toBe(-114_500);
    expect(row.priceWithDiscKopecks).toBe(-154_700);
  });

  it("a return is a saleID starting with R", () => {
    expect(isReturnSaleId("R123")).toBe(true);
    expect(isReturnSaleId("S123")).toBe(false);
    expect(isReturnSaleId("D123")).toBe(false);
  });
});

describe("cards", () => {
  const card: WbCard = {
    nmID: 12345678,
    imtID: 123654789,
    nmUUID: "01bda4b1-b9e4-7b1e-8c1f-1d3e4e9e6a01",
    subjectID: 7771,
    subjectName: "AKF системы",
    vendorCode: "777777777777",
    brand: "Тест",
    title: "Тест-система",
    description: "Описание",
    kizMarked: false,
    photos: [{ big: "https://b/1.webp", c246x328: "https://c246x328/1.webp", c516x688: "x", square: "s", tm: "t" }],
    characteristics: [
      { id: 14177449, name: "Цвет", value: ["красно-сиреневый"] },
      { id: 89008, name: "Вес товара без упаковки (г)", value: 200 },
    ],
    sizes: [
      { chrtID: 316399238, techSize: "0", wbSize: "", skus: ["987456321654"] },
      { chrtID: 316399239, techSize: "42", wbSize: "42", skus: ["1", "2"] },
    ],
    createdAt: "2023-12-06T11:17:00.96577Z",
    updatedAt: "2023-12-07T08:14:46.367814Z",
  };

  it("maps a card to one product row and a row per size", () => {
    const { product, sizes } = wbCardToRows(CAB, card, SYNCED);
    expect(product).toEqual({
      cabinetId: CAB,
      nmId: 12345678,
      imtId: 123654789,
      vendorCode: "777777777777",
      brand: "Тест",
      subjectId: 7771,
      subjectName: "AKF системы",
      title: "Тест-система",
      description: "Описание",
      characteristics: [
        { id: 14177449, name: "Цвет", value: ["красно-сиреневый"] },
        { id: 89008, name: "Вес товара без упаковки (г)", value: 200 },
      ],
      photoUrl: "https://c246x328/1.webp",
      // "Z" is honoured (not read as Moscow time); microseconds are truncated to milliseconds.
      updatedAtWb: new Date(Date.UTC(2023, 11, 7, 8, 14, 46, 367)),
      syncedAt: SYNCED,
    });
    expect(sizes).toEqual([
      { cabinetId: CAB, chrtId: 316399238, nmId: 12345678, techSize: "0", wbSize: "", skus: ["987456321654"] },
      { cabinetId: CAB, chrtId: 316399239, nmId: 12345678, techSize: "42", wbSize: "42", skus: ["1", "2"] },
    ]);
  });

  it("a card without photos or sizes still maps", () => {
    const { product, sizes } = wbCardToRows(CAB, { nmID: 1, kizMarked: false }, SYNCED);
    expect(product.photoUrl).toBeNull();
    expect(product.characteristics).toEqual([]);
    expect(product.updatedAtWb).toBeNull();
    expect(sizes).toEqual([]);
  });
});

describe("prices", () => {
  it("one row per size, roubles → kopecks, discounts from the item", () => {
    const goods: WbGoodsPrices = {
      nmID: 98486,
      vendorCode: "07326060",
      sizes: [
        { sizeID: 3123515574, price: 1500, discountedPrice: 1275.5, clubDiscountedPrice: 1211.73, techSizeName: "42" },
        { sizeID: 3123515575, price: 990, discountedPrice: 841.5, clubDiscountedPrice: 799.43, techSizeName: "44" },
      ],
      currencyIsoCode4217: "RUB",
      discount: 15,
      clubDiscount: 5,
      editableSizePrice: true,
    };
    expect(wbGoodsToPriceRows(CAB, goods, SYNCED)).toEqual([
      {
        cabinetId: CAB,
        nmId: 98486,
        chrtId: 3123515574,
        techSize: "42",
        priceKopecks: 150_000,
        discountedPriceKopecks: 127_550,
        clubDiscountedPriceKopecks: 121_173,
        discountPercent: 15,
        clubDiscountPercent: 5,
        syncedAt: SYNCED,
      },
      {
        cabinetId: CAB,
        nmId: 98486,
        chrtId: 3123515575,
        techSize: "44",
        priceKopecks: 99_000,
        discountedPriceKopecks: 84_150,
        clubDiscountedPriceKopecks: 79_943,
        discountPercent: 15,
        clubDiscountPercent: 5,
        syncedAt: SYNCED,
      },
    ]);
  });
});

describe("stocks", () => {
  it("stocks-report items → snapshot rows; same size and (masked) warehouse are summed", () => {
    const item = { nmId: 7, chrtId: 70, warehouseId: -999999, warehouseName: "Склад WB", regionName: "Склад WB", quantity: 5, inWayToClient: 1, inWayFromClient: 0 };
    const rows = wbStocksToSnapshotRows(
      CAB,
      [item, { ...item, quantity: 3, inWayFromClient: 2 }, { ...item, chrtId: 71, quantity: 0, inWayToClient: 0 }],
      SYNCED,
    );
    expect(rows).toEqual([
      { cabinetId: CAB, chrtId: 70, warehouseName: "Склад WB", nmId: 7, quantity: 8, inWayToClient: 2, inWayFromClient: 2, updatedAt: SYNCED },
      { cabinetId: CAB, chrtId: 71, warehouseName: "Склад WB", nmId: 7, quantity: 0, inWayToClient: 0, inWayFromClient: 0, updatedAt: SYNCED },
    ]);
  });

  it("warehouse_remains rows → one 'Склад WB' row per size, pseudo-warehouses to in-way, total ignored", () => {
    const sizes = new Map([
      ["111", { chrtId: 70, nmId: 7 }],
      ["222", { chrtId: 71, nmId: 7 }],
    ]);
    const { rows, unmatched } = wbRemainsToSnapshotRows(
      CAB,
      [
        {
          nmId: 7,
          barcode: "111",
          techSize: "42",
          warehouses: [
            { warehouseName: "Склад WB РФ", quantity: 10 },
            { warehouseName: "Склад WB СГТ РФ", quantity: 2 },
            { warehouseName: "В пути до получателей", quantity: 3 },
            { warehouseName: "В пути возвраты на склад WB", quantity: 1 },
            { warehouseName: "Всего находится на складах", quantity: 12 },
          ],
        },
        { nmId: 7, barcode: "222", warehouses: [] },
        { nmId: 8, barcode: "999", warehouses: [{ warehouseName: "Склад WB РФ", quantity: 4 }] },
      ],
      sizes,
      SYNCED,
    );
    expect(unmatched).toBe(1);
    expect(rows).toEqual([
      { cabinetId: CAB, chrtId: 70, warehouseName: "Склад WB", nmId: 7, quantity: 12, inWayToClient: 3, inWayFromClient: 1, updatedAt: SYNCED },
      { cabinetId: CAB, chrtId: 71, warehouseName: "Склад WB", nmId: 7, quantity: 0, inWayToClient: 0, inWayFromClient: 0, updatedAt: SYNCED },
    ]);
  });
});

describe("feedbacks and questions", () => {
  const feedback: WbFeedback = {
    id: "YX52RZEBhH9mrcYdEJuD",
    text: "Спасибо, всё подошло",
    pros: "Удобный",
    cons: "Нет",
    productValuation: 5,
    createdDate: "2024-09-26T10:20:48+03:00",
    answer: { text: "Пожалуйста. Ждём вас снова!", state: "wbRu", editable: false },
    state: "wbRu",
    productDetails: { imtId: 123456789, nmId: 987654321, productName: "ВАЗ", supplierArticle: "DP02/черный", supplierName: "ГП", brandName: "Бест Трикотаж", size: "0" },
    video: { previewImage: "p", link: "l", durationSec: 10 },
    wasViewed: true,
    photoLinks: [{ fullSize: "f", miniSize: "m" }],
    userName: "Николай",
    orderStatus: "buyout",
  };

  it("maps an answered feedback (spec example)", () => {
    expect(wbFeedbackToRow(CAB, feedback, SYNCED)).toEqual({
      cabinetId: CAB,
      id: "YX52RZEBhH9mrcYdEJuD",
      nmId: 987654321,
      imtId: 123456789,
      productName: "ВАЗ",
      supplierArticle: "DP02/черный",
      size: "0",
      rating: 5,
      text: "Спасибо, всё подошло",
      pros: "Удобный",
      cons: "Нет",
      userName: "Николай",
      // +03:00 is honoured: 10:20:48 Moscow = 07:20:48 UTC.
      createdAt: new Date("2024-09-26T07:20:48.000Z"),
      state: "wbRu",
      answerText: "Пожалуйста. Ждём вас снова!",
      answerState: "wbRu",
      answeredAt: null,
      answerSource: "wb",
      isAnswered: true,
      orderStatus: "buyout",
      photoCount: 1,
      hasVideo: true,
      wasViewed: true,
      syncedAt: SYNCED,
    });
  });

  it("a feedback without an answer (or with an empty one) is unanswered", () => {
    for (const answer of [null, undefined, { text: "  ", state: "none" }]) {
      const row = wbFeedbackToRow(CAB, { ...feedback, answer, state: "none", video: null, photoLinks: null }, SYNCED);
      expect(row).toMatchObject({ isAnswered: false, answerText: null, answerSource: null, hasVideo: false, photoCount: 0 });
    }
  });

  it("maps questions: answer text, state, answer.createDate → answeredAt", () => {
    const q: WbQuestion = {
      id: "2ncBtX4B9I0UHoornoqG",
      text: "Какой размер?",
      createdDate: "2022-02-01T11:18:08.769513469Z",
      state: "wbRu",
      answer: { text: "44", editable: false, createDate: "2022-02-01T12:00:00Z" },
      productDetails: { imtId: 11, nmId: 14917842, productName: "Куртка", supplierArticle: "DP02", supplierName: "ГП", brandName: "Бест" },
      wasViewed: true,
      isWarned: false,
    };
    expect(wbQuestionToRow(CAB, q, SYNCED)).toEqual({
      cabinetId: CAB,
      id: "2ncBtX4B9I0UHoornoqG",
      nmId: 14917842,
      imtId: 11,
      productName: "Куртка",
      supplierArticle: "DP02",
      text: "Какой размер?",
      createdAt: new Date("2022-02-01T11:18:08.769Z"),
      state: "wbRu",
      answerText: "44",
      answeredAt: new Date("2022-02-01T12:00:00.000Z"),
      answerSource: "wb",
      isAnswered: true,
      wasViewed: true,
      syncedAt: SYNCED,
    });
    expect(wbQuestionToRow(CAB, { ...q, answer: null, state: "suppliersPortalSynch" }, SYNCED)).toMatchObject({
      isAnswered: false,
      answerText: null,
      answeredAt: null,
      answerSource: null,
      state: "suppliersPortalSynch",
    });
  });
});

describe("finance", () => {
  const base = {
    reportId: "1234567",
    dateFrom: "2026-03-16",
    dateTo: "2026-03-22",
    createDate: "2026-03-23",
    currency: "RUB",
    reportType: 1,
    rrdId: 1232610467,
    giId: 123456,
    subjectName: "Мини-печи",
    nmId: 1234567,
    brandName: "BlahBlah",
    vendorCode: "MAB123",
    title: "ДС тарелка",
    techSize: "0",
    sku: "1231312352310",
    docTypeName: "Продажа",
    quantity: 1,
    retailPrice: "1249",
    retailAmount: "367",
    commissionPercent: 24,
    officeName: "Склад WB",
    sellerOperName: "Продажа",
    orderDt: "2026-03-14T00:00:00Z",
    saleDt: "2026-03-21T00:00:00Z",
    rrDate: "2025-10-20",
    retailPriceWithDisc: "399.68",
    deliveryAmount: 0,
    returnAmount: 0,
    deliveryService: "0",
    ppvzSalesCommission: "23.74",
    forPay: "376.99",
    ppvzReward: "0",
    acquiringFee: "14.89",
    vw: "-12.5",
    vwNds: "-2.5",
    penalty: "0",
    additionalPayment: "0",
    rebillLogisticCost: "1.349",
    paidStorage: "0.005",
    deduction: "0",
    paidAcceptance: "0",
    orderId: 987654321,
    isB2b: false,
    installmentCofinancingAmount: "0",
    cashbackAmount: "0",
    cashbackDiscount: "0",
    cashbackCommissionChange: "0",
    country: "Россия",
    srid: "0f1c7999172f4cac8a3f2e5c8a1b3f11",
  } as unknown as WbFinanceReportRow; // only the fields the mapping reads; the spec lists ~90

  it("decimal strings → exact kopecks; days as text; instants with Z honoured", () => {
    const row = wbFinanceRowToRow(CAB, base, SYNCED);
    expect(row).toMatchObject({
      rrdId: 1232610467,
      reportId: "1234567",
      reportType: 1,
      dateFrom: "2026-03-16",
      dateTo: "2026-03-22",
      createDate: "2026-03-23",
      rrDate: "2025-10-20",
      orderAt: new Date("2026-03-14T00:00:00.000Z"),
      saleAt: new Date("2026-03-21T00:00:00.000Z"),
      retailPriceKopecks: 124_900,
      retailAmountKopecks: 36_700,
      retailPriceWithDiscKopecks: 39_968,
      forPayKopecks: 37_699,
      ppvzSalesCommissionKopecks: 2_374,
      acquiringFeeKopecks: 1_489,
      vwKopecks: -1_250,
      vwNdsKopecks: -250,
      // A third decimal rounds half up: 1.349 → 135 kopecks, 0.005 → 1 kopeck.
      rebillLogisticCostKopecks: 135,
      paidStorageKopecks: 1,
      deliveryServiceKopecks: 0,
      commissionPercent: 24,
      orderId: 987654321,
      isB2b: false,
      nmId: 1234567,
      sku: "1231312352310",
      syncedAt: SYNCED,
    });
  });

  it("an int64 reportId above 2^53 keeps every digit, from WB's JSON text to the row", async () => {
    // A JSON number, as WB sends it; JSON.parse alone would round it to ...808.
    const body = `[{"rrdId": 5, "reportId": 9223372036854775807, "rrDate": "2026-03-20", "nmId": 1, "forPay": "1.01"}]`;
    const client = new WbClient({ token: "t", fetch: async () => new Response(body, { status: 200 }) });
    const rows = await client.financeSalesReportDetailed({ dateFrom: "2026-03-16", dateTo: "2026-03-22", rrdId: 0 });
    const first = rows?.[0];
    if (!first) throw new Error("no row");
    const row = wbFinanceRowToRow(CAB, first, SYNCED);
    expect(row.reportId).toBe("9223372036854775807");
    expect(row.forPayKopecks).toBe(101);
    // Absent money fields are 0, absent instants null.
    expect(row.penaltyKopecks).toBe(0);
    expect(row.orderAt).toBeNull();
  });
});

describe("calendar days", () => {
  it("adds and counts days across months and years", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2026-11-24", -89)).toBe("2026-08-27");
    expect(daysBetween("2026-08-27", "2026-11-24")).toBe(89);
    expect(daysBetween("2026-11-24", "2026-11-23")).toBe(-1);
  });

  it("Moscow days of instants, and where a Moscow day starts", () => {
    expect(MOSCOW_UTC_OFFSET_SECONDS).toBe(3 * 3600);
    // 21:30 UTC is 00:30 the next day in Moscow.
    expect(moscowDaysOf([new Date("2026-11-23T21:30:00Z"), new Date("2026-11-23T20:59:59Z"), new Date("2026-11-24T10:00:00Z")])).toEqual([
      "2026-11-23",
      "2026-11-24",
    ]);
    expect(moscowDayStart("2026-11-24")).toEqual(new Date("2026-11-23T21:00:00.000Z"));
    expect(() => moscowDayStart("2026-11-24T00:00:00")).toThrow(RangeError);
  });
});
