import type { CreateFormatRequest } from "../../../core/live/api";
import { FORMAT_TEMPLATES, findTemplate, TEMPLATE_IDS, type Format, type FormatTemplate, type TemplateId } from "../../../core/live/formats";
import { newId } from "../../../core/ids";
import { AppError, fieldError } from "../../errors";
import type { Authorized, GroupAction } from "../groups/service";
import type { MeetingAccess } from "../meetings/service";
import { authorizeFormats, canFormats, type FormatAction, type FormatsAccess } from "./policy";
import type { FormatRecord, FormatsRepository, FormatVersionRecord } from "./repository";

export type { FormatRecord, FormatsAccess, FormatVersionRecord };

/** What formats need from the groups feature (its GroupsService fits this). */
export interface GroupsForFormats {
  authorize<A extends GroupAction>(memberId: string | null, groupId: string, action: A): Promise<Authorized<A>>;
}

/** What formats need from the meetings feature (its MeetingsService fits this). */
export interface MeetingsForFormats {
  authorizeMeeting<A extends "see" | "manage">(memberId: string | null, idOrSlug: string, action: A): Promise<MeetingAccess<A>>;
}

/** The format a meeting follows now. */
export interface FormatInEffect {
  meetingId: string;
  /** Null when it is a built-in template (the group has no format of its own yet). */
  formatId: string | null;
  version: number | null;
  /** Whether the meeting names this format (else it is the group's default). */
  chosen: boolean;
  templateId: TemplateId | null;
  format: Format;
}

/** A format and the access to its group that lets the caller act on it. */
export interface FormatAccess<A extends FormatAction> {
  access: FormatsAccess<A>;
  record: FormatRecord;
}

/** The built-in template a group without formats of its own falls back to. */
const DEFAULT_TEMPLATE: TemplateId = TEMPLATE_IDS[0];

const templateLanguage = (languages: readonly string[]): "en" | "es" => {
  const known = languages.find((l) => l === "en" || l === "es");
  return known === "es" ? "es" : "en";
};

export class FormatsService {
  constructor(
    private readonly repo: FormatsRepository,
    private readonly groups: GroupsForFormats,
    private readonly meetings: MeetingsForFormats,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  templates(language?: "en" | "es"): readonly FormatTemplate[] {
    return language ? FORMAT_TEMPLATES.filter((t) => t.language === language) : FORMAT_TEMPLATES;
  }

  /** Checks that a person (null: signed out) may `action` a group's formats: 404 when they may not see the group. */
  async authorizeGroup<A extends FormatAction>(memberId: string | null, groupId: string, action: A): Promise<FormatsAccess<A>> {
    return authorizeFormats(await this.groups.authorize(memberId, groupId, "see"), action);
  }

  /** Finds a format and checks the action on its group: 404 for a format one may not see. */
  async authorizeFormat<A extends FormatAction>(memberId: string | null, formatId: string, action: A): Promise<FormatAccess<A>> {
    const record = await this.repo.find(formatId);
    if (!record) throw new AppError("notFound");
    return { access: await this.authorizeGroup(memberId, record.groupId, action), record };
  }

  /** Whether access to a group also lets its viewer edit the formats (what the page offers). */
  canEdit(access: FormatsAccess<FormatAction>): boolean {
    return canFormats(access, "edit");
  }

  list(access: FormatsAccess<"see">): Promise<FormatRecord[]> {
    return this.repo.listOfGroup(access.group.id);
  }

  /** A new format of the group: a copy of a built-in template, or one written from scratch. Version 1. */
  async create(access: FormatsAccess<"edit">, input: CreateFormatRequest): Promise<FormatRecord> {
    const now = this.clock().toISOString();
    const fromTemplate = "templateId" in input ? findTemplate(input.templateId, input.language) : null;
    const record: FormatRecord = {
      id: newId(),
      groupId: access.group.id,
      templateId: fromTemplate?.id ?? null,
      version: 1,
      format: fromTemplate?.format ?? (input as { format: Format }).format,
      createdAt: now,
      updatedAt: now,
    };
    await this.repo.transaction((repo) => repo.insert(record));
    return record;
  }

  /**
   * An edit makes the next version, which meetings follow from now on (a room already open keeps
   * the format it opened with). Saving what is already there changes nothing. With `baseVersion`,
   * an edit made on an older version is refused (409), so nobody overwrites another's edit unseen.
   */
  async update({ record }: FormatAccess<"edit">, format: Format, baseVersion?: number): Promise<FormatRecord> {
    return this.repo.transaction(async (repo) => {
      const current = await repo.find(record.id);
      if (!current) throw new AppError("notFound");
      if (baseVersion !== undefined && baseVersion !== current.version) {
        throw new AppError("conflict", `This format was changed meanwhile: it is at version ${current.version}.`);
      }
      if (JSON.stringify(current.format) === JSON.stringify(format)) return current;
      const now = this.clock().toISOString();
      await repo.addVersion(current.id, current.version + 1, format, now);
      return { ...current, version: current.version + 1, format, updatedAt: now };
    });
  }

  versions({ record }: FormatAccess<"see">): Promise<Omit<FormatVersionRecord, "format">[]> {
    return this.repo.versions(record.id);
  }

  async version({ record }: FormatAccess<"see">, version: number): Promise<FormatVersionRecord> {
    const found = await this.repo.version(record.id, version);
    if (!found) throw new AppError("notFound");
    return found;
  }

  /** Names the format a meeting follows (one of its group's), or (null) returns it to the group's default. */
  async setMeetingFormat(memberId: string | null, meetingIdOrSlug: string, formatId: string | null): Promise<FormatInEffect> {
    const { meeting } = await this.meetings.authorizeMeeting(memberId, meetingIdOrSlug, "manage");
    if (formatId !== null) {
      const format = await this.repo.find(formatId);
      if (!format || format.groupId !== meeting.groupId) throw fieldError("formatId", "not one of this group's formats");
    }
    await this.repo.transaction((repo) => repo.setMeetingFormat(meeting.id, formatId, this.clock().toISOString()));
    return (await this.formatForMeeting(meeting.id))!;
  }

  /** The format of a meeting a person may see (404 otherwise). */
  async meetingFormat(memberId: string | null, meetingIdOrSlug: string): Promise<FormatInEffect> {
    const { meeting } = await this.meetings.authorizeMeeting(memberId, meetingIdOrSlug, "see");
    const found = await this.formatForMeeting(meeting.id);
    if (!found) throw new AppError("notFound");
    return found;
  }

  /**
   * The format a meeting follows now, for the live room (no access check: the caller has made
   * its own). The format the meeting names; else the group's first format; else the first
   * built-in template in the meeting's (or group's) language. Null when there is no such meeting.
   */
  async formatForMeeting(meetingId: string): Promise<FormatInEffect | null> {
    const group = await this.repo.meetingGroup(meetingId);
    if (!group) return null;
    const chosenId = await this.repo.formatIdOfMeeting(meetingId);
    const chosen = chosenId ? await this.repo.find(chosenId) : null;
    const record = chosen ?? (await this.repo.listOfGroup(group.groupId))[0];
    if (record) {
      return { meetingId, formatId: record.id, version: record.version, chosen: chosen !== null, templateId: record.templateId, format: record.format };
    }
    const template = findTemplate(DEFAULT_TEMPLATE, templateLanguage(group.languages));
    return { meetingId, formatId: null, version: null, chosen: false, templateId: template.id, format: template.format };
  }
}
