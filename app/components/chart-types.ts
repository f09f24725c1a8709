// What a trend chart is given: plain data from a loader. Kept apart from the Recharts module so
// pages can build chart props without loading Recharts.

export type ChartKind = "bar" | "area" | "stacked" | "line";
export type ChartValueFormat = "count" | "rub";

export interface ChartSeries {
  key: string;
  name: string;
  /** Which palette colour (CSS custom property of the theme) draws the series. */
  tone: "accent" | "ok" | "danger" | "muted";
}

export interface ChartPoint {
  /** X label, e.g. «24.11». */
  label: string;
  [key: string]: string | number;
}

export interface TrendChartProps {
  kind: ChartKind;
  data: ChartPoint[];
  series: ChartSeries[];
  format: ChartValueFormat;
}
