/**
 * Who may do what with a group's meeting formats. Whoever may see the group sees its formats
 * (a meeting's page describes its format to anyone). Members holding the chair position, and
 * organization admins, copy templates into the group and edit its formats: running meetings is
 * the chair's service. Which format a meeting follows is part of the meeting's listing, kept by
 * those who keep the meeting (meetings' "manage").
 */
import { AppError } from "../../errors";
import type { Authorized, GroupAccess } from "../groups/service";

export type FormatAction = "see" | "edit";

const RULES: Record<FormatAction, (access: GroupAccess) => boolean> = {
  see: () => true,
  edit: (a) =>
    a.viewer?.isAdmin === true || (a.viewer !== null && a.membership?.status === "active" && a.membership.positions.includes("chair")),
};

declare const formatsBrand: unique symbol;
/** Access to a group's formats that passed `authorizeFormats`; the service requires it. */
export type FormatsAccess<A extends FormatAction> = Authorized<"see"> & { readonly [formatsBrand]: A };

export function canFormats(access: GroupAccess, action: FormatAction): boolean {
  return RULES[action](access);
}

/** Given access that may see the group: 401 to the signed-out, 403 to others who may not act. */
export function authorizeFormats<A extends FormatAction>(access: Authorized<"see">, action: A): FormatsAccess<A> {
  if (!RULES[action](access)) throw access.viewer === null ? new AppError("unauthenticated") : new AppError("forbidden");
  return access as FormatsAccess<A>;
}
