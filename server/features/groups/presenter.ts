/** The only way a group, a membership or a member list leaves the server. */
import type { z } from "zod";
import type { GroupDetail, GroupMember, GroupSummary, MyMembership } from "../../../core/api";
import type { capabilities } from "./policy";
import type { GroupMemberEntry, GroupView, Membership } from "./service";

function presentMyMembership(membership: Membership | null): z.infer<typeof MyMembership> | null {
  if (!membership) return null;
  return {
    status: membership.status,
    positions: membership.positions,
    acceptedGuidelinesVersion: membership.acceptedGuidelinesVersion,
  };
}

export function presentGroupSummary({ group, membership, memberCount }: GroupView): z.infer<typeof GroupSummary> {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    focusAreas: group.focusAreas,
    otherFocus: group.otherFocus,
    languages: group.languages,
    whoFor: group.whoFor,
    visibility: group.visibility,
    membershipPolicy: group.membershipPolicy,
    memberCount,
    myMembership: presentMyMembership(membership),
  };
}

export function presentGroupDetail(view: GroupView, can: ReturnType<typeof capabilities>): GroupDetail {
  return {
    ...presentGroupSummary(view),
    guidelines: view.group.guidelines,
    guidelinesVersion: view.group.guidelinesVersion,
    can,
  };
}

/** Display name and handle only: never email or country. */
export function presentGroupMember(entry: GroupMemberEntry): z.infer<typeof GroupMember> {
  return {
    memberId: entry.memberId,
    displayName: entry.displayName,
    handle: entry.handle,
    status: entry.status,
    positions: entry.positions,
    joinedAt: entry.joinedAt,
  };
}
