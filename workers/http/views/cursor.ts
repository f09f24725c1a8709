// Opaque page cursors: base64url of a small JSON tuple tagged with the list it belongs to, so a
// cursor from one list is refused by another instead of silently paging the wrong rows.

import { problems } from "../problem";

const INVALID = "Параметр cursor повреждён или относится к другому списку. Начните с первой страницы (без cursor).";

export function encodeCursor(kind: string, values: readonly (string | number | boolean)[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify([kind, ...values]));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The cursor's values, or a 400 problem when it is not one of `kind`'s cursors. */
export function decodeCursor(kind: string, cursor: string): unknown[] {
  let parsed: unknown;
  try {
    const binary = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    parsed = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0))));
  } catch {
    throw problems.badRequest(INVALID);
  }
  if (!Array.isArray(parsed) || parsed[0] !== kind) throw problems.badRequest(INVALID);
  return parsed.slice(1);
}

export function cursorProblem() {
  return problems.badRequest(INVALID);
}

/** (time, id) cursors of the orders and sales lists. */
export function decodeTimeIdCursor(kind: string, cursor: string): { at: number; id: string } {
  const [at, id, ...rest] = decodeCursor(kind, cursor);
  if (typeof at !== "number" || !Number.isSafeInteger(at) || typeof id !== "string" || rest.length > 0) throw cursorProblem();
  return { at, id };
}
