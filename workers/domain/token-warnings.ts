// What a seller should know about a WB token before relying on it: missing categories, a read-only
// token, low-limit token types and expiry. Pure: takes the decoded claims, returns Russian text.

import { WB_CATEGORY_LABELS } from "../wb/categories";
import type { WbCategory, WbTokenType } from "../wb/methods";

/** Categories the sync and the features need, with what breaks without each. */
export const NEEDED_CATEGORIES: readonly { category: WbCategory; usedFor: string }[] = [
  { category: "statistics", usedFor: "заказы и продажи" },
  { category: "content", usedFor: "карточки товаров" },
  { category: "prices", usedFor: "цены и скидки" },
  { category: "analytics", usedFor: "остатки на складах" },
  { category: "feedbacks", usedFor: "отзывы и вопросы" },
  { category: "finance", usedFor: "финансовый отчёт и юнит-экономику" },
];

export const EXPIRY_WARNING_DAYS = 14;

export interface TokenFacts {
  type: WbTokenType;
  categories: readonly WbCategory[];
  readOnly: boolean;
  expiresAt: Date | null;
}

export type TokenWarningCode = "missing_category" | "read_only" | "base_token" | "test_token" | "expires_soon" | "expired";

export interface TokenWarning {
  code: TokenWarningCode;
  message: string;
  category?: WbCategory;
}

const DAY_MS = 86_400_000;

export function tokenWarnings(token: TokenFacts, now: Date, hasClientSecret = false): TokenWarning[] {
  const warnings: TokenWarning[] = [];
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) {
    warnings.push({ code: "expired", message: "Срок действия токена истёк. Создайте новый токен в кабинете продавца WB." });
  } else if (token.expiresAt) {
    const daysLeft = Math.floor((token.expiresAt.getTime() - now.getTime()) / DAY_MS);
    if (daysLeft < EXPIRY_WARNING_DAYS) {
      warnings.push({
        code: "expires_soon",
        message: `Токен истекает через ${daysLeft} ${pluralDays(daysLeft)}, ${token.expiresAt.toLocaleDateString("ru-RU", { timeZone: "Europe/Moscow" })}. Заранее замените его новым.`,
      });
    }
  }
  for (const { category, usedFor } of NEEDED_CATEGORIES) {
    if (!token.categories.includes(category)) {
      warnings.push({
        code: "missing_category",
        category,
        message: `Нет доступа к категории «${WB_CATEGORY_LABELS[category]}»: не будет данных про ${usedFor}.`,
      });
    }
  }
  if (token.readOnly) {
    warnings.push({ code: "read_only", message: "Токен только на чтение: отвечать на отзывы и вопросы из WB Assist не получится." });
  }
  if (token.type === "base" && !hasClientSecret) {
    warnings.push({
      code: "base_token",
      message:
        "Это базовый токен: WB сильно ограничивает его частоту запросов (например, заказы — раз в 3 часа, отзывы — 5 раз в час). Данные будут обновляться реже; для частых обновлений нужен персональный токен.",
    });
  }
  if (token.type === "test") {
    warnings.push({ code: "test_token", message: "Это тестовый токен: он работает только с песочницей WB, реальных данных не будет." });
  }
  return warnings;
}

export function pluralDays(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return "день";
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return "дня";
  return "дней";
}
