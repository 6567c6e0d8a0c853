/**
 * The HTTP contract of meeting formats: the built-in templates, a group's formats with their
 * versions, and the format a meeting follows (described in plain words for its page).
 */
import { z } from "zod";
import { UI_LANGUAGES } from "../vocabulary";
import { Format, TEMPLATE_IDS } from "./formats";

const Id = z.uuid();

export const TemplateId = z.enum(TEMPLATE_IDS);
export const TemplateLanguage = z.enum(UI_LANGUAGES);

export const FormatTemplate = z.object({ id: TemplateId, language: TemplateLanguage, format: Format });
export const TemplatesQuery = z.object({ language: TemplateLanguage.optional() });
export const TemplatesResponse = z.object({ templates: z.array(FormatTemplate) });

/** A group's format, at its current version. */
export const GroupFormat = z.object({
  id: Id,
  groupId: Id,
  version: z.number().int().min(1),
  /** The built-in template it was copied from, if any. */
  templateId: TemplateId.nullable(),
  format: Format,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether the viewer may edit it (members holding the chair position, and admins). */
  canEdit: z.boolean(),
});
export type GroupFormat = z.infer<typeof GroupFormat>;
export const GroupFormatsResponse = z.object({ formats: z.array(GroupFormat), canEdit: z.boolean() });

/** A new format: a copy of a built-in template, or one written from scratch. */
export const CreateFormatRequest = z.union([
  z.object({ templateId: TemplateId, language: TemplateLanguage }),
  z.object({ format: Format }),
]);
export type CreateFormatRequest = z.infer<typeof CreateFormatRequest>;

/** An edit: the whole format, which becomes its next version. */
export const UpdateFormatRequest = z.object({
  format: Format,
  /** The version the edit started from: when someone else saved in between, the answer is 409. */
  baseVersion: z.number().int().min(1).optional(),
});

export const FormatVersionSummary = z.object({ version: z.number().int(), name: z.string(), createdAt: z.string() });
export const FormatVersionsResponse = z.object({ versions: z.array(FormatVersionSummary) });
export const FormatVersion = z.object({ formatId: Id, version: z.number().int(), format: Format, createdAt: z.string() });

export const SetMeetingFormatRequest = z.object({
  /** One of the group's formats; null returns the meeting to the group's default. */
  formatId: Id.nullable(),
});

export const MeetingFormatQuery = z.object({ language: TemplateLanguage.optional() });
/** The format a meeting follows and, in plain words, how it runs. */
export const MeetingFormat = z.object({
  meetingId: Id,
  /** Null when the meeting follows a built-in template (the group has no format of its own). */
  formatId: Id.nullable(),
  version: z.number().int().nullable(),
  /** True when the meeting names its format; false when it follows the group's default. */
  chosen: z.boolean(),
  templateId: TemplateId.nullable(),
  format: Format,
  description: z.array(z.string()),
});
export type MeetingFormat = z.infer<typeof MeetingFormat>;
