/**
 * The data of the directory's public web pages (core/page-data.ts), loaded as the viewer and
 * presented exactly as the API presents it, so the server-rendered page and the browser see the
 * same thing. The web feature runs these (server/services.ts hands them to it).
 */
import { MeetingSearchQuery, type MeetingSearchResponse } from "../../../core/meetings/api";
import type { FeedEntry } from "../../../core/meetings/meeting-guide";
import type { PageData, PageDataRequest } from "../../../core/page-data";
import { AppError } from "../../errors";
import { presentMeetingPage, searchResponseBody } from "./presenter";
import { whileHeld } from "./export-gate";
import { printedEntries, type PrintGrouping } from "./print";
import type { MeetingsService } from "./service";

/** The page's query as the API reads it: a plain form also sends the fields left blank, which mean "any". */
function searchQuery(query: PageDataRequest["query"] = {}): MeetingSearchQuery {
  const given = Object.fromEntries(
    Object.entries(query)
      .map(([name, value]) => [name, Array.isArray(value) ? value.filter((v) => v.trim() !== "") : value?.trim()] as const)
      .filter(([, value]) => value !== undefined && value.length > 0),
  );
  const parsed = MeetingSearchQuery.safeParse(given);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({ field: issue.path.join(".") || "query", message: issue.message }));
  throw new AppError("validation", errors.map((e) => `${e.field}: ${e.message}`).join("; "), { errors });
}

/** The print page's `by` (anything else, or none: by day). */
const printGrouping = (by: string | string[] | undefined): PrintGrouping => (by === "region" ? "region" : "day");

export function meetingPages(meetings: MeetingsService, publicUrl: string) {
  return {
    /** /meetings: as GET /api/meetings with the page's query, and on a first page the meetings in progress (null when none). */
    directory: async ({ query }: PageDataRequest): Promise<PageData["directory"]> => {
      const search = searchQuery(query);
      const first = search.cursor === undefined && search.inProgress === undefined;
      // Through the result cache, as GET /api/meetings with the same query (and with inProgress=true) answers.
      const cached = async (query: MeetingSearchQuery): Promise<MeetingSearchResponse> =>
        JSON.parse((await meetings.searchBody(query, (page) => searchResponseBody(page, query.tz))).json.toString("utf8")) as MeetingSearchResponse;
      const [results, current] = await Promise.all([cached(search), first ? cached({ ...search, startingWithinHours: undefined, inProgress: true }) : null]);
      return { results, inProgress: current?.meetings.length ? current : null };
    },

    /** /meetings/:slug: as GET /api/meetings/:slug (the page shows times on the reader's clock itself). */
    meeting: async ({ memberId, params }: PageDataRequest): Promise<PageData["meeting"]> => {
      const found = await meetings.authorizeMeeting(memberId, params.slug ?? "", "see");
      return presentMeetingPage(meetings.page(found), "UTC", publicUrl);
    },

    /**
     * /meetings/print: the feed's entries in print order (?by=region: by area first), as
     * GET /api/feeds/print-schedule.json answers; the PDF reads the same batches (print.ts).
     */
    printSchedule: async ({ query }: PageDataRequest): Promise<PageData["printSchedule"]> =>
      // Every listed meeting, collected in memory: one of the few whole-directory exports allowed
      // at once (export-gate.ts). When they are all taken, the page shows the 503 as its problem.
      meetings.exportGate.run(async (slot) => {
        const entries: FeedEntry[] = [];
        for await (const batch of printedEntries(whileHeld(slot, meetings.print.batches(printGrouping(query?.by))), publicUrl)) entries.push(...batch);
        return entries;
      }),
  };
}
