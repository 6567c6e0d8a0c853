/**
 * Who sees a check-in. Deny by default: a check-in is its member's alone (to anyone else it does
 * not exist: 404), unless they shared it with one of their groups, whose active members then see
 * it in the group's list of shared check-ins. Organization admins have no special sight here.
 */
import { AppError } from "../../errors";
import type { GroupAccess } from "../groups/service";
import type { CheckInRecord } from "./repository";

declare const ownBrand: unique symbol;
/** A check-in that passed `requireOwn`: only its member acts on it. */
export type OwnCheckIn = CheckInRecord & { readonly [ownBrand]: true };

export function requireOwn(memberId: string, checkIn: CheckInRecord | null): OwnCheckIn {
  if (!checkIn || checkIn.memberId !== memberId) throw new AppError("notFound");
  return checkIn as OwnCheckIn;
}

/** Check-ins shared with a group are for its active members: others who see the group hear 403. */
export function authorizeSharedReading(access: GroupAccess): void {
  if (access.membership?.status !== "active") {
    throw new AppError("forbidden", "Check-ins shared with a group are for its members.");
  }
}
