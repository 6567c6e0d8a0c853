/**
 * Who may do what with a buddyship. Deny by default. A buddyship is its two people's alone: to
 * anyone else it does not exist (404). Only the person asked accepts or declines; either may end
 * it at any time. Direct messages exist only while both have accepted, and a new member (trust
 * level 0) writes them once they reach basic (level 1); organization admins need no level.
 */
import { AppError } from "../../errors";
import type { Actor } from "../../http/context";
import { requireActor } from "../../http/session";
import type { BuddyshipRecord } from "./repository";

export type BuddyAction = "see" | "answer" | "end" | "readMessages" | "writeMessages";

declare const partyBrand: unique symbol;
/** A buddyship the viewer is one of the two people of, checked for one action. */
export type AuthorizedBuddyship<A extends BuddyAction> = BuddyshipRecord & { readonly viewerId: string; readonly [partyBrand]: A };

/** What a decision rests on besides the buddyship: the viewer's trust, for writing. */
export interface Standing {
  trustLevel: number;
  isAdmin: boolean;
}

export const MESSAGES_NEED_TRUST_LEVEL = 1;

const isParty = (b: BuddyshipRecord, viewerId: string) => b.requester.memberId === viewerId || b.recipient.memberId === viewerId;

export function authorizeBuddyship<A extends BuddyAction>(
  viewerId: string,
  buddyship: BuddyshipRecord | null,
  action: A,
  /** Needed to write; without it, writing is refused (deny by default). */
  standing: Standing | null = null,
): AuthorizedBuddyship<A> {
  if (!buddyship || !isParty(buddyship, viewerId)) throw new AppError("notFound");
  if (action === "answer") {
    if (buddyship.recipient.memberId !== viewerId) throw new AppError("forbidden", "Only the person you asked can answer your request.");
    if (buddyship.status !== "pending") throw new AppError("conflict", "This request has already been answered.");
  }
  if ((action === "readMessages" || action === "writeMessages") && buddyship.status !== "active") {
    throw new AppError("conflict", "Messages open once both of you have said yes.");
  }
  if (action === "writeMessages" && !(standing?.isAdmin || (standing?.trustLevel ?? 0) >= MESSAGES_NEED_TRUST_LEVEL)) {
    throw new AppError(
      "notYetTrusted",
      "Direct messages open once you have spent a little time in your groups: reading a few topics is enough. Until then, your buddy can read your posts on the group's board, and you theirs.",
    );
  }
  return { ...buddyship, viewerId } as AuthorizedBuddyship<A>;
}

/** Flagged direct messages belong to no group: the organization's administrators review them. */
export function authorizeReviewMessages(actor: Actor | null): Actor {
  const signedIn = requireActor(actor);
  if (!signedIn.isOrganizationAdmin) throw new AppError("forbidden", "Only organization administrators review flagged messages.");
  return signedIn;
}
