import { MEMBERSHIP_STATUSES, type MembershipStatus, type ServicePosition } from "../../../core/groups";
import { newId } from "../../../core/ids";
import { AppError, fieldError } from "../../errors";
import {
  authorize,
  authorizeCreate,
  can,
  seesPendingMembers,
  type Authorized,
  type GroupAccess,
  type GroupAction,
  type GroupCreator,
  type Viewer,
} from "./policy";
import type { Group, GroupFields, GroupMemberEntry, GroupsRepository, Membership } from "./repository";

export type { Authorized, GroupAccess, GroupAction, GroupCreator, Group, GroupFields, GroupMemberEntry, Membership };

/** What groups need from the organization feature (its OrganizationService fits this). */
export interface OrganizationDirectory {
  getCurrent(): Promise<{ id: string; name: string } | null>;
  isAdmin(memberId: string): Promise<boolean>;
}

/** A group as one viewer sees it. */
export interface GroupView extends GroupAccess {
  memberCount: number;
}

export interface MembershipExport {
  memberships: Array<{ groupId: string; groupName: string; status: MembershipStatus; positions: ServicePosition[]; joinedAt: string }>;
  guidelineAcceptances: Array<{ groupId: string; groupName: string; version: number; acceptedAt: string }>;
}

export interface HeldGroup {
  groupId: string;
  groupName: string;
  positions: ServicePosition[];
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** A group's fields as they were and as they are now (null: the group is gone). */
export interface GroupChange {
  before: Group;
  after: Group | null;
}

/** Told after a change is committed; it must not throw. */
export type GroupChangeListener = (change: GroupChange) => void;

export class GroupsService {
  private readonly changeListeners: GroupChangeListener[] = [];

  constructor(
    private readonly groups: GroupsRepository,
    private readonly organization: OrganizationDirectory,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Calls `listener` after each committed change of a group's fields, so features that keep
   * something derived from groups (the meeting directory's cache) can drop it; they cannot be
   * imported here without a cycle, so server/services.ts registers them.
   */
  onGroupChanged(listener: GroupChangeListener): void {
    this.changeListeners.push(listener);
  }

  async viewer(memberId: string | null): Promise<Viewer | null> {
    if (memberId === null) return null;
    return { memberId, isAdmin: await this.organization.isAdmin(memberId) };
  }

  /** Listed groups plus the viewer's own (member, invited, asked to join); admins see all. */
  async list(memberId: string | null): Promise<GroupView[]> {
    const viewer = await this.viewer(memberId);
    const groups = await this.groups.listGroups(viewer?.isAdmin ? { all: true } : { memberId });
    const views = await this.views(groups, viewer);
    return views.sort((a, b) => byName(a.group, b.group));
  }

  /**
   * Checks, by the groups policy, that a person (null: signed out) may do `action` in a group:
   * 404 when the group does not exist or they may not see it, 401 or 403 when they may not act.
   * The result is what the other methods require, so no caller can skip the check.
   */
  async authorize<A extends GroupAction>(memberId: string | null, groupId: string, action: A): Promise<Authorized<A>> {
    const viewer = await this.viewer(memberId);
    const group = await this.requireGroup(this.groups, groupId);
    const membership = viewer ? await this.groups.findMembership(groupId, viewer.memberId) : null;
    return authorize({ viewer, group, membership }, action);
  }

  async authorizeCreate(memberId: string | null): Promise<GroupCreator> {
    return authorizeCreate(await this.viewer(memberId));
  }

  async view(access: Authorized<"see">): Promise<GroupView> {
    const [view] = await this.views([access.group], access.viewer);
    return view!;
  }

  async create(creator: GroupCreator, fields: GroupFields): Promise<GroupView> {
    const organization = await this.organization.getCurrent();
    if (!organization) throw new AppError("setupNeeded");
    const now = this.timestamp();
    const group: Group = {
      id: newId(),
      organizationId: organization.id,
      ...normalized(fields),
      guidelinesVersion: 1,
      createdAt: now,
      updatedAt: now,
    };
    await this.groups.insertGroup(group);
    return { viewer: creator, group, membership: null, memberCount: 0 };
  }

  /** Changed guidelines get a new version: members accept it anew. */
  async update(access: Authorized<"edit">, changes: Partial<GroupFields>): Promise<GroupView> {
    const change = await this.groups.transaction(async (repo) => {
      const current = await this.requireGroup(repo, access.group.id);
      const next = normalized({ ...current, ...changes });
      await repo.updateGroup(current.id, next, next.guidelines !== current.guidelines, this.timestamp());
      return { before: current, after: { ...current, ...next } };
    });
    for (const listener of this.changeListeners) listener(change);
    return this.refreshed(access.group.id, access.viewer);
  }

  /**
   * Joins with the current guidelines accepted: an open group or an invitation makes a member at
   * once (so does an admin), an approval group makes a request. Joining again records acceptance
   * of newer guidelines.
   */
  async join(access: Authorized<"join">, acceptedGuidelinesVersion: number): Promise<GroupView> {
    const viewer = access.viewer!;
    await this.groups.transaction(async (repo) => {
      const group = await this.requireGroup(repo, access.group.id);
      if (acceptedGuidelinesVersion !== group.guidelinesVersion) {
        throw new AppError("guidelinesNotAccepted", `The current guidelines are version ${group.guidelinesVersion}.`);
      }
      const now = this.timestamp();
      const membership = await repo.findMembership(group.id, viewer.memberId);
      if (!membership) {
        const immediate = viewer.isAdmin || group.membershipPolicy === "open";
        await repo.insertMembership(group.id, viewer.memberId, immediate ? "active" : "pending", now);
      } else if (membership.status === "invited") {
        await repo.activate(group.id, viewer.memberId, now);
      }
      await repo.recordAcceptance(group.id, viewer.memberId, group.guidelinesVersion, now);
    });
    return this.refreshed(access.group.id, viewer);
  }

  /** Leaves, withdraws a request or declines an invitation; service positions end with it. */
  async leave(access: Authorized<"leave">): Promise<void> {
    await this.end(access.group.id, access.viewer!.memberId);
  }

  /** Declines a request, withdraws an invitation or removes a member. */
  async remove(access: Authorized<"remove">, memberId: string): Promise<void> {
    await this.end(access.group.id, memberId);
  }

  /** Removes a member on a moderator's decision (the board's moderation queue). */
  async removeForModeration(access: Authorized<"moderate">, memberId: string): Promise<void> {
    await this.end(access.group.id, memberId);
  }

  /** Whether access that passed `authorize` for one action also allows another (for what a page offers). */
  allows(access: GroupAccess, action: GroupAction): boolean {
    return can(access, action);
  }

  /** Active members; requests and invitations too for those who decide on them. */
  async members(access: Authorized<"seeMembers">): Promise<GroupMemberEntry[]> {
    const statuses = seesPendingMembers(access) ? MEMBERSHIP_STATUSES : (["active"] as const);
    const entries = await this.groups.listMembers(access.group.id, { statuses });
    return entries.sort(
      (a, b) => MEMBERSHIP_STATUSES.indexOf(a.status) - MEMBERSHIP_STATUSES.indexOf(b.status) || a.displayName.localeCompare(b.displayName),
    );
  }

  async approve(access: Authorized<"approve">, memberId: string): Promise<void> {
    await this.groups.transaction(async (repo) => {
      const membership = await repo.findMembership(access.group.id, memberId);
      if (!membership) throw new AppError("notFound", "There is no request to join from this person.");
      if (membership.status !== "pending") throw new AppError("conflict", "There is no open request to join from this person.");
      await repo.activate(access.group.id, memberId, this.timestamp());
    });
  }

  /** Invites a person by handle; inviting someone who asked to join lets them in. */
  async invite(access: Authorized<"invite">, handle: string): Promise<GroupMemberEntry> {
    const groupId = access.group.id;
    const memberId = await this.groups.transaction(async (repo) => {
      const invitee = await repo.findMemberIdByHandle(handle);
      if (!invitee) throw fieldError("handle", "no one has this handle");
      const membership = await repo.findMembership(groupId, invitee);
      const now = this.timestamp();
      if (!membership) await repo.insertMembership(groupId, invitee, "invited", now);
      else if (membership.status === "pending") await repo.activate(groupId, invitee, now);
      else throw new AppError("conflict", membership.status === "active" ? "This person is already a member." : "This person is already invited.");
      return invitee;
    });
    return this.entry(groupId, memberId);
  }

  /** Sets the service positions an active member holds here (replacing the ones they held). */
  async setPositions(access: Authorized<"managePositions">, memberId: string, positions: ServicePosition[]): Promise<GroupMemberEntry> {
    const groupId = access.group.id;
    await this.groups.transaction(async (repo) => {
      const membership = await repo.findMembership(groupId, memberId);
      if (!membership) throw new AppError("notFound");
      if (membership.status !== "active") throw new AppError("conflict", "Only members who have joined can hold a service position.");
      await repo.replacePositions(groupId, memberId, [...new Set(positions)], this.timestamp());
    });
    return this.entry(groupId, memberId);
  }

  /** A member's memberships and guideline acceptances, for their data export. */
  async exportFor(memberId: string): Promise<MembershipExport> {
    const { memberships, acceptances } = await this.groups.exportOf(memberId);
    return {
      memberships: memberships.map((m) => ({ groupId: m.groupId, groupName: m.groupName, status: m.status, positions: m.positions, joinedAt: m.joinedAt })),
      guidelineAcceptances: acceptances,
    };
  }

  /** The groups each person is an active member of, with the service positions they hold. */
  async membershipsOf(memberIds: string[]): Promise<Map<string, HeldGroup[]>> {
    const result = new Map<string, HeldGroup[]>(memberIds.map((id) => [id, []]));
    for (const m of await this.groups.activeMembershipsOf([...new Set(memberIds)])) {
      result.get(m.memberId)!.push({ groupId: m.groupId, groupName: m.groupName, positions: m.positions });
    }
    for (const held of result.values()) held.sort((a, b) => a.groupName.localeCompare(b.groupName));
    return result;
  }

  private async end(groupId: string, memberId: string): Promise<void> {
    await this.groups.transaction(async (repo) => {
      if (!(await repo.findMembership(groupId, memberId))) throw new AppError("notFound");
      await repo.deleteMembership(groupId, memberId);
    });
  }

  private async entry(groupId: string, memberId: string): Promise<GroupMemberEntry> {
    const [entry] = await this.groups.listMembers(groupId, { statuses: MEMBERSHIP_STATUSES, memberId });
    if (!entry) throw new AppError("notFound");
    return entry;
  }

  private async refreshed(groupId: string, viewer: Viewer | null): Promise<GroupView> {
    const group = await this.requireGroup(this.groups, groupId);
    const [view] = await this.views([group], viewer);
    return view!;
  }

  private async views(groups: Group[], viewer: Viewer | null): Promise<GroupView[]> {
    const ids = groups.map((g) => g.id);
    const counts = await this.groups.activeMemberCounts(ids);
    const memberships = viewer ? await this.groups.membershipsOfMember(viewer.memberId, ids) : new Map<string, Membership>();
    return groups.map((group) => ({
      viewer,
      group,
      membership: memberships.get(group.id) ?? null,
      memberCount: counts.get(group.id) ?? 0,
    }));
  }

  private async requireGroup(repo: GroupsRepository, groupId: string): Promise<Group> {
    const group = await repo.findGroup(groupId);
    if (!group) throw new AppError("notFound");
    return group;
  }

  private timestamp(): string {
    return this.now().toISOString();
  }
}

/** Lists without repeats; "other" needs words, and without it there is no other focus. */
function normalized(fields: GroupFields): GroupFields {
  const focusAreas = [...new Set(fields.focusAreas)];
  const otherFocus = focusAreas.includes("other") ? fields.otherFocus?.trim() || null : null;
  if (focusAreas.includes("other") && !otherFocus) throw fieldError("otherFocus", "say what the group focuses on");
  return {
    name: fields.name,
    description: fields.description,
    focusAreas,
    otherFocus,
    languages: [...new Set(fields.languages)],
    whoFor: fields.whoFor,
    visibility: fields.visibility,
    membershipPolicy: fields.membershipPolicy,
    guidelines: fields.guidelines,
  };
}
