import { z } from "zod";

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
export const FocusArea = z.enum(FOCUS_AREAS);
export type FocusArea = z.infer<typeof FocusArea>;

/** Service positions a member holds within a group; "member" itself is the membership. */
export const SERVICE_POSITIONS = ["chair", "secretary", "treasurer", "moderator"] as const;
export const ServicePosition = z.enum(SERVICE_POSITIONS);
export type ServicePosition = z.infer<typeof ServicePosition>;

export const GROUP_VISIBILITIES = ["listed", "unlisted"] as const;
export const GroupVisibility = z.enum(GROUP_VISIBILITIES);
export type GroupVisibility = z.infer<typeof GroupVisibility>;

export const MEMBERSHIP_POLICIES = ["open", "approval", "invitation"] as const;
export const MembershipPolicy = z.enum(MEMBERSHIP_POLICIES);
export type MembershipPolicy = z.infer<typeof MembershipPolicy>;

export const MEMBERSHIP_STATUSES = ["active", "pending", "invited"] as const;
export const MembershipStatus = z.enum(MEMBERSHIP_STATUSES);
export type MembershipStatus = z.infer<typeof MembershipStatus>;

/** Languages a group meets in: ISO 639-1 codes. */
export const LanguageCode = z.string().regex(/^[a-z]{2}$/, "a two-letter language code such as en or es");
