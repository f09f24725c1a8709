// The demand forecast chart: history of orders that stayed, the forecast and its 80 % band.
// Recharts comes lazily after hydration (forecast-chart.client.tsx); the numbers are also in a
// table under «Показать таблицей».

import { Suspense, lazy, useEffect, useState } from "react";

export interface ForecastPoint {
  /** «24.11» */
  label: string;
  orders: number | null;
  forecast: number | null;
  low: number | null;
  high: number | null;
}

const View = lazy(() => import("./forecast-chart.client"));

const num = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 1 });
const cell = (v: number | null) => (v === null ? "—" : num.format(v));

export function ForecastChart({ title, subtitle, data }: { title: string; subtitle?: string; data: ForecastPoint[] }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const empty = data.length === 0 || data.every((p) => !p.orders && !p.forecast);
  return (
    <figure className="card chart" data-chart="forecast" data-points={data.length} data-empty={empty ? "1" : undefined}>
      <figcaption>
        <span className="chart-title">{title}</span>
        {subtitle ? <span className="chart-subtitle">{subtitle}</span> : null}
      </figcaption>
      <div className="chart-body">
        {empty ? (
          <div className="chart-empty">Заказов пока нет — прогноз появится после синхронизации заказов с WB.</div>
        ) : mounted ? (
          <Suspense
            fallback={
              <div className="chart-skeleton" role="status" aria-live="polite">
                <span>Загружаем график…</span>
              </div>
            }
          >
            <View data={data} />
          </Suspense>
        ) : (
          <div className="chart-skeleton" role="status" aria-live="polite">
            <span>Загружаем график…</span>
          </div>
        )}
      </div>
      {empty ? null : (
        <details className="chart-table">
          <summary>Показать таблицей</summary>
          <table>
            <thead>
              <tr>
                <th>День</th>
                <th>Заказы</th>
                <th>Прогноз</th>
                <th>80 % интервал</th>
              </tr>
            </thead>
            <tbody>
              {data.map((p) => (
                <tr key={p.label}>
                  <td>{p.label}</td>
                  <td>{cell(p.orders)}</td>
                  <td>{cell(p.forecast)}</td>
                  <td>{p.low === null || p.high === null ? "—" : `${cell(p.low)}–${cell(p.high)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
