// A trend chart with its designed states: empty (no data for the period), loading (Recharts is
// fetched after the page is interactive) and the chart itself. The numbers are also in a table
// under «Показать таблицей», for screen readers and for reading exact values on a phone.

import { Suspense, lazy, useEffect, useState } from "react";

import type { ChartPoint, TrendChartProps } from "./chart-types";

const TrendChart = lazy(() => import("./trend-chart.client"));

function ChartSkeleton() {
  return (
    <div className="chart-skeleton" role="status" aria-live="polite">
      <span>Загружаем график…</span>
    </div>
  );
}

export function Chart({ id, title, subtitle, formatValue, ...chart }: TrendChartProps & { id: string; title: string; subtitle?: string; formatValue: (v: number) => string }) {
  // Rendered after hydration only: Recharts measures the container, which the server cannot.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const empty = chart.data.length === 0 || chart.data.every((p) => chart.series.every((s) => !Number(p[s.key])));
  return (
    <figure className="card chart" data-chart={id} data-points={chart.data.length} data-empty={empty ? "1" : undefined}>
      <figcaption>
        <span className="chart-title">{title}</span>
        {subtitle ? <span className="chart-subtitle">{subtitle}</span> : null}
      </figcaption>
      <div className="chart-body">
        {empty ? (
          <div className="chart-empty">Пока нет данных за этот период — они появятся после синхронизации с WB.</div>
        ) : mounted ? (
          <Suspense fallback={<ChartSkeleton />}>
            <TrendChart {...chart} />
          </Suspense>
        ) : (
          <ChartSkeleton />
        )}
      </div>
      {empty ? null : (
        <details className="chart-table">
          <summary>Показать таблицей</summary>
          <table>
            <thead>
              <tr>
                <th>День</th>
                {chart.series.map((s) => (
                  <th key={s.key}>{s.name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {chart.data.map((p: ChartPoint) => (
                <tr key={p.label}>
                  <td>{p.label}</td>
                  {chart.series.map((s) => (
                    <td key={s.key}>{formatValue(Number(p[s.key]))}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
