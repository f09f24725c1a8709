// Russian names of WB token categories, as the seller sees them in the WB portal's token form.

import type { WbCategory } from "./methods";

export const WB_CATEGORY_LABELS: Record<WbCategory, string> = {
  content: "Контент",
  analytics: "Аналитика",
  prices: "Цены и скидки",
  marketplace: "Маркетплейс",
  statistics: "Статистика",
  promotion: "Продвижение",
  feedbacks: "Вопросы и отзывы",
  chat: "Чат с покупателями",
  supplies: "Поставки",
  returns: "Возвраты",
  documents: "Документы",
  finance: "Финансы",
  users: "Пользователи",
  common: "Общее",
};
