/**
 * Who acts on a milestone: only its member. To anyone else it does not exist (404). A group sees
 * a milestone's marks only where its member chose to celebrate with that group, and only those
 * who may see the group's members (its active members, its stewards) see them.
 */
import { AppError } from "../../errors";
import type { MilestoneRecord } from "./repository";

declare const ownBrand: unique symbol;
export type OwnMilestone = MilestoneRecord & { readonly [ownBrand]: true };

export function requireOwn(memberId: string, milestone: MilestoneRecord | null): OwnMilestone {
  if (!milestone || milestone.memberId !== memberId) throw new AppError("notFound");
  return milestone as OwnMilestone;
}
