/**
 * Data the server loads for a public page and sends in the page's state script, so the HTML is
 * complete without JavaScript and the browser hydrates without fetching it again.
 *
 * A page asks for it by name in web/routes.tsx (`data: "group"`) and reads it with
 * usePageData("group", ...) (web/lib/page-data.tsx); the server has one loader per name
 * (PageLoaders in server/features/web/service.ts), which answers what the API would.
 * To add a page: a name and its shape here, the loader, the route's `data`.
 */
import type { z } from "zod";
import type { GroupDetail, GroupMember, GroupSummary } from "./api";
import type { MeetingPage, MeetingSearchResponse } from "./meetings/api";
import type { FeedEntry } from "./meetings/meeting-guide";
import type { SlipVerification } from "./live-api";
import type { Problem } from "./problems";

export interface PageData {
  /** /groups: the groups the viewer may see (GET /api/groups). */
  groups: z.infer<typeof GroupSummary>[];
  /** /groups/:groupId: the group, and its members for those who may see them (else none). */
  group: { group: GroupDetail; members: z.infer<typeof GroupMember>[] };
  /** /meetings: the search in the page's query (GET /api/meetings), and on a first page the meetings in progress. */
  directory: DirectoryData;
  /** /meetings/:slug and /meetings/:slug/correction: GET /api/meetings/:slug. */
  meeting: MeetingPage;
  /** /meetings/print: the organization's Meeting Guide feed (GET /api/feeds/meeting-guide.json). */
  printSchedule: FeedEntry[];
  /** /verify/:code: whether a proof-of-attendance slip is genuine (GET /api/live/slips/verify/:code). */
  slipVerification: z.infer<typeof SlipVerification>;
}

export type PageDataName = keyof PageData;

/** What a loader on the server gets: who asks (null: signed out) and the route's parameters. */
export interface PageDataRequest {
  memberId: string | null;
  params: Record<string, string | undefined>;
  /** The page's query string (a name given twice has an array), for pages whose URL holds a search. */
  query?: Record<string, string | string[] | undefined>;
}

/** A page's data as loaded on the server: the data, or the problem the API would have answered. */
export type LoadedPageData = {
  [N in PageDataName]: { name: N; data: PageData[N] } | { name: N; problem: Problem };
}[PageDataName];

/** The directory's results: a page of upcoming meetings, and the meetings in progress (null when none or not asked). */
export interface DirectoryData {
  results: MeetingSearchResponse;
  inProgress: MeetingSearchResponse | null;
}
