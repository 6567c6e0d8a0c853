/**
 * The printed schedule (the /meetings/print page and its PDF): the organization's listed meetings
 * in one order, which both read from here so they never differ. Grouped by day then area, or by
 * area then day; within a group by start time (on the meeting's own clock), then name.
 *
 * Read a part at a time: a day (or by area, a few neighbouring areas of about 5,000 meetings, or
 * one larger area) is ordered from small rows, then its meetings are read in full a batch at a
 * time, so a large directory is never in memory at once.
 */
import { z } from "zod";
import type { FeedEntry } from "../../../core/meetings/meeting-guide";
import type { MeetingsRepository, MeetingWithGroup } from "./repository";
import { presentFeedEntries } from "./presenter";

export const PRINT_GROUPINGS = ["day", "region"] as const;
export type PrintGrouping = (typeof PRINT_GROUPINGS)[number];

/** GET /api/feeds/meetings.pdf */
export const PrintScheduleQuery = z.object({
  group_by: z.enum(PRINT_GROUPINGS).default("day").describe("day: by day, then area; region: by area, then day"),
  hours: z.enum(["12", "24"]).default("12").describe("12- or 24-hour times"),
  lang: z.enum(["en", "es"]).default("en").describe("the language of the headings, days and legend"),
});
export type PrintScheduleQuery = z.infer<typeof PrintScheduleQuery>;

/** GET /api/feeds/print-schedule.json (what the print page shows, in its order). */
export const PrintOrderQuery = PrintScheduleQuery.pick({ group_by: true });

const MINUTES_PER_DAY = 1440;
/** Meetings read in full at once. */
const BATCH = 500;
/** Areas read (in small rows) and ordered at once, by area then day, up to about this many meetings. */
const PART = 5000;
/** Areas as the page and the PDF head them: "New York › Manhattan"; "" for none. */
export const REGION_SEPARATOR = " › ";

export const regionLabel = (regions: readonly string[] | undefined): string => (regions ?? []).join(REGION_SEPARATOR);

/** One order for every reader, whatever their language, so the page and the PDF always agree. */
const collator = new Intl.Collator("en", { numeric: true });
const byText = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/** Areas in alphabetical order, meetings without one last. */
export function compareRegions(a: string, b: string): number {
  if (a === "" || b === "") return a === b ? 0 : a === "" ? 1 : -1;
  return byText(a, b);
}

interface PrintKey {
  weekMinute: number;
  id: string;
  slug: string;
  name: string;
  region: string;
}

const byTimeThenName = (a: PrintKey, b: PrintKey) => a.weekMinute - b.weekMinute || byText(a.name, b.name) || (a.slug < b.slug ? -1 : 1);

/** A meeting on one of its days, in print order. */
export interface PrintedMeeting {
  meeting: MeetingWithGroup;
  day: number;
}

export class MeetingPrint {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly organizationId: () => Promise<string>,
    private readonly batchSize = BATCH,
    private readonly partSize = PART,
  ) {}

  /** Every listed meeting once per day it meets, in print order, a batch at a time. */
  async *batches(grouping: PrintGrouping): AsyncGenerator<PrintedMeeting[]> {
    const organizationId = await this.organizationId();
    const keysOf = async (part: Parameters<MeetingsRepository["printKeys"]>[1]): Promise<PrintKey[]> =>
      (await this.meetings.printKeys(organizationId, part)).map(({ regions, ...key }) => ({ ...key, region: regionLabel(JSON.parse(regions) as string[]) }));
    if (grouping === "day") {
      for (let day = 0; day < 7; day++) {
        const keys = await keysOf({ weekMinutes: [day * MINUTES_PER_DAY, (day + 1) * MINUTES_PER_DAY] });
        yield* this.read(keys.sort((a, b) => compareRegions(a.region, b.region) || byTimeThenName(a, b)));
      }
      return;
    }
    // Region lists written differently may read the same ("A › B" and ["A", "B"]): one area.
    const areas = new Map<string, { stored: string[]; entries: number }>();
    for (const { regions, entries } of await this.meetings.printRegions(organizationId)) {
      const label = regionLabel(JSON.parse(regions) as string[]);
      const area = areas.get(label) ?? { stored: [], entries: 0 };
      areas.set(label, { stored: [...area.stored, regions], entries: area.entries + entries });
    }
    // Neighbouring areas are read together, up to a part's worth of meetings (a larger area alone).
    const parts: string[][] = [];
    let part = { stored: [] as string[], entries: 0 };
    for (const label of [...areas.keys()].sort(compareRegions)) {
      const area = areas.get(label)!;
      if (part.entries > 0 && part.entries + area.entries > this.partSize) {
        parts.push(part.stored);
        part = { stored: [], entries: 0 };
      }
      part.stored.push(...area.stored);
      part.entries += area.entries;
    }
    if (part.entries > 0) parts.push(part.stored);
    for (const stored of parts) {
      const keys = await keysOf({ regions: stored });
      yield* this.read(keys.sort((a, b) => compareRegions(a.region, b.region) || byTimeThenName(a, b)));
    }
  }

  private async *read(keys: PrintKey[]): AsyncGenerator<PrintedMeeting[]> {
    for (let i = 0; i < keys.length; i += this.batchSize) {
      const part = keys.slice(i, i + this.batchSize);
      const found = new Map((await this.meetings.meetingsByIds([...new Set(part.map((key) => key.id))])).map((meeting) => [meeting.id, meeting]));
      // A meeting deleted meanwhile is left out.
      yield part.flatMap((key) => {
        const meeting = found.get(key.id);
        return meeting ? [{ meeting, day: Math.floor(key.weekMinute / MINUTES_PER_DAY) }] : [];
      });
    }
  }
}

/** The Meeting Guide entries of printed meetings (the feed's entry for that day), in the same order. */
export async function* printedEntries(batches: AsyncIterable<PrintedMeeting[]>, publicUrl: string): AsyncGenerator<FeedEntry[]> {
  for await (const batch of batches) {
    yield batch.flatMap(({ meeting, day }) => presentFeedEntries(meeting, publicUrl).filter((entry) => entry.day === day));
  }
}

/** Batches of entries as one JSON array, written as they come. */
export async function* entriesJson(batches: AsyncIterable<FeedEntry[]>): AsyncGenerator<string> {
  let separator = "[\n";
  for await (const batch of batches) {
    for (const entry of batch) {
      yield separator + JSON.stringify(entry);
      separator = ",\n";
    }
  }
  yield separator === "[\n" ? "[]\n" : "\n]\n";
}
