import { AppError } from "../../errors";
import type { Actor } from "../../http/context";
import { requireActor } from "../../http/session";

/** Only organization administrators see the people of the organization and change their rights. */
export function authorizeManagePeople(actor: Actor | null): Actor {
  const signedIn = requireActor(actor);
  if (!signedIn.isOrganizationAdmin) throw new AppError("forbidden", "Only organization administrators may do this.");
  return signedIn;
}
