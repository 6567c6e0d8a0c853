/**
 * A meeting as Kindred keeps it: what a group's secretary edits, what the directory searches,
 * and what Meeting Guide imports turn into.
 */
import { z } from "zod";
import { LanguageCode } from "../groups";
import { Schedule } from "./schedule";
import { CLOSED, isMeetingTypeCode, languageOfTypeCode, OPEN, TEMPORARILY_CLOSED } from "./type-codes";

/** URL-safe and stable: it names the meeting in links, feeds and calendars and survives edits. */
export const MeetingSlug = z
  .string()
  .min(1, "must not be empty")
  .max(200, "at most 200 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._~-]*$/, "letters, digits, dot, dash, underscore or tilde, starting with a letter or digit");

const Text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `at most ${max} characters`);
const OptionalText = (max: number) => Text(max).nullable();

/** A Meeting Guide type code other than open/closed, temporarily closed and the language codes. */
export const MeetingTypeCode = z
  .string()
  .refine(isMeetingTypeCode, "a Meeting Guide type code")
  .refine((code) => ![OPEN, CLOSED, TEMPORARILY_CLOSED].includes(code), "open, closed and temporarily closed have fields of their own")
  .refine((code) => languageOfTypeCode(code) === null, "languages go in the meeting's languages");

/** Open: anyone may come. Closed: only people who share the problem. Null: not stated. */
export const MEETING_ACCESS = ["open", "closed"] as const;
export const MeetingAccess = z.enum(MEETING_ACCESS);
export type MeetingAccess = z.infer<typeof MeetingAccess>;

/** Where people meet in person. */
export const Venue = z
  .object({
    name: OptionalText(255),
    address: OptionalText(500),
    latitude: z.number().min(-90).max(90).nullable(),
    longitude: z.number().min(-180).max(180).nullable(),
    /** The address is only the town (usual for online meetings): not a place to go to. */
    approximate: z.boolean(),
    notes: OptionalText(2000),
  })
  .refine((venue) => (venue.latitude === null) === (venue.longitude === null), {
    message: "latitude and longitude go together",
    path: ["longitude"],
  })
  .refine((venue) => venue.name !== null || venue.address !== null || venue.latitude !== null, {
    message: "a venue needs a name, an address or a position",
    path: ["address"],
  });
export type Venue = z.infer<typeof Venue>;

/** How to join online: a link that opens the meeting, and/or a phone number to dial. */
export const OnlineAccess = z
  .object({
    url: z.url({ protocol: /^https?$/, error: "a web link (https://...)" }).max(2000).nullable(),
    urlNotes: OptionalText(1000),
    /** Digits and + , * # (commas pause, # ends a meeting id). */
    phone: z.string().regex(/^\+?[0-9][0-9,*#+]*$/, "digits and + , * #").max(100).nullable(),
    phoneNotes: OptionalText(1000),
  })
  .refine((online) => online.url !== null || online.phone !== null, { message: "a link or a phone number", path: ["url"] })
  .refine((online) => online.urlNotes === null || online.url !== null, { message: "notes about a link need the link", path: ["urlNotes"] })
  .refine((online) => online.phoneNotes === null || online.phone !== null, {
    message: "notes about a phone number need the number",
    path: ["phoneNotes"],
  });
export type OnlineAccess = z.infer<typeof OnlineAccess>;

/** Handles for contributions (the Seventh Tradition basket, online). */
export const Contributions = z.object({
  venmo: OptionalText(100),
  square: OptionalText(100),
  paypal: OptionalText(300),
  homegroupOnline: OptionalText(300),
});
export type Contributions = z.infer<typeof Contributions>;

/** What a secretary keeps about a meeting, unchecked as a whole (for partial updates). */
export const MeetingFields = z.object({
  slug: MeetingSlug,
  name: Text(255),
  schedule: Schedule,
  access: MeetingAccess.nullable(),
  /** The venue is closed for now (TC); the meeting may still meet online. */
  temporarilyClosed: z.boolean(),
  types: z.array(MeetingTypeCode).max(40).refine((codes) => new Set(codes).size === codes.length, "each type once"),
  languages: z.array(LanguageCode).max(10).refine((codes) => new Set(codes).size === codes.length, "each language once"),
  venue: Venue.nullable(),
  online: OnlineAccess.nullable(),
  /** Most general first: ["Ohio", "Cleveland", "Lakewood"]. */
  regions: z.array(Text(100)).max(5),
  notes: OptionalText(5000),
  contributions: Contributions,
});

/** What a secretary keeps about a meeting: it meets somewhere, online, or both. */
export const MeetingDetails = MeetingFields.refine((meeting) => meeting.venue !== null || meeting.online !== null, {
  message: "a meeting needs a venue or a way to join online",
  path: ["venue"],
});
export type MeetingDetails = z.infer<typeof MeetingDetails>;

export const NO_CONTRIBUTIONS: Contributions = { venmo: null, square: null, paypal: null, homegroupOnline: null };

/**
 * How people attend, as the 12 Step Meeting List plugin derives it: temporarily closed and
 * online -> online; temporarily closed only -> inactive; online with a real address -> hybrid
 * (online when the address is approximate); not online -> in person.
 */
export const ATTENDANCE_OPTIONS = ["in_person", "online", "hybrid", "inactive"] as const;
export type AttendanceOption = (typeof ATTENDANCE_OPTIONS)[number];

export function attendanceOptionOf(meeting: Pick<MeetingDetails, "venue" | "online" | "temporarilyClosed">): AttendanceOption {
  const online = meeting.online !== null;
  if (meeting.temporarilyClosed) return online ? "online" : "inactive";
  if (!online) return "in_person";
  const hasPlace = meeting.venue !== null && !meeting.venue.approximate;
  return hasPlace ? "hybrid" : "online";
}

/** A meeting as stored: its details plus who holds it and when it changed. */
export const Meeting = MeetingFields.extend({
  id: z.uuid(),
  groupId: z.uuid(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Meeting = z.infer<typeof Meeting>;
