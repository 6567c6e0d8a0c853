import type { z } from "zod";
import type { AccountExport, Me } from "../../../core/api";
import type { MemberData, MemberView } from "./service";

export function presentMe({ member, isOrganizationAdmin }: MemberView): z.infer<typeof Me> {
  return {
    id: member.id,
    handle: member.handle,
    displayName: member.displayName,
    language: member.language,
    country: member.country,
    email: member.email,
    isOrganizationAdmin,
    createdAt: member.createdAt,
  };
}

export function presentExport(data: MemberData, exportedAt: Date): z.infer<typeof AccountExport> {
  return {
    exportedAt: exportedAt.toISOString(),
    account: presentMe(data.view),
    memberships: data.memberships,
    guidelineAcceptances: data.guidelineAcceptances,
    sessions: data.sessions.map((s) => ({ createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt })),
    recoveryCodes: data.recoveryCodes,
    ...data.elsewhere,
  };
}
