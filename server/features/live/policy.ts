/**
 * Who may enter a live meeting room, and who may open one early. Deny by default.
 *
 * - Open meetings (and meetings that do not say): any signed-in person takes part.
 * - Closed meetings: the group's active members take part; others may listen as observers only
 *   when the group allows observers; everyone else stays out.
 * - Newcomers are the people who are not (yet) active members of the group: with the waiting
 *   room on, the chair admits them (the room decides that: core/live).
 * - Opening the room early is for the group's chair (the service position) and organization
 *   administrators, at most EARLY_OPEN_LIMIT_MINUTES before the start.
 */
import { AppError } from "../../errors";

/** The facts the decisions rest on, gathered by the service from the meetings and groups services. */
export interface EntryFacts {
  signedIn: boolean;
  isActiveMember: boolean;
  holdsChair: boolean;
  isOrganizationAdmin: boolean;
  closed: boolean;
  observersAllowed: boolean;
}

export type Entry = "participant" | "observer" | "none";

/** How this person may enter: as a participant, as an observer, or not at all. */
export function entryFor(facts: EntryFacts): Entry {
  if (!facts.signedIn) return "none";
  if (!facts.closed || facts.isActiveMember) return "participant";
  return facts.observersAllowed ? "observer" : "none";
}

export function mayOpenEarly(facts: EntryFacts): boolean {
  return facts.signedIn && (facts.holdsChair || facts.isOrganizationAdmin);
}

declare const entryBrand: unique symbol;
/** Facts that passed `authorizeEntry`: the engine lets only these into a room. */
export type AuthorizedEntry = EntryFacts & { entry: Exclude<Entry, "none">; readonly [entryBrand]: true };

/** 401 to the signed-out, 403 to those a closed meeting keeps out. */
export function authorizeEntry(facts: EntryFacts): AuthorizedEntry {
  if (!facts.signedIn) throw new AppError("unauthenticated");
  const entry = entryFor(facts);
  if (entry === "none") throw new AppError("forbidden", "This meeting is closed: only the group's members may enter.");
  return { ...facts, entry } as AuthorizedEntry;
}

/** 401 / 403 for opening early. */
export function authorizeOpenEarly(facts: EntryFacts): void {
  if (!facts.signedIn) throw new AppError("unauthenticated");
  if (!mayOpenEarly(facts)) throw new AppError("forbidden", "Only the group's chair may open the room early.");
}

/** Only the member themself sees their attendance: anyone else hears 404. */
export function authorizeOwnAttendance<T extends { memberId: string }>(memberId: string, attendance: T | null): T {
  if (!attendance || attendance.memberId !== memberId) throw new AppError("notFound");
  return attendance;
}
