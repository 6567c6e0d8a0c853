import type { Actor } from "../../http/context";
import { requireActor } from "../../http/session";

/**
 * Every account route acts on the signed-in member's own account and nothing else: the member id
 * comes from the session, never from the request.
 */
export function authorizeOwnAccount(actor: Actor | null): Actor {
  return requireActor(actor);
}
