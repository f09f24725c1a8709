// The Recharts part of a chart. A `.client` module: the server build never includes Recharts, and
// the browser loads it on demand (React.lazy in chart.tsx), so pages without charts never pay for it.

import { useEffect, useState } from "react";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import type { ChartSeries, TrendChartProps } from "./chart-types";

const intFormat = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 0 });
const compactFormat = new Intl.NumberFormat("ru-RU", { notation: "compact", maximumFractionDigits: 1 });

const FALLBACK: Record<ChartSeries["tone"], string> = { accent: "#7b2cbf", ok: "#16a34a", danger: "#dc2626", muted: "#9ca3af" };

/** Theme colours come from CSS (Telegram's theme when inside Telegram); SVG attributes need values. */
function useTones(): Record<ChartSeries["tone"], string> & { grid: string; text: string } {
  const [tones, setTones] = useState({ ...FALLBACK, grid: "#e5e7eb", text: "#6b7280" });
  useEffect(() => {
    const css = getComputedStyle(document.documentElement);
    const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
    setTones({
      accent: read("--chart-accent", FALLBACK.accent),
      ok: read("--chart-ok", FALLBACK.ok),
      danger: read("--chart-danger", FALLBACK.danger),
      muted: read("--chart-muted", FALLBACK.muted),
      grid: read("--border", "#e5e7eb"),
      text: read("--muted", "#6b7280"),
    });
  }, []);
  return tones;
}

export default function TrendChart({ kind, data, series, format }: TrendChartProps) {
  const tones = useTones();
  const value = (v: unknown) => {
    const n = typeof v === "number" ? v : Number(v);
    return format === "rub" ? `${intFormat.format(Math.round(n))}\u00a0₽` : intFormat.format(n);
  };
  const axis = {
    tick: { fill: tones.text, fontSize: 11 },
    stroke: tones.grid,
  };
  const common = (
    <>
      <CartesianGrid stroke={tones.grid} strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" {...axis} interval="preserveStartEnd" minTickGap={16} />
      <YAxis {...axis} width={format === "rub" ? 56 : 40} tickFormatter={(v: number) => compactFormat.format(v)} allowDecimals={false} />
      <Tooltip formatter={(v) => value(v)} contentStyle={{ borderRadius: 8, fontSize: 13 }} />
      {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
    </>
  );
  // Animations off: charts appear at once on slow phones, and tests see final shapes.
  return (
    <ResponsiveContainer width="100%" height={220}>
      {kind === "area" ? (
        <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          {common}
          {series.map((s) => (
            <Area key={s.key} dataKey={s.key} name={s.name} type="monotone" stroke={tones[s.tone]} fill={tones[s.tone]} fillOpacity={0.18} isAnimationActive={false} />
          ))}
        </AreaChart>
      ) : kind === "line" ? (
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          {common}
          {series.map((s) => (
            <Line key={s.key} dataKey={s.key} name={s.name} type="monotone" stroke={tones[s.tone]} strokeWidth={2} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      ) : (
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          {common}
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              fill={tones[s.tone]}
              stackId={kind === "stacked" ? "stack" : undefined}
              radius={kind === "stacked" ? 0 : [3, 3, 0, 0]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      )}
    </ResponsiveContainer>
  );
}
