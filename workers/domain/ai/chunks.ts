// RAG chunks: the text the assistant may be shown about a cabinet's cards, reviews and questions,
// and about the knowledge base. Russian labels («Карточка», «Отзыв ★4», «арт.», «nmID») so the
// model can name what it cites; one chunk per review or question, cards split at sentences.

import type { AiChunkKind, CardCharacteristic } from "../../../db/schema";
import { toMoscowDate } from "../moscow-time";

/** Longest chunk text; a longer card is split, each piece repeating the card's header. */
export const MAX_CHUNK_CHARS = 1_200;

export interface ChunkDraft {
  kind: AiChunkKind;
  /** Stable inside the scope: `card:<nmId>:<n>`, `feedback:<id>`, `question:<id>`, `kb:<slug>:<n>`. */
  key: string;
  nmId: number | null;
  text: string;
}

export interface CardSource {
  nmId: number;
  vendorCode: string | null;
  title: string | null;
  brand: string | null;
  subjectName: string | null;
  description: string | null;
  characteristics: CardCharacteristic[] | null;
}

export interface FeedbackSource {
  id: string;
  nmId: number;
  productName: string | null;
  supplierArticle: string | null;
  rating: number;
  text: string | null;
  pros: string | null;
  cons: string | null;
  answerText: string | null;
  createdAt: Date;
}

export interface QuestionSource {
  id: string;
  nmId: number;
  productName: string | null;
  supplierArticle: string | null;
  text: string;
  answerText: string | null;
  createdAt: Date;
}

export interface KnowledgeArticle {
  slug: string;
  title: string;
  body: string;
}

const clean = (s: string | null | undefined): string => (s ?? "").replace(/\s+/g, " ").trim();

function productLabel(name: string | null, article: string | null, nmId: number): string {
  const parts = [clean(name) || "товар"];
  if (clean(article)) parts.push(`арт. ${clean(article)}`);
  parts.push(`nmID ${nmId}`);
  return `${parts[0]} (${parts.slice(1).join(", ")})`;
}

function characteristicValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(characteristicValue).filter(Boolean).join(", ");
  if (value === null || value === undefined) return "";
  return clean(String(value));
}

/** Pieces of `body` of at most `max` chars, cut at sentence ends (or spaces) where possible. */
export function splitText(body: string, max: number): string[] {
  const text = clean(body);
  if (text.length <= max) return text ? [text] : [];
  const sentences = text.match(/[^.!?…]+[.!?…]*\s*/g) ?? [text];
  const pieces: string[] = [];
  let current = "";
  for (const sentence of sentences) {
    if ((current + sentence).length <= max) {
      current += sentence;
      continue;
    }
    if (current.trim()) pieces.push(current.trim());
    let rest = sentence;
    while (rest.length > max) {
      const cut = rest.lastIndexOf(" ", max);
      const at = cut > max / 2 ? cut : max;
      pieces.push(rest.slice(0, at).trim());
      rest = rest.slice(at);
    }
    current = rest;
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces;
}

export function cardChunks(card: CardSource): ChunkDraft[] {
  const header = `Карточка: ${clean(card.title) || "без названия"} (арт. ${clean(card.vendorCode) || "—"}, nmID ${card.nmId})`;
  const facts = [clean(card.brand) && `Бренд: ${clean(card.brand)}.`, clean(card.subjectName) && `Предмет: ${clean(card.subjectName)}.`].filter(Boolean).join(" ");
  const characteristics = (card.characteristics ?? [])
    .map((c) => {
      const v = characteristicValue(c.value);
      return v ? `${clean(c.name)}: ${v}` : "";
    })
    .filter(Boolean)
    .join("; ");
  const body = [facts, characteristics && `Характеристики: ${characteristics}.`, clean(card.description) && `Описание: ${clean(card.description)}`].filter(Boolean).join(" ");
  const room = Math.max(200, MAX_CHUNK_CHARS - header.length - 2);
  const pieces = splitText(body, room);
  if (pieces.length === 0) pieces.push("");
  return pieces.map((piece, n) => ({ kind: "card", key: `card:${card.nmId}:${n}`, nmId: card.nmId, text: `${header}. ${piece}`.trim() }));
}

/** One chunk per review with any text; a review of stars alone says nothing to retrieve. */
export function feedbackChunk(f: FeedbackSource): ChunkDraft | null {
  const parts = [clean(f.text), clean(f.pros) && `Достоинства: ${clean(f.pros)}`, clean(f.cons) && `Недостатки: ${clean(f.cons)}`].filter(Boolean);
  if (parts.length === 0) return null;
  const answer = clean(f.answerText) ? ` Ответ продавца: ${clean(f.answerText)}` : " Ответа продавца пока нет.";
  const text = `Отзыв ★${f.rating} на ${productLabel(f.productName, f.supplierArticle, f.nmId)} от ${toMoscowDate(f.createdAt)}: ${parts.join(". ")}.${answer}`;
  return { kind: "feedback", key: `feedback:${f.id}`, nmId: f.nmId, text: text.slice(0, MAX_CHUNK_CHARS * 2) };
}

export function questionChunk(q: QuestionSource): ChunkDraft | null {
  if (!clean(q.text)) return null;
  const answer = clean(q.answerText) ? ` Ответ продавца: ${clean(q.answerText)}` : " Ответа пока нет.";
  const text = `Вопрос покупателя о ${productLabel(q.productName, q.supplierArticle, q.nmId)} от ${toMoscowDate(q.createdAt)}: ${clean(q.text)}${answer}`;
  return { kind: "question", key: `question:${q.id}`, nmId: q.nmId, text: text.slice(0, MAX_CHUNK_CHARS * 2) };
}

export function knowledgeChunks(article: KnowledgeArticle): ChunkDraft[] {
  const header = `База знаний WB — ${article.title}`;
  return splitText(article.body, MAX_CHUNK_CHARS - header.length - 2).map((piece, n) => ({ kind: "kb", key: `kb:${article.slug}:${n}`, nmId: null, text: `${header}. ${piece}` }));
}

/** 64-bit non-cryptographic hash as 16 hex chars (cyrb53-style pair): change detection and short ids. */
export function shortHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

/** The vector id of a chunk: short (Vectorize allows 64 bytes), and distinct per scope and key. */
export function chunkId(scope: string, key: string): string {
  return `${shortHash(`${scope}\u0000${key}`)}${shortHash(`${key}\u0000${scope}`)}`;
}
