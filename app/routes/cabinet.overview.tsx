// Overview: the seller's main screen. The KPI figures are the REST API's summary (same repository,
// same view), the charts are the last 30 whole days of daily rollups; every block says how fresh
// its data is.

import { Link } from "react-router";

import { getDashboardSummary } from "../../workers/queries/dashboard";
import { readTrends } from "../../workers/queries/dashboard-trends";
import { summaryView } from "../../workers/http/views/summary-view";
import { Chart } from "../components/chart";
import { EmptyState, Figure, Freshness, GrowthBadge, PageError, PageTitle } from "../components/ui";
import { requireCabinet } from "../lib/auth.server";
import { fmtDay, fmtDayShort, fmtInt, fmtMoscowTime, fmtPercent, fmtRating, fmtRub, plural } from "../lib/format";
import { freshnessLabel } from "../lib/freshness";
import { buyoutPercent } from "../lib/metrics";
import type { Route } from "./+types/cabinet.overview";

const ORDERS: readonly [string, string, string] = ["заказ", "заказа", "заказов"];

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { auth, db } = await requireCabinet(request, context, params.cabinetId);
  const now = new Date();
  const [summary, trends] = await Promise.all([getDashboardSummary(db, auth, { now }), readTrends(db, auth, now)]);
  const s = summaryView(auth.cabinet.id, summary);
  const o = s.orders;
  const periods = [
    { key: "today", title: "Сегодня", note: `против вчера до ${fmtMoscowTime(o.today.previous.until ?? now)}`, p: o.today },
    { key: "yesterday", title: "Вчера", note: `против ${fmtDay(o.yesterday.previous.from)}`, p: o.yesterday },
    { key: "last7", title: "7 дней", note: `${fmtDayShort(o.last7.from)}–${fmtDayShort(o.last7.to)} против 7 дней до них`, p: o.last7 },
    { key: "last30", title: "30 дней", note: `${fmtDayShort(o.last30.from)}–${fmtDayShort(o.last30.to)} против 30 дней до них`, p: o.last30 },
  ].map(({ key, title, note, p }) => ({
    key,
    title,
    note,
    count: p.count,
    countText: fmtInt(p.count),
    countWord: plural(p.count, ORDERS),
    sumKopecks: p.sum.kopecks,
    sumText: fmtRub(p.sum.kopecks),
    countGrowth: p.countGrowthPercent,
    sumGrowth: p.sumGrowthPercent,
    previousText: `было ${fmtInt(p.previous.count)} ${plural(p.previous.count, ORDERS)} на ${fmtRub(p.previous.sum.kopecks)}`,
  }));
  // Before sales have ever been synced, a buyout rate would be a misleading 0 %.
  const buyout = trends.freshness.updatedAt === null && trends.totals.salesCount === 0 ? null : buyoutPercent(trends.totals);
  return {
    periods,
    stocks: s.stocks,
    reviews: { ...s.reviews, averageText: s.reviews.averageRating === null ? "—" : fmtRating(s.reviews.averageRating) },
    products: s.products,
    buyout: {
      percent: buyout === null ? null : Math.round(buyout * 10) / 10,
      text: fmtPercent(buyout, 1),
      sales: fmtInt(trends.totals.salesCount),
      cancels: fmtInt(trends.totals.cancelsCount),
      returns: fmtInt(trends.totals.returnsCount),
    },
    fresh: {
      orders: freshnessLabel(s.orders.freshness, now),
      stocks: freshnessLabel(s.stocks.freshness, now),
      reviews: freshnessLabel(s.reviews.freshness, now),
      products: freshnessLabel(s.products.freshness, now),
      trends: freshnessLabel({ updatedAt: trends.freshness.updatedAt, stale: trends.freshness.stale }, now),
    },
    window: `${fmtDay(trends.window.from)} – ${fmtDay(trends.window.to)}`,
    charts: trends.days.map((d) => ({
      label: fmtDayShort(d.day),
      orders: d.ordersCount,
      cancels: d.cancelsCount,
      revenue: Math.round(d.ordersSumKopecks / 100),
      sales: d.salesCount,
      returns: d.returnsCount,
    })),
    hasAnyOrders: trends.totals.ordersCount > 0 || s.orders.today.count > 0,
  };
}

export default function Overview({ loaderData: d }: Route.ComponentProps) {
  return (
    <>
      <PageTitle title="Обзор">
        <Freshness f={d.fresh.orders} testId="freshness-orders" />
      </PageTitle>
      {!d.hasAnyOrders && d.fresh.orders.never ? (
        <EmptyState title="Загружаем данные из WB">
          Первая синхронизация идёт прямо сейчас: заказы за 90 дней появятся в течение нескольких минут. Ход загрузки — в разделе{" "}
          <Link to="sync">Синхронизация</Link>.
        </EmptyState>
      ) : null}
      <section aria-labelledby="orders-h">
        <h2 id="orders-h" className="section-title">
          Заказы
        </h2>
        <div className="kpi-grid">
          {d.periods.map((p) => (
            <article className="card kpi" key={p.key} data-testid={`kpi-${p.key}`}>
              <header className="kpi-head">
                <span className="kpi-title">{p.title}</span>
                <GrowthBadge percent={p.countGrowth} name={`orders.${p.key}.countGrowthPercent`} />
              </header>
              <div className="kpi-value">
                <Figure name={`orders.${p.key}.count`} value={p.count}>
                  {p.countText}
                </Figure>{" "}
                <span className="kpi-unit">{p.countWord}</span>
              </div>
              <div className="kpi-sub">
                на{" "}
                <Figure name={`orders.${p.key}.sum.kopecks`} value={p.sumKopecks} className="strong">
                  {p.sumText}
                </Figure>{" "}
                <GrowthBadge percent={p.sumGrowth} name={`orders.${p.key}.sumGrowthPercent`} />
              </div>
              <div className="kpi-note">
                {p.note}: {p.previousText}
              </div>
            </article>
          ))}
          <article className="card kpi" data-testid="kpi-buyout">
            <header className="kpi-head">
              <span className="kpi-title">Выкуп за 30 дней</span>
            </header>
            <div className="kpi-value">
              <Figure name="buyout.percent" value={d.buyout.percent}>
                {d.buyout.text}
              </Figure>
            </div>
            <div className="kpi-note" title="Выкуплено / (выкуплено + отменено + возвращено), по дням продаж и отмен за 30 полных дней">
              выкуплено {d.buyout.sales} · отмен {d.buyout.cancels} · возвратов {d.buyout.returns}
            </div>
            <Freshness f={d.fresh.trends} />
          </article>
        </div>
      </section>

      <section className="grid-3" aria-label="Остатки, отзывы, товары">
        <article className="card block" data-testid="block-stocks">
          <header className="block-head">
            <h2>Остатки</h2>
            <Freshness f={d.fresh.stocks} testId="freshness-stocks" />
          </header>
          <dl className="facts">
            <div>
              <dt>Критичных (запас меньше {d.stocks.criticalDays} дн.)</dt>
              <dd>
                <Link to="stocks?status=critical">
                  <Figure name="stocks.critical" value={d.stocks.critical} className="danger">
                    {fmtInt(d.stocks.critical)}
                  </Figure>
                </Link>
              </dd>
            </div>
            <div>
              <dt>С нулевым остатком</dt>
              <dd>
                <Link to="stocks?status=zero">
                  <Figure name="stocks.zero" value={d.stocks.zero}>
                    {fmtInt(d.stocks.zero)}
                  </Figure>
                </Link>
              </dd>
            </div>
            <div>
              <dt>Требуют внимания</dt>
              <dd>
                <Figure name="stocks.needsAttention" value={d.stocks.needsAttention}>
                  {fmtInt(d.stocks.needsAttention)}
                </Figure>
              </dd>
            </div>
            <div>
              <dt>Размеров учтено</dt>
              <dd>
                <Figure name="stocks.sizes" value={d.stocks.sizes}>
                  {fmtInt(d.stocks.sizes)}
                </Figure>
              </dd>
            </div>
          </dl>
        </article>
        <article className="card block" data-testid="block-reviews">
          <header className="block-head">
            <h2>Отзывы</h2>
            <Freshness f={d.fresh.reviews} testId="freshness-reviews" />
          </header>
          <dl className="facts">
            <div>
              <dt>Средний рейтинг</dt>
              <dd>
                <Figure name="reviews.averageRating" value={d.reviews.averageRating}>
                  {d.reviews.averageText}
                </Figure>
                <small> / 5</small>
              </dd>
            </div>
            <div>
              <dt>Без ответа</dt>
              <dd>
                <Link to="reviews">
                  <Figure name="reviews.unanswered" value={d.reviews.unanswered} className="warn">
                    {fmtInt(d.reviews.unanswered)}
                  </Figure>
                </Link>
              </dd>
            </div>
            <div>
              <dt>Всего отзывов</dt>
              <dd>
                <Figure name="reviews.total" value={d.reviews.total}>
                  {fmtInt(d.reviews.total)}
                </Figure>
              </dd>
            </div>
          </dl>
        </article>
        <article className="card block" data-testid="block-products">
          <header className="block-head">
            <h2>Товары</h2>
            <Freshness f={d.fresh.products} testId="freshness-products" />
          </header>
          <dl className="facts">
            <div>
              <dt>Карточек</dt>
              <dd>
                <Figure name="products.total" value={d.products.total}>
                  {fmtInt(d.products.total)}
                </Figure>
              </dd>
            </div>
            <div>
              <dt>Активных (остаток или заказы за 30 дней)</dt>
              <dd>
                <Figure name="products.active" value={d.products.active}>
                  {fmtInt(d.products.active)}
                </Figure>
              </dd>
            </div>
          </dl>
        </article>
      </section>

      <section aria-labelledby="trends-h">
        <div className="section-head">
          <h2 id="trends-h" className="section-title">
            Динамика за 30 дней
          </h2>
          <span className="muted">{d.window}, по Москве</span>
          <Freshness f={d.fresh.trends} testId="freshness-trends" />
        </div>
        <div className="chart-grid">
          <Chart
            id="orders"
            title="Заказы по дням"
            subtitle="штук, с отменёнными"
            kind="bar"
            format="count"
            data={d.charts}
            series={[{ key: "orders", name: "Заказы", tone: "accent" }]}
            formatValue={fmtInt}
          />
          <Chart
            id="revenue"
            title="Сумма заказов по дням"
            subtitle="₽, по цене со скидкой продавца"
            kind="area"
            format="rub"
            data={d.charts}
            series={[{ key: "revenue", name: "Сумма", tone: "accent" }]}
            formatValue={(v) => fmtRub(v * 100)}
          />
          <Chart
            id="outcomes"
            title="Выкупы, отмены и возвраты"
            subtitle="штук по дням"
            kind="stacked"
            format="count"
            data={d.charts}
            series={[
              { key: "sales", name: "Выкупы", tone: "ok" },
              { key: "cancels", name: "Отмены", tone: "muted" },
              { key: "returns", name: "Возвраты", tone: "danger" },
            ]}
            formatValue={fmtInt}
          />
        </div>
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <PageError error={error} />;
}
