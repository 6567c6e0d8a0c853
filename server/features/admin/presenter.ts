import type { z } from "zod";
import type { AdminPerson } from "../../../core/api";
import type { OrganizationAuditAction, OrganizationAuditEntry } from "../../../core/support";
import type { OrganizationAuditRecord } from "./audit";
import type { Person } from "./service";

export function presentPerson({ member, isOrganizationAdmin, groups }: Person): z.infer<typeof AdminPerson> {
  return {
    id: member.id,
    handle: member.handle,
    displayName: member.displayName,
    isOrganizationAdmin,
    createdAt: member.createdAt,
    groups: groups.map((g) => ({ groupId: g.groupId, groupName: g.groupName, positions: g.positions })),
  };
}

const person = (memberId: string | null, displayName: string | null) => (memberId && displayName !== null ? { memberId, displayName } : null);

export function presentOrganizationAudit(entry: OrganizationAuditRecord): z.infer<typeof OrganizationAuditEntry> {
  const details = entry.details ? (JSON.parse(entry.details) as { from?: 0 | 1 | 2; to?: 0 | 1 | 2 }) : null;
  return {
    id: entry.id,
    action: entry.action as OrganizationAuditAction,
    actor: person(entry.actorId, entry.actorName),
    subject: person(entry.subjectId, entry.subjectName),
    messageId: entry.messageId,
    note: entry.note,
    trust: entry.action === "trust_set" && details?.to !== undefined ? { from: details.from ?? 0, to: details.to } : null,
    createdAt: entry.createdAt,
  };
}
