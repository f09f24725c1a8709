// Card title and description written by the model from the card's characteristics, fitted to
// WB's limits and kept (the latest per card) for the seller to copy.

import { and, eq } from "drizzle-orm";

import { type AiCardText, aiCardTexts, products } from "../../db/schema";
import type { AuthorizedCabinet } from "../cabinets/access";
import type { Db } from "../db/client";
import { CARD_DESCRIPTION_MAX, CARD_DESCRIPTION_MIN, CARD_TITLE_MAX, fitCardText } from "../domain/ai/card-text-limits";
import { cardTextSystemPrompt, cardTextUserPrompt } from "../domain/ai/prompts";
import { NOT_CONFIGURED_MESSAGE, withQuotaUnit } from "./assistant";
import { aiProviderFor } from "./provider";
import { AiProviderError, type AiProvider } from "./types";

export type CardTextOutcome =
  | { kind: "generated"; nmId: number; title: string; description: string; titleLimit: number; descriptionLimit: number; warnings: string[] }
  | { kind: "missing" }
  | { kind: "limit_reached"; limit: number; resetsAt: Date }
  | { kind: "not_configured"; message: string }
  | { kind: "failed"; message: string };

function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(valueText).filter(Boolean).join(", ");
  return value === null || value === undefined ? "" : String(value).trim();
}

function parseCardJson(content: string): { title: string; description: string } | null {
  const start = content.indexOf("{");
  const end = content.lastIndexOf("}");
  if (start < 0 || end <= start) return null;
  try {
    const v = JSON.parse(content.slice(start, end + 1)) as Record<string, unknown>;
    return typeof v.title === "string" && typeof v.description === "string" && v.description.trim() !== "" ? { title: v.title, description: v.description } : null;
  } catch {
    return null;
  }
}

async function askForCardText(provider: AiProvider, system: string, user: string): Promise<{ title: string; description: string }> {
  // A model that answers in prose instead of JSON gets one more chance.
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = await provider.chat({ messages: [{ role: "system", content: system }, { role: "user", content: user }], temperature: 0.7, maxTokens: 2000, json: true });
    const parsed = parseCardJson(result.content);
    if (parsed) return parsed;
  }
  throw new AiProviderError("card text: no JSON", "ИИ не смог составить текст карточки. Попробуйте ещё раз.");
}

/** Manager or owner; one unit of the user's daily quota. */
export async function generateCardText(env: Env, db: Db, auth: AuthorizedCabinet, nmId: number, options: { now?: Date } = {}): Promise<CardTextOutcome> {
  const now = options.now ?? new Date();
  const provider = aiProviderFor(env);
  if (!provider) return { kind: "not_configured", message: NOT_CONFIGURED_MESSAGE };
  const [card] = await db.select().from(products).where(and(eq(products.cabinetId, auth.cabinet.id), eq(products.nmId, nmId))).limit(1);
  if (!card) return { kind: "missing" };
  const input = {
    title: card.title,
    brand: card.brand,
    subjectName: card.subjectName,
    vendorCode: card.vendorCode,
    description: card.description,
    characteristics: (card.characteristics ?? []).map((c) => ({ name: c.name, value: valueText(c.value) })).filter((c) => c.value !== ""),
    titleLimit: CARD_TITLE_MAX,
    descriptionMin: CARD_DESCRIPTION_MIN,
    descriptionMax: CARD_DESCRIPTION_MAX,
  };
  return withQuotaUnit<CardTextOutcome>(env, auth.userId, now, async () => {
    try {
      const raw = await askForCardText(provider, cardTextSystemPrompt(input), cardTextUserPrompt(input));
      const fitted = fitCardText(raw.title, raw.description);
      await db
        .insert(aiCardTexts)
        .values({ cabinetId: auth.cabinet.id, nmId, title: fitted.title, description: fitted.description, createdBy: auth.userId, createdAt: now })
        .onConflictDoUpdate({ target: [aiCardTexts.cabinetId, aiCardTexts.nmId], set: { title: fitted.title, description: fitted.description, createdBy: auth.userId, createdAt: now } });
      return {
        value: { kind: "generated", nmId, title: fitted.title, description: fitted.description, titleLimit: CARD_TITLE_MAX, descriptionLimit: CARD_DESCRIPTION_MAX, warnings: fitted.warnings },
        answered: true,
      };
    } catch (error) {
      if (error instanceof AiProviderError) return { value: { kind: "failed", message: error.userMessage }, answered: false };
      throw error;
    }
  });
}

export async function latestCardText(db: Db, auth: AuthorizedCabinet, nmId: number): Promise<AiCardText | null> {
  const [row] = await db.select().from(aiCardTexts).where(and(eq(aiCardTexts.cabinetId, auth.cabinet.id), eq(aiCardTexts.nmId, nmId))).limit(1);
  return row ?? null;
}
