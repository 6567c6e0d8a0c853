/**
 * Meetings as feeds and calendars list them: every listed meeting of the organization, one
 * group's, or a search's, read from the database a page at a time so that a large directory is
 * never in memory at once.
 */
import type { MeetingSearchQuery } from "../../../core/meetings/api";
import type { Authorized } from "../groups/service";
import type { MeetingsRepository, MeetingWithGroup } from "./repository";
import type { MeetingSearch } from "./search";

export type { MeetingWithGroup };

const FEED_PAGE_SIZE = 500;

/** The organization's listed meetings, or the meetings of one group the caller may see. */
export type FeedScope = "organization" | Authorized<"see">;

export class MeetingFeeds {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly search: MeetingSearch,
    private readonly organizationId: () => Promise<string>,
    private readonly pageSize = FEED_PAGE_SIZE,
  ) {}

  /** In slug order, a page at a time. */
  async *list(scope: FeedScope): AsyncGenerator<MeetingWithGroup> {
    const where = scope === "organization" ? { organizationId: await this.organizationId() } : { groupId: scope.group.id };
    for (let after: string | null = null; ; ) {
      const page = await this.meetings.meetingsPage(where, after, this.pageSize);
      yield* page;
      if (page.length < this.pageSize) return;
      after = page.at(-1)!.slug;
    }
  }

  async all(scope: FeedScope): Promise<MeetingWithGroup[]> {
    const found: MeetingWithGroup[] = [];
    for await (const meeting of this.list(scope)) found.push(meeting);
    return found;
  }

  /** Every meeting a search finds, whenever it meets, in slug order. */
  async ofSearch(query: MeetingSearchQuery): Promise<MeetingWithGroup[]> {
    const found = await this.meetings.meetingsByIds(await this.search.allIds(query));
    return found.sort((a, b) => (a.slug < b.slug ? -1 : 1));
  }
}
