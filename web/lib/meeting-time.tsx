/**
 * Meeting times for the directory and the meetings' pages. Showing when a meeting starts, on the reader's clock and, when it reads differently, on the
 * meeting's. The server cannot know the reader's time zone, so it renders the meeting's clock;
 * once the page runs, the browser's zone takes over (useViewerZone).
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** The browser's IANA time zone; null while rendering on the server and hydrating. */
export function useViewerZone(): string | null {
  const [zone, setZone] = useState<string | null>(null);
  useEffect(() => setZone(browserZone()), []);
  return zone;
}

export function browserZone(): string | null {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Cached, as formats are costly to make and a list shows many starts. */
export function format(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let found = formats.get(key);
  if (!found) formats.set(key, (found = new Intl.DateTimeFormat(locale, options)));
  return found;
}

/** "Tue, Mar 4, 7:00 PM EST" in a zone; `hour12` false gives "19:00". */
export function formatStart(at: Date, zone: string, locale: string, hour12?: boolean): string {
  return format(locale, { timeZone: zone, weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", hour12, timeZoneName: "short" }).format(at);
}

/** "Sunday" for 0 .. "Saturday" for 6, in the reader's language (1 January 2023 was a Sunday). */
export function weekdayName(day: number, locale: string): string {
  return format(locale, { weekday: "long", timeZone: "UTC" }).format(Date.UTC(2023, 0, 1 + day));
}

/** "19:30" -> "7:30 PM" (or "19:30"), as a clock on the wall reads, whatever the zone. */
export function clockTime(time: string, locale: string, hour12?: boolean): string {
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return format(locale, { hour: "numeric", minute: "2-digit", hour12, timeZone: "UTC" }).format(Date.UTC(2000, 0, 1, hours, minutes));
}

/** The local date ("2025-03-04") of an instant in a zone. */
export function localDate(at: Date, zone: string): string {
  return format("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** Whether two zones' clocks read the same at an instant. */
export function sameClock(at: Date, a: string, b: string): boolean {
  const reading = (zone: string) => format("en-US", { timeZone: zone, weekday: "short", hour: "numeric", minute: "numeric" }).format(at);
  return reading(a) === reading(b);
}

/**
 * A start as the reader reads it, with the meeting's own clock beside it when that differs
 * ("Tue, Mar 4, 7:00 PM EST (in the meeting's time zone: Tue, Mar 4, 4:00 PM PST)").
 * Intl's wording differs a little between Node and browsers, hence suppressHydrationWarning.
 */
export function StartTime({ startsAt, meetingZone, viewerZone }: { startsAt: string; meetingZone: string; viewerZone: string | null }) {
  const { t, i18n } = useTranslation("meetings");
  const at = new Date(startsAt);
  const zone = viewerZone ?? meetingZone;
  const other = zone !== meetingZone && !sameClock(at, zone, meetingZone);
  return (
    <>
      <time dateTime={startsAt} suppressHydrationWarning>
        {formatStart(at, zone, i18n.language)}
      </time>
      {other ? (
        <span className="meeting-clock" suppressHydrationWarning>
          {" "}
          {t("meetingClock", { time: formatStart(at, meetingZone, i18n.language) })}
        </span>
      ) : null}
    </>
  );
}
