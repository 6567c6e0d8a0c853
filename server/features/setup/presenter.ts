import type { z } from "zod";
import type { SignUpResponse } from "../../../core/api";
import type { MemberView } from "../accounts/service";

/** The first administrator, signed in, with the recovery codes they see once. */
export function presentFirstAdmin({ member, isOrganizationAdmin }: MemberView, recoveryCodes: string[]): z.infer<typeof SignUpResponse> {
  return { member: { ...member, isOrganizationAdmin }, recoveryCodes };
}
