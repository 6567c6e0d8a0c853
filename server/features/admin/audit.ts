/**
 * The organization's audit log: trust levels set by hand, and what flags and admins did to direct
 * messages. Organization admins read it; the features that act write it in the same transaction
 * as the action.
 */
import { UUID_PATTERN } from "../../../core/ids";
import { fieldError } from "../../errors";
import type { AdminRepository, OrganizationAuditRecord } from "./repository";

export type { OrganizationAuditRecord };

/** The organization (its OrganizationService fits this). */
export interface CurrentOrganization {
  require(): Promise<{ id: string }>;
}

const PAGE_SIZE = 50;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function encodeCursor(entry: OrganizationAuditRecord): string {
  return Buffer.from(JSON.stringify([entry.createdAt, entry.id])).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof at === "string" && ISO_INSTANT.test(at) && typeof id === "string" && UUID_PATTERN.test(id)) return { at, id };
  } catch {
    // falls through to the field error
  }
  throw fieldError("cursor", "is not a cursor this list gave out");
}

export class OrganizationAuditService {
  constructor(
    private readonly repo: AdminRepository,
    private readonly organization: CurrentOrganization,
  ) {}

  /** A page of the log, latest first. */
  async page(cursor?: string): Promise<{ entries: OrganizationAuditRecord[]; nextCursor: string | null }> {
    const organization = await this.organization.require();
    const rows = await this.repo.auditLog(organization.id, { before: decodeCursor(cursor), limit: PAGE_SIZE + 1 });
    const entries = rows.slice(0, PAGE_SIZE);
    return { entries, nextCursor: rows.length > PAGE_SIZE ? encodeCursor(entries[entries.length - 1]!) : null };
  }
}
