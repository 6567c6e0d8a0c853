/**
 * The support API (server/features/{checkins,milestones,buddies,notifications}/routes.ts), typed
 * from core/support.ts. Only `import type`: zod stays out of the browser bundle.
 */
import type { z } from "zod";
import type { GroupListResponse } from "../../../core/api";
import type { FlagReason } from "../../../core/board";
import type {
  Buddy as BuddySchema,
  BuddyRole,
  BlocksResponse,
  CelebrationsResponse,
  CheckIn as CheckInSchema,
  CheckInsPage,
  DirectMessage as DirectMessageSchema,
  MessagesPage,
  MilestoneLabel,
  Milestone as MilestoneSchema,
  MilestonesResponse,
  MoodChart as MoodChartSchema,
  NewMilestoneRequest,
  Notification as NotificationSchema,
  NotificationSettings as NotificationSettingsSchema,
  NotificationsPage,
  SharedCheckInsResponse,
  UnreadCount,
  UpdateMilestoneRequest,
  UpdateNotificationSettingsRequest,
} from "../../../core/support";
import { api } from "../../lib/api";

export type CheckIn = z.infer<typeof CheckInSchema>;
export type MoodChart = z.infer<typeof MoodChartSchema>;
export type SharedCheckIn = z.infer<typeof SharedCheckInsResponse>["checkIns"][number];
export type Milestone = z.infer<typeof MilestoneSchema>;
export type Mark = Milestone["next"];
export type Celebration = z.infer<typeof CelebrationsResponse>["celebrations"][number];
export type Buddy = z.infer<typeof BuddySchema>;
export type DirectMessage = z.infer<typeof DirectMessageSchema>;
export type BlockedPerson = z.infer<typeof BlocksResponse>["blocked"][number];
export type Notification = z.infer<typeof NotificationSchema>;
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;
export type { BuddyRole, FlagReason, MilestoneLabel };

/** One of my groups, for sharing a check-in or celebrating a milestone. */
export interface MyGroup {
  id: string;
  name: string;
}

const enc = encodeURIComponent;
const query = (params: Record<string, string | null | undefined>) => {
  const search = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => !!entry[1])).toString();
  return search ? `?${search}` : "";
};

export const supportApi = {
  /** The groups I am an active member of. */
  myGroups: async (): Promise<MyGroup[]> =>
    (await api.get<z.infer<typeof GroupListResponse>>("/api/groups")).groups
      .filter((g) => g.myMembership?.status === "active")
      .map((g) => ({ id: g.id, name: g.name })),
  groupName: async (groupId: string): Promise<string> => (await api.get<{ name: string }>(`/api/groups/${enc(groupId)}`)).name,

  // check-ins
  checkIn: (date: string, body: { mood: number; note: string | null }) => api.put<CheckIn>(`/api/check-ins/days/${enc(date)}`, body),
  checkIns: (before?: string | null) => api.get<z.infer<typeof CheckInsPage>>(`/api/check-ins${query({ before })}`),
  chart: (today: string) => api.get<MoodChart>(`/api/check-ins/chart${query({ today })}`),
  deleteCheckIn: (id: string) => api.delete(`/api/check-ins/${enc(id)}`),
  share: (id: string, groupId: string) => api.put<CheckIn>(`/api/check-ins/${enc(id)}/share`, { groupId }),
  unshare: (id: string) => api.delete<CheckIn>(`/api/check-ins/${enc(id)}/share`),
  sharedWithGroup: async (groupId: string) => (await api.get<z.infer<typeof SharedCheckInsResponse>>(`/api/groups/${enc(groupId)}/check-ins`)).checkIns,

  // milestones
  milestones: (today: string) => api.get<z.infer<typeof MilestonesResponse>>(`/api/milestones${query({ today })}`),
  addMilestone: (body: z.input<typeof NewMilestoneRequest>) => api.post<Milestone>("/api/milestones", body),
  updateMilestone: (id: string, body: z.input<typeof UpdateMilestoneRequest>) => api.patch<Milestone>(`/api/milestones/${enc(id)}`, body),
  resetMilestone: (id: string, since: string) => api.put<Milestone>(`/api/milestones/${enc(id)}/since`, { since }),
  deleteMilestone: (id: string) => api.delete(`/api/milestones/${enc(id)}`),
  celebrations: (groupId: string, today: string) => api.get<z.infer<typeof CelebrationsResponse>>(`/api/groups/${enc(groupId)}/celebrations${query({ today })}`),

  // buddies, blocks and messages
  buddies: async () => (await api.get<{ buddies: Buddy[] }>("/api/buddies")).buddies,
  ask: (handle: string, role: BuddyRole) => api.post<Buddy>("/api/buddies", { handle, role }),
  accept: (id: string) => api.post<Buddy>(`/api/buddies/${enc(id)}/accept`),
  decline: (id: string) => api.post<void>(`/api/buddies/${enc(id)}/decline`),
  end: (id: string) => api.delete(`/api/buddies/${enc(id)}`),
  messages: (buddyId: string, before?: string | null) => api.get<z.infer<typeof MessagesPage>>(`/api/buddies/${enc(buddyId)}/messages${query({ before })}`),
  send: (buddyId: string, body: string) => api.post<DirectMessage>(`/api/buddies/${enc(buddyId)}/messages`, { body }),
  blocked: async () => (await api.get<z.infer<typeof BlocksResponse>>("/api/blocks")).blocked,
  flagMessage: (buddyId: string, messageId: string, reason: FlagReason, note: string | null) =>
    api.post<unknown>(`/api/buddies/${enc(buddyId)}/messages/${enc(messageId)}/flags`, { reason, note }),
  block: (memberId: string) => api.put<void>(`/api/blocks/${enc(memberId)}`),
  unblock: (memberId: string) => api.delete(`/api/blocks/${enc(memberId)}`),

  // notifications
  notifications: (before?: string | null) => api.get<z.infer<typeof NotificationsPage>>(`/api/notifications${query({ before })}`),
  unread: async () => (await api.get<z.infer<typeof UnreadCount>>("/api/notifications/unread")).unread,
  markRead: (id: string) => api.put<void>(`/api/notifications/${enc(id)}/read`),
  markAllRead: () => api.post<void>("/api/notifications/read-all"),
  settings: () => api.get<NotificationSettings>("/api/notifications/settings"),
  saveSettings: (body: UpdateNotificationSettingsRequest) => api.put<NotificationSettings>("/api/notifications/settings", body),
};
