/** The group vocabulary, from core/vocabulary.ts (plain lists without zod, so safe in the browser). */
export { FOCUS_AREAS, GROUP_VISIBILITIES as VISIBILITIES, MEMBERSHIP_POLICIES, OFFERED_LANGUAGES, SERVICE_POSITIONS } from "../../../core/vocabulary";
