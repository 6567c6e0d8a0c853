/** The meetings API (server/features/meetings/routes.ts), typed from core; `import type` keeps zod out of the bundle. */
import type { z } from "zod";
import type { GroupDetail } from "../../../core/api";
import type { Correction, CreateMeetingRequest, MeetingPage, MeetingView, UpdateMeetingRequest } from "../../../core/meetings/api";
import { api } from "../../lib/api";

export type { Correction, CreateMeetingRequest, MeetingPage, MeetingView };
export type Group = z.infer<typeof GroupDetail>;

const meeting = (idOrSlug: string) => `/api/meetings/${encodeURIComponent(idOrSlug)}`;
const ofGroup = (groupId: string) => `/api/groups/${encodeURIComponent(groupId)}`;

export const meetingsApi = {
  group: (groupId: string) => api.get<Group>(ofGroup(groupId)),
  page: (slug: string) => api.get<MeetingPage>(meeting(slug)),
  ofGroup: async (groupId: string) => (await api.get<{ meetings: MeetingView[] }>(`${ofGroup(groupId)}/meetings`)).meetings,
  create: (groupId: string, body: CreateMeetingRequest) => api.post<MeetingView>(`${ofGroup(groupId)}/meetings`, body),
  update: (meetingId: string, body: UpdateMeetingRequest) => api.patch<MeetingView>(meeting(meetingId), body),
  remove: (meetingId: string) => api.delete(meeting(meetingId)),
  reportCorrection: (meetingId: string, message: string) => api.post<void>(`${meeting(meetingId)}/corrections`, { message }),
  corrections: async (groupId: string) => (await api.get<{ corrections: Correction[] }>(`${ofGroup(groupId)}/corrections`)).corrections,
  setHandled: (groupId: string, correctionId: string, handled: boolean) =>
    api.patch<Correction>(`${ofGroup(groupId)}/corrections/${encodeURIComponent(correctionId)}`, { handled }),
};
