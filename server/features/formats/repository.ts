import type { Kysely } from "kysely";
import { Format } from "../../../core/live/formats";
import type { TemplateId } from "../../../core/live/formats";
import type { Database } from "../../db";

/** A group's format at one version. */
export interface FormatRecord {
  id: string;
  groupId: string;
  templateId: TemplateId | null;
  version: number;
  format: Format;
  createdAt: string;
  updatedAt: string;
}

export interface FormatVersionRecord {
  formatId: string;
  version: number;
  name: string;
  format: Format;
  createdAt: string;
}

type FormatRow = { id: string; group_id: string; template_id: string | null; current_version: number; created_at: string; updated_at: string; body: string };

/** Stored bodies were checked on the way in; parsing again guards against a hand-edited database. */
const bodyOf = (json: string): Format => Format.parse(JSON.parse(json));

function toRecord(row: FormatRow): FormatRecord {
  return {
    id: row.id,
    groupId: row.group_id,
    templateId: row.template_id as TemplateId | null,
    version: row.current_version,
    format: bodyOf(row.body),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class FormatsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `work` in one transaction: everything it writes lands together or not at all. */
  transaction<T>(work: (repository: FormatsRepository) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new FormatsRepository(trx)));
  }

  private current() {
    return this.db
      .selectFrom("formats")
      .innerJoin("format_versions", (join) =>
        join.onRef("format_versions.format_id", "=", "formats.id").onRef("format_versions.version", "=", "formats.current_version"),
      )
      .select([
        "formats.id",
        "formats.group_id",
        "formats.template_id",
        "formats.current_version",
        "formats.created_at",
        "formats.updated_at",
        "format_versions.body",
      ]);
  }

  async find(formatId: string): Promise<FormatRecord | null> {
    const row = await this.current().where("formats.id", "=", formatId).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** A group's formats, oldest first (the first is the group's default). */
  async listOfGroup(groupId: string): Promise<FormatRecord[]> {
    const rows = await this.current().where("formats.group_id", "=", groupId).orderBy("formats.created_at").orderBy("formats.id").execute();
    return rows.map(toRecord);
  }

  async insert(record: FormatRecord): Promise<void> {
    await this.db
      .insertInto("formats")
      .values({
        id: record.id,
        group_id: record.groupId,
        template_id: record.templateId,
        current_version: record.version,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
      })
      .execute();
    await this.insertVersion(record.id, record.version, record.format, record.createdAt);
  }

  /** The next version becomes the one in effect; the earlier ones stay readable. */
  async addVersion(formatId: string, version: number, format: Format, at: string): Promise<void> {
    await this.insertVersion(formatId, version, format, at);
    await this.db.updateTable("formats").set({ current_version: version, updated_at: at }).where("id", "=", formatId).execute();
  }

  private async insertVersion(formatId: string, version: number, format: Format, at: string): Promise<void> {
    await this.db
      .insertInto("format_versions")
      .values({ format_id: formatId, version, name: format.name, body: JSON.stringify(format), created_at: at })
      .execute();
  }

  async versions(formatId: string): Promise<Omit<FormatVersionRecord, "format">[]> {
    const rows = await this.db
      .selectFrom("format_versions")
      .select(["format_id", "version", "name", "created_at"])
      .where("format_id", "=", formatId)
      .orderBy("version", "desc")
      .execute();
    return rows.map((r) => ({ formatId: r.format_id, version: r.version, name: r.name, createdAt: r.created_at }));
  }

  async version(formatId: string, version: number): Promise<FormatVersionRecord | null> {
    const row = await this.db
      .selectFrom("format_versions")
      .selectAll()
      .where("format_id", "=", formatId)
      .where("version", "=", version)
      .executeTakeFirst();
    return row ? { formatId: row.format_id, version: row.version, name: row.name, format: bodyOf(row.body), createdAt: row.created_at } : null;
  }

  /** The format a meeting names, if any. */
  async formatIdOfMeeting(meetingId: string): Promise<string | null> {
    const row = await this.db.selectFrom("meeting_formats").select("format_id").where("meeting_id", "=", meetingId).executeTakeFirst();
    return row?.format_id ?? null;
  }

  async setMeetingFormat(meetingId: string, formatId: string | null, at: string): Promise<void> {
    await this.db.deleteFrom("meeting_formats").where("meeting_id", "=", meetingId).execute();
    if (formatId !== null) await this.db.insertInto("meeting_formats").values({ meeting_id: meetingId, format_id: formatId, assigned_at: at }).execute();
  }

  /** A meeting's group, and the meeting's then the group's languages (for a built-in template's language). */
  async meetingGroup(meetingId: string): Promise<{ groupId: string; languages: string[] } | null> {
    const row = await this.db
      .selectFrom("meetings")
      .innerJoin("groups", "groups.id", "meetings.group_id")
      .select(["groups.id as groupId", "groups.languages as groupLanguages", "meetings.languages as meetingLanguages"])
      .where("meetings.id", "=", meetingId)
      .executeTakeFirst();
    if (!row) return null;
    const languages = [...(JSON.parse(row.meetingLanguages) as string[]), ...(JSON.parse(row.groupLanguages) as string[])];
    return { groupId: row.groupId, languages };
  }
}
