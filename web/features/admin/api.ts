/** The organization admin API (docs/API.md), typed from core/api.ts. */
import type { z } from "zod";
import type {
  AdminPeopleResponse,
  AdminPerson as AdminPersonSchema,
  GroupListResponse,
  GroupSummary as GroupSummarySchema,
  Organization,
} from "../../../core/api";
import { api } from "../../lib/api";

export type AdminPerson = z.infer<typeof AdminPersonSchema>;
export type GroupSummary = z.infer<typeof GroupSummarySchema>;

export const adminApi = {
  /** For an organization admin, every group (listed or not). */
  groups: async () => (await api.get<z.infer<typeof GroupListResponse>>("/api/groups")).groups,
  people: async () => (await api.get<z.infer<typeof AdminPeopleResponse>>("/api/admin/people")).people,
  setAdmin: (memberId: string, isOrganizationAdmin: boolean) =>
    api.put<AdminPerson>(`/api/admin/people/${encodeURIComponent(memberId)}/admin`, { isOrganizationAdmin }),
  rename: (name: string) => api.patch<z.infer<typeof Organization>>("/api/organization", { name }),
};
