// The Recharts part of the forecast chart: orders that stayed (history), the forecast line and its
// 80 % band. A `.client` module loaded with React.lazy after hydration (see forecast-chart.tsx).

import { useEffect, useState } from "react";
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import type { ForecastPoint } from "./forecast-chart";

const oneDecimal = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 1 });

function useTones() {
  const [tones, setTones] = useState({
    accent: "#7b2cbf",
    ok: "#16a34a",
    grid: "#e5e7eb",
    text: "#6b7280",
  });
  useEffect(() => {
    const css = getComputedStyle(document.documentElement);
    const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
    setTones({
      accent: read("--chart-accent", "#7b2cbf"),
      ok: read("--chart-ok", "#16a34a"),
      grid: read("--border", "#e5e7eb"),
      text: read("--muted", "#6b7280"),
    });
  }, []);
  return tones;
}

export default function ForecastChartView({ data }: { data: ForecastPoint[] }) {
  const tones = useTones();
  const rows = data.map((p) => ({
    ...p,
    band: p.low === null || p.high === null ? null : [p.low, p.high],
  }));
  const axis = { tick: { fill: tones.text, fontSize: 11 }, stroke: tones.grid };
  return (
    <ResponsiveContainer width="100%" height={240}>
      <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={tones.grid} strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" {...axis} interval="preserveStartEnd" minTickGap={16} />
        <YAxis {...axis} width={40} tickFormatter={(v: number) => oneDecimal.format(v)} />
        <Tooltip
          formatter={(v) => (Array.isArray(v) ? `${oneDecimal.format(Number(v[0]))}–${oneDecimal.format(Number(v[1]))}` : oneDecimal.format(Number(v)))}
          labelFormatter={(l) => String(l)}
          contentStyle={{ borderRadius: 8, fontSize: 13 }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Area dataKey="band" name="80 % интервал" stroke="none" fill={tones.accent} fillOpacity={0.15} isAnimationActive={false} connectNulls={false} />
        <Line
          dataKey="orders"
          name="Заказы (факт)"
          type="monotone"
          stroke={tones.ok}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
          connectNulls={false}
        />
        <Line
          dataKey="forecast"
          name="Прогноз"
          type="monotone"
          stroke={tones.accent}
          strokeWidth={2}
          strokeDasharray="5 3"
          dot={false}
          isAnimationActive={false}
          connectNulls={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
