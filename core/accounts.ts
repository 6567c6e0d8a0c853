import { z } from "zod";
import { RECOVERY_CODE_COUNT, UI_LANGUAGES } from "./vocabulary";

// The plain values live in vocabulary.ts (no zod), so the web app can use them; re-exported for the server.
export { RECOVERY_CODE_COUNT, UI_LANGUAGES };

/** The languages Kindred's interface speaks. */
export const UiLanguage = z.enum(UI_LANGUAGES);
export type UiLanguage = z.infer<typeof UiLanguage>;

/**
 * A handle is a pseudonym: letters, digits, dot, dash and underscore; 3 to 30 characters.
 * Stored as typed; compared case-insensitively (a lower-cased copy is unique).
 */
export const Handle = z
  .string()
  .trim()
  .min(3, "at least 3 characters")
  .max(30, "at most 30 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, dot, dash or underscore, starting with a letter or digit");

export const Password = z
  .string()
  .min(10, "at least 10 characters")
  .max(256, "at most 256 characters");

export const DisplayName = z.string().trim().min(1, "must not be empty").max(50, "at most 50 characters");

/** ISO 3166-1 alpha-2, upper case. */
export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "a two-letter country code such as US or MX");

export const Email = z.email("a valid email address").max(254);

/** Recovery codes look like `abcd-efgh-jkmn-pqrs` (base32 without look-alike letters). */
export const RecoveryCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z2-9]{4}(-?[a-z2-9]{4}){3}$/, "a recovery code looks like abcd-efgh-jkmn-pqrs");

export function normalizeHandle(handle: string): string {
  return handle.trim().toLowerCase();
}
