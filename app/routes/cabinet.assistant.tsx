// The AI assistant page: the conversation with this cabinet's assistant (the answer streams in as
// it is written; without JavaScript the form posts and the page shows the whole answer), example
// questions, the day's remaining requests, and card texts written from a card's characteristics.

import { useRef, useState } from "react";
import { Form, data, useNavigation, useRevalidator } from "react-router";
import { asc, eq } from "drizzle-orm";

import { products } from "../../db/schema";
import { askAssistant, assistantHistory, assistantUsage, NOT_CONFIGURED_MESSAGE, QUESTION_MAX_CHARS, resetAssistant } from "../../workers/ai/assistant";
import { generateCardText, latestCardText } from "../../workers/ai/card-text";
import { aiProviderFor } from "../../workers/ai/provider";
import { CARD_DESCRIPTION_MAX, CARD_TITLE_MAX } from "../../workers/domain/ai/card-text-limits";
import { CsrfField, Notice, PageError, PageTitle, useCabinetLayout } from "../components/ui";
import { type AnswerView, type FailureView, outcomeView } from "../lib/assistant.server";
import { readEventStream } from "../lib/assistant-stream";
import { envOf, formText, readCheckedForm, requireCabinet, requireRole } from "../lib/auth.server";
import { fmtMoscow } from "../lib/format";
import type { Route } from "./+types/cabinet.assistant";

const EXAMPLES = ["Сколько заказов за 7 дней?", "Какие товары в топе за месяц?", "Что пишут в отзывах за месяц?", "Как покупатель может вернуть товар с браком?"];
const CARD_CHOICES = 500;

export function meta(): Route.MetaDescriptors {
  return [{ title: "ИИ-ассистент — WB Assist" }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { viewer, auth, db } = await requireCabinet(request, context, params.cabinetId);
  const env = envOf(context);
  const url = new URL(request.url);
  const nm = Number(url.searchParams.get("nm"));
  const [history, usage, cards, cardText] = await Promise.all([
    assistantHistory(env, auth),
    assistantUsage(env, viewer.userId),
    db.select({ nmId: products.nmId, vendorCode: products.vendorCode, title: products.title }).from(products).where(eq(products.cabinetId, auth.cabinet.id)).orderBy(asc(products.title), asc(products.nmId)).limit(CARD_CHOICES),
    Number.isSafeInteger(nm) && nm > 0 ? latestCardText(db, auth, nm) : Promise.resolve(null),
  ]);
  return {
    enabled: aiProviderFor(env) !== null,
    notConfigured: NOT_CONFIGURED_MESSAGE,
    history: history.map((t) => ({ role: t.role, content: t.content, at: fmtMoscow(t.at) })),
    usage: { remaining: usage.remaining, limit: usage.limit, resetsAt: fmtMoscow(usage.resetsAt) },
    cards,
    cardText: cardText ? { nmId: cardText.nmId, title: cardText.title, description: cardText.description, warnings: [] as string[] } : null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { viewer, auth, db } = await requireCabinet(request, context, params.cabinetId);
  const form = await readCheckedForm(request, viewer);
  const env = envOf(context);
  switch (formText(form, "intent")) {
    case "ask":
      return { intent: "ask" as const, result: outcomeView(await askAssistant(env, db, auth, formText(form, "question"))) };
    case "reset":
      await resetAssistant(env, auth);
      return { intent: "reset" as const };
    case "cardtext": {
      const writer = await requireRole(db, viewer, auth.cabinet.id, "manager");
      const nmId = Number(formText(form, "nmId"));
      if (!Number.isSafeInteger(nmId) || nmId <= 0) return { intent: "cardtext" as const, error: "Выберите карточку." };
      const outcome = await generateCardText(env, db, writer, nmId);
      if (outcome.kind === "generated") return { intent: "cardtext" as const, card: { nmId, title: outcome.title, description: outcome.description, warnings: outcome.warnings } };
      const message =
        outcome.kind === "missing"
          ? "Такой карточки нет в этом кабинете."
          : outcome.kind === "limit_reached"
            ? `Лимит запросов к ИИ на сегодня исчерпан (в день: ${outcome.limit}).`
            : outcome.message;
      return { intent: "cardtext" as const, error: message };
    }
    default:
      throw data({ message: "Неизвестное действие." }, { status: 400 });
  }
}

interface LiveTurn {
  question: string;
  answer: string;
  status: "streaming" | "done" | "error";
  result?: AnswerView | FailureView;
}

function Sources({ result }: { result: AnswerView }) {
  return (
    <div className="ai-meta muted small" data-testid="ai-meta">
      {result.tools.length > 0 ? (
        <details>
          <summary>Данные: {[...new Set(result.tools.map((t) => t.title))].join(", ")}</summary>
          {result.tools.map((t, i) => (
            <pre key={i} className="ai-tool" data-testid="ai-tool">
              {t.name}({JSON.stringify(t.arguments)}) → {JSON.stringify(t.result, null, 1)}
            </pre>
          ))}
        </details>
      ) : null}
      {result.sources.length > 0 ? <p>Источники: {result.sources.map((s) => s.title).join("; ")}</p> : null}
      <p>
        Осталось запросов сегодня: {result.remaining} из {result.limit}
      </p>
    </div>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button secondary small"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true));
      }}
    >
      {copied ? "Скопировано" : label}
    </button>
  );
}

export default function Assistant({ loaderData: d, actionData }: Route.ComponentProps) {
  const { csrf, cabinet, role } = useCabinetLayout();
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const questionRef = useRef<HTMLTextAreaElement>(null);
  const [live, setLive] = useState<LiveTurn | null>(null);
  const busy = live?.status === "streaming" || navigation.state === "submitting";
  const noJsAnswer = actionData && actionData.intent === "ask" ? actionData.result : null;
  const card = actionData && actionData.intent === "cardtext" && "card" in actionData ? actionData.card : d.cardText;
  const cardError = actionData && actionData.intent === "cardtext" && "error" in actionData ? actionData.error : null;

  async function ask(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const body = new FormData(form);
    const question = String(body.get("question") ?? "").trim();
    if (!question || busy) return;
    setLive({ question, answer: "", status: "streaming" });
    try {
      const response = await fetch(`/c/${cabinet.id}/assistant/chat`, { method: "POST", body, headers: { Accept: "text/event-stream" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await readEventStream(response, ({ event, data: payload }) => {
        if (event === "delta") setLive((t) => (t ? { ...t, answer: t.answer + String((payload as { text?: string }).text ?? "") } : t));
        if (event === "done") setLive((t) => (t ? { ...t, status: "done", answer: (payload as AnswerView).answer, result: payload as AnswerView } : t));
        if (event === "error") setLive((t) => (t ? { ...t, status: "error", result: payload as FailureView } : t));
      });
      if (questionRef.current) questionRef.current.value = "";
    } catch {
      setLive((t) => (t ? { ...t, status: "error", result: { ok: false, kind: "failed", message: "Связь прервалась. Попробуйте ещё раз." } } : t));
    }
    void revalidator.revalidate();
  }

  const liveDone = live && live.status !== "streaming";
  // After the stream, the reloaded history holds this exchange; show the live turn until it does.
  const lastHistory = d.history.at(-1);
  const liveInHistory = liveDone && live.status === "done" && lastHistory?.role === "assistant" && lastHistory.content === live.answer;

  return (
    <>
      <PageTitle title="ИИ-ассистент">
        <span className="muted" data-testid="ai-usage">
          Осталось запросов сегодня: {d.usage.remaining} из {d.usage.limit} · сброс {d.usage.resetsAt} МСК
        </span>
      </PageTitle>
      {!d.enabled ? <Notice tone="warn" testId="ai-not-configured">{d.notConfigured}</Notice> : null}

      <section className="card ai-chat" aria-label="Диалог с ассистентом">
        <ol className="ai-log" data-testid="ai-log">
          {d.history.length === 0 && !live ? <li className="muted">Спросите о продажах, остатках, отзывах, прибыли или правилах WB — ассистент ответит по данным кабинета «{cabinet.name}» и назовёт цифры.</li> : null}
          {d.history.map((turn, i) => (
            <li key={i} className={`ai-turn ai-${turn.role}`} data-testid={`ai-turn-${turn.role}`}>
              <span className="muted small">{turn.role === "user" ? "Вы" : "Ассистент"} · {turn.at}</span>
              <p>{turn.content}</p>
            </li>
          ))}
          {live && !liveInHistory ? (
            <>
              <li className="ai-turn ai-user">
                <span className="muted small">Вы</span>
                <p>{live.question}</p>
              </li>
              <li className="ai-turn ai-assistant" data-testid="ai-live" data-status={live.status} aria-live="polite">
                <span className="muted small">Ассистент{live.status === "streaming" ? " печатает…" : ""}</span>
                {live.answer ? <p data-testid="ai-live-text">{live.answer}</p> : null}
                {live.result && !live.result.ok ? <Notice tone="error" testId="ai-error">{live.result.message}</Notice> : null}
              </li>
            </>
          ) : null}
          {noJsAnswer ? (
            <li className="ai-turn ai-assistant">
              {noJsAnswer.ok ? <p>{noJsAnswer.answer}</p> : <Notice tone="error">{noJsAnswer.message}</Notice>}
            </li>
          ) : null}
        </ol>
        {live?.status === "done" && live.result?.ok ? <Sources result={live.result} /> : null}
        {noJsAnswer?.ok ? <Sources result={noJsAnswer} /> : null}

        <div className="chips" aria-label="Примеры вопросов">
          {EXAMPLES.map((q) => (
            <button
              key={q}
              type="button"
              className="chip"
              disabled={!d.enabled || busy}
              onClick={() => {
                if (questionRef.current) questionRef.current.value = q;
                formRef.current?.requestSubmit();
              }}
            >
              {q}
            </button>
          ))}
        </div>
        <Form method="post" ref={formRef} onSubmit={(e) => void ask(e)} className="ai-form" data-testid="ai-form">
          <CsrfField token={csrf} />
          <input type="hidden" name="intent" value="ask" />
          <label className="sr-only" htmlFor="ai-question">
            Вопрос
          </label>
          <textarea id="ai-question" ref={questionRef} name="question" rows={2} required maxLength={QUESTION_MAX_CHARS} placeholder="Например: на сколько дней хватит остатков KR-0202?" disabled={!d.enabled} />
          <button type="submit" className="button" disabled={!d.enabled || busy} data-testid="ai-send">
            {busy ? "Ассистент отвечает…" : "Спросить"}
          </button>
        </Form>
        {d.history.length > 0 ? (
          <Form method="post" className="inline-form">
            <CsrfField token={csrf} />
            <input type="hidden" name="intent" value="reset" />
            <button type="submit" className="button secondary small">
              Очистить историю
            </button>
          </Form>
        ) : null}
      </section>

      <section className="card" aria-label="Тексты карточек">
        <h2>Тексты карточек</h2>
        <p className="muted small">
          Название (до {CARD_TITLE_MAX} символов) и описание (1 000–{CARD_DESCRIPTION_MAX.toLocaleString("ru-RU")} символов) по характеристикам карточки. В карточку WB текст попадёт, только когда вы вставите его сами.
        </p>
        {role === "viewer" ? (
          <p className="muted small">Создавать тексты могут менеджер и владелец кабинета.</p>
        ) : (
          <Form method="post" className="filters compact-filters" data-testid="cardtext-form">
            <CsrfField token={csrf} />
            <input type="hidden" name="intent" value="cardtext" />
            <label>
              Карточка
              <select name="nmId" defaultValue={card?.nmId ?? ""} disabled={!d.enabled}>
                <option value="">— выберите —</option>
                {d.cards.map((c) => (
                  <option key={c.nmId} value={c.nmId}>
                    {c.title ?? "Без названия"} · {c.vendorCode ?? ""} · {c.nmId}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="button" disabled={!d.enabled || navigation.state === "submitting"}>
              Написать текст
            </button>
          </Form>
        )}
        {cardError ? <Notice tone="error">{cardError}</Notice> : null}
        {card ? (
          <div className="cardtext" data-testid="cardtext-result">
            <p className="muted small">
              Название: {Array.from(card.title).length}/{CARD_TITLE_MAX} <CopyButton text={card.title} label="Скопировать" />
            </p>
            <p className="strong" data-testid="cardtext-title">
              {card.title}
            </p>
            <p className="muted small">
              Описание: {Array.from(card.description).length}/{CARD_DESCRIPTION_MAX} <CopyButton text={card.description} label="Скопировать" />
            </p>
            <p className="cardtext-description">{card.description}</p>
            {card.warnings.map((w) => (
              <Notice key={w} tone="warn">
                {w}
              </Notice>
            ))}
          </div>
        ) : null}
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <PageError error={error} />;
}
