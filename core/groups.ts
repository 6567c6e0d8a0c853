import { z } from "zod";
import { FOCUS_AREAS, GROUP_VISIBILITIES, MEMBERSHIP_POLICIES, MEMBERSHIP_STATUSES, SERVICE_POSITIONS } from "./vocabulary";

// The lists live in vocabulary.ts (no zod), so the web app can use them; re-exported for the server.
export { FOCUS_AREAS, GROUP_VISIBILITIES, MEMBERSHIP_POLICIES, MEMBERSHIP_STATUSES, SERVICE_POSITIONS };

export const FocusArea = z.enum(FOCUS_AREAS);
export type FocusArea = z.infer<typeof FocusArea>;

export const ServicePosition = z.enum(SERVICE_POSITIONS);
export type ServicePosition = z.infer<typeof ServicePosition>;

export const GroupVisibility = z.enum(GROUP_VISIBILITIES);
export type GroupVisibility = z.infer<typeof GroupVisibility>;

export const MembershipPolicy = z.enum(MEMBERSHIP_POLICIES);
export type MembershipPolicy = z.infer<typeof MembershipPolicy>;

export const MembershipStatus = z.enum(MEMBERSHIP_STATUSES);
export type MembershipStatus = z.infer<typeof MembershipStatus>;

/** Languages a group meets in: ISO 639-1 codes. */
export const LanguageCode = z.string().regex(/^[a-z]{2}$/, "a two-letter language code such as en or es");
