/**
 * Who may do what on a group's board. Deny by default: an action is allowed only by a rule below.
 *
 * - Reading: the group's active members and organization admins; when the group made its board
 *   public, anyone who may see the group.
 * - Taking part (topics, replies, reactions, flags, read markers): active members and admins.
 * - Moderating: the group's moderators and admins (the groups policy's "moderate").
 * - Deciding who reads the board: the group's stewards (the groups policy's "edit").
 * A topic or a post is a private thing: to those who may not read the board it does not exist (404).
 */
import { mayFlag, type BoardVisibility, type TrustLevel } from "../../../core/board";
import { AppError } from "../../errors";
import type { Actor } from "../../http/context";
import { requireActor } from "../../http/session";

export interface BoardViewer {
  memberId: string;
  isAdmin: boolean;
}

/** What a decision about one group's board rests on. */
export interface BoardAccess {
  viewer: BoardViewer | null;
  groupId: string;
  organizationId: string;
  visibility: BoardVisibility;
  isActiveMember: boolean;
  moderates: boolean;
  stewards: boolean;
}

export type BoardAction = "read" | "takePart" | "moderate" | "changeVisibility";

const RULES: Record<BoardAction, (a: BoardAccess) => boolean> = {
  read: (a) => a.visibility === "public" || a.isActiveMember || a.viewer?.isAdmin === true,
  takePart: (a) => a.viewer !== null && (a.isActiveMember || a.viewer.isAdmin),
  moderate: (a) => a.moderates,
  changeVisibility: (a) => a.stewards,
};

const REFUSALS: Record<BoardAction, string> = {
  read: "This board is for the group's members. Join the group to read it.",
  takePart: "Only the group's members take part in its board. Join the group first.",
  moderate: "Only the group's moderators do this.",
  changeVisibility: "The group's chair or secretary decides who reads its board.",
};

declare const authorizedFor: unique symbol;
/** Access that passed `authorizeBoard` for one action; service methods require it. */
export type AuthorizedBoard<A extends BoardAction> = BoardAccess & { readonly [authorizedFor]: A };

/**
 * "board": the board itself (its list, a new topic): 401 to the signed-out, 403 to the rest.
 * "post": a topic or post in it: 404 to those who may not read the board.
 */
export type Scope = "board" | "post";

export function authorizeBoard<A extends BoardAction>(access: BoardAccess, action: A, scope: Scope): AuthorizedBoard<A> {
  if (scope === "post" && !RULES.read(access)) throw new AppError("notFound");
  if (!RULES[action](access)) {
    throw access.viewer === null ? new AppError("unauthenticated") : new AppError("forbidden", REFUSALS[action]);
  }
  return access as AuthorizedBoard<A>;
}

export function canOnBoard(access: BoardAccess, action: BoardAction): boolean {
  return RULES.read(access) && RULES[action](access);
}

/** What the client may offer the viewer on the board's page. */
export function boardCapabilities(access: BoardAccess) {
  return { post: canOnBoard(access, "takePart"), moderate: canOnBoard(access, "moderate"), changeVisibility: canOnBoard(access, "changeVisibility") };
}

/** Trust levels are set by hand only by the organization's administrators. */
export function authorizeSetTrust(actor: Actor | null): Actor {
  const signedIn = requireActor(actor);
  if (!signedIn.isOrganizationAdmin) throw new AppError("forbidden", "Only organization administrators set trust levels.");
  return signedIn;
}

interface PostFacts {
  authorId: string | null;
  hiddenAt: string | null;
  deletedAt: string | null;
}

export function isAuthor(access: BoardAccess, post: PostFacts): boolean {
  return access.viewer !== null && post.authorId === access.viewer.memberId;
}

/** What a viewer sees of a post: all of it, a neutral placeholder (hidden; not theirs; not a moderator), or that it was deleted. */
export type Sight = "all" | "placeholder" | "deleted";

export function sightOf(access: BoardAccess, post: PostFacts): Sight {
  if (post.deletedAt !== null) return "deleted";
  if (post.hiddenAt !== null && !access.moderates && !isAuthor(access, post)) return "placeholder";
  return "all";
}

export interface PostCapabilities {
  edit: boolean;
  delete: boolean;
  react: boolean;
  flag: boolean;
}

/** What the viewer may do with a post, so the client offers only what works. */
export function postCapabilities(access: BoardAccess, post: PostFacts, viewerTrust: TrustLevel): PostCapabilities {
  const mine = isAuthor(access, post);
  const present = post.deletedAt === null;
  const takesPart = canOnBoard(access, "takePart");
  const others = takesPart && present && !mine && sightOf(access, post) === "all";
  return {
    edit: mine && takesPart && present,
    delete: mine && present,
    react: others,
    flag: others && mayFlag({ trustLevel: viewerTrust, isStaff: access.moderates }),
  };
}
