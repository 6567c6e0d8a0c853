import type { z } from "zod";
import type { AdminPerson } from "../../../core/api";
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
