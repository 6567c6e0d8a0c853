/**
 * Bench-only: 100,000 synthetic meetings written straight into the tables (see lib/bulk.ts), not
 * through the meetings service. What the directory searches by is derived with the feature's
 * own indexOf, so the index rows are what the service would write.
 *
 * Spread: clustered around 19 cities in 14 time zones (weighted by size; most venues near the
 * centre, some in the suburbs), about 20% online, 8% hybrid; mostly weekly, some every other
 * week, monthly, with a cancelled or moved date, or starting later; mixed types; Spanish where
 * Spanish is spoken; most meetings in the evening.
 */
import type { Insertable } from "kysely";
import { newId } from "../core/ids";
import type { Repeats, ScheduleException } from "../core/meetings/schedule";
import { MeetingDetails, type Meeting } from "../core/meetings/types";
import type { Db } from "../server/db";
import type { Database } from "../server/db/schema";
import { indexOf } from "../server/features/meetings/indexing";
import { dayRows, toRow } from "../server/features/meetings/repository";
import { baseOffset } from "../server/features/meetings/search-index";
import { bulkInsert, randomSource, type RandomSource } from "./lib/bulk";

export const MEETINGS = 100_000;
const MEETINGS_PER_GROUP = 4;
/** Meetings written per transaction (with their index rows). */
const CHUNK = 5_000;
const DAY_MS = 86_400_000;

interface City {
  name: string;
  region: string;
  latitude: number;
  longitude: number;
  zone: string;
  weight: number;
  /** The main language, and the share of meetings in Spanish where it is not Spanish. */
  language: string;
  spanish: number;
}

export const CITIES: readonly City[] = [
  { name: "New York", region: "New York", latitude: 40.7128, longitude: -74.006, zone: "America/New_York", weight: 14, language: "en", spanish: 0.12 },
  { name: "Philadelphia", region: "Pennsylvania", latitude: 39.9526, longitude: -75.1652, zone: "America/New_York", weight: 5, language: "en", spanish: 0.06 },
  { name: "Boston", region: "Massachusetts", latitude: 42.3601, longitude: -71.0589, zone: "America/New_York", weight: 4, language: "en", spanish: 0.05 },
  { name: "Toronto", region: "Ontario", latitude: 43.6532, longitude: -79.3832, zone: "America/Toronto", weight: 4, language: "en", spanish: 0.02 },
  { name: "Chicago", region: "Illinois", latitude: 41.8781, longitude: -87.6298, zone: "America/Chicago", weight: 8, language: "en", spanish: 0.1 },
  { name: "Houston", region: "Texas", latitude: 29.7604, longitude: -95.3698, zone: "America/Chicago", weight: 5, language: "en", spanish: 0.25 },
  { name: "Denver", region: "Colorado", latitude: 39.7392, longitude: -104.9903, zone: "America/Denver", weight: 4, language: "en", spanish: 0.08 },
  { name: "Phoenix", region: "Arizona", latitude: 33.4484, longitude: -112.074, zone: "America/Phoenix", weight: 3, language: "en", spanish: 0.2 },
  { name: "Los Angeles", region: "California", latitude: 34.0522, longitude: -118.2437, zone: "America/Los_Angeles", weight: 10, language: "en", spanish: 0.3 },
  { name: "San Francisco", region: "California", latitude: 37.7749, longitude: -122.4194, zone: "America/Los_Angeles", weight: 5, language: "en", spanish: 0.1 },
  { name: "Seattle", region: "Washington", latitude: 47.6062, longitude: -122.3321, zone: "America/Los_Angeles", weight: 3, language: "en", spanish: 0.04 },
  { name: "Anchorage", region: "Alaska", latitude: 61.2181, longitude: -149.9003, zone: "America/Anchorage", weight: 1, language: "en", spanish: 0.01 },
  { name: "Honolulu", region: "Hawaii", latitude: 21.3069, longitude: -157.8583, zone: "Pacific/Honolulu", weight: 1, language: "en", spanish: 0.01 },
  { name: "Mexico City", region: "CDMX", latitude: 19.4326, longitude: -99.1332, zone: "America/Mexico_City", weight: 6, language: "es", spanish: 1 },
  { name: "Buenos Aires", region: "Buenos Aires", latitude: -34.6037, longitude: -58.3816, zone: "America/Argentina/Buenos_Aires", weight: 3, language: "es", spanish: 1 },
  { name: "London", region: "England", latitude: 51.5074, longitude: -0.1278, zone: "Europe/London", weight: 6, language: "en", spanish: 0.02 },
  { name: "Madrid", region: "Comunidad de Madrid", latitude: 40.4168, longitude: -3.7038, zone: "Europe/Madrid", weight: 3, language: "es", spanish: 1 },
  { name: "Berlin", region: "Berlin", latitude: 52.52, longitude: 13.405, zone: "Europe/Berlin", weight: 2, language: "de", spanish: 0.02 },
  { name: "Sydney", region: "New South Wales", latitude: -33.8688, longitude: 151.2093, zone: "Australia/Sydney", weight: 3, language: "en", spanish: 0.01 },
];

const NAME_WORDS = [
  "Serenity", "Hope", "Keep It Simple", "Early Birds", "Happy Destiny", "Came to Believe", "Big Book", "Living Sober", "New Beginnings",
  "Into Action", "Freedom", "Gratitude", "Lunch Bunch", "Night Owls", "Acceptance", "Courage to Change", "Easy Does It", "Promises",
  "Daily Reprieve", "Back to Basics", "Fellowship", "Spiritual Awakening", "One Day at a Time", "Sunrise", "Candlelight", "Open Door",
];
const SPANISH_NAME_WORDS = ["Esperanza", "Nueva Vida", "Serenidad", "Renacer", "Solo por Hoy", "Amanecer", "Libertad", "Unidad", "Gratitud", "Fe y Acción"];
const GERMAN_NAME_WORDS = ["Gelassenheit", "Neuanfang", "Hoffnung", "Nur für heute", "Freiheit"];
const GROUP_KINDS = ["Group", "Fellowship", "Home Group", "Circle"];
const NEIGHBOURHOODS = ["Downtown", "Northside", "Eastside", "Westside", "Midtown", "Riverside", "Old Town", "Harbor", "Hillcrest", "Lakeview", "University", "Southgate"];
const VENUES = ["St. Mark's Church", "Community Center", "Alano Club", "Public Library", "Grace Lutheran Church", "YMCA", "Recovery House", "Friends Meeting House", "Senior Center", "Hospital Chapel"];
const STREETS = ["Main", "Oak", "Maple", "Elm", "Church", "Park", "Washington", "Lake", "Hill", "Cedar", "Pine", "Broadway"];
const NOTES = [
  "Newcomers welcome.",
  "Enter by the side door; the meeting is in the basement.",
  "Literature available. Coffee from 15 minutes before.",
  "Wheelchair accessible through the back entrance.",
  "Parking behind the building.",
  "Chips for milestones on the last meeting of the month.",
];
const TYPES: readonly (readonly [string, number])[] = [
  ["D", 40], ["B", 15], ["ST", 15], ["SP", 12], ["BE", 8], ["11", 5], ["W", 6], ["M", 5], ["LGBTQ", 3], ["Y", 3], ["CAN", 2], ["LIT", 5], ["MED", 4], ["12x12", 4], ["TR", 3], ["X", 20],
];
const WEEK_OF_MONTH = ["first", "second", "third", "fourth", "last"] as const;

function kebab(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const pad = (n: number) => String(n).padStart(2, "0");
const clock = (minutes: number) => `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A point `km` (roughly normal) from the centre. */
function near(random: RandomSource, city: City, km: number): { latitude: number; longitude: number } {
  const latitude = city.latitude + (random.normal() * km) / 111;
  const longitude = city.longitude + (random.normal() * km) / (111 * Math.cos((city.latitude * Math.PI) / 180));
  return { latitude: Math.round(latitude * 1e6) / 1e6, longitude: Math.round(longitude * 1e6) / 1e6 };
}

/** Start in minutes after midnight: mostly evenings, then noon and mornings. */
function startMinutes(random: RandomSource): number {
  const bucket = random.weighted([
    ["morning", 12],
    ["noon", 15],
    ["evening", 55],
    ["any", 18],
  ] as const);
  const quarter = random.weighted([
    [0, 6],
    [30, 3],
    [15, 1],
    [45, 1],
  ] as const);
  switch (bucket) {
    case "morning":
      return (6 + random.below(3)) * 60 + quarter;
    case "noon":
      return 12 * 60 + quarter;
    case "evening":
      return (18 + random.below(3)) * 60 + quarter;
    case "any":
      return (6 + random.below(17)) * 60 + quarter;
  }
}

/** The weekday of a date (Sunday = 0). */
const weekdayOfDate = (ms: number) => new Date(ms).getUTCDay();

function schedule(random: RandomSource, city: City, now: number): Meeting["schedule"] {
  const start = startMinutes(random);
  const length = random.weighted([
    [60, 60],
    [90, 35],
    [0, 5],
  ] as const);
  const days = random.weighted([
    [1, 70],
    [2, 12],
    [3, 8],
    [7, 10],
  ] as const);
  const weekdays = [...new Set(Array.from({ length: days === 7 ? 7 : days }, (_, i) => (days === 7 ? i : random.below(7))))].sort();
  const kind = random.weighted([
    ["week", 85],
    ["other_week", 5],
    ["month", 5],
    ["changed", 4],
    ["later", 1],
  ] as const);
  let repeats: Repeats = { every: "week", days: weekdays };
  const exceptions: ScheduleException[] = [];
  let startsOn: string | null = null;
  if (kind === "other_week") {
    // An anchor date on its first weekday, a few weeks back.
    const back = now - (21 + random.below(60)) * DAY_MS;
    const anchor = back - ((weekdayOfDate(back) - weekdays[0]! + 7) % 7) * DAY_MS;
    repeats = { every: "other_week", days: weekdays, anchor: dateOf(anchor) };
  } else if (kind === "month") {
    repeats = { every: "month", week: random.pick(WEEK_OF_MONTH), day: random.below(7) };
  } else if (kind === "changed") {
    // The next occurrence on its first weekday, cancelled or moved a day later.
    const ahead = now + (1 + random.below(20)) * DAY_MS;
    const date = dateOf(ahead + ((weekdays[0]! - weekdayOfDate(ahead) + 7) % 7) * DAY_MS);
    exceptions.push(
      random.chance(0.5)
        ? { date, change: "cancelled" }
        : { date, change: "moved", to: { date: dateOf(Date.parse(date) + DAY_MS), start: clock(start) } },
    );
  } else if (kind === "later") {
    startsOn = dateOf(now + (7 + random.below(30)) * DAY_MS);
  }
  return { repeats, start: clock(start), end: length === 0 ? null : clock(start + length), timeZone: city.zone, startsOn, exceptions };
}

function nameOf(random: RandomSource, language: string): string {
  if (language === "es") return `${random.pick(["Grupo", "Reunión"])} ${random.pick(SPANISH_NAME_WORDS)}`;
  if (language === "de") return `${random.pick(GERMAN_NAME_WORDS)}`;
  return random.chance(0.3) ? `${random.pick(["Monday", "Tuesday", "Friday", "Saturday", "Sunday", "Daily"])} ${random.pick(NAME_WORDS)}` : random.pick(NAME_WORDS);
}

interface SeedGroup {
  id: string;
  name: string;
  city: City;
  language: string;
  listed: boolean;
}

/** One meeting of a group: its details as a secretary would keep them. */
function meeting(random: RandomSource, group: SeedGroup, index: number, now: number, at: string): Meeting {
  const { city } = group;
  const languages = group.language === "en" && random.chance(0.03) ? ["en", "es"] : [group.language];
  const name = nameOf(random, group.language);
  const attendance = random.weighted([
    ["in_person", 71],
    ["online", 12],
    ["online_town", 8],
    ["hybrid", 8],
    ["closed_for_now", 1],
  ] as const);
  const neighbourhood = random.pick(NEIGHBOURHOODS);
  const address = `${1 + random.below(2000)} ${random.pick(STREETS)} St, ${city.name}`;
  const point = near(random, city, random.chance(0.7) ? 6 : 25);
  const place = { name: random.pick(VENUES), address, ...point, approximate: false, notes: random.chance(0.3) ? random.pick(NOTES) : null };
  const town = { name: null, address: `${city.name}, ${city.region}`, latitude: city.latitude, longitude: city.longitude, approximate: true, notes: null };
  const online = {
    url: `https://zoom.us/j/${8_000_000_000 + random.below(999_999_999)}`,
    urlNotes: random.chance(0.3) ? "Password: serenity" : null,
    phone: random.chance(0.3) ? `+1646558${pad(random.below(100))}${pad(random.below(100))}` : null,
    phoneNotes: null,
  };
  const types = [...new Set(Array.from({ length: 1 + random.below(3) }, () => random.weighted(TYPES)))];
  return {
    id: newId(),
    groupId: group.id,
    slug: `${kebab(name)}-${index.toString(36)}`,
    name,
    schedule: schedule(random, city, now),
    access: random.weighted([
      ["open", 45],
      ["closed", 45],
      [null, 10],
    ] as const),
    temporarilyClosed: attendance === "closed_for_now",
    types,
    languages,
    venue: attendance === "online" ? null : attendance === "online_town" ? town : place,
    online: attendance === "in_person" || attendance === "closed_for_now" ? null : online,
    regions: [city.region, city.name, neighbourhood],
    notes: random.chance(0.5) ? random.pick(NOTES) : null,
    contributions: { venmo: random.chance(0.2) ? "@IntergroupTreasurer" : null, square: null, paypal: null, homegroupOnline: null },
    createdAt: at,
    updatedAt: at,
  };
}

type Rows = { [T in keyof Database]?: Insertable<Database[T]>[] };

/** A meeting and its index, as rows of the meetings tables: the repository's own rows for the meeting and its days. */
function rowsOf(meeting: Meeting, organizationId: string, groupName: string, bases: Map<string, number>, into: Required<Pick<Rows, MeetingTable>>): void {
  const index = indexOf(meeting, groupName);
  const s = meeting.schedule;
  into.meetings.push(toRow(meeting, organizationId, index));
  const id = meeting.id;
  into.meeting_days.push(...dayRows(meeting, index, bases.get(s.timeZone)!));
  const moved = new Map(index.moves.map((move) => [move.date, move.startsAt]));
  for (const exception of s.exceptions) {
    into.meeting_exceptions.push({
      meeting_id: id,
      date: exception.date,
      change: exception.change,
      moved_to_date: exception.change === "moved" ? exception.to.date : null,
      moved_to_start: exception.change === "moved" ? exception.to.start : null,
      moved_start_at: moved.get(exception.date) ?? null,
    });
  }
  for (const code of index.typeCodes) into.meeting_types.push({ meeting_id: id, code });
  for (const language of new Set(meeting.languages)) into.meeting_languages.push({ meeting_id: id, language });
  for (const word of index.words) into.meeting_words.push({ meeting_id: id, word });
}

const MEETING_TABLES = ["meetings", "meeting_days", "meeting_exceptions", "meeting_types", "meeting_languages", "meeting_words"] as const;
type MeetingTable = (typeof MEETING_TABLES)[number];

export interface SeededDirectory {
  meetings: number;
  groups: number;
  /** Meetings of listed groups: what the feed holds. */
  listed: number;
  indexRows: Record<MeetingTable, number>;
}

/**
 * Writes the groups and their meetings; `now` places the changed dates and anchors. `writers`
 * transactions write at once (PostgreSQL takes several; SQLite one at a time).
 */
export async function seedDirectory(db: Db, organizationId: string, now: Date, writers = 1): Promise<SeededDirectory> {
  const random = randomSource(3);
  const at = new Date(now.getTime() - 30 * DAY_MS).toISOString();
  const groups: SeedGroup[] = Array.from({ length: Math.ceil(MEETINGS / MEETINGS_PER_GROUP) }, (_, i) => {
    const city = random.weighted(CITIES.map((c) => [c, c.weight] as const));
    const language = random.chance(city.spanish) ? "es" : city.language;
    const name = `${language === "es" ? random.pick(SPANISH_NAME_WORDS) : random.pick(NAME_WORDS)} ${random.pick(GROUP_KINDS)} ${random.pick(NEIGHBOURHOODS)} ${i}`;
    return { id: newId(), name, city, language, listed: random.chance(0.98) };
  });
  await bulkInsert(
    db,
    "groups",
    groups.map((group) => ({
      id: group.id,
      organization_id: organizationId,
      name: group.name,
      description: `A ${group.city.name} group.`,
      focus_areas: JSON.stringify([random.weighted([["alcohol", 6], ["drugs", 2], ["addiction_recovery", 2]] as const)]),
      other_focus: null,
      languages: JSON.stringify([group.language]),
      who_for: "",
      visibility: group.listed ? "listed" : "unlisted",
      membership_policy: "open",
      guidelines: "",
      guidelines_version: 1,
      created_at: at,
      updated_at: at,
    })),
  );
  // Each zone's base offset, as the repository gives a zone new to the directory.
  const bases = new Map([...new Set(CITIES.map((city) => city.zone))].map((zone) => [zone, baseOffset(zone, now.getTime())]));
  await bulkInsert(
    db,
    "meeting_zones",
    [...bases].map(([time_zone, base_offset]) => ({ time_zone, base_offset })),
  );

  const counts = Object.fromEntries(MEETING_TABLES.map((table) => [table, 0])) as Record<MeetingTable, number>;
  let listed = 0;
  const writing = new Set<Promise<void>>();
  for (let first = 0; first < MEETINGS; first += CHUNK) {
    const rows = Object.fromEntries(MEETING_TABLES.map((table) => [table, []])) as unknown as Required<Pick<Rows, MeetingTable>>;
    for (let i = first; i < Math.min(MEETINGS, first + CHUNK); i++) {
      const group = groups[i % groups.length]!;
      const details = meeting(random, group, i, now.getTime(), at);
      // A sample is checked as the service would check it, so the data stays what a secretary could enter.
      if (i % 100 === 0) MeetingDetails.parse(details);
      rowsOf(details, organizationId, group.name, bases, rows);
      if (group.listed) listed++;
    }
    for (const table of MEETING_TABLES) counts[table] += rows[table].length;
    const write = db.transaction().execute(async (trx) => {
      for (const table of MEETING_TABLES) await bulkInsert(trx, table, rows[table] as never);
    });
    writing.add(write);
    void write.finally(() => writing.delete(write)).catch(() => undefined);
    if (writing.size >= writers) await Promise.race(writing);
  }
  await Promise.all(writing);
  return { meetings: MEETINGS, groups: groups.length, listed, indexRows: counts };
}
