// Sync: every WB dataset's freshness, volume, next run, last error and the progress of the initial
// 90-day load; "sync now" for managers and owners. While something is loading the page refreshes
// itself every few seconds.

import { useEffect } from "react";
import { Form, data, useNavigation, useRevalidator } from "react-router";

import { SyncNowError, syncNow } from "../../workers/jobs/sync-now";
import { readSyncStatus } from "../../workers/queries/sync-state";
import { DATASET_LABELS, datasetSyncView } from "../../workers/http/views/sync-view";
import { CsrfField, Notice, PageError, PageTitle, useCabinetLayout } from "../components/ui";
import { envOf, formText, readCheckedForm, requireCabinet, requireRole } from "../lib/auth.server";
import { fmtAgo, fmtInt, fmtMoscow, fmtUntil } from "../lib/format";
import type { Route } from "./+types/cabinet.sync";

export function meta(): Route.MetaDescriptors {
  return [{ title: "Синхронизация — WB Assist" }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { auth, db } = await requireCabinet(request, context, params.cabinetId);
  const now = new Date();
  const status = (await readSyncStatus(db, auth, now)).map(datasetSyncView);
  // Only datasets with a history to walk (orders, sales) report progress; the others never mark
  // their backfill done, so a bar is shown while progress moves or nothing has loaded yet.
  const loadingHistory = (s: (typeof status)[number]) => !s.backfill.done && (s.backfill.progress > 0 || s.lastSuccessAt === null);
  return {
    connected: new URL(request.url).searchParams.has("connected"),
    busy: status.some((s) => s.inFlight || loadingHistory(s)),
    datasets: status.map((s) => ({
      dataset: s.dataset,
      label: s.label,
      lastSuccess: s.lastSuccessAt ? fmtAgo(s.lastSuccessAt, now) : null,
      lastSuccessTitle: s.lastSuccessAt ? `${fmtMoscow(s.lastSuccessAt)} МСК` : "",
      stale: s.stale,
      rows: fmtInt(s.rowsTotal),
      lastRunRows: fmtInt(s.lastRunRows),
      next: s.nextDueAt ? fmtUntil(s.nextDueAt, now) : null,
      error: s.lastError,
      errorAt: s.lastErrorAt ? fmtAgo(s.lastErrorAt, now) : null,
      failures: s.consecutiveFailures,
      inFlight: s.inFlight,
      showHistory: loadingHistory(s),
      progress: Math.round(Math.min(1, Math.max(0, s.backfill.progress)) * 1000) / 10,
      backfillFrom: s.backfill.from ? fmtMoscow(s.backfill.from).slice(0, 10) : null,
    })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { viewer, db } = await requireCabinet(request, context, params.cabinetId);
  const form = await readCheckedForm(request, viewer);
  if (formText(form, "intent") !== "sync") throw data({ message: "Неизвестное действие." }, { status: 400 });
  const auth = await requireRole(db, viewer, params.cabinetId, "manager");
  try {
    const r = await syncNow(envOf(context), auth.cabinet.id);
    const parts: string[] = [];
    const names = (list: readonly string[]) => list.map((d) => DATASET_LABELS[d as keyof typeof DATASET_LABELS] ?? d).join(", ");
    if (r.enqueued.length) parts.push(`Запущено: ${names(r.enqueued)}.`);
    if (r.delayed.length) parts.push(`Позже по лимитам WB: ${r.delayed.map((d) => `${DATASET_LABELS[d.dataset]} — ${fmtUntil(d.runAt, new Date())}`).join(", ")}.`);
    if (r.inFlight.length) parts.push(`Уже загружаются: ${names(r.inFlight)}.`);
    for (const u of r.unavailable) parts.push(`${DATASET_LABELS[u.dataset]}: ${u.reason}`);
    return { ok: true, message: parts.join(" ") || "Все данные уже обновляются." };
  } catch (error) {
    if (error instanceof SyncNowError) return data({ ok: false, message: error.userMessage }, { status: 409 });
    throw error;
  }
}

/** Re-reads the page every 5 s while a dataset is loading (stops when the tab is hidden). */
function useAutoRefresh(active: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") void revalidator.revalidate();
    }, 5000);
    return () => clearInterval(timer);
  }, [active, revalidator]);
}

export default function Sync({ loaderData: d, actionData }: Route.ComponentProps) {
  const { role, csrf } = useCabinetLayout();
  const navigation = useNavigation();
  useAutoRefresh(d.busy);
  const sending = navigation.state === "submitting" && navigation.formData?.get("intent") === "sync";
  return (
    <>
      <PageTitle title="Синхронизация с WB">
        {role === "viewer" ? null : (
          <Form method="post">
            <CsrfField token={csrf} />
            <input type="hidden" name="intent" value="sync" />
            <button type="submit" className="button" disabled={sending} data-testid="sync-now">
              {sending ? "Запускаем…" : "Обновить сейчас"}
            </button>
          </Form>
        )}
      </PageTitle>
      {d.connected ? <Notice tone="ok">Кабинет подключён. Загружаем историю за 90 дней — первые данные появятся через несколько минут.</Notice> : null}
      {actionData ? (
        <Notice tone={actionData.ok ? "ok" : "error"} testId="sync-result">
          {actionData.message}
        </Notice>
      ) : null}
      <p className="muted small">
        Данные обновляются сами по расписанию и в пределах лимитов WB для вашего токена. {d.busy ? "Страница обновляется сама, пока идёт загрузка." : ""}
      </p>
      <div className="sync-list">
        {d.datasets.map((s) => (
          <article key={s.dataset} className="card sync-item" data-dataset={s.dataset} data-stale={s.stale ? "1" : undefined}>
            <header className="sync-head">
              <h2>{s.label}</h2>
              {s.inFlight ? (
                <span className="badge badge-info">загружается</span>
              ) : s.error && s.failures > 0 ? (
                <span className="badge badge-critical">ошибка</span>
              ) : s.stale ? (
                <span className="badge badge-low">устарело</span>
              ) : (
                <span className="badge badge-ok">актуально</span>
              )}
            </header>
            <dl className="facts compact">
              <div>
                <dt>Обновлено</dt>
                <dd title={s.lastSuccessTitle}>{s.lastSuccess ?? "ещё не загружалось"}</dd>
              </div>
              <div>
                <dt>Строк</dt>
                <dd>
                  {s.rows} <span className="muted">(за последний запуск {s.lastRunRows})</span>
                </dd>
              </div>
              <div>
                <dt>Следующее обновление</dt>
                <dd>{s.inFlight ? "идёт сейчас" : (s.next ?? "—")}</dd>
              </div>
            </dl>
            {s.showHistory ? (
              <div className="progress-block">
                <div className="progress-label">
                  <span>История за 90 дней{s.backfillFrom ? ` (с ${s.backfillFrom})` : ""}</span>
                  <span className="strong">{s.progress.toLocaleString("ru-RU")}&nbsp;%</span>
                </div>
                <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={s.progress} aria-label={`Загрузка истории: ${s.label}`} data-testid={`backfill-${s.dataset}`}>
                  <div className="progress-bar" style={{ width: `${s.progress}%` }} />
                </div>
              </div>
            ) : null}
            {s.error ? (
              <Notice tone={s.failures > 0 ? "error" : "warn"}>
                {s.error}
                {s.errorAt ? <span className="muted"> ({s.errorAt})</span> : null}
              </Notice>
            ) : null}
          </article>
        ))}
      </div>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <PageError error={error} />;
}
