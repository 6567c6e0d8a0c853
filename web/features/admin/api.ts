/** The organization admin API (docs/API.md), typed from core/api.ts. */
import type { z } from "zod";
import type {
  AdminPeopleResponse,
  AdminPerson as AdminPersonSchema,
  GroupListResponse,
  GroupSummary as GroupSummarySchema,
  Organization,
} from "../../../core/api";
import type { FlagReason, TrustLevel, TrustResponse } from "../../../core/board";
import type {
  FlaggedMessage as FlaggedMessageSchema,
  FlaggedMessagesResponse,
  MessageModerationRequest,
  MessageModerationResponse,
  OrganizationAuditEntry,
  OrganizationAuditPage,
} from "../../../core/support";
import { api } from "../../lib/api";

export type { FlagReason, TrustLevel };
export type AdminPerson = z.infer<typeof AdminPersonSchema>;
export type GroupSummary = z.infer<typeof GroupSummarySchema>;
export type FlaggedMessage = z.infer<typeof FlaggedMessageSchema>;
export type MessageDecision = MessageModerationRequest["action"];
export type AuditEntry = z.infer<typeof OrganizationAuditEntry>;
export type AuditPage = z.infer<typeof OrganizationAuditPage>;

export const adminApi = {
  /** For an organization admin, every group (listed or not). */
  groups: async () => (await api.get<z.infer<typeof GroupListResponse>>("/api/groups")).groups,
  people: async () => (await api.get<z.infer<typeof AdminPeopleResponse>>("/api/admin/people")).people,
  setAdmin: (memberId: string, isOrganizationAdmin: boolean) =>
    api.put<AdminPerson>(`/api/admin/people/${encodeURIComponent(memberId)}/admin`, { isOrganizationAdmin }),
  rename: (name: string) => api.patch<z.infer<typeof Organization>>("/api/organization", { name }),
  /** Sets a member's trust level by hand; from then on it changes only by hand. */
  setTrust: (memberId: string, level: TrustLevel) =>
    api.put<z.infer<typeof TrustResponse>>(`/api/board/trust/${encodeURIComponent(memberId)}`, { level }),
  /** Direct messages with open reports, crisis first: each message alone, its sender and the reports. */
  flaggedMessages: async () => (await api.get<z.infer<typeof FlaggedMessagesResponse>>("/api/admin/flagged-messages")).items,
  decideMessage: (messageId: string, action: MessageDecision, note: string) =>
    api.post<z.infer<typeof MessageModerationResponse>>(`/api/admin/flagged-messages/${encodeURIComponent(messageId)}/decision`, { action, note }),
  /** The organization's audit log, latest first. */
  audit: (cursor?: string) => api.get<AuditPage>(`/api/admin/audit${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`),
};
