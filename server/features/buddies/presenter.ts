/** The only way buddies, their messages and blocks leave the server. */
import type { z } from "zod";
import type { BlockedPerson, Buddy, DirectMessage, ExportedMessage } from "../../../core/support";
import type { BlockRecord, BuddyView, MessageRecord, PersonRecord } from "./service";

export function presentBuddy({ buddyship, direction, other }: BuddyView): z.infer<typeof Buddy> {
  return {
    id: buddyship.id,
    role: buddyship.role,
    status: buddyship.status,
    direction,
    other,
    createdAt: buddyship.createdAt,
    acceptedAt: buddyship.acceptedAt,
  };
}

export function presentMessage(message: MessageRecord, viewerId: string): z.infer<typeof DirectMessage> {
  return { id: message.id, buddyId: message.buddyshipId, mine: message.senderId === viewerId, body: message.body, createdAt: message.createdAt };
}

export function presentExportedMessage(message: MessageRecord, other: PersonRecord, memberId: string): z.infer<typeof ExportedMessage> {
  return { buddyId: message.buddyshipId, with: other, sentByMe: message.senderId === memberId, body: message.body, createdAt: message.createdAt };
}

export function presentBlock(block: BlockRecord): z.infer<typeof BlockedPerson> {
  return { memberId: block.memberId, displayName: block.displayName, blockedAt: block.blockedAt };
}
