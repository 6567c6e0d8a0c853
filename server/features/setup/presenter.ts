import type { z } from "zod";
import type { SignInResponse } from "../../../core/api";
import type { MemberView } from "../accounts/service";

/** The first administrator, signed in: the member's own fields as the Me body lists them. */
export function presentFirstAdmin({ member, isOrganizationAdmin }: MemberView): z.infer<typeof SignInResponse> {
  return { member: { ...member, isOrganizationAdmin } };
}
