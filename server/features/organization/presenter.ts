import type { z } from "zod";
import type { Organization as OrganizationBody } from "../../../core/api";
import type { Organization } from "./service";

export function presentOrganization(organization: Organization): z.infer<typeof OrganizationBody> {
  return { id: organization.id, name: organization.name };
}
