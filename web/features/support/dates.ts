/**
 * Dates as a member lives them: "today" is the date on their own device (the server takes it as
 * `today`), and a YYYY-MM-DD date is a calendar day, shown without any time zone shifting it.
 * Only call these in the browser (after loading), never while rendering on the server.
 */

const pad = (n: number) => String(n).padStart(2, "0");

/** The member's today, YYYY-MM-DD, on their device's clock. */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `date` moved by `days` (negative: earlier). */
export function shiftDate(date: string, days: number): string {
  const utc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days);
  return new Date(utc).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysFrom(from: string, to: string): number {
  const day = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((day(to) - day(from)) / 86_400_000);
}

/** "12 Mar 2025" / "12 mar 2025": a calendar day in the member's language. */
export function formatDay(date: string, language: string, style: "medium" | "long" | "full" = "medium"): string {
  const utc = new Date(`${date}T00:00:00.000Z`);
  return new Intl.DateTimeFormat(language, { dateStyle: style, timeZone: "UTC" }).format(utc);
}

/** A short day for chart labels: "12 Mar". */
export function formatShortDay(date: string, language: string): string {
  const utc = new Date(`${date}T00:00:00.000Z`);
  return new Intl.DateTimeFormat(language, { day: "numeric", month: "short", timeZone: "UTC" }).format(utc);
}

/** An instant (ISO) on the member's clock: "12 Mar 2025, 18:05". */
export function formatInstant(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}
