// WB Finance realization-report row (`POST /api/finance/v1/sales-reports/detailed`) →
// a `finance_report_rows` row, identity rrdId. Money arrives as decimal strings ("376.99") and is
// converted exactly (no floats); `reportId` is int64 and stays a string; `rrDate` and the report
// period are calendar days kept as 'YYYY-MM-DD'.

import type { NewFinanceReportRow } from "../../../db/schema";
import type { WbFinanceReportRow } from "../../wb/types";
import { decimalRublesToKopecks as k } from "../money";
import { int, optionalInt, text, wbOptionalDateTime } from "./common";

/** 'YYYY-MM-DD' from a WB date that may come as a date-time. */
function day(value: string | null | undefined): string | null {
  return value ? value.slice(0, 10) : null;
}

export function wbFinanceRowToRow(cabinetId: string, r: WbFinanceReportRow, syncedAt: Date): NewFinanceReportRow {
  return {
    cabinetId,
    rrdId: r.rrdId,
    reportId: r.reportId,
    reportType: optionalInt(r.reportType),
    dateFrom: day(r.dateFrom),
    dateTo: day(r.dateTo),
    createDate: day(r.createDate),
    currency: text(r.currency),
    rrDate: day(r.rrDate) ?? "",
    orderAt: wbOptionalDateTime(r.orderDt),
    saleAt: wbOptionalDateTime(r.saleDt),
    giId: optionalInt(r.giId),
    nmId: int(r.nmId),
    subjectName: text(r.subjectName),
    brandName: text(r.brandName),
    vendorCode: text(r.vendorCode),
    title: text(r.title),
    techSize: text(r.techSize),
    sku: text(r.sku),
    docTypeName: text(r.docTypeName),
    sellerOperName: text(r.sellerOperName),
    bonusTypeName: text(r.bonusTypeName),
    officeName: text(r.officeName),
    country: text(r.country),
    srid: text(r.srid),
    orderId: optionalInt(r.orderId),
    isB2b: r.isB2b ?? false,
    quantity: int(r.quantity),
    deliveryAmount: int(r.deliveryAmount),
    returnAmount: int(r.returnAmount),
    commissionPercent: r.commissionPercent ?? null,
    retailPriceKopecks: k(r.retailPrice),
    retailPriceWithDiscKopecks: k(r.retailPriceWithDisc),
    retailAmountKopecks: k(r.retailAmount),
    forPayKopecks: k(r.forPay),
    vwKopecks: k(r.vw),
    vwNdsKopecks: k(r.vwNds),
    ppvzSalesCommissionKopecks: k(r.ppvzSalesCommission),
    ppvzRewardKopecks: k(r.ppvzReward),
    acquiringFeeKopecks: k(r.acquiringFee),
    deliveryServiceKopecks: k(r.deliveryService),
    rebillLogisticCostKopecks: k(r.rebillLogisticCost),
    paidStorageKopecks: k(r.paidStorage),
    paidAcceptanceKopecks: k(r.paidAcceptance),
    penaltyKopecks: k(r.penalty),
    deductionKopecks: k(r.deduction),
    additionalPaymentKopecks: k(r.additionalPayment),
    cashbackAmountKopecks: k(r.cashbackAmount),
    cashbackDiscountKopecks: k(r.cashbackDiscount),
    cashbackCommissionChangeKopecks: k(r.cashbackCommissionChange),
    installmentCofinancingAmountKopecks: k(r.installmentCofinancingAmount),
    syncedAt,
  };
}
