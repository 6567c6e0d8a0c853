/**
 * Who may do what with meetings. A meeting belongs to its group and follows the group's policy
 * (through GroupsService): whoever may see the group sees its meetings and may report a
 * correction; the group's stewards (chair, secretary) and organization admins keep its meetings
 * and read the corrections. Outsiders to an unlisted group hear 404. Imports are for
 * organization admins. Anything not named here is denied.
 */
import { AppError } from "../../errors";
import type { Actor } from "../../http/context";
import { requireActor } from "../../http/session";
import type { GroupAction } from "../groups/service";

export const MEETING_RULES = {
  see: "see",
  report: "see",
  manage: "edit",
} as const satisfies Record<string, GroupAction>;

export type MeetingAction = keyof typeof MEETING_RULES;
export type GroupActionFor<A extends MeetingAction> = (typeof MEETING_RULES)[A];

/** Only organization administrators import meetings. */
export function authorizeImport(actor: Actor | null): Actor {
  const signedIn = requireActor(actor);
  if (!signedIn.isOrganizationAdmin) throw new AppError("forbidden", "Only organization administrators may import meetings.");
  return signedIn;
}
