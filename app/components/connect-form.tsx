// Connecting a WB cabinet by its API token (and, with the sandbox on, a demo cabinet). Posts to
// the page's own action (onboarding and settings both handle intent=connect).

import { Form, useNavigation } from "react-router";

import { CsrfField, Notice } from "./ui";

export function ConnectCabinetForm({ csrf, sandbox, error }: { csrf: string; sandbox: boolean; error?: string }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "connect";
  return (
    <div className="connect">
      {error ? (
        <Notice tone="error" testId="connect-error">
          {error}
        </Notice>
      ) : null}
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="connect" />
        <CsrfField token={csrf} />
        <label>
          Токен WB API
          <textarea name="token" rows={3} required minLength={20} placeholder="eyJhbGciOi…" autoComplete="off" spellCheck={false} />
        </label>
        <p className="hint">
          Создайте токен в кабинете продавца WB: «Настройки → Доступ к API». Нужны категории «Статистика», «Контент», «Цены и скидки», «Аналитика»,
          «Вопросы и отзывы», «Финансы». Токен хранится зашифрованным и никому не показывается.
        </p>
        <label>
          Название (необязательно)
          <input name="name" maxLength={100} placeholder="Например, «Основной магазин»" />
        </label>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Проверяем токен в WB…" : "Подключить кабинет"}
        </button>
      </Form>
      {sandbox ? (
        <Form method="post" className="form-inline">
          <CsrfField token={csrf} />
          <input type="hidden" name="intent" value="connect" />
          <input type="hidden" name="connect" value="demo" />
          <button type="submit" className="button secondary" disabled={busy}>
            Подключить демо-кабинет (песочница WB)
          </button>
        </Form>
      ) : null}
    </div>
  );
}

