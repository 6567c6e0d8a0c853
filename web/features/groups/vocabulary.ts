/**
 * The group vocabulary from core/groups.ts, restated here because a value import from core pulls
 * zod into the browser bundle. Each list is built from a record keyed by core's type, so the
 * compiler fails if core gains or loses a value; the order is the order shown on screen.
 */
import type { FocusArea, GroupVisibility, MembershipPolicy, ServicePosition } from "../../../core/groups";

const inOrder = <T extends string>(values: Record<T, true>) => Object.keys(values) as T[];

export const FOCUS_AREAS = inOrder<FocusArea>({
  addiction_recovery: true,
  alcohol: true,
  drugs: true,
  gambling: true,
  grief_loss: true,
  chronic_illness: true,
  mental_health: true,
  caregivers: true,
  family_friends: true,
  other: true,
});

export const SERVICE_POSITIONS = inOrder<ServicePosition>({ chair: true, secretary: true, treasurer: true, moderator: true });
export const VISIBILITIES = inOrder<GroupVisibility>({ listed: true, unlisted: true });
export const MEMBERSHIP_POLICIES = inOrder<MembershipPolicy>({ open: true, approval: true, invitation: true });

/** Languages offered as checkboxes when describing a group (ISO 639-1). */
export const OFFERED_LANGUAGES = ["en", "es", "pt", "fr", "zh", "vi", "tl", "ar", "ru", "ko", "ht"] as const;
