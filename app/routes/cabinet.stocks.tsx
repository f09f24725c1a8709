// Stocks: every size with its stock, demand and days of stock — critical first — the same
// classification as the overview and the API (listStockLevels); next to it the forecast view
// (loadStockAnalytics): days of stock by the demand forecast (stock-out days excluded), the alert,
// and how many to ship with the reasoning in Russian.

import { Form, Link } from "react-router";

import { displayDays, type StockStatus } from "../../workers/domain/stock-status";
import { loadStockAnalytics } from "../../workers/queries/analytics-demand";
import { listStockLevels } from "../../workers/queries/stocks";
import { EmptyState, Figure, Freshness, Notice, PageError, PageTitle } from "../components/ui";
import { requireCabinet } from "../lib/auth.server";
import { fmtDay, fmtDecimal, fmtInt } from "../lib/format";
import { freshnessLabel } from "../lib/freshness";
import type { Route } from "./+types/cabinet.stocks";

const PAGE_SIZE = 50;
const STATUSES: readonly StockStatus[] = ["critical", "zero", "low", "ok"];

export function meta(): Route.MetaDescriptors {
  return [{ title: "Остатки — WB Assist" }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { auth, db } = await requireCabinet(request, context, params.cabinetId);
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status") ?? "";
  const status = (STATUSES as readonly string[]).includes(statusParam) ? (statusParam as StockStatus) : undefined;
  const nmParam = (url.searchParams.get("nm") ?? "").trim();
  const nmId = /^\d{1,12}$/.test(nmParam) ? Number(nmParam) : undefined;
  const page = Math.min(10_000, Math.max(1, Math.floor(Number(url.searchParams.get("page") ?? "1")) || 1));
  const now = new Date();
  const [list, fc] = await Promise.all([
    listStockLevels(db, auth, {
      status,
      nmId,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
      now,
    }),
    loadStockAnalytics(db, auth, { now }),
  ]);
  const forecastBySize = new Map(fc.sizes.map((s) => [s.chrtId, s]));
  const toShip = fc.sizes.filter((s) => s.replenishment.quantity > 0);
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const link = (p: number) => {
    const q = new URLSearchParams();
    if (status) q.set("status", status);
    if (nmId !== undefined) q.set("nm", String(nmId));
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return s ? `?${s}` : "?";
  };
  return {
    status: status ?? "all",
    nm: nmParam,
    nmProblem: nmParam !== "" && nmId === undefined ? "Артикул WB — это число, например 123456789." : null,
    counts: list.counts,
    thresholds: list.thresholds,
    window: `${fmtDay(list.window.from)} – ${fmtDay(list.window.to)}`,
    freshness: freshnessLabel(list.freshness, now),
    total: list.total,
    page,
    pages,
    prevHref: page > 1 ? link(page - 1) : null,
    nextHref: list.nextOffset !== null ? link(page + 1) : null,
    forecast: {
      alerts: fc.counts.alerts,
      toShip: toShip.length,
      toShipUnits: toShip.reduce((n, s) => n + s.replenishment.quantity, 0),
      from: fmtDay(fc.firstForecastDay),
      horizon: fc.horizonDays,
      lead: fc.settings.leadTimeDays,
      target: fc.settings.targetDays,
      service: Math.round(fc.settings.serviceLevel * 100),
      urgent: toShip.slice(0, 10).map((s) => ({
        key: s.chrtId,
        article: s.vendorCode ?? String(s.nmId),
        size: s.techSize ?? s.wbSize ?? "—",
        quantity: s.replenishment.quantity,
        days: s.days.daysOfStock === null ? "—" : fmtDecimal(Math.floor(s.days.daysOfStock * 10) / 10),
        alert: s.days.alert,
        reasoning: s.replenishment.reasoning,
      })),
    },
    rows: list.rows.map((r) => {
      const days = displayDays(r.daysOfStock);
      const f = forecastBySize.get(r.chrtId);
      return {
        key: `${r.nmId}:${r.chrtId}`,
        nmId: r.nmId,
        title: r.title ?? r.subjectName ?? "Без названия",
        vendorCode: r.vendorCode,
        size: r.techSize ?? r.wbSize ?? "—",
        quantity: r.quantity,
        inWayToClient: r.inWayToClient,
        inWayFromClient: r.inWayFromClient,
        orders: r.ordersInWindow,
        perDay: fmtDecimal(Math.round(r.avgDailyOrders * 10) / 10),
        days,
        daysText: days === null ? "нет продаж" : `${fmtDecimal(days)}`,
        status: r.status,
        forecast: f
          ? {
              days:
                f.days.daysOfStock === null ? "нет спроса" : f.days.daysOfStock > 365 ? "больше года" : fmtDecimal(Math.floor(f.days.daysOfStock * 10) / 10),
              status: f.days.status,
              alert: f.days.alert,
              perDay: fmtDecimal(Math.round(f.days.demandPerDay * 10) / 10),
              explanation: f.explanation,
              quantity: f.replenishment.quantity,
              reasoning: f.replenishment.reasoning,
            }
          : null,
      };
    }),
  };
}

const STATUS_LABEL: Record<StockStatus | "all", string> = {
  all: "Все",
  critical: "Критично",
  zero: "Нет в наличии",
  low: "Мало",
  ok: "Достаточно",
};

export default function Stocks({ loaderData: d }: Route.ComponentProps) {
  const tabs: { key: StockStatus | "all"; count: number }[] = [
    { key: "all", count: d.counts.sizes },
    { key: "critical", count: d.counts.critical },
    { key: "zero", count: d.counts.zero },
    { key: "low", count: d.counts.low },
    { key: "ok", count: d.counts.ok },
  ];
  return (
    <>
      <PageTitle title="Остатки">
        <Freshness f={d.freshness} testId="freshness-stocks" />
      </PageTitle>
      <p className="muted small">
        Дней запаса = (на складах WB + в пути к покупателю) ÷ заказов в день за 30 полных дней ({d.window}). Критично — меньше {d.thresholds.criticalDays} дн.,
        мало — меньше {d.thresholds.attentionDays} дн. Порог меняется в <Link to="../settings">настройках</Link>.
      </p>
      <div className="card" data-testid="stocks-forecast">
        <p>
          <strong>По прогнозу спроса</strong> (на {d.forecast.horizon} дн. с {d.forecast.from}; дни, когда товара не было, не занижают спрос):{" "}
          <Figure name="stocks.forecast.alerts" value={d.forecast.alerts} className={d.forecast.alerts > 0 ? "danger strong" : "strong"}>
            {fmtInt(d.forecast.alerts)}
          </Figure>{" "}
          размеров заканчиваются, к отгрузке —{" "}
          <Figure name="stocks.forecast.toShip" value={d.forecast.toShip} className="strong">
            {fmtInt(d.forecast.toShip)}
          </Figure>{" "}
          размеров, всего {fmtInt(d.forecast.toShipUnits)} шт.
        </p>
        <p className="muted small">
          Сколько отгрузить: чтобы хватило на {d.forecast.lead} дн. поставки и {d.forecast.target} дн. продаж после неё, плюс страховой запас на вероятность{" "}
          {d.forecast.service} %. Поставки, которые уже едут на склады WB, не вычтены.
        </p>
        {d.forecast.urgent.length > 0 ? (
          <details>
            <summary>Срочнее всего отгрузить ({d.forecast.urgent.length})</summary>
            <ol className="small" data-testid="stocks-ship-list">
              {d.forecast.urgent.map((u) => (
                <li key={u.key}>
                  <span className="strong">
                    {u.article}, {u.size}: {fmtInt(u.quantity)} шт.
                  </span>{" "}
                  {u.alert ? <span className="badge badge-critical">запаса на {u.days} дн.</span> : null}
                  <span className="muted block">{u.reasoning}</span>
                </li>
              ))}
            </ol>
          </details>
        ) : null}
      </div>
      <nav className="segmented" aria-label="Статус остатка">
        {tabs.map((t) => (
          <Link
            key={t.key}
            to={t.key === "all" ? "?" : `?status=${t.key}`}
            aria-current={d.status === t.key ? "page" : undefined}
            className={`seg seg-${t.key}`}
            data-testid={`stocks-tab-${t.key}`}
          >
            {STATUS_LABEL[t.key]}{" "}
            <Figure name={`stocks.${t.key === "all" ? "sizes" : t.key}`} value={t.count} className="seg-count">
              {fmtInt(t.count)}
            </Figure>
          </Link>
        ))}
      </nav>
      <Form method="get" className="filters compact-filters" role="search">
        {d.status !== "all" ? <input type="hidden" name="status" value={d.status} /> : null}
        <label>
          Артикул WB
          <input name="nm" inputMode="numeric" defaultValue={d.nm} placeholder="123456789" />
        </label>
        <button type="submit" className="button secondary">
          Найти
        </button>
      </Form>
      {d.nmProblem ? <Notice tone="warn">{d.nmProblem}</Notice> : null}
      {d.rows.length === 0 ? (
        <EmptyState title={d.status === "all" && !d.nm ? "Остатков пока нет" : "По этому фильтру размеров нет"}>
          {d.status === "all" && !d.nm ? "Они появятся после синхронизации остатков и заказов с WB." : "Хорошая новость, если это фильтр «Критично»."}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="stocks-table">
            <thead>
              <tr>
                <th>Товар</th>
                <th>Размер</th>
                <th className="num">На складах</th>
                <th className="num hide-sm">В пути к покупателю</th>
                <th className="num hide-sm">Заказов за 30 дн.</th>
                <th className="num">Дней запаса</th>
                <th className="num">По прогнозу</th>
                <th>Отгрузить</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.key} data-status={r.status}>
                  <td>
                    <span className="strong">{r.vendorCode ?? r.nmId}</span>
                    <span className="muted block">
                      {r.title} · {r.nmId}
                    </span>
                  </td>
                  <td>{r.size}</td>
                  <td className="num">{fmtInt(r.quantity)}</td>
                  <td className="num hide-sm">{fmtInt(r.inWayToClient)}</td>
                  <td className="num hide-sm">
                    {fmtInt(r.orders)} <span className="muted">({r.perDay}/день)</span>
                  </td>
                  <td className="num">
                    <span className={`badge badge-${r.status}`}>{r.daysText}</span>
                  </td>
                  <td className="num" data-testid="forecast-days">
                    {r.forecast === null ? (
                      <span className="muted">—</span>
                    ) : (
                      <span className={`badge badge-${r.forecast.status}`} title={r.forecast.explanation}>
                        {r.forecast.alert ? "⚠ " : ""}
                        {r.forecast.days}
                      </span>
                    )}
                    {r.forecast ? <span className="muted block small">≈ {r.forecast.perDay}/день</span> : null}
                  </td>
                  <td data-testid="forecast-ship">
                    {r.forecast === null ? (
                      <span className="muted">—</span>
                    ) : r.forecast.quantity === 0 ? (
                      <span className="muted" title={r.forecast.reasoning}>
                        не нужно
                      </span>
                    ) : (
                      <details className="ship">
                        <summary>
                          <span className="strong">{fmtInt(r.forecast.quantity)} шт.</span>
                        </summary>
                        <span className="muted small block">{r.forecast.reasoning}</span>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Страницы">
        {d.prevHref ? (
          <Link to={d.prevHref} className="button secondary">
            ← Назад
          </Link>
        ) : (
          <span />
        )}
        <span className="muted">
          Страница {d.page} из {d.pages} · {fmtInt(d.total)} размеров
        </span>
        {d.nextHref ? (
          <Link to={d.nextHref} className="button secondary">
            Дальше →
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <PageError error={error} />;
}
