/**
 * Importing a Meeting Guide feed: each entry read by the core's tolerant reader, then created,
 * updated or left unchanged by slug, each in its own transaction, so one bad meeting never stops
 * the others and none is half-written. Meetings join the groups the feed names (created, listed
 * and open, when missing); a meeting with no group gets a group of its own.
 */
import { CreateGroupRequest } from "../../../core/api";
import type { FocusArea } from "../../../core/groups";
import { newId } from "../../../core/ids";
import type { ImportedMeeting, ImportReport } from "../../../core/meetings/api";
import { readFeed, type FeedEntryOutcome, type MeetingImport } from "../../../core/meetings/meeting-guide";
import { MeetingDetails } from "../../../core/meetings/types";
import { AppError, fieldError } from "../../errors";
import type { GroupCreator, GroupsService } from "../groups/service";
import { indexOf } from "./indexing";
import type { Meeting, MeetingsRepository } from "./repository";

export interface ImportOptions {
  /** The zone for entries that name none; without it they are skipped. */
  defaultTimeZone: string | null;
  /** The focus area of the groups the import creates. */
  focus: FocusArea;
}

/** Called after each meeting: how many feed entries have been read, of how many. */
export type ImportProgress = (read: number, total: number) => void;

/** What one run knows as it goes: who imports, and the organization's groups by name. */
interface Run {
  creator: GroupCreator;
  organizationId: string;
  options: ImportOptions;
  groupIds: Map<string, string>;
  groupNames: Map<string, string>;
}

const FETCH_TIMEOUT_MS = 60_000;

export class MeetingImporter {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly groups: GroupsService,
    private readonly organizationId: () => Promise<string>,
    private readonly now: () => Date,
  ) {}

  /** Fetches a feed from the web; a 400 naming `url` when it cannot be read as a feed. */
  async fetchFeed(url: string): Promise<unknown[]> {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "application/json" } });
    } catch {
      throw fieldError("url", "could not be fetched");
    }
    if (!response.ok) throw fieldError("url", `the feed's server answered ${response.status}`);
    const body: unknown = await response.json().catch(() => null);
    if (!Array.isArray(body)) throw fieldError("url", "is not a Meeting Guide feed (a JSON array of meetings)");
    return body;
  }

  async run(creator: GroupCreator, entries: readonly unknown[], options: ImportOptions, onProgress?: ImportProgress): Promise<ImportReport> {
    const organizationId = await this.organizationId();
    const groupIds = await this.meetings.groupIdsByName(organizationId);
    const run: Run = { creator, organizationId, options, groupIds, groupNames: new Map([...groupIds].map(([name, id]) => [id, name])) };
    const report: ImportReport = { counts: { created: 0, updated: 0, unchanged: 0, skipped: 0 }, meetings: [] };
    let read = 0;
    const counted = function* () {
      for (const entry of entries) {
        read++;
        yield entry;
      }
    };
    for (const outcome of readFeed(counted(), { defaultTimeZone: options.defaultTimeZone })) {
      const line = await this.importOne(outcome, run);
      report.meetings.push(line);
      report.counts[line.outcome]++;
      onProgress?.(read, entries.length);
    }
    return report;
  }

  private async importOne(outcome: FeedEntryOutcome, run: Run): Promise<ImportedMeeting> {
    if (!outcome.ok) return { slug: outcome.slug, name: outcome.name, outcome: "skipped", reasons: outcome.reasons, warnings: [] };
    const { meeting } = outcome.record;
    const warnings = [...outcome.record.warnings, ...outcome.record.unknownTypes.map((code) => `types: "${code}" is not a Meeting Guide type; left out`)];
    try {
      return { slug: meeting.slug, name: meeting.name, outcome: await this.upsert(outcome.record, run), reasons: [], warnings };
    } catch (error) {
      const reason = error instanceof AppError ? (error.detail ?? error.code) : "could not be saved";
      return { slug: meeting.slug, name: meeting.name, outcome: "skipped", reasons: [reason], warnings };
    }
  }

  /** Creates the meeting, or updates it when its details or group changed (timestamps do not count). */
  private async upsert(record: MeetingImport, run: Run): Promise<"created" | "updated" | "unchanged"> {
    const { meeting: details } = record;
    const existing = await this.meetings.findMeeting(run.organizationId, { slug: details.slug });
    const groupId = record.group
      ? await this.groupNamed(record.group, details, run)
      : (existing?.groupId ?? (await this.createGroup({ name: details.name, notes: null }, details, run)));
    if (existing && existing.groupId === groupId && sameDetails(existing, details)) return "unchanged";
    const now = this.now().toISOString();
    const updatedAt = record.updatedAt ?? now;
    const meeting: Meeting = existing
      ? { ...existing, ...details, groupId, updatedAt }
      : { ...details, id: newId(), groupId, createdAt: now, updatedAt };
    const index = indexOf(meeting, await this.groupName(groupId, run));
    await this.meetings.transaction((repo) => (existing ? repo.updateMeeting(meeting, index) : repo.insertMeeting(meeting, run.organizationId, index)));
    return existing ? "updated" : "created";
  }

  private async groupNamed(group: { name: string; notes: string | null }, meeting: MeetingDetails, run: Run): Promise<string> {
    return run.groupIds.get(group.name) ?? (await this.createGroup(group, meeting, run));
  }

  /** A listed, open group, checked as the group form checks it. */
  private async createGroup(group: { name: string; notes: string | null }, meeting: MeetingDetails, run: Run): Promise<string> {
    const fields = CreateGroupRequest.safeParse({
      name: group.name.slice(0, 100),
      description: group.notes ?? "",
      focusAreas: [run.options.focus],
      languages: meeting.languages.length > 0 ? meeting.languages : ["en"],
    });
    if (!fields.success) throw new AppError("validation", `group: ${fields.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`);
    const { group: created } = await this.groups.create(run.creator, fields.data);
    run.groupIds.set(created.name, created.id);
    run.groupNames.set(created.id, created.name);
    return created.id;
  }

  private async groupName(groupId: string, run: Run): Promise<string> {
    const known = run.groupNames.get(groupId);
    if (known !== undefined) return known;
    const name = await this.meetings.groupNameOf(groupId);
    run.groupNames.set(groupId, name);
    return name;
  }
}

/** The same details, whatever the order of types and languages. */
function sameDetails(a: MeetingDetails, b: MeetingDetails): boolean {
  const canonical = (meeting: MeetingDetails) => {
    const parsed = MeetingDetails.parse(meeting);
    return JSON.stringify({ ...parsed, types: [...parsed.types].sort(), languages: [...parsed.languages].sort() });
  };
  return canonical(a) === canonical(b);
}
