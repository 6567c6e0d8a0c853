/**
 * Table types for Kysely. Times are ISO-8601 UTC strings on both dialects (sortable as text);
 * booleans are 0/1 integers; small lists are JSON text. See docs/ARCHITECTURE.md.
 */
import type { Generated } from "kysely";

export interface OrganizationsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface MembersTable {
  id: string;
  handle: string;
  handle_normalized: string;
  display_name: string;
  password_hash: string;
  email: string | null;
  language: string;
  country: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrganizationAdminsTable {
  organization_id: string;
  member_id: string;
  granted_at: string;
}

export interface SessionsTable {
  id: string;
  member_id: string;
  token_hash: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface RecoveryCodesTable {
  id: string;
  member_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface SignInThrottleTable {
  /** "handle:<normalized handle>" or "address:<keyed hash of the address>": never a raw IP. */
  key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface GroupsTable {
  id: string;
  organization_id: string;
  name: string;
  description: string;
  focus_areas: string; // JSON array of FocusArea
  other_focus: string | null;
  languages: string; // JSON array of language codes
  who_for: string;
  visibility: string;
  membership_policy: string;
  guidelines: string;
  guidelines_version: number;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  group_id: string;
  member_id: string;
  status: string;
  created_at: string;
  joined_at: string | null;
}

export interface ServicePositionsTable {
  group_id: string;
  member_id: string;
  position: string;
  assigned_at: string;
}

export interface GuidelineAcceptancesTable {
  group_id: string;
  member_id: string;
  version: number;
  accepted_at: string;
}

export interface Database {
  organizations: OrganizationsTable;
  members: MembersTable;
  organization_admins: OrganizationAdminsTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  sign_in_throttle: SignInThrottleTable;
  groups: GroupsTable;
  memberships: MembershipsTable;
  service_positions: ServicePositionsTable;
  guideline_acceptances: GuidelineAcceptancesTable;
}

export type { Generated };
