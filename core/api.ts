/**
 * The HTTP contract: one zod schema per request and response body, used by the server's route
 * schemas (and so the OpenAPI document) and by the web client alike.
 */
import { z } from "zod";
import { CountryCode, DisplayName, Email, Handle, Password, RecoveryCode, UiLanguage } from "./accounts";
import {
  FocusArea,
  GroupVisibility,
  LanguageCode,
  MembershipPolicy,
  MembershipStatus,
  ServicePosition,
} from "./groups";
import { Buddy, CheckIn, ExportedMessage, ExportedMilestone, NotificationSetting } from "./support";
import { ExportedAttendance } from "./live-api";

export const Id = z.uuid();

// ---------- setup ----------
export const SetupStatus = z.object({ needed: z.boolean() });
export const SetupRequest = z.object({
  organizationName: z.string().trim().min(2, "at least 2 characters").max(100, "at most 100 characters"),
  handle: Handle,
  password: Password,
  language: UiLanguage.default("en"),
});

// ---------- accounts ----------
export const Me = z.object({
  id: Id,
  handle: z.string(),
  displayName: z.string(),
  language: UiLanguage,
  country: z.string().nullable(),
  email: z.string().nullable(),
  isOrganizationAdmin: z.boolean(),
  createdAt: z.string(),
});
export type Me = z.infer<typeof Me>;

export const SignUpRequest = z.object({
  handle: Handle,
  password: Password,
  language: UiLanguage.default("en"),
  country: CountryCode.optional(),
  email: Email.optional(),
});
export const SignUpResponse = z.object({ member: Me, recoveryCodes: z.array(z.string()) });

export const SignInRequest = z.object({ handle: z.string().trim().min(1).max(30), password: z.string().min(1).max(256) });
export const SignInResponse = z.object({ member: Me });

export const RecoverRequest = z.object({ handle: z.string().trim().min(1).max(30), recoveryCode: RecoveryCode, newPassword: Password });
export const RecoverResponse = z.object({ member: Me, recoveryCodesLeft: z.number().int() });

export const ChangePasswordRequest = z.object({ currentPassword: z.string().min(1).max(256), newPassword: Password });
export const NewRecoveryCodesRequest = z.object({ password: z.string().min(1).max(256) });
export const RecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });

export const UpdateProfileRequest = z
  .object({
    displayName: DisplayName,
    language: UiLanguage,
    country: CountryCode.nullable(),
    email: Email.nullable(),
  })
  .partial();

export const DeleteAccountRequest = z.object({
  password: z.string().min(1).max(256),
  /** What happens to what I wrote: removed, or kept with the author shown as "former member". */
  posts: z.enum(["delete", "keep_as_former_member"]),
});

// ---------- organization ----------
export const Organization = z.object({ id: Id, name: z.string() });
export const UpdateOrganizationRequest = z.object({ name: z.string().trim().min(2).max(100) });

export const AdminPerson = z.object({
  id: Id,
  handle: z.string(),
  displayName: z.string(),
  isOrganizationAdmin: z.boolean(),
  createdAt: z.string(),
  groups: z.array(z.object({ groupId: Id, groupName: z.string(), positions: z.array(ServicePosition) })),
});
export const AdminPeopleResponse = z.object({ people: z.array(AdminPerson) });
export const SetAdminRequest = z.object({ isOrganizationAdmin: z.boolean() });

// ---------- groups ----------
const GroupFields = {
  name: z.string().trim().min(2, "at least 2 characters").max(100, "at most 100 characters"),
  description: z.string().trim().max(5000, "at most 5000 characters"),
  focusAreas: z.array(FocusArea).min(1, "choose at least one focus area").max(10),
  otherFocus: z.string().trim().max(100).nullable(),
  languages: z.array(LanguageCode).min(1, "choose at least one language").max(10),
  whoFor: z.string().trim().max(300, "at most 300 characters"),
  visibility: GroupVisibility,
  membershipPolicy: MembershipPolicy,
  guidelines: z.string().max(20000, "at most 20000 characters"),
};
export const CreateGroupRequest = z.object({
  ...GroupFields,
  description: GroupFields.description.default(""),
  otherFocus: GroupFields.otherFocus.default(null),
  whoFor: GroupFields.whoFor.default(""),
  visibility: GroupFields.visibility.default("listed"),
  membershipPolicy: GroupFields.membershipPolicy.default("open"),
  guidelines: GroupFields.guidelines.default(""),
});
/** Only the fields sent change, so no defaults here (zod applies defaults inside partial()). */
export const UpdateGroupRequest = z.object(GroupFields).partial();

export const MyMembership = z.object({
  status: MembershipStatus,
  positions: z.array(ServicePosition),
  acceptedGuidelinesVersion: z.number().int().nullable(),
});

export const GroupSummary = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  focusAreas: z.array(FocusArea),
  otherFocus: z.string().nullable(),
  languages: z.array(z.string()),
  whoFor: z.string(),
  visibility: GroupVisibility,
  membershipPolicy: MembershipPolicy,
  memberCount: z.number().int(),
  myMembership: MyMembership.nullable(),
});
export const GroupDetail = GroupSummary.extend({
  guidelines: z.string(),
  guidelinesVersion: z.number().int(),
  /** What the viewer may do here, so the client shows only what works. */
  can: z.object({ edit: z.boolean(), seeMembers: z.boolean(), managePositions: z.boolean(), approve: z.boolean(), invite: z.boolean() }),
});
export type GroupDetail = z.infer<typeof GroupDetail>;
export const GroupListResponse = z.object({ groups: z.array(GroupSummary) });

export const JoinGroupRequest = z.object({ acceptedGuidelinesVersion: z.number().int().min(1) });

export const GroupMember = z.object({
  memberId: Id,
  displayName: z.string(),
  handle: z.string(),
  status: MembershipStatus,
  positions: z.array(ServicePosition),
  joinedAt: z.string(),
});
export const GroupMembersResponse = z.object({ members: z.array(GroupMember) });
export const InviteRequest = z.object({ handle: z.string().trim().min(1).max(30) });
export const SetPositionsRequest = z.object({ positions: z.array(ServicePosition).max(4) });

// ---------- crisis ----------
export const CrisisQuery = z.object({ country: CountryCode.optional() });

// ---------- export ----------
/** The member's own data, as JSON: everything Kindred holds about them. */
export const AccountExport = z.object({
  exportedAt: z.string(),
  account: Me,
  memberships: z.array(
    z.object({
      groupId: Id,
      groupName: z.string(),
      status: MembershipStatus,
      positions: z.array(ServicePosition),
      joinedAt: z.string(),
    }),
  ),
  guidelineAcceptances: z.array(z.object({ groupId: Id, groupName: z.string(), version: z.number().int(), acceptedAt: z.string() })),
  sessions: z.array(z.object({ createdAt: z.string(), lastSeenAt: z.string(), expiresAt: z.string() })),
  recoveryCodes: z.object({ total: z.number().int(), unused: z.number().int() }),
  /** What the member wrote on group boards and still stands under their name (Markdown source). */
  boardPosts: z.array(
    z.object({
      id: Id,
      threadId: Id,
      groupId: Id,
      groupName: z.string(),
      title: z.string().nullable(),
      body: z.string(),
      contentWarning: z.string().nullable(),
      createdAt: z.string(),
      editedAt: z.string().nullable(),
    }),
  ),
  checkIns: z.array(CheckIn),
  milestones: z.array(ExportedMilestone),
  buddies: z.array(Buddy),
  /** Direct messages the member sent and received. */
  messages: z.array(ExportedMessage),
  notificationSettings: z.array(NotificationSetting),
  /** Live meetings the member attended (when, how long) and their attendance slips. */
  liveAttendance: z.array(ExportedAttendance),
});
