/**
 * The meeting directory's HTTP contract: one zod schema per request and response body (and the
 * search's query string), shared by the server's routes, the OpenAPI document and the web app.
 */
import { z } from "zod";
import { FocusArea, LanguageCode } from "../groups";
import { LocalDate, Schedule, TIMES_OF_DAY, TimeZone } from "./schedule";
import { isMeetingTypeCode } from "./type-codes";
import { ATTENDANCE_OPTIONS, Contributions, Meeting, MeetingAccess, MeetingFields, MeetingSlug, NO_CONTRIBUTIONS } from "./types";

const Id = z.uuid();
export const AttendanceOption = z.enum(ATTENDANCE_OPTIONS);

// ---------- where things are ----------

/** Paths of the pages and files about one meeting, the same on the server and in the web app. */
export const meetingPaths = {
  page: (slug: string) => `/meetings/${slug}`,
  /** The page where anyone reports a correction to the group's secretary. */
  correction: (slug: string) => `/meetings/${slug}/correction`,
  calendar: (slug: string) => `/api/feeds/meetings/${slug}.ics`,
};

// ---------- keeping a group's meetings ----------

/** The schedule as sent: the end, first date and changed occurrences may be left out. */
const ScheduleInput = z.object({
  ...Schedule.shape,
  end: Schedule.shape.end.default(null),
  startsOn: Schedule.shape.startsOn.default(null),
  exceptions: Schedule.shape.exceptions.default([]),
});

const EditableFields = {
  name: MeetingFields.shape.name,
  schedule: ScheduleInput,
  access: MeetingFields.shape.access,
  temporarilyClosed: MeetingFields.shape.temporarilyClosed,
  types: MeetingFields.shape.types,
  languages: MeetingFields.shape.languages,
  venue: MeetingFields.shape.venue,
  online: MeetingFields.shape.online,
  regions: MeetingFields.shape.regions,
  notes: MeetingFields.shape.notes,
  contributions: Contributions,
};

/**
 * A new meeting. The slug is made from the name when not given; it never changes afterwards, so
 * links, feeds and calendars keep working. The schedule is checked as a whole by the server.
 */
export const CreateMeetingRequest = z.object({
  ...EditableFields,
  slug: MeetingSlug.optional(),
  access: EditableFields.access.default(null),
  temporarilyClosed: EditableFields.temporarilyClosed.default(false),
  types: EditableFields.types.default([]),
  languages: EditableFields.languages.default([]),
  venue: EditableFields.venue.default(null),
  online: EditableFields.online.default(null),
  regions: EditableFields.regions.default([]),
  notes: EditableFields.notes.default(null),
  contributions: EditableFields.contributions.default(NO_CONTRIBUTIONS),
});
export type CreateMeetingRequest = z.infer<typeof CreateMeetingRequest>;

/** Only the fields sent change; a field sent is replaced whole (the schedule with its changed occurrences). */
export const UpdateMeetingRequest = z.object(EditableFields).partial();
export type UpdateMeetingRequest = z.infer<typeof UpdateMeetingRequest>;

/** A meeting with all its details, as its group's stewards edit it. */
export const MeetingView = Meeting.extend({ attendance: AttendanceOption });
export type MeetingView = z.infer<typeof MeetingView>;
export const GroupMeetingsResponse = z.object({ meetings: z.array(MeetingView) });

// ---------- times ----------

/** A start on one clock: "2025-03-09T19:00" (local date and time, no offset). */
export const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

export const OccurrenceView = z.object({
  /** The scheduled local date (also when the occurrence was moved). */
  date: LocalDate,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  moved: z.boolean(),
  /** The start on the viewer's clock. */
  viewerStart: LocalDateTime,
  /** The start on the meeting's clock; null when both clocks read the same. */
  meetingStart: LocalDateTime.nullable(),
});
export type OccurrenceView = z.infer<typeof OccurrenceView>;

// ---------- one meeting's page ----------

export const MeetingPage = MeetingView.extend({
  group: z.object({ id: Id, name: z.string(), focusAreas: z.array(FocusArea), guidelinesVersion: z.number().int() }),
  /** The next few occurrences (the one in progress first, if any). */
  occurrences: z.array(OccurrenceView),
  inProgress: z.boolean(),
  /** Absolute URLs: the page, where to report a correction, and the calendar file. */
  links: z.object({ page: z.url(), correction: z.url(), calendar: z.url() }),
  can: z.object({ edit: z.boolean() }),
});
export type MeetingPage = z.infer<typeof MeetingPage>;

export const MeetingPageQuery = z.object({ tz: TimeZone.default("UTC") });

// ---------- the directory's search ----------

/** A filter given as "a,b", or repeated (`?types=O&types=W`); blank items are ignored. */
function listOf<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((part) => part.split(",")).map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(item).max(50));
}

const YesNo = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

export const MeetingTypeFilter = z.string().refine(isMeetingTypeCode, "a Meeting Guide type code");
/** A weekday on the viewer's clock, 0 (Sunday) to 6, or "today". */
export const DayFilter = z
  .string()
  .regex(/^([0-6]|today)$/, "a day from 0 (Sunday) to 6 (Saturday), or today")
  .transform((day) => (day === "today" ? ("today" as const) : Number(day)));

/** "lat,lng" in decimal degrees. */
export const Point = z
  .string()
  .regex(/^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$/, "latitude,longitude in decimal degrees")
  .transform((value) => {
    const [latitude, longitude] = value.split(",").map(Number) as [number, number];
    return { latitude, longitude };
  })
  .refine((point) => Math.abs(point.latitude) <= 90 && Math.abs(point.longitude) <= 180, "a point on the globe");

export const DISTANCE_UNITS = ["km", "mi"] as const;

/**
 * The directory's filters. Within a filter values are OR'd (day=1,3); filters are AND'd; the
 * types given must all hold. Day and time of day are read on the viewer's clock (`tz`).
 */
export const MeetingSearchQuery = z.object({
  /** Words, and "quoted phrases", all of which must appear (name, group, notes, location, address, regions). */
  q: z.string().trim().max(200).optional(),
  focus: listOf(FocusArea).optional(),
  types: listOf(MeetingTypeFilter).optional(),
  language: listOf(LanguageCode).optional(),
  attendance: listOf(AttendanceOption).optional(),
  day: listOf(DayFilter).optional(),
  timeOfDay: listOf(z.enum(TIMES_OF_DAY)).optional(),
  inProgress: YesNo.optional(),
  startingWithinHours: z.coerce.number().int().min(1).max(168).optional(),
  near: Point.optional(),
  /** In `unit`; 25 when `near` is given without it. */
  radius: z.coerce.number().positive().max(1000).optional(),
  unit: z.enum(DISTANCE_UNITS).default("km"),
  /** The viewer's time zone. */
  tz: TimeZone.default("UTC"),
  cursor: z.string().max(1000).optional(),
});
export type MeetingSearchQuery = z.infer<typeof MeetingSearchQuery>;

/** One meeting in the results: small, so a first page stays well under 20 KB. */
export const MeetingSearchResult = z.object({
  id: Id,
  slug: MeetingSlug,
  name: z.string(),
  groupName: z.string(),
  attendance: AttendanceOption,
  access: MeetingAccess.nullable(),
  types: z.array(z.string()),
  languages: z.array(z.string()),
  regions: z.array(z.string()),
  /** Where it meets; null for online-only meetings and town-level (approximate) addresses. */
  place: z.object({ name: z.string().nullable(), address: z.string().nullable() }).nullable(),
  /** From `near`, in `unit`, to one decimal; null without `near`. */
  distance: z.number().nullable(),
  timeZone: z.string(),
  /** The next occurrence (for meetings in progress: the current one). */
  start: OccurrenceView,
  minutesUntilStart: z.number().int(),
  inProgress: z.boolean(),
});
export type MeetingSearchResult = z.infer<typeof MeetingSearchResult>;

export const MeetingSearchResponse = z.object({
  meetings: z.array(MeetingSearchResult),
  /** Pass as `cursor` (with the same filters) for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
  /** The moment the results are computed for (kept across pages). */
  at: z.iso.datetime(),
});
export type MeetingSearchResponse = z.infer<typeof MeetingSearchResponse>;

// ---------- corrections ----------

export const CorrectionRequest = z.object({
  message: z.string().trim().min(1, "must not be empty").max(2000, "at most 2000 characters"),
});

/** A correction as the group's stewards read it: what was reported, never who reported it. */
export const Correction = z.object({
  id: Id,
  meetingId: Id,
  meetingSlug: z.string(),
  meetingName: z.string(),
  message: z.string(),
  createdAt: z.iso.datetime(),
  handledAt: z.iso.datetime().nullable(),
});
export type Correction = z.infer<typeof Correction>;
export const CorrectionListResponse = z.object({ corrections: z.array(Correction) });
export const UpdateCorrectionRequest = z.object({ handled: z.boolean() });

// ---------- feeds and import ----------

export const FeedQuery = z.object({ group: Id.optional() });

/** The feed itself (a JSON array of entries), or where to fetch it. */
export const MeetingGuideImportRequest = z.union([
  z.array(z.unknown()).max(200_000),
  z.object({ url: z.url({ protocol: /^https?$/, error: "a web link (https://...)" }) }),
]);

export const MeetingGuideImportQuery = z.object({
  /** The zone for meetings that name none; without it they are skipped. */
  timezone: TimeZone.optional(),
  /** The focus area of groups the import creates. */
  focus: FocusArea.default("addiction_recovery"),
});

export const IMPORT_OUTCOMES = ["created", "updated", "unchanged", "skipped"] as const;
export const ImportOutcome = z.enum(IMPORT_OUTCOMES);
export type ImportOutcome = z.infer<typeof ImportOutcome>;

export const ImportedMeeting = z.object({
  slug: z.string().nullable(),
  name: z.string().nullable(),
  outcome: ImportOutcome,
  /** Why it was skipped. */
  reasons: z.array(z.string()),
  /** What was left out of a meeting that was kept. */
  warnings: z.array(z.string()),
});
export type ImportedMeeting = z.infer<typeof ImportedMeeting>;

export const ImportReport = z.object({
  counts: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), skipped: z.number().int() }),
  meetings: z.array(ImportedMeeting),
});
export type ImportReport = z.infer<typeof ImportReport>;
