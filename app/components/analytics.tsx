// The Analytics page's blocks: the ABC/XYZ matrix, the unit-economics table with inline cost-price
// entry (a small fetcher form per row), and the CSV upload of cost prices. Strings are formatted
// by the loader; forms post to the page's action (CSRF-checked, manager or owner).

import { useFetcher } from "react-router";

import { CsrfField, Notice } from "./ui";

export interface MatrixCellView {
  cell: string;
  count: number;
  share: string;
  revenue: string;
  advice: string;
}

export function AbcXyzMatrix({ cells, unclassified }: { cells: MatrixCellView[]; unclassified: number }) {
  const rows = ["A", "B", "C"];
  const cols = [
    { key: "X", hint: "стабильный спрос" },
    { key: "Y", hint: "колеблется" },
    { key: "Z", hint: "непредсказуем" },
  ];
  return (
    <div className="table-wrap">
      <table className="table abc-matrix" data-testid="abc-matrix">
        <thead>
          <tr>
            <th />
            {cols.map((c) => (
              <th key={c.key}>
                {c.key} <span className="muted small block">{c.hint}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r}>
              <th scope="row">
                {r}
                <span className="muted small block">{r === "A" ? "80 % выручки" : r === "B" ? "15 %" : "5 %"}</span>
              </th>
              {cols.map((c) => {
                const m = cells.find((x) => x.cell === `${r}${c.key}`);
                return (
                  <td key={c.key} className={`abc-cell abc-${r}${c.key}`} data-cell={`${r}${c.key}`} data-count={m?.count ?? 0}>
                    <span className="strong">{m?.count ?? 0}</span> <span className="muted">тов.</span> · {m?.share ?? "0\u00a0%"}
                    <span className="muted small block">{m?.revenue}</span>
                    <span className="small block abc-advice">{m?.advice}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {unclassified > 0 ? <p className="muted small">Без XYZ (меньше 4 недель продаж или нет заказов): {unclassified} тов.</p> : null}
    </div>
  );
}

export interface UnitRowView {
  nmId: number;
  article: string;
  title: string;
  units: string;
  revenue: string;
  commission: string;
  logistics: string;
  storage: string;
  penalties: string;
  acquiring: string;
  other: string;
  payout: string;
  cost: string;
  costInput: string;
  profit: string;
  margin: string;
  perUnit: string;
  missingCost: boolean;
  profitNegative: boolean;
}

export interface CostActionResult {
  intent: "cost" | "csv";
  ok: boolean;
  message: string;
  nmId?: number;
  errors?: string[];
}

function CostCell({ row, csrf }: { row: UnitRowView; csrf: string }) {
  const fetcher = useFetcher<CostActionResult>({ key: `cost-${row.nmId}` });
  const busy = fetcher.state !== "idle";
  const result = fetcher.data && fetcher.data.nmId === row.nmId ? fetcher.data : null;
  return (
    <>
      <fetcher.Form method="post" className="cost-form" data-testid="cost-form" data-nm={row.nmId}>
        <CsrfField token={csrf} />
        <input type="hidden" name="intent" value="cost" />
        <input type="hidden" name="nmId" value={row.nmId} />
        <input
          key={row.costInput}
          id={`cost-${row.nmId}`}
          aria-label={`Себестоимость ${row.article}, ₽`}
          name="cost"
          inputMode="decimal"
          defaultValue={row.costInput}
          placeholder="₽"
          size={7}
          aria-invalid={result && !result.ok ? true : undefined}
        />
        <button type="submit" className="button secondary small" disabled={busy}>
          {busy ? "…" : "OK"}
        </button>
      </fetcher.Form>
      {result && !result.ok ? (
        <span className="form-error small block danger" role="alert">
          {result.message}
        </span>
      ) : null}
    </>
  );
}

export function UnitEconomicsTable({ rows, totals, canEdit, csrf }: { rows: UnitRowView[]; totals: UnitRowView; canEdit: boolean; csrf: string }) {
  const money = (r: UnitRowView) => (
    <>
      <td className="num nowrap">{r.revenue}</td>
      <td className="num nowrap hide-sm">{r.commission}</td>
      <td className="num nowrap hide-sm">{r.logistics}</td>
      <td className="num nowrap hide-sm">{r.storage}</td>
      <td className="num nowrap hide-sm">{r.penalties}</td>
      <td className="num nowrap hide-sm">{r.acquiring}</td>
      <td className="num nowrap hide-sm">{r.other}</td>
      <td className="num nowrap">{r.payout}</td>
    </>
  );
  return (
    <div className="table-wrap">
      <table className="table unit-economics" data-testid="unit-economics">
        <thead>
          <tr>
            <th>Товар</th>
            <th className="num">Продано</th>
            <th className="num">Выручка</th>
            <th className="num hide-sm">Комиссия WB</th>
            <th className="num hide-sm">Логистика</th>
            <th className="num hide-sm">Хранение</th>
            <th className="num hide-sm">Штрафы</th>
            <th className="num hide-sm">Эквайринг</th>
            <th className="num hide-sm">Прочее</th>
            <th className="num">К выплате</th>
            <th className="num">Себестоимость, шт.</th>
            <th className="num">Прибыль</th>
            <th className="num">Маржа</th>
            <th className="num hide-sm">Прибыль на шт.</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.nmId} data-nm={r.nmId} data-missing-cost={r.missingCost ? "1" : undefined}>
              <td>
                <span className="strong">{r.article}</span>
                <span className="muted block">
                  {r.title} · {r.nmId}
                </span>
              </td>
              <td className="num">{r.units}</td>
              {money(r)}
              <td className="num" data-testid="ue-cost">
                {canEdit ? <CostCell row={r} csrf={csrf} /> : r.cost}
              </td>
              <td className={`num nowrap strong${r.profitNegative ? " negative" : ""}`} data-testid="ue-profit">
                {r.profit}
              </td>
              <td className="num">{r.margin}</td>
              <td className="num nowrap hide-sm">{r.perUnit}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="ue-totals">
            <th>Итого</th>
            <td className="num">{totals.units}</td>
            {money(totals)}
            <td className="num nowrap">{totals.cost}</td>
            <td className={`num nowrap strong${totals.profitNegative ? " negative" : ""}`}>{totals.profit}</td>
            <td className="num">{totals.margin}</td>
            <td className="num nowrap hide-sm">{totals.perUnit}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function CostCsvForm({ csrf }: { csrf: string }) {
  const fetcher = useFetcher<CostActionResult>({ key: "cost-csv" });
  const busy = fetcher.state !== "idle";
  const result = fetcher.data?.intent === "csv" ? fetcher.data : null;
  return (
    <fetcher.Form method="post" encType="multipart/form-data" className="filters compact-filters" data-testid="cost-csv-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="intent" value="csv" />
      <label>
        CSV с себестоимостью
        <input type="file" name="csv" accept=".csv,text/csv,text/plain" required />
      </label>
      <button type="submit" className="button secondary" disabled={busy}>
        {busy ? "Загружаем…" : "Загрузить"}
      </button>
      {result ? (
        <Notice tone={result.ok ? "ok" : "error"} testId="cost-csv-result">
          <p>{result.message}</p>
          {result.errors && result.errors.length > 0 ? (
            <ul className="small">
              {result.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
    </fetcher.Form>
  );
}
