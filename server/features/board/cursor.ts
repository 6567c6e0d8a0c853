/**
 * Keyset cursors: where a page ended, as an opaque string. A cursor is the (time, id) of the last
 * item, so the next page starts right after it however many posts arrive meanwhile.
 */
import { UUID_PATTERN } from "../../../core/ids";
import { fieldError } from "../../errors";
import type { Position } from "./repository";

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString("base64url");
}

/** The position a cursor names; null for none; 400 naming `cursor` for anything else. */
export function decodeCursor(cursor: string | undefined): Position | null {
  if (cursor === undefined || cursor === "") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === 2) {
    const [at, id] = parsed as unknown[];
    if (typeof at === "string" && ISO_INSTANT.test(at) && typeof id === "string" && UUID_PATTERN.test(id)) return { at, id };
  }
  throw fieldError("cursor", "is not a cursor this list gave out");
}

/** The page and the cursor for the next one: `rows` holds one more than `limit` when there is more. */
export function paged<T>(rows: T[], limit: number, positionOf: (row: T) => Position): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}
