/**
 * schema.org Event data for a public meeting's page, so search engines can list it. It goes in
 * <script type="application/ld+json">: data the browser never runs (the CSP allows no inline
 * script), written so that nothing in it can end the script element early.
 */
import type { MeetingPage } from "./api";

const SCHEMA = "https://schema.org/";
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const ATTENDANCE_MODE = { in_person: "Offline", online: "Online", hybrid: "Mixed", inactive: "Offline" } as const;

export function eventOf(meeting: MeetingPage): Record<string, unknown> | null {
  const next = meeting.occurrences[0];
  if (!next) return null;
  const { schedule, venue, online } = meeting;
  const { repeats } = schedule;
  const place = venue && !venue.approximate && !meeting.temporarilyClosed
    ? {
        "@type": "Place",
        name: venue.name ?? undefined,
        address: venue.address ?? undefined,
        geo: venue.latitude === null ? undefined : { "@type": "GeoCoordinates", latitude: venue.latitude, longitude: venue.longitude },
      }
    : null;
  const virtual = online?.url ? { "@type": "VirtualLocation", url: online.url } : null;
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: meeting.name,
    url: meeting.links.page,
    description: meeting.notes ?? undefined,
    startDate: next.startsAt,
    endDate: next.endsAt,
    eventStatus: `${SCHEMA}${meeting.attendance === "inactive" ? "EventPostponed" : "EventScheduled"}`,
    eventAttendanceMode: `${SCHEMA}${ATTENDANCE_MODE[meeting.attendance]}EventAttendanceMode`,
    location: [place, virtual].filter(Boolean),
    organizer: { "@type": "Organization", name: meeting.group.name, url: new URL(`/groups/${meeting.group.id}`, meeting.links.page).href },
    isAccessibleForFree: true,
    inLanguage: meeting.languages.length ? meeting.languages : undefined,
    eventSchedule: {
      "@type": "Schedule",
      repeatFrequency: repeats.every === "month" ? "P1M" : repeats.every === "other_week" ? "P2W" : "P1W",
      byDay: (repeats.every === "month" ? [repeats.day] : repeats.days).map((day) => `${SCHEMA}${DAYS[day]}`),
      startTime: schedule.start,
      endTime: schedule.end ?? undefined,
      scheduleTimezone: schedule.timeZone,
    },
  };
}

/** JSON safe inside a script element: no "<" (so no "</script>" or "<!--"), ">", "&" or line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
