// Settings: this cabinet (status, WB token facts and warnings, replacing the token, disconnecting),
// its members and roles with invite links, the user's notification settings for it, the user's
// personal API tokens, and connecting another cabinet. Every action states the role it needs and
// is checked on the server; the page only hides what the role cannot do.

import type { ReactNode } from "react";
import { Form, data, redirect, useActionData, useNavigation } from "react-router";

import { NOTIFICATION_KINDS, type NotificationKind, STOCK_THRESHOLD_CHOICES, TIME_ZONES } from "../../workers/bot/notification-prefs";
import { AI_REPLY_TONES, type AiReplyTone } from "../../db/schema";
import { SIGNATURE_MAX_CHARS, getReplySettings, updateReplySettings } from "../../workers/ai/review-drafts";
import { ROLE_LABELS, listUserCabinets } from "../../workers/cabinets/access";
import { replaceCabinetToken } from "../../workers/cabinets/replace-token";
import { tokenWarnings } from "../../workers/domain/token-warnings";
import { ProblemError } from "../../workers/http/problem";
import { listApiTokens, revokeApiToken } from "../../workers/queries/api-tokens";
import { disconnectCabinet } from "../../workers/queries/cabinet";
import { setMemberRole } from "../../workers/queries/member-roles";
import { INVITE_PREFIX, createInvite, listMembers, removeMember } from "../../workers/queries/members";
import { getNotificationSettings, setUserTimeZone, updateNotificationSettings } from "../../workers/queries/notification-settings";
import { issueApiToken } from "../../workers/users/api-tokens";
import { WB_CATEGORY_LABELS } from "../../workers/wb/categories";
import { ConnectCabinetForm } from "../components/connect-form";
import { CsrfField, Notice, PageError, PageTitle, useCabinetLayout } from "../components/ui";
import { envOf, formText, readCheckedForm, requireCabinet, requireRole } from "../lib/auth.server";
import { sellerBotUsername } from "../lib/bot.server";
import { connectFromForm } from "../lib/connect.server";
import { fmtAgo, fmtMoscow } from "../lib/format";
import type { Route } from "./+types/cabinet.settings";

export function meta(): Route.MetaDescriptors {
  return [{ title: "Настройки — WB Assist" }];
}

const KIND_LABELS: Record<NotificationKind, string> = {
  new_orders: "Новые заказы",
  stock_low: "Товар заканчивается",
  stock_zero: "Товар закончился",
  new_reviews: "Новые отзывы (негативные — отдельно)",
  new_questions: "Новые вопросы",
  sync_problems: "Проблемы с синхронизацией и токеном WB",
  daily_summary: "Ежедневная сводка в 09:00",
  weekly_digest: "Недельный дайджест по понедельникам",
};

const ZONE_LABELS: Record<string, string> = {
  "Europe/Kaliningrad": "Калининград (МСК−1)",
  "Europe/Moscow": "Москва (МСК)",
  "Europe/Samara": "Самара (МСК+1)",
  "Asia/Yekaterinburg": "Екатеринбург (МСК+2)",
  "Asia/Omsk": "Омск (МСК+3)",
  "Asia/Novosibirsk": "Новосибирск (МСК+4)",
  "Asia/Irkutsk": "Иркутск (МСК+5)",
  "Asia/Yakutsk": "Якутск (МСК+6)",
  "Asia/Vladivostok": "Владивосток (МСК+7)",
  "Asia/Magadan": "Магадан (МСК+8)",
  "Asia/Kamchatka": "Камчатка (МСК+9)",
};

const TOKEN_TYPE_LABELS = { base: "базовый", test: "тестовый", personal: "персональный", service: "сервисный" } as const;
const STATUS_LABELS = { active: "работает", token_invalid: "токен недействителен", paused: "приостановлен" } as const;

const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, "0")}:${String(min % 60).padStart(2, "0")}`;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { viewer, auth, db } = await requireCabinet(request, context, params.cabinetId);
  const now = new Date();
  const c = auth.cabinet;
  const [members, notifications, tokens, cabinets, aiReplies] = await Promise.all([
    listMembers(db, auth),
    getNotificationSettings(db, auth),
    listApiTokens(db, viewer.userId),
    listUserCabinets(db, viewer.userId),
    getReplySettings(db, auth),
  ]);
  const env = envOf(context);
  return {
    me: viewer.userId,
    aiReplies: { tone: aiReplies.tone, signature: aiReplies.signature ?? "", autoSendPositive: aiReplies.autoSendPositive },
    roleLabels: ROLE_LABELS,
    sandbox: env.WB_SANDBOX === "1",
    botConfigured: sellerBotUsername(env) !== null,
    cabinet: {
      name: c.name,
      isDemo: c.isDemo,
      status: STATUS_LABELS[c.status],
      active: c.status === "active",
      statusReason: c.statusReason,
      tokenType: TOKEN_TYPE_LABELS[c.tokenType],
      categories: c.tokenCategories.map((k) => WB_CATEGORY_LABELS[k] ?? k),
      readOnly: c.tokenReadOnly,
      expiresAt: c.tokenExpiresAt ? fmtMoscow(c.tokenExpiresAt).slice(0, 10) : null,
      connectedAt: fmtMoscow(c.createdAt).slice(0, 10),
      warnings: tokenWarnings({ type: c.tokenType, categories: c.tokenCategories, readOnly: c.tokenReadOnly, expiresAt: c.tokenExpiresAt }, now, Boolean(c.clientSecretCiphertext)).map((w) => w.message),
    },
    members: members.map((m) => ({
      userId: m.userId,
      name: m.firstName || (m.username ? `@${m.username}` : `Пользователь ${m.userId}`),
      username: m.username,
      role: m.role,
      roleLabel: ROLE_LABELS[m.role],
      since: fmtMoscow(m.addedAt).slice(0, 10),
    })),
    notifications: {
      enabled: notifications.enabled,
      threshold: notifications.stockThresholdDays,
      quiet: notifications.quietHours ? { start: hhmm(notifications.quietHours.startMin), end: hhmm(notifications.quietHours.endMin) } : null,
      timeZone: notifications.timeZone,
    },
    tokens: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      created: fmtMoscow(t.createdAt).slice(0, 10),
      lastUsed: t.lastUsedAt ? fmtAgo(t.lastUsedAt, now) : "не использовался",
      expires: t.expiresAt ? fmtMoscow(t.expiresAt).slice(0, 10) : null,
    })),
    cabinetCount: cabinets.length,
  };
}

type Result = { intent: string; ok: boolean; message: string; secret?: string; link?: string };

function done(intent: string, message: string, extra: Partial<Result> = {}): Result {
  return { intent, ok: true, message, ...extra };
}

function refused(intent: string, message: string, status = 422) {
  return data<Result>({ intent, ok: false, message }, { status });
}

function parseTime(value: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : null;
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { viewer, db } = await requireCabinet(request, context, params.cabinetId);
  const form = await readCheckedForm(request, viewer);
  const intent = formText(form, "intent");
  const env = envOf(context);
  const now = new Date();
  const cabinetId = params.cabinetId;
  try {
    switch (intent) {
      case "notifications": {
        const auth = await requireRole(db, viewer, cabinetId, "viewer");
        const enabledKinds: Partial<Record<NotificationKind, boolean>> = {};
        for (const kind of NOTIFICATION_KINDS) enabledKinds[kind] = form.get(`kind:${kind}`) === "on";
        const threshold = Number(formText(form, "threshold"));
        if (!(STOCK_THRESHOLD_CHOICES as readonly number[]).includes(threshold)) return refused(intent, "Выберите порог остатка из списка.", 400);
        let quietHours: { startMin: number; endMin: number } | null = null;
        if (form.get("quiet") === "on") {
          const start = parseTime(formText(form, "quietStart"));
          const end = parseTime(formText(form, "quietEnd"));
          if (start === null || end === null || start === end) return refused(intent, "Тихие часы: укажите начало и конец, например 23:00 и 08:00.", 400);
          quietHours = { startMin: start, endMin: end };
        }
        const zone = formText(form, "timeZone");
        if (!(TIME_ZONES as readonly string[]).includes(zone)) return refused(intent, "Выберите часовой пояс из списка.", 400);
        await updateNotificationSettings(db, auth, { enabledKinds, stockThresholdDays: threshold, quietHours }, now);
        await setUserTimeZone(db, viewer.userId, zone);
        return done(intent, "Настройки уведомлений сохранены.");
      }
      case "ai_replies": {
        const auth = await requireRole(db, viewer, cabinetId, "manager");
        const tone = formText(form, "tone");
        if (!(AI_REPLY_TONES as readonly string[]).includes(tone)) return refused(intent, "Выберите тон из списка.", 400);
        const signature = formText(form, "signature").trim();
        if (Array.from(signature).length > SIGNATURE_MAX_CHARS) return refused(intent, `Подпись — не длиннее ${SIGNATURE_MAX_CHARS} символов.`, 400);
        await updateReplySettings(db, auth, { tone: tone as AiReplyTone, signature: signature || null, autoSendPositive: form.get("autoSend") === "on" }, now);
        return done(intent, "Настройки ИИ-ответов сохранены.");
      }
      case "replace_token": {
        const auth = await requireRole(db, viewer, cabinetId, "owner");
        const result = await replaceCabinetToken(db, env, auth, formText(form, "token"), now);
        const tail = result.warnings.length ? ` Обратите внимание: ${result.warnings.map((w) => w.message).join(" ")}` : "";
        return done(intent, `Токен заменён, синхронизация продолжится в ближайшие минуты.${tail}`);
      }
      case "invite": {
        const auth = await requireRole(db, viewer, cabinetId, "owner");
        const role = formText(form, "role") === "manager" ? "manager" : "viewer";
        const invite = await createInvite(db, auth, role, now);
        const bot = sellerBotUsername(env);
        const code = `${INVITE_PREFIX}${invite.token}`;
        const until = fmtMoscow(invite.expiresAt).slice(0, 10);
        return bot
          ? done(intent, `Приглашение с ролью «${ROLE_LABELS[role]}» действует до ${until} и сработает один раз. Отправьте ссылку тому, кого приглашаете.`, { link: `https://t.me/${bot}?start=${code}` })
          : done(intent, `Имя бота не задано на этом сервере (TELEGRAM_SELLER_BOT_USERNAME), поэтому ссылки нет — вот код приглашения (роль «${ROLE_LABELS[role]}», до ${until}, один раз). Его принимает бот: /start ${code}`, { secret: code });
      }
      case "set_role": {
        const auth = await requireRole(db, viewer, cabinetId, "owner");
        const role = formText(form, "role");
        if (role !== "manager" && role !== "viewer") return refused(intent, "Роль может быть «менеджер» или «наблюдатель».", 400);
        const result = await setMemberRole(db, auth, Number(formText(form, "userId")), role);
        if (result === "is_owner") return refused(intent, "Роль владельца здесь не меняется.");
        if (result === "not_member") return refused(intent, "Этот пользователь уже не участник кабинета.", 404);
        return done(intent, `Роль изменена на «${ROLE_LABELS[role]}».`);
      }
      case "remove_member": {
        const auth = await requireRole(db, viewer, cabinetId, "owner");
        const result = await removeMember(db, auth, Number(formText(form, "userId")));
        if (result === "is_owner") return refused(intent, "Владельца нельзя удалить из кабинета.");
        if (result === "not_member") return refused(intent, "Этот пользователь уже не участник кабинета.", 404);
        return done(intent, "Участник удалён: он больше не видит данные кабинета и не получает уведомления.");
      }
      case "disconnect": {
        const auth = await requireRole(db, viewer, cabinetId, "owner");
        if (formText(form, "confirm").trim() !== auth.cabinet.name) {
          return refused(intent, "Чтобы отключить кабинет, введите его название точно так, как оно написано.", 400);
        }
        await disconnectCabinet(db, auth);
        return redirect("/");
      }
      case "create_token": {
        const name = formText(form, "name").trim();
        if (name.length < 1 || name.length > 100) return refused(intent, "Назовите токен (до 100 символов), чтобы потом его узнать.", 400);
        const issued = await issueApiToken(db, viewer.userId, name);
        return done(intent, `Токен «${issued.name}» выпущен. Скопируйте его сейчас — больше он показан не будет.`, { secret: issued.token });
      }
      case "revoke_token": {
        const ok = await revokeApiToken(db, viewer.userId, formText(form, "id"), now);
        return ok ? done(intent, "Токен отозван: запросы с ним больше не принимаются.") : refused(intent, "Токен не найден или уже отозван.", 404);
      }
      case "connect": {
        const result = await connectFromForm(form, viewer, context, new URL(request.url).origin);
        if (result.ok) return redirect(result.location);
        return refused(intent, result.error, result.status);
      }
      default:
        return refused(intent, "Неизвестное действие.", 400);
    }
  } catch (error) {
    if (error instanceof ProblemError && error.problem.status !== 403 && error.problem.status !== 404) return refused(intent, error.problem.detail, error.problem.status);
    throw error;
  }
}

function Section({ id, title, children, note }: { id: string; title: string; children: ReactNode; note?: ReactNode }) {
  return (
    <section id={id} className="card settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {note ? <p className="muted small">{note}</p> : null}
      {children}
    </section>
  );
}

/** The outcome of this section's last action, shown inside the section. */
function Outcome({ intents }: { intents: string[] }) {
  const result = useActionData<typeof action>();
  if (!result || !intents.includes(result.intent)) return null;
  return (
    <Notice tone={result.ok ? "ok" : "error"} testId={`outcome-${result.intent}`}>
      <p>{result.message}</p>
      {result.link ? (
        <p>
          <input className="copy-field" readOnly value={result.link} onFocus={(e) => e.currentTarget.select()} aria-label="Ссылка-приглашение" data-testid="invite-link" />
        </p>
      ) : null}
      {result.secret ? (
        <p>
          <input className="copy-field mono" readOnly value={result.secret} onFocus={(e) => e.currentTarget.select()} aria-label="Секрет" data-testid="secret-value" />
        </p>
      ) : null}
    </Notice>
  );
}

function Submit({ intent, children, tone = "primary" }: { intent: string; children: ReactNode; tone?: "primary" | "secondary" | "danger" }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <button type="submit" name="intent" value={intent} className={`button ${tone === "primary" ? "" : tone}`} disabled={busy}>
      {busy ? "Сохраняем…" : children}
    </button>
  );
}

export default function Settings({ loaderData: d }: Route.ComponentProps) {
  const { role, csrf } = useCabinetLayout();
  const owner = role === "owner";
  const n = d.notifications;
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageTitle title="Настройки" />
      <nav className="toc" aria-label="Разделы настроек">
        <a href="#cabinet">Кабинет</a>
        <a href="#members">Участники</a>
        <a href="#notifications">Уведомления</a>
        <a href="#ai-replies">ИИ-ответы</a>
        <a href="#tokens">API-токены</a>
        <a href="#connect">Другие кабинеты</a>
      </nav>

      <Section id="cabinet" title="Кабинет">
        <dl className="facts">
          <div>
            <dt>Название</dt>
            <dd>{d.cabinet.name}</dd>
          </div>
          <div>
            <dt>Состояние</dt>
            <dd>
              <span className={`badge ${d.cabinet.active ? "badge-ok" : "badge-critical"}`}>{d.cabinet.status}</span>
              {d.cabinet.statusReason ? <span className="muted"> {d.cabinet.statusReason}</span> : null}
            </dd>
          </div>
          <div>
            <dt>Токен WB</dt>
            <dd>
              {d.cabinet.tokenType}
              {d.cabinet.readOnly ? ", только чтение" : ""}
              {d.cabinet.expiresAt ? `, действует до ${d.cabinet.expiresAt}` : ""}
            </dd>
          </div>
          <div>
            <dt>Категории токена</dt>
            <dd>{d.cabinet.categories.join(", ") || "—"}</dd>
          </div>
          <div>
            <dt>Подключён</dt>
            <dd>{d.cabinet.connectedAt}</dd>
          </div>
        </dl>
        {d.cabinet.warnings.map((w) => (
          <Notice key={w} tone="warn">
            {w}
          </Notice>
        ))}
        <Outcome intents={["replace_token", "disconnect"]} />
        {owner ? (
          <>
            <Form method="post" className="form">
              <CsrfField token={csrf} />
              <label>
                Новый токен WB API
                <textarea name="token" rows={2} required minLength={20} autoComplete="off" spellCheck={false} placeholder="eyJhbGciOi…" />
              </label>
              <p className="hint">Токен того же магазина WB. Мы проверим его в WB, сохраним зашифрованным и больше нигде не покажем.</p>
              <Submit intent="replace_token">Заменить токен</Submit>
            </Form>
            <details className="danger-zone">
              <summary>Отключить кабинет</summary>
              <Form method="post" className="form">
                <CsrfField token={csrf} />
                <p>Будут удалены токен, участники и все загруженные данные кабинета. Отменить нельзя.</p>
                <label>
                  Введите название кабинета «{d.cabinet.name}»
                  <input name="confirm" required autoComplete="off" />
                </label>
                <Submit intent="disconnect" tone="danger">
                  Отключить и удалить данные
                </Submit>
              </Form>
            </details>
          </>
        ) : (
          <p className="muted small">Токен заменяет и кабинет отключает владелец.</p>
        )}
      </Section>

      <Section id="members" title="Участники и роли" note="Владелец управляет всем; менеджер отвечает на отзывы и запускает синхронизацию; наблюдатель только смотрит.">
        <Outcome intents={["invite", "set_role", "remove_member"]} />
        <ul className="member-list" data-testid="members">
          {d.members.map((m) => (
            <li key={m.userId} className="member">
              <span>
                <span className="strong">{m.name}</span>
                {m.username && m.name !== `@${m.username}` ? <span className="muted"> @{m.username}</span> : null}
                {m.userId === d.me ? <span className="muted"> (вы)</span> : null}
                <span className="muted block small">с {m.since}</span>
              </span>
              {owner && m.role !== "owner" ? (
                <span className="member-actions">
                  <Form method="post" className="form-inline">
                    <CsrfField token={csrf} />
                    <input type="hidden" name="userId" value={m.userId} />
                    <select name="role" defaultValue={m.role} aria-label={`Роль: ${m.name}`}>
                      {(["manager", "viewer"] as const).map((r) => (
                        <option key={r} value={r}>
                          {d.roleLabels[r]}
                        </option>
                      ))}
                    </select>
                    <Submit intent="set_role" tone="secondary">
                      Сохранить
                    </Submit>
                  </Form>
                  <Form method="post" className="form-inline">
                    <CsrfField token={csrf} />
                    <input type="hidden" name="userId" value={m.userId} />
                    <Submit intent="remove_member" tone="danger">
                      Удалить
                    </Submit>
                  </Form>
                </span>
              ) : (
                <span className="badge badge-muted">{m.roleLabel}</span>
              )}
            </li>
          ))}
        </ul>
        {owner ? (
          <Form method="post" className="form-inline invite">
            <CsrfField token={csrf} />
            <label>
              Пригласить с ролью
              <select name="role" defaultValue="viewer">
                <option value="manager">{d.roleLabels.manager}</option>
                <option value="viewer">{d.roleLabels.viewer}</option>
              </select>
            </label>
            <Submit intent="invite">Создать ссылку-приглашение</Submit>
          </Form>
        ) : null}
        {owner && !d.botConfigured ? <p className="muted small">Приглашение принимается в Telegram-боте; имя бота на этом сервере не задано, поэтому вместо ссылки будет код.</p> : null}
      </Section>

      <Section id="notifications" title="Уведомления в Telegram" note="Настройки ваши и только для этого кабинета.">
        <Outcome intents={["notifications"]} />
        <Form method="post" className="form">
          <CsrfField token={csrf} />
          <fieldset className="checks">
            <legend>Что присылать</legend>
            {NOTIFICATION_KINDS.map((kind) => (
              <label key={kind} className="check">
                <input type="checkbox" name={`kind:${kind}`} defaultChecked={n.enabled[kind]} />
                {KIND_LABELS[kind]}
              </label>
            ))}
          </fieldset>
          <label>
            Предупреждать, когда запаса меньше
            <select name="threshold" defaultValue={String(n.threshold)}>
              {STOCK_THRESHOLD_CHOICES.map((t) => (
                <option key={t} value={t}>
                  {t} дней
                </option>
              ))}
            </select>
          </label>
          <fieldset className="quiet">
            <legend>Тихие часы</legend>
            <label className="check">
              <input type="checkbox" name="quiet" defaultChecked={n.quiet !== null} />
              Не присылать уведомления ночью (придут утром)
            </label>
            <span className="form-inline">
              <label>
                с <input type="time" name="quietStart" defaultValue={n.quiet?.start ?? "23:00"} />
              </label>
              <label>
                до <input type="time" name="quietEnd" defaultValue={n.quiet?.end ?? "08:00"} />
              </label>
            </span>
          </fieldset>
          <label>
            Часовой пояс
            <select name="timeZone" defaultValue={n.timeZone}>
              {TIME_ZONES.map((z) => (
                <option key={z} value={z}>
                  {ZONE_LABELS[z] ?? z}
                </option>
              ))}
            </select>
          </label>
          <Submit intent="notifications">Сохранить</Submit>
        </Form>
      </Section>

      <Section id="ai-replies" title="ИИ-ответы на отзывы" note="Для всего кабинета: как звучат черновики ИИ и отвечает ли он сам на хорошие отзывы.">
        <Outcome intents={["ai_replies"]} />
        {role === "viewer" ? (
          <p className="muted small">Менять эти настройки могут владелец и менеджеры.</p>
        ) : (
          <Form method="post" className="form" data-testid="ai-replies-form">
            <CsrfField token={csrf} />
            <label>
              Тон черновиков
              <select name="tone" defaultValue={d.aiReplies.tone}>
                <option value="friendly">Дружелюбный</option>
                <option value="formal">Официальный</option>
                <option value="brief">Краткий</option>
              </select>
            </label>
            <label>
              Подпись
              <input type="text" name="signature" maxLength={SIGNATURE_MAX_CHARS} defaultValue={d.aiReplies.signature} placeholder="С уважением, команда бренда" />
            </label>
            <label className="check">
              <input type="checkbox" name="autoSend" defaultChecked={d.aiReplies.autoSendPositive} />
              Отвечать на новые отзывы 4–5★ автоматически
            </label>
            <p className="muted small">Отзывы на 1–3★ — всегда черновик на согласование. Автоответ касается только отзывов, пришедших после включения; на один отзыв уходит не больше одного ответа.</p>
            <Submit intent="ai_replies">Сохранить</Submit>
          </Form>
        )}
      </Section>

      <Section
        id="tokens"
        title="Персональные API-токены"
        note={
          <>
            Для своих скриптов и интеграций: заголовок <code>Authorization: Bearer …</code>, документация — <a href="/api/docs">/api/docs</a>. Токен
            видит все ваши кабинеты с вашими правами.
          </>
        }
      >
        <Outcome intents={["create_token", "revoke_token"]} />
        {d.tokens.length === 0 ? (
          <p className="muted">Токенов пока нет.</p>
        ) : (
          <ul className="token-list">
            {d.tokens.map((t) => (
              <li key={t.id}>
                <span>
                  <span className="strong">{t.name}</span> <span className="mono muted">{t.prefix}…</span>
                  <span className="muted block small">
                    выпущен {t.created}, {t.lastUsed}
                    {t.expires ? `, до ${t.expires}` : ""}
                  </span>
                </span>
                <Form method="post" className="form-inline">
                  <CsrfField token={csrf} />
                  <input type="hidden" name="id" value={t.id} />
                  <Submit intent="revoke_token" tone="danger">
                    Отозвать
                  </Submit>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" className="form-inline">
          <CsrfField token={csrf} />
          <label>
            Название
            <input name="name" required maxLength={100} placeholder="Например, «Google Таблицы»" />
          </label>
          <Submit intent="create_token">Выпустить токен</Submit>
        </Form>
      </Section>

      <Section id="connect" title="Другие кабинеты" note={`У вас ${d.cabinetCount} ${d.cabinetCount === 1 ? "кабинет" : "кабинета(ов)"}; переключаются они в шапке.`}>
        <ConnectCabinetForm csrf={csrf} sandbox={d.sandbox} error={actionData?.intent === "connect" && !actionData.ok ? actionData.message : undefined} />
      </Section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <PageError error={error} />;
}

