/**
 * The room's limits and closed lists as plain values, without zod, so the web app can use them
 * without bringing zod into the page (room-messages.ts builds the schemas from them).
 */
export const ROOM_LIMITS = {
  /** The live composer sends the whole current text of a share each time. */
  shareTextMax: 4000,
  chatTextMax: 1000,
  reportNoteMax: 500,
  displayNameMax: 100,
  idMax: 100,
  extendMinSeconds: 15,
  extendMaxSeconds: 900,
  /** The gentle warning comes this long before a share's time is up. */
  warningSeconds: 30,
} as const;

/** Why someone reports a participant to the chair (and so to the group's moderators). */
export const REPORT_REASONS = ["disruptive", "harassment", "intruder", "crisis", "other"] as const;

export const ROOM_ERROR_CODES = [
  /** The actor has not joined (or has left): join first. */
  "not_in_room",
  /** The actor is in the waiting room until the chair admits them. */
  "waiting",
  /** The actor was removed from, or denied entry to, this room. */
  "removed",
  "ended",
  "locked",
  /** A closed meeting: only the group's members (and observers, where allowed) may join. */
  "members_only",
  "observers_not_allowed",
  /** Only the chair may do this. */
  "not_chair",
  /** Observers listen; they do not share or chat. */
  "observer",
  "muted",
  /** The current step does not allow this. */
  "not_now",
  "chat_closed",
  "not_your_turn",
  "no_share",
  "no_such_participant",
  "already",
  "queue_empty",
  "pass_not_allowed",
  "no_time_limit",
  /** A chair-holder is present, so no temporary chair is needed. */
  "chair_present",
  "not_allowed",
  "system_only",
] as const;

export const SHARE_END_REASONS = ["finished", "passed", "chair", "left", "muted", "removed", "step", "ended"] as const;
