/**
 * Kindred's fixed vocabularies as plain lists, without zod: the schemas in core/groups.ts and
 * core/accounts.ts are built from them, and the web app imports them from here, because a value
 * imported from a module that uses zod brings all of zod into the browser bundle.
 * The order of each list is the order shown on screen.
 */

/** Focus areas are a fixed list (plus "other") so the directory can filter on them. */
export const FOCUS_AREAS = [
  "addiction_recovery",
  "alcohol",
  "drugs",
  "gambling",
  "grief_loss",
  "chronic_illness",
  "mental_health",
  "caregivers",
  "family_friends",
  "other",
] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];

/** Service positions a member holds within a group; "member" itself is the membership. */
export const SERVICE_POSITIONS = ["chair", "secretary", "treasurer", "moderator"] as const;
export type ServicePosition = (typeof SERVICE_POSITIONS)[number];

export const GROUP_VISIBILITIES = ["listed", "unlisted"] as const;
export type GroupVisibility = (typeof GROUP_VISIBILITIES)[number];

export const MEMBERSHIP_POLICIES = ["open", "approval", "invitation"] as const;
export type MembershipPolicy = (typeof MEMBERSHIP_POLICIES)[number];

export const MEMBERSHIP_STATUSES = ["active", "pending", "invited"] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** Languages offered as checkboxes when describing a group or a meeting, and in the directory's filter (ISO 639-1). */
export const OFFERED_LANGUAGES = ["en", "es", "pt", "fr", "zh", "vi", "tl", "ar", "ru", "ko", "ht"] as const;

/** The languages Kindred's interface speaks. */
export const UI_LANGUAGES = ["en", "es"] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** How many recovery codes a member gets at a time. */
export const RECOVERY_CODE_COUNT = 10;
