// The response shapes the sandbox emits, with every field present (WB sends every field; the
// generated spec types mark nearly all optional). The assignability checks at the bottom keep them
// in line with the types generated from the official specs (workers/wb/generated); the spec test
// (test/spec/wb-sandbox-responses.test.ts) validates actual bodies against the YAML schemas.

import type { components as ItemsComponents, paths as ItemsPaths } from "../generated/02-items";
import type { components as CommComponents, paths as CommPaths } from "../generated/09-communications";
import type { components as AnalyticsComponents } from "../generated/11-analytics";
import type { components as ReportsComponents, paths as ReportsPaths } from "../generated/12-reports";
import type { components as FinanceComponents } from "../generated/13-finances";

export interface OrderRow {
  date: string;
  lastChangeDate: string;
  warehouseName: string;
  warehouseType: "Склад WB" | "Склад продавца";
  countryName: string;
  oblastOkrugName: string;
  regionName: string;
  supplierArticle: string;
  nmId: number;
  barcode: string;
  category: string;
  subject: string;
  brand: string;
  techSize: string;
  incomeID: number;
  isSupply: boolean;
  isRealization: boolean;
  totalPrice: number;
  discountPercent: number;
  spp: number;
  finishedPrice: number;
  priceWithDisc: number;
  isCancel: boolean;
  cancelDate: string;
  sticker: string;
  gNumber: string;
  srid: string;
}

export interface SaleRow {
  date: string;
  lastChangeDate: string;
  warehouseName: string;
  warehouseType: "Склад WB" | "Склад продавца";
  countryName: string;
  oblastOkrugName: string;
  regionName: string;
  supplierArticle: string;
  nmId: number;
  barcode: string;
  category: string;
  subject: string;
  brand: string;
  techSize: string;
  incomeID: number;
  isSupply: boolean;
  isRealization: boolean;
  totalPrice: number;
  discountPercent: number;
  spp: number;
  paymentSaleAmount: number;
  forPay: number;
  finishedPrice: number;
  priceWithDisc: number;
  saleID: string;
  sticker: string;
  gNumber: string;
  srid: string;
}

export interface CardPhoto {
  big: string;
  c246x328: string;
  c516x688: string;
  square: string;
  tm: string;
}

export interface Card {
  nmID: number;
  imtID: number;
  nmUUID: string;
  subjectID: number;
  subjectName: string;
  vendorCode: string;
  brand: string;
  title: string;
  description: string;
  needKiz: boolean;
  kizMarked: boolean;
  photos: CardPhoto[];
  video: string;
  wholesale: { enabled: boolean; quantum: number };
  dimensions: { length: number; width: number; height: number; weightBrutto: number; isValid: boolean };
  characteristics: { id: number; name: string; value: string[] }[];
  sizes: { chrtID: number; techSize: string; wbSize: string; skus: string[] }[];
  tags: { id: number; name: string; color: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface GoodsPrices {
  nmID: number;
  vendorCode: string;
  sizes: { sizeID: number; price: number; discountedPrice: number; clubDiscountedPrice: number; techSizeName: string }[];
  currencyIsoCode4217: string;
  discount: number;
  clubDiscount: number;
  editableSizePrice: boolean;
  isBadTurnover: boolean;
  wholesaleDiscountThreshold: { minQuantity: number; wholesaleDiscount: number; level: number }[];
}

export interface FeedbackAnswer {
  text: string;
  state: "none" | "wbRu" | "reviewRequired" | "rejected";
  editable: boolean;
}

export interface Feedback {
  id: string;
  text: string;
  pros: string;
  cons: string;
  productValuation: number;
  createdDate: string;
  answer: FeedbackAnswer | null;
  state: "none" | "wbRu";
  productDetails: {
    imtId: number;
    nmId: number;
    productName: string;
    supplierArticle: string;
    supplierName: string;
    brandName: string;
    size: string;
  };
  photoLinks: { fullSize: string; miniSize: string }[];
  video: { previewImage: string; link: string; durationSec: number } | null;
  wasViewed: boolean;
  userName: string;
  orderStatus: "buyout" | "rejected" | "returned" | "notSpecified";
  matchingSize: "ok" | "smaller" | "bigger" | "";
  isAbleSupplierFeedbackValuation: boolean;
  supplierFeedbackValuation: number;
  isAbleSupplierProductValuation: boolean;
  supplierProductValuation: number;
  isAbleReturnProductOrders: boolean;
  returnProductOrdersDate: string | null;
  bables: string[];
  lastOrderShkId: number;
  lastOrderCreatedAt: string;
  color: string;
  subjectId: number;
  subjectName: string;
  parentFeedbackId: string | null;
  childFeedbackId: string | null;
}

export interface Question {
  id: string;
  text: string;
  createdDate: string;
  state: "suppliersPortalSynch" | "wbRu" | "none";
  answer: { text: string; editable: boolean; createDate: string } | null;
  productDetails: {
    nmId: number;
    imtId: number;
    productName: string;
    supplierArticle: string;
    supplierName: string;
    brandName: string;
  };
  wasViewed: boolean;
  isWarned: boolean;
}

export interface WbWarehouseStockRow {
  nmId: number;
  chrtId: number;
  warehouseId: number;
  warehouseName: string;
  regionName: string;
  quantity: number;
  inWayToClient: number;
  inWayFromClient: number;
}

export interface WarehouseRemainsRow {
  brand: string;
  subjectName: string;
  vendorCode: string;
  nmId: number;
  barcode: string;
  techSize: string;
  volume?: number;
  warehouses: { warehouseName: string; quantity: number }[];
}

/** A row of the realization report detail (13-finances.yaml SalesReportsDetailedRes). */
export type FinanceRow = FinanceComponents["schemas"]["SalesReportsDetailedRes"] & {
  bonusTypeName: string;
  rebillLogisticOrg: string;
  kiz: string;
  agencyVat: number;
};

export interface SellerInfo {
  name: string;
  sid: string;
  tin: string;
  tradeMark: string;
}

// --- compile-time conformance with the generated spec types ------------------------------------

type Assignable<T extends U, U> = T;
type ItemOf<A> = A extends readonly (infer T)[] ? T : never;
type Ok<Op> = Op extends { responses: { 200: { content: { "application/json": infer T } } } } ? T : never;

export type _OrderRowConforms = Assignable<OrderRow, ReportsComponents["schemas"]["OrdersItem"]>;
export type _SaleRowConforms = Assignable<SaleRow, ReportsComponents["schemas"]["SalesItem"]>;
export type _CardConforms = Assignable<Card, ItemOf<NonNullable<Ok<ItemsPaths["/content/v2/get/cards/list"]["post"]>["cards"]>>>;
export type _PricesConform = Assignable<GoodsPrices, ItemsComponents["schemas"]["ItemsList"]>;
export type _FeedbackConforms = Assignable<Feedback, ItemOf<CommComponents["schemas"]["responseFeedback"]>>;
export type _QuestionConforms = Assignable<Question, ItemOf<NonNullable<NonNullable<Ok<CommPaths["/api/v1/questions"]["get"]>["data"]>["questions"]>>>;
export type _StockConforms = Assignable<WbWarehouseStockRow, ItemOf<AnalyticsComponents["schemas"]["InventoryWbResponse"]["items"]>>;
export type _RemainsConform = Assignable<WarehouseRemainsRow, ItemOf<Ok<ReportsPaths["/api/v1/warehouse_remains/tasks/{task_id}/download"]["get"]>>>;
