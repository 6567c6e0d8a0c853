/**
 * A member's guard row for a kind of limited action (member_guards, migration 0006), shared by
 * the features that limit what new members do (the board's posting limits, buddy requests).
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema";

/**
 * Writes the member's guard row for `kind`. Called first in a transaction, it makes a second
 * transaction of the same member wait until the first ends (PostgreSQL locks the row; SQLite has
 * one writer at a time), so a limit checked after it sees what the first wrote.
 */
export async function guardMember(db: Kysely<Database>, memberId: string, kind: string, now: string): Promise<void> {
  await db
    .insertInto("member_guards")
    .values({ member_id: memberId, kind, touched_at: now })
    .onConflict((oc) => oc.columns(["member_id", "kind"]).doUpdateSet({ touched_at: now }))
    .execute();
}
