import type { CreateMeetingRequest, UpdateMeetingRequest } from "../../../core/meetings/api";
import { isInProgress, occurrencesBetween, type Occurrence } from "../../../core/meetings/schedule";
import { MeetingDetails } from "../../../core/meetings/types";
import { newId, UUID_PATTERN } from "../../../core/ids";
import { AppError } from "../../errors";
import { compressed } from "../../http/compression";
import type { MeetingSearchQuery } from "../../../core/meetings/api";
import type { Authorized, Group, GroupChange, GroupCreator, GroupsService } from "../groups/service";
import { SearchResultCache, searchKey } from "./cache";
import { ExportGate } from "./export-gate";
import { MeetingFeeds } from "./feeds";
import { MeetingImporter, type ImportOptions, type ImportProgress } from "./importer";
import { indexOf } from "./indexing";
import { MEETING_RULES, type GroupActionFor, type MeetingAction } from "./policy";
import { MeetingPrint } from "./print";
import type { CorrectionEntry, Meeting, MeetingsRepository } from "./repository";
import { MeetingSearch, wholeMinute, type SearchPage } from "./search";

/** A search's response body, as JSON and gzipped (for clients that accept it). */
export interface SearchBody {
  json: Buffer;
  gzipped: Buffer;
  /** Both, for the cache's count. */
  byteLength: number;
}

export type { Meeting };

/** What meetings need from the organization feature (its OrganizationService fits this). */
export interface OrganizationLookup {
  require(): Promise<{ id: string; name: string }>;
  adminIds(): Promise<Set<string>>;
}

/** A meeting, and the access to its group that lets the caller act on it. */
export interface MeetingAccess<A extends MeetingAction> {
  access: Authorized<GroupActionFor<A>>;
  meeting: Meeting;
}

/** A meeting's page as one viewer sees it. */
export interface MeetingPageView {
  meeting: Meeting;
  group: Group;
  /** The one in progress (if any), then the next ones. */
  occurrences: Occurrence[];
  inProgress: boolean;
  canEdit: boolean;
}

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const PAGE_OCCURRENCES = 5;
/** Far enough to find five occurrences of a monthly meeting. */
const PAGE_HORIZON_DAYS = 200;

/** The importer, with what searches keep (finished pages, the zones) forgotten after each meeting it writes, and at the end. */
class CacheClearingImporter extends MeetingImporter {
  constructor(
    meetings: MeetingsRepository,
    groups: GroupsService,
    organizationId: () => Promise<string>,
    now: () => Date,
    private readonly changed: () => void,
  ) {
    super(meetings, groups, organizationId, now);
  }

  override async run(creator: GroupCreator, entries: readonly unknown[], options: ImportOptions, onProgress?: ImportProgress) {
    try {
      return await super.run(creator, entries, options, (read, total) => {
        this.changed();
        onProgress?.(read, total);
      });
    } finally {
      this.changed();
    }
  }
}

export class MeetingsService {
  readonly search: MeetingSearch;
  /** Finished pages of the public search (cache.ts); emptied by every write a result may show. */
  readonly searchCache: SearchResultCache<SearchBody>;
  readonly feeds: MeetingFeeds;
  readonly importer: MeetingImporter;
  readonly print: MeetingPrint;
  /** How many whole-directory exports may run at once in this process (export-gate.ts); one per app. */
  readonly exportGate: ExportGate;
  private organization: Promise<{ id: string; name: string }> | null = null;
  /** Groups renamed whose meetings' search words still carry the old name: group id -> new name. */
  private readonly renamed = new Map<string, string>();
  /** The run rewriting them, while one goes. */
  private reindexing: Promise<void> | null = null;

  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly groups: GroupsService,
    private readonly organizations: OrganizationLookup,
    private readonly now: () => Date = () => new Date(),
    options: { exportsAtOnce?: number } = {},
  ) {
    const organizationId = async () => (await this.currentOrganization()).id;
    this.search = new MeetingSearch(meetings, organizationId, now);
    // Its ttl runs on the same clock as the search (tests set it).
    this.searchCache = new SearchResultCache<SearchBody>(() => now().getTime());
    this.feeds = new MeetingFeeds(meetings, this.search, organizationId);
    this.importer = new CacheClearingImporter(meetings, groups, organizationId, now, () => this.directoryChanged());
    this.print = new MeetingPrint(meetings, organizationId);
    this.exportGate = new ExportGate(options.exportsAtOnce);
  }

  /** The organization (it never changes once set up; 503 setupNeeded before). */
  async currentOrganization(): Promise<{ id: string; name: string }> {
    this.organization ??= this.organizations.require().catch((error: unknown) => {
      this.organization = null;
      throw error;
    });
    return this.organization;
  }

  /**
   * A page of the directory's search as `render` turns it into a response body, and gzipped: the
   * same body as the last identical search this minute when nothing has been written since
   * (cache.ts). The results do not depend on who asks, so neither does the body.
   */
  async searchBody(query: MeetingSearchQuery, render: (page: SearchPage) => Buffer): Promise<SearchBody> {
    // A group renamed a moment ago: its meetings are found by the new name, not the old.
    await this.wordsReindexed();
    const at = wholeMinute(this.now());
    return this.searchCache.get(searchKey(query, at), async () => {
      const json = render(await this.search.page(query, at));
      // Compressed once (a page is small: at once, about 0.07 ms), for every browser that asks for this page until it changes.
      const gzipped = await compressed(json, "gzip");
      return { json, gzipped, byteLength: json.length + gzipped.length };
    });
  }

  /** A write a search may see is committed: no page kept before it is sent again, and the search reads the directory's zones afresh. */
  private directoryChanged(): void {
    this.searchCache.invalidate();
    this.search.forget();
  }

  /** A group's change reaches the search when it shows in results or decides them: listed or not, its name, its focus areas. */
  groupChanged({ before, after }: GroupChange): void {
    const same =
      after !== null &&
      after.visibility === before.visibility &&
      after.name === before.name &&
      JSON.stringify([...after.focusAreas].sort()) === JSON.stringify([...before.focusAreas].sort());
    if (!same) this.directoryChanged();
    // The group's name is part of its meetings' search words (indexing.ts); nothing else of the group is copied into the index.
    if (after !== null && after.name !== before.name) {
      this.renamed.set(after.id, after.name);
      void this.wordsReindexed();
    }
  }

  /**
   * Rewrites the search words of every meeting of the groups renamed since the last run, in one
   * transaction, then empties the cache; searches wait for it. It never throws: after a failure
   * the groups stay listed, and the next search tries again.
   */
  private wordsReindexed(): Promise<void> {
    if (this.renamed.size === 0 || this.reindexing) return this.reindexing ?? Promise.resolve();
    const run = async () => {
      try {
        while (this.renamed.size > 0) {
          const batch = [...this.renamed];
          await this.meetings.transaction(async (repo) => {
            for (const [groupId, name] of batch) {
              for (const meeting of await repo.groupMeetings(groupId)) await repo.replaceWords(meeting.id, indexOf(meeting, name));
            }
          });
          // Renamed again meanwhile: the next round writes the newer name.
          for (const [groupId, name] of batch) if (this.renamed.get(groupId) === name) this.renamed.delete(groupId);
          this.directoryChanged();
        }
      } catch {
        // Left in `renamed` for the next search; a search meanwhile still matches the old name.
      } finally {
        this.reindexing = null;
      }
    };
    this.reindexing = run();
    return this.reindexing;
  }

  /** Checks by the group's policy that a person (null: signed out) may act on a group's meetings. */
  authorizeGroup<A extends MeetingAction>(memberId: string | null, groupId: string, action: A): Promise<Authorized<GroupActionFor<A>>> {
    return this.groups.authorize(memberId, groupId, MEETING_RULES[action]);
  }

  /** Finds a meeting by id or slug and checks the action on its group: 404 for a meeting one may not see. */
  async authorizeMeeting<A extends MeetingAction>(memberId: string | null, idOrSlug: string, action: A): Promise<MeetingAccess<A>> {
    const meeting = await this.find(idOrSlug);
    if (!meeting) throw new AppError("notFound");
    return { access: await this.authorizeGroup(memberId, meeting.groupId, action), meeting };
  }

  /** On the command line, the operator acts with an organization administrator's rights. */
  async operatorCreator(): Promise<GroupCreator> {
    const [adminId] = await this.organizations.adminIds();
    if (adminId === undefined) throw new AppError("setupNeeded", "Kindred has not been set up yet.");
    return this.groups.authorizeCreate(adminId);
  }

  async listOfGroup(access: Authorized<"see">): Promise<Meeting[]> {
    return this.meetings.groupMeetings(access.group.id);
  }

  /** A new meeting; its slug comes from the name unless given, and never changes afterwards. */
  async create(access: Authorized<"edit">, input: CreateMeetingRequest): Promise<Meeting> {
    const organizationId = (await this.currentOrganization()).id;
    const { slug: wanted, ...fields } = input;
    return this.meetings.transaction(async (repo) => {
      if (wanted !== undefined && (await repo.slugTaken(organizationId, wanted))) {
        throw new AppError("validation", "slug: another meeting has this slug", { errors: [{ field: "slug", message: "another meeting has this slug" }] });
      }
      const slug = wanted ?? (await freeSlug(repo, organizationId, fields.name));
      const now = this.now().toISOString();
      const meeting: Meeting = { ...checkedDetails({ ...fields, slug }), id: newId(), groupId: access.group.id, createdAt: now, updatedAt: now };
      await repo.insertMeeting(meeting, organizationId, indexOf(meeting, access.group.name));
      return meeting;
    }).finally(() => this.directoryChanged());
  }

  /** Changes the fields sent; the whole is checked again, and nothing is written if it fails. */
  async update({ access, meeting }: MeetingAccess<"manage">, changes: UpdateMeetingRequest): Promise<Meeting> {
    const details = checkedDetails({ ...meeting, ...changes, slug: meeting.slug });
    const updated: Meeting = { ...meeting, ...details, updatedAt: this.now().toISOString() };
    await this.meetings.transaction((repo) => repo.updateMeeting(updated, indexOf(updated, access.group.name))).finally(() => this.directoryChanged());
    return updated;
  }

  async remove({ meeting }: MeetingAccess<"manage">): Promise<void> {
    await this.meetings.deleteMeeting(meeting.id).finally(() => this.directoryChanged());
  }

  page({ access, meeting }: MeetingAccess<"see">): MeetingPageView {
    const at = this.now();
    const { schedule } = meeting;
    const nearby = occurrencesBetween(schedule, new Date(at.getTime() - DAY), new Date(at.getTime() + PAGE_HORIZON_DAYS * DAY));
    return {
      meeting,
      group: access.group,
      occurrences: nearby.filter((occurrence) => occurrence.end > at).slice(0, PAGE_OCCURRENCES),
      inProgress: isInProgress(schedule, at),
      canEdit: this.groups.allows(access, MEETING_RULES.manage),
    };
  }

  // ---------- corrections ----------

  /** Keeps what was reported and when; never who reported it. */
  async reportCorrection({ meeting }: MeetingAccess<"report">, message: string): Promise<void> {
    await this.meetings.insertCorrection({
      id: newId(),
      meetingId: meeting.id,
      groupId: meeting.groupId,
      message,
      createdAt: this.now().toISOString(),
      handledAt: null,
    });
  }

  corrections(access: Authorized<"edit">): Promise<CorrectionEntry[]> {
    return this.meetings.groupCorrections(access.group.id);
  }

  async setCorrectionHandled(access: Authorized<"edit">, correctionId: string, handled: boolean): Promise<CorrectionEntry> {
    const groupId = access.group.id;
    const found = await this.meetings.setCorrectionHandled(groupId, correctionId, handled ? this.now().toISOString() : null);
    if (!found) throw new AppError("notFound");
    const [entry] = await this.meetings.groupCorrections(groupId, correctionId);
    return entry!;
  }

  private async find(idOrSlug: string): Promise<Meeting | null> {
    const organizationId = (await this.currentOrganization()).id;
    const byId = UUID_PATTERN.test(idOrSlug) ? await this.meetings.findMeeting(organizationId, { id: idOrSlug }) : null;
    return byId ?? this.meetings.findMeeting(organizationId, { slug: idOrSlug });
  }
}

/** The details checked as a whole (the schedule's own rules too); a 400 names each field that fails. */
export function checkedDetails(input: unknown): MeetingDetails {
  const result = MeetingDetails.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({ field: issue.path.join(".") || "body", message: issue.message }));
  throw new AppError("validation", errors.map((e) => `${e.field}: ${e.message}`).join("; "), { errors });
}

const SLUG_LENGTH = 60;

/** "Tuesday Night Hope" -> "tuesday-night-hope", then "-2", "-3" ... until it is free. */
async function freeSlug(repo: MeetingsRepository, organizationId: string, name: string): Promise<string> {
  const base =
    name
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .slice(0, SLUG_LENGTH)
      .replace(/^-+|-+$/g, "") || "meeting";
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await repo.slugTaken(organizationId, slug))) return slug;
  }
}
