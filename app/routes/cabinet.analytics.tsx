// Analytics: a period (7/14/30/90 whole days ending yesterday) against the equally long period
// before it — orders, sales, returns, cancellations, buyout, money to be paid — the period's daily
// orders, and the top products by order sum (daily_rollups, periodAnalytics). Below: the ABC/XYZ
// matrix (loadAbcXyz, 13 weeks), the demand forecast per card or for the whole cabinet
// (loadForecastChart: history + forecast + 80 % band), and unit economics by WB's financial report
// (loadUnitEconomics) with cost prices entered inline or by CSV (setCostPrices / importCostPricesCsv;
// managers and owners, CSRF-checked).

import { Form, Link, data } from "react-router";

import { MATRIX_ADVICE, type UnitEconomicsRow } from "../../workers/domain/analytics";
import { MAX_COST_KOPECKS, parseRubles } from "../../workers/domain/analytics/cost-price-csv";
import { formatRub } from "../../workers/domain/money";
import { importCostPricesCsv, listCostPrices, setCostPrices } from "../../workers/queries/analytics-cost-prices";
import { loadForecastChart } from "../../workers/queries/analytics-demand";
import { loadUnitEconomics } from "../../workers/queries/analytics-economics";
import { loadAbcXyz } from "../../workers/queries/analytics-sales";
import { AbcXyzMatrix, type CostActionResult, CostCsvForm, type UnitRowView, UnitEconomicsTable } from "../components/analytics";
import { ForecastChart } from "../components/forecast-chart";

import { blockFreshness } from "../../workers/domain/freshness";
import { growthPercent } from "../../workers/domain/growth";
import { dashboardPeriods } from "../../workers/domain/moscow-periods";
import { periodAnalytics, type PeriodTotals } from "../../workers/queries/analytics";
import { readSyncStatus } from "../../workers/queries/sync-state";
import { Chart } from "../components/chart";
import { EmptyState, Figure, Freshness, GrowthBadge, Notice, PageError, PageTitle, useCabinetLayout } from "../components/ui";
import { formText, readCheckedForm, requireCabinet, requireRole } from "../lib/auth.server";
import { fmtDay, fmtDayShort, fmtDecimal, fmtInt, fmtPercent, fmtRub } from "../lib/format";
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
    {
      key: "ordersCount",
      label: "Заказов, шт.",
      current: fmtInt(c.ordersCount),
      previous: fmtInt(b.ordersCount),
      value: c.ordersCount,
      growth: growthPercent(c.ordersCount, b.ordersCount),
    },
    {
      key: "ordersSum",
      label: "Сумма заказов",
      current: fmtRub(c.ordersSumKopecks),
      previous: fmtRub(b.ordersSumKopecks),
      value: c.ordersSumKopecks,
      growth: growthPercent(c.ordersSumKopecks, b.ordersSumKopecks),
    },
    {
      key: "salesCount",
      label: "Выкупов, шт.",
      current: fmtInt(c.salesCount),
      previous: fmtInt(b.salesCount),
      value: c.salesCount,
      growth: growthPercent(c.salesCount, b.salesCount),
    },
    {
      key: "salesSum",
      label: "Сумма выкупов",
      current: fmtRub(c.salesSumKopecks),
      previous: fmtRub(b.salesSumKopecks),
      value: c.salesSumKopecks,
      growth: growthPercent(c.salesSumKopecks, b.salesSumKopecks),
    },
    {
      key: "cancelsCount",
      label: "Отмен, шт.",
      current: fmtInt(c.cancelsCount),
      previous: fmtInt(b.cancelsCount),
      value: c.cancelsCount,
      growth: growthPercent(c.cancelsCount, b.cancelsCount),
      invert: true,
    },
    {
      key: "returnsCount",
      label: "Возвратов, шт.",
      current: fmtInt(c.returnsCount),
      previous: fmtInt(b.returnsCount),
      value: c.returnsCount,
      growth: growthPercent(c.returnsCount, b.returnsCount),
      invert: true,
    },
    {
      key: "buyout",
      label: "Процент выкупа",
      current: fmtPercent(buyoutNow, 1),
      previous: fmtPercent(buyoutBefore, 1),
      value: pct(buyoutNow),
      growth: buyoutNow === null || buyoutBefore === null ? null : Math.round(buyoutNow - buyoutBefore),
    },
    {
      key: "forPay",
      label: "К перечислению продавцу",
      current: fmtRub(c.forPayKopecks),
      previous: fmtRub(b.forPayKopecks),
      value: c.forPayKopecks,
      growth: growthPercent(c.forPayKopecks, b.forPayKopecks),
    },
  ];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { auth, db } = await requireCabinet(request, context, params.cabinetId);
  const url = new URL(request.url);
  const asked = Number(url.searchParams.get("days"));
  const days = (PERIODS as readonly number[]).includes(asked) ? asked : 30;
  const skuParam = (url.searchParams.get("sku") ?? "").trim();
  const ueAll = url.searchParams.get("ue") === "all";
  const now = new Date();
  const [a, sync, abc, cards, ue] = await Promise.all([
    periodAnalytics(db, auth, dashboardPeriods(now).yesterday, days, 20),
    readSyncStatus(db, auth, now),
    loadAbcXyz(db, auth, { now }),
    listCostPrices(db, auth),
    loadUnitEconomics(db, auth, { now }),
  ]);
  const catalog = cards.filter((c) => c.inCatalog);
  const sku = /^\d{1,12}$/.test(skuParam) && catalog.some((c) => c.nmId === Number(skuParam)) ? Number(skuParam) : undefined;
  const forecast = await loadForecastChart(db, auth, { nmId: sku, now });
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
    chart: a.days.map((d) => ({
      label: fmtDayShort(d.day),
      orders: d.ordersCount,
      revenue: Math.round(d.ordersSumKopecks / 100),
    })),
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
    abc: {
      period: `${fmtDay(abc.period.from)} – ${fmtDay(abc.period.to)}`,
      weeks: abc.weeks.length,
      items: abc.items.length,
      unclassified: abc.unclassified.A + abc.unclassified.B + abc.unclassified.C,
      cells: abc.matrix.map((m) => ({
        cell: m.cell,
        count: m.count,
        share: fmtPercent(m.sharePercent, 1),
        revenue: fmtRub(m.revenueKopecks),
        advice: MATRIX_ADVICE[m.cell],
      })),
    },
    forecast: {
      sku: sku ?? null,
      title: forecast.card ? `${forecast.card.vendorCode ?? forecast.card.nmId} · ${forecast.card.title ?? ""}` : "Весь кабинет",
      perDay: fmtDecimal(forecast.horizonTotal / Math.max(1, forecast.horizonDays)),
      horizonTotal: fmtInt(Math.round(forecast.horizonTotal)),
      horizonDays: forecast.horizonDays,
      trend: forecast.card ? Math.round(forecast.card.trendPercentPerWeek) : null,
      points: forecast.points.map((p) => ({
        label: fmtDayShort(p.day),
        orders: p.orders,
        forecast: round1(p.forecast),
        low: round1(p.low),
        high: round1(p.high),
      })),
      sizes: forecast.sizes.map((z) => ({
        key: z.chrtId,
        size: z.techSize ?? z.wbSize ?? "—",
        perDay: fmtDecimal(z.perDay),
        share: fmtPercent(z.share * 100, 0),
        out: z.knownOutDays + z.inferredOutDays,
      })),
      options: catalog
        .map((c) => ({
          nmId: c.nmId,
          label: `${c.vendorCode ?? c.nmId}${c.title ? ` — ${c.title}` : ""}`,
        }))
        .sort((x, y) => x.label.localeCompare(y.label, "ru")),
    },
    ue: {
      period: `${fmtDay(ue.period.from)} – ${fmtDay(ue.period.to)}`,
      note: ue.coverage.note,
      covered: `${ue.coverage.coveredDays} из ${ue.coverage.periodDays} дн.`,
      missingCount: ue.missingCostPrices.length,
      shared: fmtRub(ue.sharedCostsKopecks),
      transfer: fmtRub(ue.transferKopecks),
      rows: (ueAll ? ue.rows : ue.rows.slice(0, UE_ROWS)).map((r) => unitRow(r, ue.cards.get(r.nmId), ue.missingCostPrices.includes(r.nmId))),
      total: ue.rows.length,
      all: ueAll,
      totals: unitRow({ ...ue.totals, nmId: 0, costPriceKopecks: null }, { vendorCode: "Итого", title: "" }, ue.totals.profitKopecks === null),
    },
  };
}

/** Cards in the unit-economics table before «Показать все» (by revenue). */
const UE_ROWS = 50;

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
const rubK = (k: number) => formatRub(k, { withKopecks: k % 100 !== 0 });

function unitRow(r: UnitEconomicsRow, card: { vendorCode: string | null; title: string | null } | undefined, missingCost: boolean): UnitRowView {
  return {
    nmId: r.nmId,
    article: card?.vendorCode ?? String(r.nmId),
    title: card?.title ?? "Без названия",
    units: r.returnedUnits > 0 ? `${fmtInt(r.netUnits)} (${fmtInt(r.soldUnits)} − ${fmtInt(r.returnedUnits)})` : fmtInt(r.netUnits),
    revenue: fmtRub(r.revenueKopecks),
    commission: fmtRub(r.commissionKopecks),
    logistics: fmtRub(r.logisticsKopecks),
    storage: fmtRub(r.storageKopecks),
    penalties: fmtRub(r.penaltiesKopecks),
    acquiring: fmtRub(r.acquiringKopecks),
    other: fmtRub(r.otherDeductionsKopecks),
    payout: fmtRub(r.payoutKopecks),
    cost: r.costPriceKopecks === null ? (r.costOfGoodsKopecks === null ? "—" : fmtRub(r.costOfGoodsKopecks)) : rubK(r.costPriceKopecks),
    costInput: r.costPriceKopecks === null ? "" : (r.costPriceKopecks / 100).toFixed(2).replace(".", ",").replace(/,00$/, ""),
    profit: r.profitKopecks === null ? "нет себестоимости" : fmtRub(r.profitKopecks),
    margin: r.margin === null ? "—" : fmtPercent(r.margin * 100, 1),
    perUnit: r.profitPerUnitKopecks === null ? "—" : fmtRub(r.profitPerUnitKopecks),
    missingCost,
    profitNegative: (r.profitKopecks ?? 0) < 0,
  };
}

const MAX_CSV_BYTES = 2_000_000;

/** Cost prices: one card typed in the table, or a CSV file. Managers and owners only. */
export async function action({ request, context, params }: Route.ActionArgs) {
  const { viewer, db } = await requireCabinet(request, context, params.cabinetId);
  const form = await readCheckedForm(request, viewer);
  const intent = formText(form, "intent");
  if (intent !== "cost" && intent !== "csv") throw data({ message: "Неизвестное действие." }, { status: 400 });
  // Cost prices change every profit figure: managers and owners only, checked here, not just hidden in the page.
  const auth = await requireRole(db, viewer, params.cabinetId, "manager");
  if (intent === "cost") {
    const nmId = Number(formText(form, "nmId"));
    if (!Number.isSafeInteger(nmId) || nmId <= 0) return data<CostActionResult>({ intent, ok: false, message: "Неизвестный товар." }, { status: 422 });
    const text = formText(form, "cost").trim();
    const kopecks = text === "" ? null : parseRubles(text);
    if (text !== "" && (kopecks === null || kopecks <= 0)) {
      return data<CostActionResult>(
        {
          intent,
          nmId,
          ok: false,
          message: "Введите сумму в рублях, например 450 или 450,50.",
        },
        { status: 422 },
      );
    }
    if (kopecks !== null && kopecks > MAX_COST_KOPECKS) {
      return data<CostActionResult>(
        {
          intent,
          nmId,
          ok: false,
          message: "Больше 1 000 000 ₽ за штуку — проверьте, нет ли лишнего нуля.",
        },
        { status: 422 },
      );
    }
    await setCostPrices(db, auth, [{ nmId, costKopecks: kopecks }], "dashboard");
    return data<CostActionResult>({
      intent,
      nmId,
      ok: true,
      message: kopecks === null ? "Себестоимость удалена." : `Себестоимость сохранена: ${rubK(kopecks)}.`,
    });
  }
  const file = form.get("csv");
  if (!(file instanceof File) || file.size === 0) return data<CostActionResult>({ intent, ok: false, message: "Выберите CSV-файл." }, { status: 422 });
  if (file.size > MAX_CSV_BYTES)
    return data<CostActionResult>(
      {
        intent,
        ok: false,
        message: "Файл больше 2 МБ — разделите его на части.",
      },
      { status: 422 },
    );
  const result = await importCostPricesCsv(db, auth, await file.text());
  if (result.errors.length > 0) {
    return data<CostActionResult>(
      {
        intent,
        ok: false,
        message: "Файл не загружен: исправьте строки ниже и загрузите его снова (ничего не сохранено).",
        errors: result.errors.slice(0, 20).map((e) => e.message),
      },
      { status: 422 },
    );
  }
  return data<CostActionResult>({
    intent,
    ok: true,
    message: `Загружено: ${fmtInt(result.imported)} ${result.imported === 1 ? "товар" : "товаров"}.`,
    errors: result.warnings.slice(0, 20).map((w) => w.message),
  });
}

export default function Analytics({ loaderData: d }: Route.ComponentProps) {
  const { role, csrf } = useCabinetLayout();
  const canEdit = role !== "viewer";
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
          {d.topShare ? (
            <span className="muted">
              первые {d.top.length} — {d.topShare} всей суммы
            </span>
          ) : null}
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
      <section aria-labelledby="abc-h">
        <div className="section-head">
          <h2 id="abc-h" className="section-title">
            ABC/XYZ-матрица
          </h2>
          <span className="muted">
            {d.abc.period} · {d.abc.weeks} нед. · {fmtInt(d.abc.items)} тов.
          </span>
        </div>
        <p className="muted small">
          ABC — вклад в выручку (A — товары, дающие первые 80 %, B — следующие 15 %, C — остальное); XYZ — насколько ровно товар продаётся по неделям (X —
          колебания до 10 %, Y — до 25 %, Z — больше). В клетке: товаров, доля выручки, что делать.
        </p>
        {d.abc.items === 0 ? (
          <EmptyState title="Продаж за 13 недель пока нет">Матрица появится после синхронизации заказов и продаж.</EmptyState>
        ) : (
          <AbcXyzMatrix cells={d.abc.cells} unclassified={d.abc.unclassified} />
        )}
      </section>
      <section aria-labelledby="forecast-h">
        <div className="section-head">
          <h2 id="forecast-h" className="section-title">
            Прогноз спроса
          </h2>
          <span className="muted">
            {d.forecast.title}: ≈ {d.forecast.perDay} заказа в день, {d.forecast.horizonTotal} шт. за {d.forecast.horizonDays} дн.
            {d.forecast.trend !== null ? ` · тренд ${d.forecast.trend > 0 ? "+" : ""}${d.forecast.trend} % в неделю` : ""}
          </span>
        </div>
        <Form method="get" className="filters compact-filters sku-picker" data-testid="forecast-picker">
          <input type="hidden" name="days" value={d.days} />
          <label>
            Товар
            <select name="sku" defaultValue={d.forecast.sku ?? ""}>
              <option value="">Весь кабинет</option>
              {d.forecast.options.map((o) => (
                <option key={o.nmId} value={o.nmId}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button secondary">
            Показать
          </button>
        </Form>
        <ForecastChart title="Заказы и прогноз" subtitle="шт. в день · факт без отмен, прогноз с 80 % интервалом" data={d.forecast.points} />
        {d.forecast.sizes.length > 0 ? (
          <p className="muted small" data-testid="forecast-sizes">
            По размерам:{" "}
            {d.forecast.sizes.map((z) => `${z.size} — ${z.perDay}/день (${z.share}${z.out > 0 ? `, без ${z.out} дн. без остатка` : ""})`).join("; ")}
          </p>
        ) : null}
        <p className="muted small">
          Прогноз учитывает день недели и тренд; дни, когда товара не было в наличии, из оценки спроса исключены. Подробности — в документации
          (docs/analytics.md).
        </p>
      </section>
      <section aria-labelledby="ue-h">
        <div className="section-head">
          <h2 id="ue-h" className="section-title">
            Юнит-экономика
          </h2>
          <span className="muted">
            {d.ue.period} · по финансовому отчёту WB ({d.ue.covered})
          </span>
        </div>
        {d.ue.note ? (
          <Notice tone="warn" testId="ue-coverage">
            <p>
              <strong>{d.ue.note}</strong>
            </p>
          </Notice>
        ) : null}
        {d.ue.missingCount > 0 ? (
          <Notice tone="info" testId="ue-missing">
            <p>
              У {fmtInt(d.ue.missingCount)} проданных товаров нет себестоимости — их прибыль не считается, и итоговой прибыли нет.{" "}
              {canEdit ? "Введите её в столбце «Себестоимость» или загрузите CSV ниже." : "Ввести её может менеджер или владелец кабинета."}
            </p>
          </Notice>
        ) : null}
        {d.ue.rows.length === 0 ? (
          <EmptyState title="Строк финансового отчёта за период нет">
            Юнит-экономика появится, когда WB опубликует еженедельный отчёт и он синхронизируется.
          </EmptyState>
        ) : (
          <UnitEconomicsTable rows={d.ue.rows} totals={d.ue.totals} canEdit={canEdit} csrf={csrf} />
        )}
        {!d.ue.all && d.ue.total > d.ue.rows.length ? (
          <p className="small">
            Показаны {d.ue.rows.length} товаров с наибольшей выручкой из {fmtInt(d.ue.total)} (итог — по всем).{" "}
            <Link to={`?days=${d.days}${d.forecast.sku ? `&sku=${d.forecast.sku}` : ""}&ue=all#ue-h`} data-testid="ue-all">
              Показать все
            </Link>
          </p>
        ) : null}
        <p className="muted small">
          Выручка − комиссия − эквайринг − логистика − хранение − штрафы − прочее = к выплате; к выплате − расходы без привязки к товару ({d.ue.shared},
          распределены по выручке) − себестоимость = прибыль. WB перечислит за период {d.ue.transfer}.
        </p>
        {canEdit ? (
          <details className="card cost-csv" data-testid="cost-csv">
            <summary>Загрузить себестоимость CSV-файлом</summary>
            <p className="muted small">
              Первая строка — заголовок: «Артикул WB» (или «Артикул продавца») и «Себестоимость»; разделитель «;», «,» или табуляция. Например:{" "}
              <code>Артикул WB;Себестоимость</code>, <code>123456789;450,50</code>. Файл сохраняется целиком или не сохраняется вовсе.
            </p>
            <CostCsvForm csrf={csrf} />
          </details>
        ) : null}
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <PageError error={error} />;
}
