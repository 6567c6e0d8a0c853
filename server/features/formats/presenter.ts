/** The only way formats leave the server. */
import type { z } from "zod";
import type { FormatTemplate as FormatTemplateSchema, FormatVersion, FormatVersionSummary, GroupFormat, MeetingFormat } from "../../../core/live/api";
import { describeFormat, type FormatTemplate } from "../../../core/live/formats";
import type { FormatInEffect, FormatRecord, FormatVersionRecord } from "./service";

export function presentTemplate(template: FormatTemplate): z.infer<typeof FormatTemplateSchema> {
  return { id: template.id, language: template.language, format: template.format };
}

export function presentFormat(record: FormatRecord, canEdit: boolean): GroupFormat {
  return {
    id: record.id,
    groupId: record.groupId,
    version: record.version,
    templateId: record.templateId,
    format: record.format,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    canEdit,
  };
}

export function presentVersionSummary(version: Omit<FormatVersionRecord, "format">): z.infer<typeof FormatVersionSummary> {
  return { version: version.version, name: version.name, createdAt: version.createdAt };
}

export function presentVersion(version: FormatVersionRecord): z.infer<typeof FormatVersion> {
  return { formatId: version.formatId, version: version.version, format: version.format, createdAt: version.createdAt };
}

/** The description speaks the format's own language where Kindred speaks it, else the reader's. */
export function presentMeetingFormat(found: FormatInEffect, language: "en" | "es"): MeetingFormat {
  const formatLanguage = found.format.language;
  const words = formatLanguage === "en" || formatLanguage === "es" ? formatLanguage : language;
  return {
    meetingId: found.meetingId,
    formatId: found.formatId,
    version: found.version,
    chosen: found.chosen,
    templateId: found.templateId,
    format: found.format,
    description: describeFormat(found.format, words),
  };
}
