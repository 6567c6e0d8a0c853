/** The only way buddies, their messages and blocks leave the server. */
import type { z } from "zod";
import type { BlockedPerson, Buddy, DirectMessage, ExportedMessage, FlaggedMessage } from "../../../core/support";
import type { FlaggedMessageView } from "./moderation";
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

/** A message hidden from its recipient (by flags or an admin) reaches them empty; its sender sees it as written. */
export function presentMessage(message: MessageRecord, viewerId: string): z.infer<typeof DirectMessage> {
  const mine = message.senderId === viewerId;
  const hidden = !mine && Boolean(message.hiddenAt);
  return { id: message.id, buddyId: message.buddyshipId, mine, body: hidden ? "" : message.body, createdAt: message.createdAt, hidden };
}

export function presentExportedMessage(message: MessageRecord, other: PersonRecord, memberId: string): z.infer<typeof ExportedMessage> {
  return { buddyId: message.buddyshipId, with: other, sentByMe: message.senderId === memberId, body: message.body, createdAt: message.createdAt };
}

export function presentBlock(block: BlockRecord): z.infer<typeof BlockedPerson> {
  return { memberId: block.memberId, displayName: block.displayName, blockedAt: block.blockedAt };
}

/** A flagged message as admins see it: the message alone, its sender and the flags, never who flagged. */
export function presentFlaggedMessage({ message, flags }: FlaggedMessageView): z.infer<typeof FlaggedMessage> {
  return {
    id: message.id,
    body: message.body,
    sender: message.sender,
    sentAt: message.sentAt,
    hidden: message.hiddenAt !== null,
    crisis: message.crisis,
    score: message.scoreHundredths / 100,
    firstFlaggedAt: message.firstFlaggedAt,
    flags: flags.map((f) => ({ reason: f.reason, note: f.note, createdAt: f.createdAt })),
  };
}
