/** The formats API (server/features/formats/routes.ts), typed from core; `import type` keeps zod out of the bundle. */
import type { z } from "zod";
import type { GroupDetail } from "../../../core/api";
import type { FormatTemplate, FormatVersion, FormatVersionSummary, GroupFormat, MeetingFormat } from "../../../core/live/api";
import type { Format, FormatStep, TemplateId } from "../../../core/live/formats";
import { api } from "../../lib/api";

export type { Format, FormatStep, GroupFormat, MeetingFormat, TemplateId };
export type Template = z.infer<typeof FormatTemplate>;
export type VersionSummary = z.infer<typeof FormatVersionSummary>;
export type Version = z.infer<typeof FormatVersion>;
export type Group = z.infer<typeof GroupDetail>;

const ofGroup = (groupId: string) => `/api/groups/${encodeURIComponent(groupId)}`;
const format = (formatId: string) => `/api/formats/${encodeURIComponent(formatId)}`;

export const formatsApi = {
  group: (groupId: string) => api.get<Group>(ofGroup(groupId)),
  templates: async (language: "en" | "es") => (await api.get<{ templates: Template[] }>(`/api/live/templates?language=${language}`)).templates,
  ofGroup: (groupId: string) => api.get<{ formats: GroupFormat[]; canEdit: boolean }>(`${ofGroup(groupId)}/formats`),
  copy: (groupId: string, templateId: TemplateId, language: "en" | "es") => api.post<GroupFormat>(`${ofGroup(groupId)}/formats`, { templateId, language }),
  save: (formatId: string, body: Format, baseVersion: number) => api.put<GroupFormat>(format(formatId), { format: body, baseVersion }),
  versions: async (formatId: string) => (await api.get<{ versions: VersionSummary[] }>(`${format(formatId)}/versions`)).versions,
  version: (formatId: string, version: number) => api.get<Version>(`${format(formatId)}/versions/${version}`),
  ofMeeting: (meetingIdOrSlug: string, language: "en" | "es") =>
    api.get<MeetingFormat>(`/api/meetings/${encodeURIComponent(meetingIdOrSlug)}/format?language=${language}`),
};
