import { AppError } from "../../errors";
import type { Actor } from "../../http/context";
import { requireActor } from "../../http/session";

/** Only organization administrators change the organization. */
export function authorizeEditOrganization(actor: Actor | null): Actor {
  const signedIn = requireActor(actor);
  if (!signedIn.isOrganizationAdmin) throw new AppError("forbidden", "Only organization administrators may do this.");
  return signedIn;
}
