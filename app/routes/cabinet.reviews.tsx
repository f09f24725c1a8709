// Reviews and questions: unanswered first, filters by state and rating, a reply form on every
// unanswered one. The reply goes to WB at once and the card shows the outcome. Viewers see no form,
// and the action refuses them on the server (requireCabinetAccess with the manager role).

import { useState } from "react";
import { Form, Link, data, useFetcher } from "react-router";
import type { ShouldRevalidateFunctionArgs } from "react-router";

import type { AnswerSource, Feedback, Question } from "../../db/schema";
import { type ReviewCursor, listFeedbacks, listQuestions } from "../../workers/queries/reviews";
import { decodeCursor, encodeCursor } from "../../workers/http/views/cursor";
import { ProblemError } from "../../workers/http/problem";
import { CsrfField, EmptyState, Notice, PageError, PageTitle, useCabinetLayout } from "../components/ui";
import { limitMessage } from "../../workers/ai/assistant";
import { aiProviderFor } from "../../workers/ai/provider";
import { type DraftOutcome, draftAnswer, markDraftSent } from "../../workers/ai/review-drafts";
import { sendDashboardAnswer } from "../lib/answers.server";
import { envOf, formText, readCheckedForm, requireCabinet, requireRole } from "../lib/auth.server";
import { fmtMoscow } from "../lib/format";
import { ANSWER_MAX_CHARS } from "../../workers/domain/answer-limits";
import type { Route } from "./+types/cabinet.reviews";

const PAGE_SIZE = 20;

export function meta(): Route.MetaDescriptors {
  return [{ title: "Отзывы и вопросы — WB Assist" }];
}

type Tab = "reviews" | "questions";
type AnsweredFilter = "no" | "yes" | "all";

const RATING_FILTERS: Record<string, number[]> = { neg: [1, 2, 3], "1": [1], "2": [2], "3": [3], "4": [4], "5": [5] };

const SOURCE_LABELS: Record<AnswerSource, string> = { wb: "в кабинете WB", bot: "из бота", dashboard: "из дашборда", ai: "ИИ-черновик" };

function decodeReviewCursor(kind: string, cursor: string | null): ReviewCursor | undefined {
  if (!cursor) return undefined;
  const [answered, at, id, ...rest] = decodeCursor(kind, cursor);
  if (typeof answered !== "boolean" || typeof at !== "number" || typeof id !== "string" || rest.length > 0) return undefined;
  return { answered, at, id };
}

function itemView(r: Feedback | Question) {
  const base = {
    id: r.id,
    nmId: r.nmId,
    product: r.productName ?? "Товар",
    article: r.supplierArticle,
    text: r.text,
    createdAt: fmtMoscow(r.createdAt),
    answered: r.isAnswered,
    answer:
      r.isAnswered || r.answerText
        ? { text: r.answerText ?? "", source: r.answerSource ? SOURCE_LABELS[r.answerSource] : null, at: r.answeredAt ? fmtMoscow(r.answeredAt) : null }
        : null,
  };
  if ("rating" in r) {
    return { ...base, kind: "feedback" as const, rating: r.rating, pros: r.pros, cons: r.cons, userName: r.userName, size: r.size, photos: r.photoCount, video: r.hasVideo };
  }
  return { ...base, kind: "question" as const, rating: null, pros: null, cons: null, userName: null, size: null, photos: 0, video: false };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { auth, db } = await requireCabinet(request, context, params.cabinetId);
  const url = new URL(request.url);
  const tab: Tab = url.searchParams.get("tab") === "questions" ? "questions" : "reviews";
  const answeredParam = url.searchParams.get("answered");
  const answeredFilter: AnsweredFilter = answeredParam === "yes" || answeredParam === "all" ? answeredParam : "no";
  const ratingParam = url.searchParams.get("rating") ?? "";
  const ratings = tab === "reviews" ? RATING_FILTERS[ratingParam] : undefined;
  const answered = answeredFilter === "all" ? undefined : answeredFilter === "yes";
  let after: ReviewCursor | undefined;
  let cursorProblem = false;
  try {
    after = decodeReviewCursor(tab, url.searchParams.get("cursor"));
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    cursorProblem = true;
  }
  const page =
    tab === "reviews"
      ? await listFeedbacks(db, auth, { answered, ratings, limit: PAGE_SIZE, after })
      : await listQuestions(db, auth, { answered, limit: PAGE_SIZE, after });
  const qs = (extra: Record<string, string>) => {
    const p = new URLSearchParams();
    if (tab === "questions") p.set("tab", "questions");
    if (answeredFilter !== "no") p.set("answered", answeredFilter);
    if (ratings && ratingParam) p.set("rating", ratingParam);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    const s = p.toString();
    return s ? `?${s}` : "?";
  };
  return {
    aiEnabled: aiProviderFor(envOf(context)) !== null,
    tab,
    answeredFilter,
    rating: ratings ? ratingParam : "",
    cursorProblem,
    items: page.rows.map(itemView),
    nextHref: page.next ? qs({ cursor: encodeCursor(tab, [page.next.answered, page.next.at, page.next.id]) }) : null,
    firstHref: after ? qs({}) : null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { viewer, db } = await requireCabinet(request, context, params.cabinetId);
  const form = await readCheckedForm(request, viewer);
  const intent = formText(form, "intent");
  if (intent !== "answer" && intent !== "draft") throw data({ message: "Неизвестное действие." }, { status: 400 });
  // Replying changes the shop's public page: managers and owners only, checked here, not just hidden in the page.
  const auth = await requireRole(db, viewer, params.cabinetId, "manager");
  const kind = formText(form, "kind") === "question" ? "question" : "feedback";
  const id = formText(form, "id");
  if (intent === "draft") {
    const draft = await draftAnswer(envOf(context), db, auth, kind, id);
    return data({ id, intent, ...draftView(draft) }, { status: draft.kind === "drafted" ? 200 : 422 });
  }
  const text = formText(form, "text");
  const result = await sendDashboardAnswer(envOf(context), db, auth, kind, id, text);
  if (result.answered) await markDraftSent(db, auth, kind, id, new Date());
  return data({ id, intent, text: text.trim(), draft: null, ...result }, { status: result.ok || result.answered ? 200 : 422 });
}

/** An AI draft as the reply form shows it: the text to put in the field, or why there is none. */
function draftView(outcome: DraftOutcome): { ok: boolean; answered: boolean; message: string; draft: string | null; text: string } {
  switch (outcome.kind) {
    case "drafted":
      return { ok: true, answered: false, message: "Черновик готов — проверьте и отправьте.", draft: outcome.text, text: "" };
    case "already_answered":
      return { ok: false, answered: true, message: "На него уже ответили — ответ мог отправить другой участник кабинета.", draft: null, text: outcome.answerText ?? "" };
    case "missing":
      return { ok: false, answered: false, message: "Такого отзыва или вопроса нет в кабинете.", draft: null, text: "" };
    case "limit_reached":
      return { ok: false, answered: false, message: limitMessage(outcome.limit), draft: null, text: "" };
    case "not_configured":
    case "failed":
      return { ok: false, answered: false, message: outcome.message, draft: null, text: "" };
  }
}

/** A reply updates its own card; the list is not reloaded under the seller's hands. */
export function shouldRevalidate({ formData, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formData?.get("intent") === "answer" || formData?.get("intent") === "draft") return false;
  return defaultShouldRevalidate;
}

type Item = ReturnType<typeof itemView>;

function Stars({ rating }: { rating: number }) {
  return (
    <span className={`stars stars-${rating}`} aria-label={`Оценка ${rating} из 5`} data-rating={rating}>
      {"★".repeat(rating)}
      <span className="stars-off">{"★".repeat(5 - rating)}</span>
    </span>
  );
}

function ReplyForm({ item, csrf, aiEnabled }: { item: Item; csrf: string; aiEnabled: boolean }) {
  const fetcher = useFetcher<typeof action>({ key: `answer-${item.id}` });
  const busy = fetcher.state !== "idle";
  const result = fetcher.data && fetcher.data.id === item.id ? fetcher.data : null;
  // The latest AI draft fills the field (a remount with it as the default); a failed send keeps what was typed.
  const [draft, setDraft] = useState<string | null>(null);
  if (result?.intent === "draft" && result.draft && result.draft !== draft) setDraft(result.draft);
  const drafting = busy && fetcher.formData?.get("intent") === "draft";
  if (result?.answered) {
    return (
      <div className="answer" data-testid="answer-result">
        <Notice tone={result.ok ? "ok" : "warn"}>{result.message}</Notice>
        <p className="answer-text">{result.text}</p>
      </div>
    );
  }
  return (
    <details className="reply-toggle" open={result !== null || busy || undefined}>
      <summary className="button secondary" data-testid="reply-open">
        Ответить
      </summary>
      <fetcher.Form method="post" className="reply" data-testid="reply-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="kind" value={item.kind} />
      <input type="hidden" name="id" value={item.id} />
      <label className="sr-only" htmlFor={`reply-${item.id}`}>
        Ответ
      </label>
      <textarea
        key={draft ?? "typed"}
        defaultValue={draft ?? undefined}
        id={`reply-${item.id}`}
        name="text"
        rows={3}
        required
        minLength={2}
        maxLength={ANSWER_MAX_CHARS}
        placeholder={item.kind === "feedback" ? "Ответ покупателю — его увидят все на странице товара" : "Ответ на вопрос"}
        disabled={busy}
      />
      {result && !result.ok ? (
        <Notice tone="error" testId="answer-error">
          {result.message}
        </Notice>
      ) : null}
      {result?.intent === "draft" && result.ok ? (
        <Notice tone="info" testId="draft-ready">
          {result.message}
        </Notice>
      ) : null}
      <div className="reply-actions">
        <button type="submit" name="intent" value="answer" className="button" disabled={busy} data-testid="reply-send">
          {busy && !drafting ? "Отправляем в WB…" : "Отправить в WB"}
        </button>
        {aiEnabled ? (
          <button type="submit" name="intent" value="draft" formNoValidate className="button secondary" disabled={busy} data-testid="reply-draft">
            {drafting ? "ИИ пишет черновик…" : "✨ Черновик ИИ"}
          </button>
        ) : null}
      </div>
      </fetcher.Form>
    </details>
  );
}

function ItemCard({ item, canReply, csrf, aiEnabled }: { item: Item; canReply: boolean; csrf: string; aiEnabled: boolean }) {
  return (
    <article className="card review" data-testid="review-card" data-id={item.id} data-answered={item.answered ? "1" : "0"}>
      <header className="review-head">
        {item.rating !== null ? <Stars rating={item.rating} /> : <span className="badge badge-muted">Вопрос</span>}
        <span className="muted">{item.createdAt}</span>
        {item.userName ? <span className="muted">{item.userName}</span> : null}
      </header>
      <p className="review-product">
        <span className="strong">{item.product}</span>{" "}
        <span className="muted">
          {item.article ?? ""} · {item.nmId}
          {item.size ? ` · размер ${item.size}` : ""}
        </span>
      </p>
      {item.text ? <p className="review-text">{item.text}</p> : null}
      {item.pros ? (
        <p className="review-text">
          <span className="muted">Достоинства:</span> {item.pros}
        </p>
      ) : null}
      {item.cons ? (
        <p className="review-text">
          <span className="muted">Недостатки:</span> {item.cons}
        </p>
      ) : null}
      {!item.text && !item.pros && !item.cons ? <p className="muted">Без текста — только оценка.</p> : null}
      {item.photos > 0 || item.video ? (
        <p className="muted small">
          {item.photos > 0 ? `Фото: ${item.photos}` : ""}
          {item.video ? " · есть видео" : ""}
        </p>
      ) : null}
      {item.answer ? (
        <div className="answer" data-testid="answer-existing">
          <p className="muted small">
            Ответ{item.answer.source ? ` ${item.answer.source}` : ""}
            {item.answer.at ? `, ${item.answer.at}` : ""}
          </p>
          <p className="answer-text">{item.answer.text || "Ответ дан в кабинете WB."}</p>
        </div>
      ) : canReply ? (
        <ReplyForm item={item} csrf={csrf} aiEnabled={aiEnabled} />
      ) : (
        <p className="muted small" data-testid="reply-forbidden">
          Отвечать могут менеджер и владелец кабинета — у вас роль наблюдателя.
        </p>
      )}
    </article>
  );
}

export default function Reviews({ loaderData: d, actionData }: Route.ComponentProps) {
  const { role, csrf } = useCabinetLayout();
  const canReply = role !== "viewer";
  const tabLink = (tab: Tab) => (tab === "questions" ? "?tab=questions" : "?");
  return (
    <>
      <PageTitle title="Отзывы и вопросы" />
      <nav className="segmented" aria-label="Отзывы или вопросы">
        <Link to={tabLink("reviews")} aria-current={d.tab === "reviews" ? "page" : undefined} className="seg">
          Отзывы
        </Link>
        <Link to={tabLink("questions")} aria-current={d.tab === "questions" ? "page" : undefined} className="seg" data-testid="tab-questions">
          Вопросы
        </Link>
      </nav>
      <Form method="get" className="filters compact-filters">
        {d.tab === "questions" ? <input type="hidden" name="tab" value="questions" /> : null}
        <label>
          Ответ
          <select name="answered" defaultValue={d.answeredFilter}>
            <option value="no">Без ответа</option>
            <option value="yes">С ответом</option>
            <option value="all">Все</option>
          </select>
        </label>
        {d.tab === "reviews" ? (
          <label>
            Оценка
            <select name="rating" defaultValue={d.rating}>
              <option value="">Любая</option>
              <option value="neg">Негативные (1–3)</option>
              {[5, 4, 3, 2, 1].map((r) => (
                <option key={r} value={String(r)}>
                  {r} ★
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit" className="button secondary">
          Показать
        </button>
      </Form>
      {/* Without JavaScript the reply is an ordinary form post: its outcome lands here. */}
      {actionData ? <Notice tone={actionData.ok ? "ok" : "error"}>{actionData.message}</Notice> : null}
      {d.cursorProblem ? <Notice tone="warn">Ссылка на страницу устарела — показываем первую страницу.</Notice> : null}
      {d.items.length === 0 ? (
        <EmptyState title={d.answeredFilter === "no" ? "Все отвечены" : "Ничего не найдено"}>
          {d.answeredFilter === "no"
            ? `Новых ${d.tab === "reviews" ? "отзывов" : "вопросов"} без ответа нет. Загляните позже — они приходят с синхронизацией.`
            : "Измените фильтр."}
        </EmptyState>
      ) : (
        <div className="review-list">
          {d.items.map((item) => (
            <ItemCard key={item.id} item={item} canReply={canReply} csrf={csrf} aiEnabled={d.aiEnabled} />
          ))}
        </div>
      )}
      <nav className="pager" aria-label="Страницы">
        {d.firstHref ? (
          <Link to={d.firstHref} className="button secondary">
            ← В начало
          </Link>
        ) : (
          <span />
        )}
        <span />
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
