/**
 * The Meeting Guide feed format (../shared/reference/meeting-guide-format.md): reading entries
 * from the feeds found in the wild into Kindred's meeting record, and writing one back.
 */
import { z } from "zod";
import { firstScheduledDate, type Schedule } from "./schedule";
import { canonicalTimeZone } from "./time-zones";
import {
  CLOSED,
  isMeetingTypeCode,
  languageOfTypeCode,
  OPEN,
  TEMPORARILY_CLOSED,
  typeCodeOfLanguage,
} from "./type-codes";
import {
  attendanceOptionOf,
  type AttendanceOption,
  type Contributions,
  MeetingDetails,
  MeetingSlug,
  type OnlineAccess,
  type Venue,
} from "./types";

// ---------- tolerant field readers ----------

/** Text as feeds write it: strings or numbers; blank means absent. */
const FeedText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : String(value).trim() || null));

/** An integer 0-6 (Sunday = 0), a numeric string, or an array of them. */
const FeedDays = z.unknown().transform((value, ctx): number | number[] | null => {
  if (value === null || value === undefined || value === "") return null;
  const days = (Array.isArray(value) ? value : [value]).map((day) =>
    typeof day === "string" && /^\s*\d+\s*$/.test(day) ? Number(day) : day,
  );
  const wrong = days.findIndex((day) => typeof day !== "number" || !Number.isInteger(day) || day < 0 || day > 6);
  if (wrong >= 0) {
    ctx.addIssue({ code: "custom", message: `${JSON.stringify(days[wrong])} is not a day from 0 (Sunday) to 6 (Saturday)` });
    return z.NEVER;
  }
  return Array.isArray(value) ? (days as number[]) : (days[0] as number);
});

/** "19:00", "7:00", "19:00:00", "7:00 pm" -> "HH:MM"; blank means absent. */
const FeedTime = z
  .string()
  .nullish()
  .transform((value, ctx) => {
    const time = value?.trim();
    if (!time) return null;
    const match = /^(\d{1,2}):(\d{2})(?::\d{2})?\s*(?:([ap])\.?m\.?)?$/i.exec(time);
    let hours = match ? Number(match[1]) : NaN;
    const minutes = match ? Number(match[2]) : NaN;
    const half = match?.[3]?.toLowerCase();
    if (half) hours = hours >= 1 && hours <= 12 ? (hours % 12) + (half === "p" ? 12 : 0) : NaN;
    if (!(hours >= 0 && hours <= 23 && minutes <= 59)) {
      ctx.addIssue({ code: "custom", message: `"${time}" is not a time (HH:MM)` });
      return z.NEVER;
    }
    return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
  });

/** Numbers or numeric strings; blank and 0 (a common placeholder) mean absent. */
const FeedCoordinate = z
  .union([z.number(), z.string().trim()])
  .nullish()
  .transform((value, ctx) => {
    if (value === null || value === undefined || value === "") return null;
    const number = Number(value);
    if (!Number.isFinite(number)) {
      ctx.addIssue({ code: "custom", message: `"${value}" is not a number` });
      return z.NEVER;
    }
    return number === 0 ? null : number;
  });

const FeedYesNo = z
  .union([z.boolean(), z.number(), z.string()])
  .nullish()
  .transform((value) => value === true || value === 1 || (typeof value === "string" && /^(yes|true|1)$/i.test(value.trim())));

/** An array of strings, or one comma-separated string. */
const FeedList = z
  .union([z.array(z.union([z.string(), z.number()])), z.string()])
  .nullish()
  .transform((value) => {
    const items = typeof value === "string" ? value.split(",") : (value ?? []);
    return items.map((item) => String(item).trim()).filter((item) => item !== "");
  });

/** "YYYY-MM-DD HH:MM:SS" in UTC (also with a T, or without seconds) -> ISO-8601. */
const FeedUpdated = z
  .string()
  .trim()
  .nullish()
  .transform((value, ctx) => {
    if (!value) return null;
    const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?/.exec(value);
    const instant = match ? Date.parse(`${match[1]}T${match[2]}${match[3] ?? ":00"}Z`) : NaN;
    if (Number.isNaN(instant)) {
      ctx.addIssue({ code: "custom", message: `"${value}" is not a date and time (YYYY-MM-DD HH:MM:SS)` });
      return z.NEVER;
    }
    return new Date(instant).toISOString();
  });

/**
 * A feed entry as Kindred reads it, each field tolerant of the variants found in real feeds.
 * Fields a reader cannot use (entity_*, contact_*, edit_url, feedback_emails) are not read:
 * contacts in particular are personal and stay with the publisher.
 */
export const MeetingGuideEntry = z.looseObject({
  slug: FeedText,
  name: FeedText,
  day: FeedDays,
  time: FeedTime,
  end_time: FeedTime,
  timezone: FeedText,
  types: FeedList,
  notes: FeedText,
  conference_url: FeedText,
  conference_url_notes: FeedText,
  conference_phone: FeedText,
  conference_phone_notes: FeedText,
  location: FeedText,
  location_notes: FeedText,
  formatted_address: FeedText,
  address: FeedText,
  city: FeedText,
  state: FeedText,
  postal_code: FeedText,
  country: FeedText,
  latitude: FeedCoordinate,
  longitude: FeedCoordinate,
  approximate: FeedYesNo,
  regions: FeedList,
  region: FeedText,
  sub_region: FeedText,
  group: FeedText,
  group_notes: FeedText,
  updated: FeedUpdated,
  venmo: FeedText,
  square: FeedText,
  paypal: FeedText,
  homegroup_online: FeedText,
});
type FeedFieldName = keyof typeof MeetingGuideEntry.shape;
type FeedFields = { [K in FeedFieldName]: z.output<(typeof MeetingGuideEntry.shape)[K]> };

/** Without these, an entry cannot become a meeting. */
const ESSENTIAL_FIELDS: ReadonlySet<FeedFieldName> = new Set(["slug", "name", "day", "time", "timezone"]);

// ---------- reading an entry ----------

/** A feed entry turned into a Kindred meeting, with what was left out along the way. */
export interface MeetingImport {
  meeting: MeetingDetails;
  /** The group named by the feed, to attach the meeting to (null: it gets a group of its own). */
  group: { name: string; notes: string | null } | null;
  /** The feed's `updated`, as ISO-8601; null if it gave none. */
  updatedAt: string | null;
  /** Type codes that are not in the spec (custom, proposed, or retired like ONL): not kept. */
  unknownTypes: string[];
  /** Fields that could not be read and were left out: "conference_url: ...". */
  warnings: string[];
}

export type FeedEntryOutcome =
  | { ok: true; record: MeetingImport }
  | { ok: false; slug: string | null; name: string | null; reasons: string[] };

export interface FeedReadOptions {
  /** The zone for entries that name none; without it they are skipped. */
  defaultTimeZone?: string | null;
}

/** Reads each field on its own, so one unreadable field never hides the others. */
function readFields(entry: Record<string, unknown>): { fields: FeedFields; problems: Map<FeedFieldName, string> } {
  const fields: Record<string, unknown> = {};
  const problems = new Map<FeedFieldName, string>();
  for (const name of Object.keys(MeetingGuideEntry.shape) as FeedFieldName[]) {
    const result = MeetingGuideEntry.shape[name].safeParse(entry[name]);
    if (result.success) fields[name] = result.data;
    else {
      fields[name] = name === "types" || name === "regions" ? [] : null;
      const issue = result.error.issues[0];
      problems.set(name, issue?.code === "custom" ? issue.message : `${JSON.stringify(entry[name])?.slice(0, 60)} is not readable`);
    }
  }
  return { fields: fields as FeedFields, problems };
}

/** Turns one raw feed entry into a meeting per day it names, or the reasons it was skipped. */
export function readFeedEntry(raw: unknown, options: FeedReadOptions = {}): FeedEntryOutcome[] {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return [skipped(null, null, ["not a meeting object"])];
  const { fields, problems } = readFields(raw as Record<string, unknown>);
  const warnings = [...problems].filter(([name]) => !ESSENTIAL_FIELDS.has(name)).map(([name, problem]) => `${name}: ${problem}; left out`);
  const slug = fields.slug === null ? null : urlSafeSlug(fields.slug, warnings);
  const reasons = [...problems].filter(([name]) => ESSENTIAL_FIELDS.has(name)).map(([name, problem]) => `${name}: ${problem}`);
  reasons.push(...missingEssentials(fields, slug, problems));
  const timeZone = readTimeZone(fields.timezone, options.defaultTimeZone ?? null, reasons);
  if (reasons.length > 0 || slug === null || timeZone === null) return [skipped(slug, fields.name, reasons)];

  const details = meetingDetailsOf(fields, warnings);
  const end = readEndTime(fields, warnings);
  const record = { group: fields.group === null ? null : { name: fields.group, notes: fields.group_notes }, updatedAt: fields.updated };
  const days = Array.isArray(fields.day) ? [...new Set(fields.day)] : [fields.day!];
  return days.map((day) => {
    const meeting = {
      ...details.meeting,
      slug: Array.isArray(fields.day) ? `${slug}-${day}` : slug,
      schedule: { repeats: { every: "week", days: [day] }, start: fields.time!, end, timeZone, startsOn: null, exceptions: [] } satisfies Schedule,
    };
    const checked = MeetingDetails.safeParse(meeting);
    if (!checked.success) {
      return skipped(meeting.slug, meeting.name, checked.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
    }
    return { ok: true, record: { meeting: checked.data, ...record, unknownTypes: [...details.unknownTypes], warnings: [...warnings] } };
  });
}

function skipped(slug: string | null, name: string | null, reasons: string[]): FeedEntryOutcome {
  return { ok: false, slug, name, reasons };
}

function missingEssentials(fields: FeedFields, slug: string | null, problems: Map<FeedFieldName, string>): string[] {
  const missing: string[] = [];
  if (slug === null && !problems.has("slug")) missing.push("slug: missing");
  if (fields.name === null && !problems.has("name")) missing.push("name: missing");
  const noDay = fields.day === null || (Array.isArray(fields.day) && fields.day.length === 0);
  if (noDay && !problems.has("day")) missing.push("day: missing (meetings by appointment are not listed)");
  if (fields.time === null && !problems.has("time")) missing.push("time: missing");
  return missing;
}

/** Everything but the slug and schedule, which differ per day. */
function meetingDetailsOf(fields: FeedFields, warnings: string[]) {
  const { types, unknownTypes, access, temporarilyClosed, languages } = readTypes(fields.types, warnings);
  const meeting = {
    name: fields.name!,
    access,
    temporarilyClosed,
    types,
    languages,
    venue: readVenue(fields),
    online: readOnlineAccess(fields, warnings),
    regions: fields.regions.length > 0 ? fields.regions : [fields.region, fields.sub_region].filter((region) => region !== null),
    notes: fields.notes,
    contributions: {
      venmo: fields.venmo,
      square: fields.square,
      paypal: fields.paypal,
      homegroupOnline: fields.homegroup_online,
    } satisfies Contributions,
  };
  return { meeting, unknownTypes };
}

function readEndTime(fields: FeedFields, warnings: string[]): string | null {
  if (fields.end_time === null || fields.end_time !== fields.time) return fields.end_time;
  warnings.push("end_time: same as the start; taken as 60 minutes");
  return null;
}

/**
 * Reads a whole feed, entry by entry (an iterable, so a large feed can be streamed). A slug
 * already used earlier in the feed is skipped, as Meeting Guide readers do.
 */
export function* readFeed(entries: Iterable<unknown>, options: FeedReadOptions = {}): Generator<FeedEntryOutcome> {
  const seen = new Set<string>();
  for (const entry of entries) {
    for (const outcome of readFeedEntry(entry, options)) {
      const slug = outcome.ok ? outcome.record.meeting.slug : null;
      if (slug !== null && seen.has(slug)) {
        yield { ok: false, slug, name: outcome.ok ? outcome.record.meeting.name : null, reasons: ["slug: used by an earlier meeting in the feed"] };
        continue;
      }
      if (slug !== null) seen.add(slug);
      yield outcome;
    }
  }
}

/** Slugs must be URL-safe; others are rewritten the same way every time, so re-imports still match. */
function urlSafeSlug(slug: string, warnings: string[]): string | null {
  if (MeetingSlug.safeParse(slug).success) return slug;
  const safe = slug
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z0-9._~-]+/g, "-")
    .replace(/^[^A-Za-z0-9]+|-+$/g, "")
    .slice(0, 200);
  if (safe === "") return null;
  warnings.push(`slug: "${slug}" is not URL-safe; read as "${safe}"`);
  return safe;
}

function readTimeZone(given: string | null, fallback: string | null, reasons: string[]): string | null {
  if (given !== null) {
    const zone = canonicalTimeZone(given);
    if (zone === null) reasons.push(`timezone: "${given}" is not an IANA time zone`);
    return zone;
  }
  if (fallback === null) {
    reasons.push("timezone: missing, and no default time zone was given");
    return null;
  }
  const zone = canonicalTimeZone(fallback);
  if (zone === null) reasons.push(`timezone: missing, and the default "${fallback}" is not an IANA time zone`);
  return zone;
}

function readTypes(codes: string[], warnings: string[]) {
  const known = new Set<string>();
  const unknownTypes: string[] = [];
  for (const code of codes) {
    const official = [code, code.toUpperCase()].find(isMeetingTypeCode);
    if (official) known.add(official);
    else if (!unknownTypes.includes(code)) unknownTypes.push(code);
  }
  // Both open and closed: importers keep closed.
  if (known.has(OPEN) && known.has(CLOSED)) warnings.push("types: both open (O) and closed (C); kept closed");
  const access = known.has(CLOSED) ? ("closed" as const) : known.has(OPEN) ? ("open" as const) : null;
  const languages = [...known].map(languageOfTypeCode).filter((language) => language !== null);
  const types = [...known].filter((code) => ![OPEN, CLOSED, TEMPORARILY_CLOSED].includes(code) && languageOfTypeCode(code) === null);
  return { types: types.sort(), unknownTypes, access, temporarilyClosed: known.has(TEMPORARILY_CLOSED), languages };
}

function readVenue(fields: FeedFields): Venue | null {
  const parts = [fields.address, fields.city, joinParts(" ", fields.state, fields.postal_code), fields.country];
  const address = fields.formatted_address ?? joinParts(", ", ...parts);
  const [latitude, longitude] = fields.latitude !== null && fields.longitude !== null ? [fields.latitude, fields.longitude] : [null, null];
  if (fields.location === null && address === null && latitude === null) return null;
  return { name: fields.location, address, latitude, longitude, approximate: fields.approximate, notes: fields.location_notes };
}

function joinParts(separator: string, ...parts: (string | null)[]): string | null {
  const present = parts.filter((part) => part !== null);
  return present.length > 0 ? present.join(separator) : null;
}

function readOnlineAccess(fields: FeedFields, warnings: string[]): OnlineAccess | null {
  let url = fields.conference_url;
  if (url !== null && !/^https?:\/\/[^\s/]+\.[^\s]*$/i.test(url)) {
    warnings.push(`conference_url: "${url}" is not a web link; left out`);
    url = null;
  }
  let phone = fields.conference_phone?.replace(/[\s().-]/g, "") ?? null;
  if (phone !== null && !/^\+?[0-9][0-9,*#+]*$/.test(phone)) {
    warnings.push(`conference_phone: "${fields.conference_phone}" is not a phone number; left out`);
    phone = null;
  }
  if (url === null && phone === null) return null;
  return {
    url,
    urlNotes: url === null ? null : fields.conference_url_notes,
    phone,
    phoneNotes: phone === null ? null : fields.conference_phone_notes,
  };
}

// ---------- writing an entry ----------

/** A meeting as the feed lists it: its details plus what the server knows about it. */
export interface MeetingForFeed extends MeetingDetails {
  groupName: string | null;
  groupNotes: string | null;
  /** ISO-8601. */
  updatedAt: string;
  /** The meeting's page. */
  url: string;
  /** Where attendees report a correction. */
  feedbackUrl: string | null;
}

/** One entry of a Meeting Guide feed, as Kindred writes it (fields in a fixed order; absent ones left out). */
export interface FeedEntry {
  slug: string;
  name: string;
  day: number;
  time: string;
  end_time?: string;
  timezone: string;
  types: string[];
  notes?: string;
  conference_url?: string;
  conference_url_notes?: string;
  conference_phone?: string;
  conference_phone_notes?: string;
  location?: string;
  location_notes?: string;
  formatted_address?: string;
  latitude?: number;
  longitude?: number;
  approximate?: "yes" | "no";
  regions?: string[];
  group?: string;
  group_notes?: string;
  venmo?: string;
  square?: string;
  paypal?: string;
  homegroup_online?: string;
  /** Not in the spec; the 12 Step Meeting List plugin writes it and TSML UI reads it. */
  attendance_option: AttendanceOption;
  updated: string;
  url: string;
  feedback_url?: string;
}

/**
 * The feed entries for a meeting: one, or one per day (slug `slug-<day>`) when it meets on
 * several days, which is also how readers split a day array.
 */
export function toFeedEntries(meeting: MeetingForFeed): FeedEntry[] {
  const { repeats } = meeting.schedule;
  const days = repeats.every === "month" ? [repeats.day] : [...repeats.days].sort();
  const notes = joinParts("\n", describeRepeats(meeting.schedule), meeting.notes);
  return days.map((day) =>
    withoutAbsent({
      slug: days.length > 1 ? `${meeting.slug}-${day}` : meeting.slug,
      name: meeting.name,
      day,
      time: meeting.schedule.start,
      end_time: meeting.schedule.end,
      timezone: meeting.schedule.timeZone,
      types: typeCodesOf(meeting),
      notes,
      conference_url: meeting.online?.url,
      conference_url_notes: meeting.online?.urlNotes,
      conference_phone: meeting.online?.phone,
      conference_phone_notes: meeting.online?.phoneNotes,
      location: meeting.venue?.name,
      location_notes: meeting.venue?.notes,
      formatted_address: meeting.venue?.address,
      latitude: meeting.venue?.latitude,
      longitude: meeting.venue?.longitude,
      approximate: meeting.venue && (meeting.venue.approximate ? "yes" : "no"),
      regions: meeting.regions.length > 0 ? meeting.regions : null,
      group: meeting.groupName,
      group_notes: meeting.groupNotes,
      venmo: meeting.contributions.venmo,
      square: meeting.contributions.square,
      paypal: meeting.contributions.paypal,
      homegroup_online: meeting.contributions.homegroupOnline,
      attendance_option: attendanceOptionOf(meeting),
      updated: feedTimestamp(meeting.updatedAt),
      url: meeting.url,
      feedback_url: meeting.feedbackUrl,
    }) as FeedEntry,
  );
}

function withoutAbsent<T extends Record<string, unknown>>(entry: T): Partial<T> {
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== null && value !== undefined)) as Partial<T>;
}

/** The meeting's type codes as the spec writes them, languages included, sorted. */
export function typeCodesOf(meeting: Pick<MeetingDetails, "access" | "temporarilyClosed" | "types" | "languages">): string[] {
  const codes = [
    ...meeting.types,
    ...meeting.languages.map(typeCodeOfLanguage).filter((code) => code !== null),
    ...(meeting.access === "open" ? [OPEN] : meeting.access === "closed" ? [CLOSED] : []),
    ...(meeting.temporarilyClosed ? [TEMPORARILY_CLOSED] : []),
  ];
  return codes.sort();
}

/** ISO-8601 -> "YYYY-MM-DD HH:MM:SS" in UTC. */
export function feedTimestamp(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace("T", " ");
}

const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/**
 * The feed format only knows weekly meetings, so other schedules say so in the notes, in plain
 * words; null for weekly meetings.
 */
export function describeRepeats(schedule: Schedule): string | null {
  const { repeats } = schedule;
  switch (repeats.every) {
    case "week":
      return null;
    case "other_week":
      return `Every other week, for example on ${firstScheduledDate(schedule, repeats.anchor)}.`;
    case "month":
      return `On the ${repeats.week} ${WEEKDAY_NAMES[repeats.day]} of each month.`;
  }
}
