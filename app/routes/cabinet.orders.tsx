// Orders: newest first, filtered by status, period, article and region, 50 per page (keyset
// pagination: a page never skips or repeats rows while new orders arrive), CSV of the same filter.

import { Form, Link, useNavigation } from "react-router";

import { listOrders } from "../../workers/queries/orders";
import { decodeTimeIdCursor, encodeCursor } from "../../workers/http/views/cursor";
import { ProblemError } from "../../workers/http/problem";
import { EmptyState, Notice, PageError, PageTitle } from "../components/ui";
import { requireCabinet } from "../lib/auth.server";
import { fmtInt, fmtMoscow, fmtRub } from "../lib/format";
import { orderQueryString, parseOrderQuery } from "../lib/order-filters.server";
import type { Route } from "./+types/cabinet.orders";

const PAGE_SIZE = 50;

export function meta(): Route.MetaDescriptors {
  return [{ title: "Заказы — WB Assist" }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { auth, db } = await requireCabinet(request, context, params.cabinetId);
  const url = new URL(request.url);
  const { query, filters, problems } = parseOrderQuery(url);
  let after: { at: number; id: string } | undefined;
  const cursor = url.searchParams.get("cursor");
  if (cursor) {
    try {
      after = decodeTimeIdCursor("orders", cursor);
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      problems.push("Ссылка на страницу устарела — показываем первую страницу.");
    }
  }
  const page = await listOrders(db, auth, { ...filters, limit: PAGE_SIZE, after });
  const pageNo = Math.max(1, Number(url.searchParams.get("page") ?? "1") || 1);
  return {
    query,
    problems,
    pageNo: after ? pageNo : 1,
    rows: page.rows.map((o) => ({
      srid: o.srid,
      gNumber: o.gNumber,
      orderedAt: fmtMoscow(o.orderedAt),
      nmId: o.nmId,
      article: o.supplierArticle,
      size: o.techSize,
      brand: o.brand,
      subject: o.subject,
      category: o.category,
      region: o.region,
      okrug: o.okrug,
      country: o.country,
      warehouse: o.warehouseName,
      warehouseType: o.warehouseType,
      price: fmtRub(o.priceWithDiscKopecks),
      priceKopecks: o.priceWithDiscKopecks,
      finishedPrice: fmtRub(o.finishedPriceKopecks),
      totalPrice: fmtRub(o.totalPriceKopecks),
      discount: o.discountPercent,
      spp: o.spp,
      cancelled: o.isCancel,
      cancelledAt: o.cancelledAt ? fmtMoscow(o.cancelledAt) : null,
    })),
    nextHref: page.next ? orderQueryString(query, { cursor: encodeCursor("orders", [page.next.at, page.next.id]), page: String((after ? pageNo : 1) + 1) }) : null,
    firstHref: orderQueryString(query) || "?",
    csvHref: `orders.csv${orderQueryString(query)}`,
    filtered: query.status !== "all" || Boolean(query.from || query.to || query.article || query.region),
  };
}

const STATUS_LABELS = { all: "Все", active: "Активные", cancelled: "Отменённые" } as const;

export default function Orders({ loaderData: d }: Route.ComponentProps) {
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location.pathname.endsWith("/orders");
  return (
    <>
      <PageTitle title="Заказы">
        <a className="button secondary" href={d.csvHref} download data-testid="orders-csv">
          Скачать CSV
        </a>
      </PageTitle>
      <Form method="get" className="filters" role="search" aria-label="Фильтры заказов">
        <label>
          Статус
          <select name="status" defaultValue={d.query.status}>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          С
          <input type="date" name="from" defaultValue={d.query.from} />
        </label>
        <label>
          По
          <input type="date" name="to" defaultValue={d.query.to} />
        </label>
        <label>
          Артикул
          <input name="article" defaultValue={d.query.article} placeholder="WB или продавца" />
        </label>
        <label>
          Регион
          <input name="region" defaultValue={d.query.region} placeholder="Московская" />
        </label>
        <div className="filter-actions">
          <button type="submit" className="button">
            Показать
          </button>
          {d.filtered ? (
            <Link to="." className="button secondary">
              Сбросить
            </Link>
          ) : null}
        </div>
      </Form>
      {d.problems.map((p) => (
        <Notice key={p} tone="warn">
          {p}
        </Notice>
      ))}
      <div className="table-wrap" aria-busy={loading}>
        {d.rows.length === 0 ? (
          <EmptyState title={d.filtered ? "Заказов по этому фильтру нет" : "Заказов пока нет"}>
            {d.filtered ? "Измените или сбросьте фильтр." : "Они появятся после синхронизации с WB — ход загрузки в разделе «Синхронизация»."}
          </EmptyState>
        ) : (
          <table className="table" data-testid="orders-table">
            <thead>
              <tr>
                <th>Время (МСК)</th>
                <th>Товар</th>
                <th className="hide-sm">Регион</th>
                <th className="hide-sm">Склад</th>
                <th className="num">Цена</th>
                <th>Статус</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((o) => (
                <tr key={o.srid} data-cancelled={o.cancelled ? "1" : undefined}>
                  <td className="nowrap">{o.orderedAt}</td>
                  <td>
                    <details className="order-detail">
                      <summary>
                        <span className="strong">{o.article ?? o.nmId}</span>
                        {o.size ? <span className="muted"> · {o.size}</span> : null}
                        <span className="muted block">{[o.subject, o.brand].filter(Boolean).join(", ")}</span>
                      </summary>
                      <dl className="facts compact">
                        <div>
                          <dt>Артикул WB</dt>
                          <dd>{o.nmId}</dd>
                        </div>
                        <div>
                          <dt>Заказ (srid)</dt>
                          <dd className="mono">{o.srid}</dd>
                        </div>
                        {o.gNumber ? (
                          <div>
                            <dt>Корзина</dt>
                            <dd className="mono">{o.gNumber}</dd>
                          </div>
                        ) : null}
                        <div>
                          <dt>Доставка</dt>
                          <dd>{[o.region, o.okrug, o.country].filter(Boolean).join(", ") || "—"}</dd>
                        </div>
                        <div>
                          <dt>Склад</dt>
                          <dd>{[o.warehouse, o.warehouseType].filter(Boolean).join(", ") || "—"}</dd>
                        </div>
                        <div>
                          <dt>Цена без скидок</dt>
                          <dd>{o.totalPrice}</dd>
                        </div>
                        <div>
                          <dt>Скидка продавца</dt>
                          <dd>{o.discount}&nbsp;%</dd>
                        </div>
                        <div>
                          <dt>Цена со скидкой продавца</dt>
                          <dd>{o.price}</dd>
                        </div>
                        <div>
                          <dt>СПП (скидка WB)</dt>
                          <dd>{fmtInt(o.spp)}&nbsp;%</dd>
                        </div>
                        <div>
                          <dt>Заплатил покупатель</dt>
                          <dd>{o.finishedPrice}</dd>
                        </div>
                        {o.cancelledAt ? (
                          <div>
                            <dt>Отменён</dt>
                            <dd>{o.cancelledAt}</dd>
                          </div>
                        ) : null}
                      </dl>
                    </details>
                  </td>
                  <td className="hide-sm">{o.region ?? "—"}</td>
                  <td className="hide-sm">{o.warehouse ?? "—"}</td>
                  <td className="num nowrap" data-kopecks={o.priceKopecks}>
                    {o.price}
                  </td>
                  <td>{o.cancelled ? <span className="badge badge-muted">Отменён</span> : <span className="badge badge-ok">Активен</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <nav className="pager" aria-label="Страницы">
        {d.pageNo > 1 ? (
          <Link to={d.firstHref} className="button secondary">
            ← В начало
          </Link>
        ) : (
          <span />
        )}
        <span className="muted">Страница {d.pageNo}</span>
        {d.nextHref ? (
          <Link to={d.nextHref} className="button secondary" data-testid="orders-next">
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
