/** The groups API (docs/API.md), typed from core/api.ts; `import type` keeps zod out of the bundle. */
import type { z } from "zod";
import type {
  CreateGroupRequest,
  GroupDetail as GroupDetailSchema,
  GroupListResponse,
  GroupMember as GroupMemberSchema,
  GroupMembersResponse,
  GroupSummary as GroupSummarySchema,
} from "../../../core/api";
import type { ServicePosition } from "../../../core/groups";
import { api } from "../../lib/api";

export type GroupSummary = z.infer<typeof GroupSummarySchema>;
export type GroupDetail = z.infer<typeof GroupDetailSchema>;
export type GroupMember = z.infer<typeof GroupMemberSchema>;
export type GroupFields = z.input<typeof CreateGroupRequest>;

const group = (groupId: string) => `/api/groups/${encodeURIComponent(groupId)}`;
const member = (groupId: string, memberId: string) => `${group(groupId)}/members/${encodeURIComponent(memberId)}`;

export const groupsApi = {
  list: async () => (await api.get<z.infer<typeof GroupListResponse>>("/api/groups")).groups,
  detail: (groupId: string) => api.get<GroupDetail>(group(groupId)),
  create: (fields: GroupFields) => api.post<GroupDetail>("/api/groups", fields),
  update: (groupId: string, fields: GroupFields) => api.patch<GroupDetail>(group(groupId), fields),
  join: (groupId: string, acceptedGuidelinesVersion: number) =>
    api.post<GroupDetail>(`${group(groupId)}/join`, { acceptedGuidelinesVersion }),
  /** Leave, withdraw my request, or decline my invitation. */
  leave: (groupId: string) => api.delete(`${group(groupId)}/membership`),
  members: async (groupId: string) => (await api.get<z.infer<typeof GroupMembersResponse>>(`${group(groupId)}/members`)).members,
  approve: (groupId: string, memberId: string) => api.post(`${member(groupId, memberId)}/approve`),
  /** Decline a request, withdraw an invitation, or remove a member. */
  remove: (groupId: string, memberId: string) => api.delete(member(groupId, memberId)),
  invite: (groupId: string, handle: string) => api.post<GroupMember>(`${group(groupId)}/invitations`, { handle }),
  setPositions: (groupId: string, memberId: string, positions: ServicePosition[]) =>
    api.put<GroupMember>(`${member(groupId, memberId)}/positions`, { positions }),
};
