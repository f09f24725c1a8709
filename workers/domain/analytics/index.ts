// Pure analytics (no I/O): demand forecast, days of stock, replenishment, ABC/XYZ, sales analytics,
// unit economics, cost-price CSV. The data loaders that feed them from D1 are in
// workers/queries/analytics-*.ts; the method is documented in docs/analytics.md.

export * from "./abc-xyz";
export * from "./cost-price-csv";
export * from "./days-of-stock";
export * from "./forecast";
export * from "./forecast-chart";
export * from "./replenishment";
export * from "./sales-analytics";
export * from "./unit-economics";
export { formatDay, formatDays, formatPercent, formatRate, formatUnits, plural } from "./text";
