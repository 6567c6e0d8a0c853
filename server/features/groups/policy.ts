/**
 * Who may do what with a group. Deny by default: an action is allowed only by a rule below.
 *
 * Organization admins may do everything. A group's stewards (its chair and secretary) run it:
 * edit it, approve and decline requests, invite, remove and assign service positions. Active
 * members see each other. An unlisted group is visible only to admins and to the people it has a
 * membership, request or invitation for; to anyone else it does not exist (404).
 */
import type { ServicePosition } from "../../../core/groups";
import { AppError } from "../../errors";
import type { Group, Membership } from "./repository";

/** A signed-in person as the groups feature sees them; null when signed out. */
export interface Viewer {
  memberId: string;
  isAdmin: boolean;
}

/** What a decision about one group rests on: who asks, the group, and their relation to it. */
export interface GroupAccess {
  viewer: Viewer | null;
  group: Group;
  membership: Membership | null;
}

export type GroupAction =
  | "see"
  | "join"
  | "leave"
  | "edit"
  | "seeMembers"
  | "approve"
  | "invite"
  | "remove"
  | "managePositions"
  | "moderate";

const STEWARD_POSITIONS: readonly ServicePosition[] = ["chair", "secretary"];

const isAdmin = (a: GroupAccess) => a.viewer?.isAdmin === true;
const isActiveMember = (a: GroupAccess) => a.viewer !== null && a.membership?.status === "active";
const isSteward = (a: GroupAccess) =>
  isAdmin(a) || (isActiveMember(a) && a.membership!.positions.some((p) => STEWARD_POSITIONS.includes(p)));

const RULES: Record<GroupAction, (a: GroupAccess) => boolean> = {
  see: (a) => a.group.visibility === "listed" || isAdmin(a) || (a.viewer !== null && a.membership !== null),
  // Invitation-only groups take only the people they invited.
  join: (a) => a.viewer !== null && (a.group.membershipPolicy !== "invitation" || a.membership !== null || isAdmin(a)),
  leave: (a) => a.viewer !== null,
  edit: isSteward,
  seeMembers: (a) => isActiveMember(a) || isSteward(a),
  approve: isSteward,
  invite: isSteward,
  remove: isSteward,
  managePositions: isSteward,
  // Keeping the space safe (the board's moderation queue) is the moderators' service.
  moderate: (a) => isAdmin(a) || (isActiveMember(a) && a.membership!.positions.includes("moderator")),
};

export function can(access: GroupAccess, action: GroupAction): boolean {
  return RULES.see(access) && RULES[action](access);
}

declare const authorizedFor: unique symbol;
/** Access that passed `authorize` for one action; service methods require it, so a forgotten check does not compile. */
export type Authorized<A extends GroupAction> = GroupAccess & { readonly [authorizedFor]: A };

/** Throws 404 to those who may not see the group, 401 to the signed-out, 403 to the rest. */
export function authorize<A extends GroupAction>(access: GroupAccess, action: A): Authorized<A> {
  if (!RULES.see(access)) throw new AppError("notFound");
  if (!RULES[action](access)) {
    throw access.viewer === null ? new AppError("unauthenticated") : new AppError("forbidden");
  }
  return access as Authorized<A>;
}

declare const creatorBrand: unique symbol;
export type GroupCreator = Viewer & { readonly [creatorBrand]: true };

/** Only organization admins create groups. */
export function authorizeCreate(viewer: Viewer | null): GroupCreator {
  if (viewer === null) throw new AppError("unauthenticated");
  if (!viewer.isAdmin) throw new AppError("forbidden");
  return viewer as GroupCreator;
}

/** Whether the viewer sees the requests and invitations in a member list. */
export function seesPendingMembers(access: GroupAccess): boolean {
  return can(access, "approve");
}

/** What the client may offer the viewer on a group's page. */
export function capabilities(access: GroupAccess) {
  return {
    edit: can(access, "edit"),
    seeMembers: can(access, "seeMembers"),
    managePositions: can(access, "managePositions"),
    approve: can(access, "approve"),
    invite: can(access, "invite"),
  };
}
