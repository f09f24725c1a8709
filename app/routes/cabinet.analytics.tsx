// Analytics: a period (7/14/30/90 whole days ending yesterday) against the equally long period
// before it — orders, sales, returns, cancellations, buyout, money to be paid — the period's daily
// orders, and the top products by order sum. All from daily_rollups (periodAnalytics, shared with
// the bot's /analytics).

import { Link } from "react-router";

import { blockFreshness } from "../../workers/domain/freshness";
import { growthPercent } from "../../workers/domain/growth";
import { dashboardPeriods } from "../../workers/domain/moscow-periods";
import { periodAnalytics, type PeriodTotals } from "../../workers/queries/analytics";
import { readSyncStatus } from "../../workers/queries/sync-state";
import { Chart } from "../components/chart";
import { EmptyState, Figure, Freshness, GrowthBadge, PageError, PageTitle } from "../components/ui";
import { requireCabinet } from "../lib/auth.server";
import { fmtDay, fmtDayShort, fmtInt, fmtPercent, fmtRub } from "../lib/format";
import { freshnessLabel } from "../lib/freshness";
import { buyoutPercent } from "../lib/metrics";
import type { Route } from "./+types/cabinet.analytics";

const PERIODS = [7, 14, 30, 90] as const;

export function meta(): Route.MetaDescriptors {
  return [{ title: "Аналитика — WB Assist" }];
}

interface Row {
  key: string;
  label: string;
  current: string;
  previous: string;
  value: number | null;
  growth: number | null;
  /** Growth is bad news (returns, cancellations). */
  invert?: boolean;
}

function rows(c: PeriodTotals, b: PeriodTotals, salesSynced: boolean): Row[] {
  // Before sales have ever been synced, a buyout rate would be a misleading 0 %.
  const buyoutNow = salesSynced || c.salesCount > 0 ? buyoutPercent(c) : null;
  const buyoutBefore = salesSynced || b.salesCount > 0 ? buyoutPercent(b) : null;
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return [
    { key: "ordersCount", label: "Заказов, шт.", current: fmtInt(c.ordersCount), previous: fmtInt(b.ordersCount), value: c.ordersCount, growth: growthPercent(c.ordersCount, b.ordersCount) },
    { key: "ordersSum", label: "Сумма заказов", current: fmtRub(c.ordersSumKopecks), previous: fmtRub(b.ordersSumKopecks), value: c.ordersSumKopecks, growth: growthPercent(c.ordersSumKopecks, b.ordersSumKopecks) },
    { key: "salesCount", label: "Выкупов, шт.", current: fmtInt(c.salesCount), previous: fmtInt(b.salesCount), value: c.salesCount, growth: growthPercent(c.salesCount, b.salesCount) },
    { key: "salesSum", label: "Сумма выкупов", current: fmtRub(c.salesSumKopecks), previous: fmtRub(b.salesSumKopecks), value: c.salesSumKopecks, growth: growthPercent(c.salesSumKopecks, b.salesSumKopecks) },
    { key: "cancelsCount", label: "Отмен, шт.", current: fmtInt(c.cancelsCount), previous: fmtInt(b.cancelsCount), value: c.cancelsCount, growth: growthPercent(c.cancelsCount, b.cancelsCount), invert: true },
    { key: "returnsCount", label: "Возвратов, шт.", current: fmtInt(c.returnsCount), previous: fmtInt(b.returnsCount), value: c.returnsCount, growth: growthPercent(c.returnsCount, b.returnsCount), invert: true },
    { key: "buyout", label: "Процент выкупа", current: fmtPercent(buyoutNow, 1), previous: fmtPercent(buyoutBefore, 1), value: pct(buyoutNow), growth: buyoutNow === null || buyoutBefore === null ? null : Math.round(buyoutNow - buyoutBefore) },
    { key: "forPay", label: "К перечислению продавцу", current: fmtRub(c.forPayKopecks), previous: fmtRub(b.forPayKopecks), value: c.forPayKopecks, growth: growthPercent(c.forPayKopecks, b.forPayKopecks) },
  ];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { auth, db } = await requireCabinet(request, context, params.cabinetId);
  const url = new URL(request.url);
  const asked = Number(url.searchParams.get("days"));
  const days = (PERIODS as readonly number[]).includes(asked) ? asked : 30;
  const now = new Date();
  const [a, sync] = await Promise.all([periodAnalytics(db, auth, dashboardPeriods(now).yesterday, days, 20), readSyncStatus(db, auth, now)]);
  const f = (d: string) => sync.find((s) => s.dataset === d)?.freshness;
  const parts = [f("orders"), f("sales")].filter((x) => x !== undefined);
  const freshness = blockFreshness(parts);
  const sumAll = a.top.reduce((acc, t) => acc + t.ordersSumKopecks, 0);
  return {
    days,
    period: `${fmtDay(a.period.from)} – ${fmtDay(a.period.to)}`,
    previous: `${fmtDay(a.previous.from)} – ${fmtDay(a.previous.to)}`,
    freshness: freshnessLabel(freshness, now),
    rows: rows(a.current, a.before, Boolean(f("sales")?.lastSuccessAt)),
    chart: a.days.map((d) => ({ label: fmtDayShort(d.day), orders: d.ordersCount, revenue: Math.round(d.ordersSumKopecks / 100) })),
    top: a.top.map((t, i) => ({
      place: i + 1,
      nmId: t.nmId,
      article: t.vendorCode,
      title: t.title ?? "Без названия",
      orders: fmtInt(t.ordersCount),
      sum: fmtRub(t.ordersSumKopecks),
      sales: fmtInt(t.salesCount),
      share: a.current.ordersSumKopecks > 0 ? fmtPercent((t.ordersSumKopecks / a.current.ordersSumKopecks) * 100, 1) : "—",
    })),
    topShare: a.current.ordersSumKopecks > 0 ? fmtPercent((sumAll / a.current.ordersSumKopecks) * 100, 0) : null,
  };
}

export default function Analytics({ loaderData: d }: Route.ComponentProps) {
  return (
    <>
      <PageTitle title="Аналитика">
        <Freshness f={d.freshness} testId="freshness-analytics" />
      </PageTitle>
      <nav className="segmented" aria-label="Период">
        {PERIODS.map((p) => (
          <Link key={p} to={`?days=${p}`} aria-current={d.days === p ? "page" : undefined} className="seg">
            {p} дней
          </Link>
        ))}
      </nav>
      <p className="muted small">
        {d.period} против {d.previous} (полные дни по Москве; сегодня ещё не закончился и не учитывается).
      </p>
      <div className="table-wrap">
        <table className="table compare" data-testid="period-compare">
          <thead>
            <tr>
              <th>Показатель</th>
              <th className="num">За период</th>
              <th className="num hide-sm">Предыдущий</th>
              <th className="num">Изменение</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.key}>
                <td>{r.label}</td>
                <td className="num strong">
                  <Figure name={`analytics.${r.key}`} value={r.value}>
                    {r.current}
                  </Figure>
                </td>
                <td className="num hide-sm muted">{r.previous}</td>
                <td className="num">
                  {r.key === "buyout" ? (
                    <span className="muted">{r.growth === null ? "—" : `${r.growth > 0 ? "+" : r.growth < 0 ? "\u2212" : ""}${Math.abs(r.growth)} п.п.`}</span>
                  ) : (
                    <GrowthBadge percent={r.growth} invert={r.invert} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="chart-grid two">
        <Chart
          id="analytics-orders"
          title="Заказы по дням"
          subtitle="штук"
          kind="bar"
          format="count"
          data={d.chart}
          series={[{ key: "orders", name: "Заказы", tone: "accent" }]}
          formatValue={fmtInt}
        />
        <Chart
          id="analytics-revenue"
          title="Сумма заказов по дням"
          subtitle="₽"
          kind="line"
          format="rub"
          data={d.chart}
          series={[{ key: "revenue", name: "Сумма", tone: "accent" }]}
          formatValue={(v) => fmtRub(v * 100)}
        />
      </div>
      <section aria-labelledby="top-h">
        <div className="section-head">
          <h2 id="top-h" className="section-title">
            Топ товаров по сумме заказов
          </h2>
          {d.topShare ? <span className="muted">первые {d.top.length} — {d.topShare} всей суммы</span> : null}
        </div>
        {d.top.length === 0 ? (
          <EmptyState title="Заказов за период нет">Топ появится, когда будут заказы.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="top-products">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Товар</th>
                  <th className="num">Заказов</th>
                  <th className="num">Сумма</th>
                  <th className="num hide-sm">Доля</th>
                  <th className="num hide-sm">Выкупов</th>
                </tr>
              </thead>
              <tbody>
                {d.top.map((t) => (
                  <tr key={t.nmId}>
                    <td className="muted">{t.place}</td>
                    <td>
                      <span className="strong">{t.article ?? t.nmId}</span>
                      <span className="muted block">
                        {t.title} · {t.nmId}
                      </span>
                    </td>
                    <td className="num">{t.orders}</td>
                    <td className="num nowrap">{t.sum}</td>
                    <td className="num hide-sm">{t.share}</td>
                    <td className="num hide-sm">{t.sales}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p className="muted small">ABC/XYZ-анализ и юнит-экономика по финансовому отчёту появятся в следующих версиях.</p>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <PageError error={error} />;
}
