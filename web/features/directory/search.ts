/** The directory's search (GET /api/meetings, docs/API.md "The meeting directory"); `import type` keeps zod out of the bundle. */
import type { MeetingSearchResponse } from "../../../core/meetings/api";
import type { DirectoryData } from "../../../core/page-data";
import { api } from "../../lib/api";

export type { DirectoryData, MeetingSearchResponse };
export type FoundMeeting = MeetingSearchResponse["meetings"][number];

/** The directory's query as the API takes it: the page's own, without the blanks a plain form sends. */
export function searchQuery(search: string): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(search)) if (value.trim() !== "") query.append(name, value);
  return query;
}

const searchFor = (query: URLSearchParams) => api.get<MeetingSearchResponse>(`/api/meetings?${query}`);

/**
 * The directory's results: the page of upcoming meetings, and on a first page those in progress
 * now (a second search, at the same time), as the default view shows them.
 */
export async function loadDirectory(search: string): Promise<DirectoryData> {
  const query = searchQuery(search);
  const current = new URLSearchParams(query);
  current.delete("startingWithinHours");
  current.set("inProgress", "true");
  const first = !query.has("cursor") && !query.has("inProgress");
  const [results, inProgress] = await Promise.all([searchFor(query), first ? searchFor(current) : null]);
  return { results, inProgress: inProgress?.meetings.length ? inProgress : null };
}
