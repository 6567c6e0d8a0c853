/**
 * The board's lists and limits as the page needs them. They are core/board.ts's, copied here
 * because a value imported from a module that uses zod brings all of zod into the browser bundle
 * (see core/vocabulary.ts); the types below fail to compile when core's lists change and these do not.
 */
import type { FlagReason, Reaction } from "../../../core/board";

export const REACTIONS = ["me_too", "thank_you", "sending_strength"] as const satisfies readonly Reaction[];
export const FLAG_REASONS = ["crisis", "harmful", "harassment", "spam", "off_topic", "other"] as const satisfies readonly FlagReason[];

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never;
const reactionsComplete: Exhaustive<Reaction, (typeof REACTIONS)[number]> = true;
const reasonsComplete: Exhaustive<FlagReason, (typeof FLAG_REASONS)[number]> = true;
void reactionsComplete;
void reasonsComplete;

/** core/board.ts POST_LIMITS and MUTE_MAX_MINUTES (checked in vocabulary.test.ts). */
export const LIMITS = { titleMax: 150, bodyMax: 20_000, contentWarningMax: 150, noteMax: 2_000, muteMinMinutes: 5, muteMaxMinutes: 90 * 24 * 60 } as const;

/** How long a moderator may mute someone, as offered in the form. */
export const MUTE_CHOICES = [60, 24 * 60, 7 * 24 * 60, 30 * 24 * 60] as const;
