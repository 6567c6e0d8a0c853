import type { Kysely, Selectable } from "kysely";
import { normalizeHandle } from "../../../core/accounts";
import {
  SERVICE_POSITIONS,
  type FocusArea,
  type GroupVisibility,
  type MembershipPolicy,
  type MembershipStatus,
  type ServicePosition,
} from "../../../core/groups";
import type { Database } from "../../db";
import type { GroupsTable } from "../../db/schema";

export interface Group {
  id: string;
  organizationId: string;
  name: string;
  description: string;
  focusAreas: FocusArea[];
  otherFocus: string | null;
  languages: string[];
  whoFor: string;
  visibility: GroupVisibility;
  membershipPolicy: MembershipPolicy;
  guidelines: string;
  guidelinesVersion: number;
  createdAt: string;
  updatedAt: string;
}

/** The fields of a group its stewards can change. */
export type GroupFields = Pick<
  Group,
  "name" | "description" | "focusAreas" | "otherFocus" | "languages" | "whoFor" | "visibility" | "membershipPolicy" | "guidelines"
>;

/** One person's relation to one group: a member, a request to join, or an invitation. */
export interface Membership {
  groupId: string;
  memberId: string;
  status: MembershipStatus;
  positions: ServicePosition[];
  /** When they joined; for a request or an invitation, when it was made. */
  joinedAt: string;
  acceptedGuidelinesVersion: number | null;
}

export interface GroupMemberEntry extends Membership {
  handle: string;
  displayName: string;
}

function toGroup(row: Selectable<GroupsTable>): Group {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    description: row.description,
    focusAreas: JSON.parse(row.focus_areas) as FocusArea[],
    otherFocus: row.other_focus,
    languages: JSON.parse(row.languages) as string[],
    whoFor: row.who_for,
    visibility: row.visibility as GroupVisibility,
    membershipPolicy: row.membership_policy as MembershipPolicy,
    guidelines: row.guidelines,
    guidelinesVersion: Number(row.guidelines_version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(fields: Partial<GroupFields>): Partial<Selectable<GroupsTable>> {
  const row: Partial<Selectable<GroupsTable>> = {};
  if (fields.name !== undefined) row.name = fields.name;
  if (fields.description !== undefined) row.description = fields.description;
  if (fields.focusAreas !== undefined) row.focus_areas = JSON.stringify(fields.focusAreas);
  if (fields.otherFocus !== undefined) row.other_focus = fields.otherFocus;
  if (fields.languages !== undefined) row.languages = JSON.stringify(fields.languages);
  if (fields.whoFor !== undefined) row.who_for = fields.whoFor;
  if (fields.visibility !== undefined) row.visibility = fields.visibility;
  if (fields.membershipPolicy !== undefined) row.membership_policy = fields.membershipPolicy;
  if (fields.guidelines !== undefined) row.guidelines = fields.guidelines;
  return row;
}

interface MembershipRow {
  group_id: string;
  member_id: string;
  status: string;
  created_at: string;
  joined_at: string | null;
}

export class GroupsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `work` in one transaction: everything it writes lands together or not at all. */
  transaction<T>(work: (repository: GroupsRepository) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new GroupsRepository(trx)));
  }

  async findGroup(id: string): Promise<Group | null> {
    const row = await this.db.selectFrom("groups").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toGroup(row) : null;
  }

  /** Every group, or (when `memberId` is given or null) the listed ones plus that person's own. */
  async listGroups(scope: { all: true } | { memberId: string | null }): Promise<Group[]> {
    let query = this.db.selectFrom("groups").selectAll();
    if (!("all" in scope)) {
      const { memberId } = scope;
      query = query.where((eb) =>
        memberId === null
          ? eb("visibility", "=", "listed")
          : eb.or([
              eb("visibility", "=", "listed"),
              eb(
                "id",
                "in",
                eb.selectFrom("memberships").select("group_id").where("member_id", "=", memberId),
              ),
            ]),
      );
    }
    return (await query.execute()).map(toGroup);
  }

  async insertGroup(group: Group): Promise<void> {
    await this.db
      .insertInto("groups")
      .values({
        id: group.id,
        organization_id: group.organizationId,
        name: group.name,
        description: group.description,
        focus_areas: JSON.stringify(group.focusAreas),
        other_focus: group.otherFocus,
        languages: JSON.stringify(group.languages),
        who_for: group.whoFor,
        visibility: group.visibility,
        membership_policy: group.membershipPolicy,
        guidelines: group.guidelines,
        guidelines_version: group.guidelinesVersion,
        created_at: group.createdAt,
        updated_at: group.updatedAt,
      })
      .execute();
  }

  /** A new guidelines version is counted up in SQL, so two edits at once still make two versions. */
  async updateGroup(id: string, fields: Partial<GroupFields>, newGuidelinesVersion: boolean, now: string): Promise<void> {
    await this.db
      .updateTable("groups")
      .set((eb) => ({
        ...toRow(fields),
        ...(newGuidelinesVersion ? { guidelines_version: eb("guidelines_version", "+", 1) } : {}),
        updated_at: now,
      }))
      .where("id", "=", id)
      .execute();
  }

  async activeMemberCounts(groupIds: string[]): Promise<Map<string, number>> {
    if (groupIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("memberships")
      .select(["group_id", (eb) => eb.fn.countAll<number>().as("count")])
      .where("group_id", "in", groupIds)
      .where("status", "=", "active")
      .groupBy("group_id")
      .execute();
    return new Map(rows.map((r) => [r.group_id, Number(r.count)]));
  }

  async findMembership(groupId: string, memberId: string): Promise<Membership | null> {
    const found = await this.membershipsWhere({ groupIds: [groupId], memberIds: [memberId] });
    return found[0] ?? null;
  }

  /** One person's memberships (any status), by group id. */
  async membershipsOfMember(memberId: string, groupIds?: string[]): Promise<Map<string, Membership>> {
    if (groupIds?.length === 0) return new Map();
    const found = await this.membershipsWhere({ memberIds: [memberId], ...(groupIds ? { groupIds } : {}) });
    return new Map(found.map((m) => [m.groupId, m]));
  }

  /** A group's people with the given statuses (or one of them, with `memberId`). */
  async listMembers(groupId: string, filter: { statuses: readonly MembershipStatus[]; memberId?: string }): Promise<GroupMemberEntry[]> {
    const rows = await this.db
      .selectFrom("memberships")
      .innerJoin("members", "members.id", "memberships.member_id")
      .select([
        "memberships.group_id",
        "memberships.member_id",
        "memberships.status",
        "memberships.created_at",
        "memberships.joined_at",
        "members.handle",
        "members.display_name",
      ])
      .where("memberships.group_id", "=", groupId)
      .where("memberships.status", "in", [...filter.statuses])
      .$if(filter.memberId !== undefined, (q) => q.where("memberships.member_id", "=", filter.memberId!))
      .execute();
    const memberships = await this.withDetails(rows);
    return memberships.map((m, i) => ({ ...m, handle: rows[i]!.handle, displayName: rows[i]!.display_name }));
  }

  /** Active memberships of many people at once, with the group's name. */
  async activeMembershipsOf(memberIds: string[]): Promise<Array<Membership & { groupName: string }>> {
    return this.membershipsWithGroupNames({ memberIds, statuses: ["active"] });
  }

  /** Everything about one person's memberships, for their data export. */
  async exportOf(memberId: string): Promise<{
    memberships: Array<Membership & { groupName: string }>;
    acceptances: Array<{ groupId: string; groupName: string; version: number; acceptedAt: string }>;
  }> {
    const memberships = await this.membershipsWithGroupNames({ memberIds: [memberId] });
    const acceptances = await this.db
      .selectFrom("guideline_acceptances")
      .innerJoin("groups", "groups.id", "guideline_acceptances.group_id")
      .select(["guideline_acceptances.group_id", "groups.name", "guideline_acceptances.version", "guideline_acceptances.accepted_at"])
      .where("guideline_acceptances.member_id", "=", memberId)
      .orderBy("guideline_acceptances.accepted_at")
      .execute();
    return {
      memberships,
      acceptances: acceptances.map((a) => ({ groupId: a.group_id, groupName: a.name, version: Number(a.version), acceptedAt: a.accepted_at })),
    };
  }

  /** Does nothing when the person already has a membership here (two taps on "join" make one). */
  async insertMembership(groupId: string, memberId: string, status: MembershipStatus, now: string): Promise<void> {
    await this.db
      .insertInto("memberships")
      .values({ group_id: groupId, member_id: memberId, status, created_at: now, joined_at: status === "active" ? now : null })
      .onConflict((oc) => oc.columns(["group_id", "member_id"]).doNothing())
      .execute();
  }

  async activate(groupId: string, memberId: string, now: string): Promise<void> {
    await this.db
      .updateTable("memberships")
      .set({ status: "active", joined_at: now })
      .where("group_id", "=", groupId)
      .where("member_id", "=", memberId)
      .execute();
  }

  /** Ends a membership, request or invitation; the service positions held go with it. */
  async deleteMembership(groupId: string, memberId: string): Promise<void> {
    await this.db.deleteFrom("service_positions").where("group_id", "=", groupId).where("member_id", "=", memberId).execute();
    await this.db.deleteFrom("memberships").where("group_id", "=", groupId).where("member_id", "=", memberId).execute();
  }

  async recordAcceptance(groupId: string, memberId: string, version: number, now: string): Promise<void> {
    await this.db
      .insertInto("guideline_acceptances")
      .values({ group_id: groupId, member_id: memberId, version, accepted_at: now })
      .onConflict((oc) => oc.columns(["group_id", "member_id", "version"]).doNothing())
      .execute();
  }

  /** Positions kept keep their assigned_at, so the record shows when someone took on a service. */
  async replacePositions(groupId: string, memberId: string, positions: ServicePosition[], now: string): Promise<void> {
    let dropped = this.db.deleteFrom("service_positions").where("group_id", "=", groupId).where("member_id", "=", memberId);
    if (positions.length > 0) dropped = dropped.where("position", "not in", positions);
    await dropped.execute();
    if (positions.length === 0) return;
    await this.db
      .insertInto("service_positions")
      .values(positions.map((position) => ({ group_id: groupId, member_id: memberId, position, assigned_at: now })))
      .onConflict((oc) => oc.columns(["group_id", "member_id", "position"]).doNothing())
      .execute();
  }

  async findMemberIdByHandle(handle: string): Promise<string | null> {
    const row = await this.db.selectFrom("members").select("id").where("handle_normalized", "=", normalizeHandle(handle)).executeTakeFirst();
    return row?.id ?? null;
  }

  private async membershipsWhere(filter: { groupIds?: string[]; memberIds: string[]; statuses?: MembershipStatus[] }): Promise<Membership[]> {
    let query = this.db
      .selectFrom("memberships")
      .select(["group_id", "member_id", "status", "created_at", "joined_at"])
      .where("member_id", "in", filter.memberIds);
    if (filter.groupIds) query = query.where("group_id", "in", filter.groupIds);
    if (filter.statuses) query = query.where("status", "in", filter.statuses);
    return this.withDetails(await query.execute());
  }

  private async membershipsWithGroupNames(filter: { memberIds: string[]; statuses?: MembershipStatus[] }): Promise<Array<Membership & { groupName: string }>> {
    if (filter.memberIds.length === 0) return [];
    const memberships = await this.membershipsWhere(filter);
    const groupIds = [...new Set(memberships.map((m) => m.groupId))];
    if (groupIds.length === 0) return [];
    const names = new Map(
      (await this.db.selectFrom("groups").select(["id", "name"]).where("id", "in", groupIds).execute()).map((g) => [g.id, g.name]),
    );
    return memberships.map((m) => ({ ...m, groupName: names.get(m.groupId) ?? "" }));
  }

  /** Adds the positions held and the latest guidelines version accepted to membership rows. */
  private async withDetails(rows: MembershipRow[]): Promise<Membership[]> {
    if (rows.length === 0) return [];
    const groupIds = [...new Set(rows.map((r) => r.group_id))];
    const memberIds = [...new Set(rows.map((r) => r.member_id))];
    const key = (groupId: string, memberId: string) => `${groupId}/${memberId}`;

    const positions = new Map<string, ServicePosition[]>();
    const positionRows = await this.db
      .selectFrom("service_positions")
      .select(["group_id", "member_id", "position"])
      .where("group_id", "in", groupIds)
      .where("member_id", "in", memberIds)
      .execute();
    for (const p of positionRows) {
      const k = key(p.group_id, p.member_id);
      positions.set(k, [...(positions.get(k) ?? []), p.position as ServicePosition]);
    }

    const accepted = new Map<string, number>();
    const acceptanceRows = await this.db
      .selectFrom("guideline_acceptances")
      .select(["group_id", "member_id", (eb) => eb.fn.max("version").as("version")])
      .where("group_id", "in", groupIds)
      .where("member_id", "in", memberIds)
      .groupBy(["group_id", "member_id"])
      .execute();
    for (const a of acceptanceRows) accepted.set(key(a.group_id, a.member_id), Number(a.version));

    return rows.map((r) => ({
      groupId: r.group_id,
      memberId: r.member_id,
      status: r.status as MembershipStatus,
      positions: SERVICE_POSITIONS.filter((p) => positions.get(key(r.group_id, r.member_id))?.includes(p)),
      joinedAt: r.joined_at ?? r.created_at,
      acceptedGuidelinesVersion: accepted.get(key(r.group_id, r.member_id)) ?? null,
    }));
  }
}
