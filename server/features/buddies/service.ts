import type { z } from "zod";
import { normalizeHandle } from "../../../core/accounts";
import { newId } from "../../../core/ids";
import type { Buddy, BuddyRole, ExportedMessage } from "../../../core/support";
import { AppError, fieldError } from "../../errors";
import type { BlocksService } from "./blocks";
import { presentBuddy, presentExportedMessage } from "./presenter";
import { authorizeBuddyship, type AuthorizedBuddyship, type BuddyAction } from "./policy";
import type { BlockRecord, BuddiesRepository, BuddyshipRecord, MessageRecord, PersonRecord } from "./repository";

export type { AuthorizedBuddyship, BlockRecord, BuddyshipRecord, MessageRecord, PersonRecord };

/** What buddies need from the groups feature (its GroupsService fits this). */
export interface GroupsForBuddies {
  membershipsOf(memberIds: string[]): Promise<Map<string, { groupId: string }[]>>;
}

/** A member's trust level (the board's TrustService fits this). */
export interface TrustLevels {
  mine(memberId: string): Promise<{ level: number }>;
}

export interface Admins {
  isAdmin(memberId: string): Promise<boolean>;
}

/** Who hears of a buddy request (the notifications feature fits this). */
export interface BuddyNotifier {
  buddyRequested(request: { recipientId: string; requesterId: string; buddyId: string }): Promise<void>;
}

/** A buddyship as one of its two people sees it. */
export interface BuddyView {
  buddyship: BuddyshipRecord;
  direction: "asked" | "askedMe";
  other: PersonRecord;
}

const MESSAGES_PER_PAGE = 50;

/** One answer for "no such handle", "no group in common" and "blocked", so none of them shows. */
const notReachable = () => fieldError("handle", "no one in your groups has this handle");

function viewOf(buddyship: BuddyshipRecord, viewerId: string): BuddyView {
  const asked = buddyship.requester.memberId === viewerId;
  return { buddyship, direction: asked ? "asked" : "askedMe", other: asked ? buddyship.recipient : buddyship.requester };
}

export class BuddiesService {
  constructor(
    private readonly repo: BuddiesRepository,
    private readonly blocks: BlocksService,
    private readonly groups: GroupsForBuddies,
    private readonly trust: TrustLevels,
    private readonly admins: Admins,
    private readonly notifier: BuddyNotifier,
    private readonly clock: () => Date,
  ) {}

  /** Finds the buddyship and checks the action: 404 to anyone but its two people. */
  async authorize<A extends BuddyAction>(memberId: string, buddyshipId: string, action: A): Promise<AuthorizedBuddyship<A>> {
    const buddyship = await this.repo.findBuddyship(buddyshipId);
    const standing =
      action === "writeMessages" ? { trustLevel: (await this.trust.mine(memberId)).level, isAdmin: await this.admins.isAdmin(memberId) } : null;
    return authorizeBuddyship(memberId, buddyship, action, standing);
  }

  async list(memberId: string): Promise<BuddyView[]> {
    return (await this.repo.buddyshipsOf(memberId)).map((b) => viewOf(b, memberId));
  }

  /** Asks someone who shares a group with the member to be their buddy or sponsor. */
  async ask(memberId: string, handle: string, role: BuddyRole): Promise<BuddyView> {
    const other = await this.repo.personByHandle(normalizeHandle(handle));
    if (other?.memberId === memberId) throw fieldError("handle", "is your own handle");
    if (!other || !(await this.shareAGroup(memberId, other.memberId)) || (await this.blocks.isBlocked(memberId, other.memberId))) throw notReachable();
    const now = this.clock();
    const id = newId(now.getTime());
    const asked = await this.repo.insertBuddyship({ id, requesterId: memberId, recipientId: other.memberId, role, createdAt: now.toISOString() });
    if (!asked) throw new AppError("conflict", "You two already have a request or a buddyship: see your buddies.");
    await this.notifier.buddyRequested({ recipientId: other.memberId, requesterId: memberId, buddyId: id });
    return viewOf((await this.repo.findBuddyship(id))!, memberId);
  }

  async accept(buddyship: AuthorizedBuddyship<"answer">): Promise<BuddyView> {
    if (!(await this.repo.accept(buddyship.id, this.clock().toISOString()))) throw new AppError("conflict", "This request has already been answered.");
    return viewOf((await this.repo.findBuddyship(buddyship.id))!, buddyship.viewerId);
  }

  /** Declining, withdrawing and ending are quiet: the buddyship and its messages are gone, nobody is told. */
  async decline(buddyship: AuthorizedBuddyship<"answer">): Promise<void> {
    await this.repo.deleteBuddyship(buddyship.id);
  }

  async end(buddyship: AuthorizedBuddyship<"end">): Promise<void> {
    await this.repo.deleteBuddyship(buddyship.id);
  }

  async messages(buddyship: AuthorizedBuddyship<"readMessages">, before?: string): Promise<{ messages: MessageRecord[]; nextBefore: string | null }> {
    const rows = await this.repo.messages(buddyship.id, { before: before ?? null, limit: MESSAGES_PER_PAGE + 1 });
    if (rows === null) throw fieldError("before", "is not a message of this conversation");
    const messages = rows.slice(0, MESSAGES_PER_PAGE);
    return { messages, nextBefore: rows.length > MESSAGES_PER_PAGE ? messages[messages.length - 1]!.id : null };
  }

  async send(buddyship: AuthorizedBuddyship<"writeMessages">, body: string): Promise<MessageRecord> {
    const now = this.clock();
    const message: MessageRecord = { id: newId(now.getTime()), buddyshipId: buddyship.id, senderId: buddyship.viewerId, body, createdAt: now.toISOString() };
    // The buddyship may have ended (or a block ended it) since the check: then nothing is written.
    if (!(await this.repo.insertMessage(message))) throw new AppError("notFound");
    return message;
  }

  /** The member's buddies and requests, as their data export shows them. */
  async exportBuddies(memberId: string): Promise<z.infer<typeof Buddy>[]> {
    return (await this.list(memberId)).map(presentBuddy);
  }

  /** The messages the member sent and received, as their data export shows them. */
  async exportMessages(memberId: string): Promise<z.infer<typeof ExportedMessage>[]> {
    const [buddies, messages] = await Promise.all([this.list(memberId), this.repo.messagesOf(memberId)]);
    const withWhom = new Map(buddies.map((b) => [b.buddyship.id, b.other]));
    return messages.map((message) => presentExportedMessage(message, withWhom.get(message.buddyshipId)!, memberId));
  }

  private async shareAGroup(a: string, b: string): Promise<boolean> {
    const groups = await this.groups.membershipsOf([a, b]);
    const ofA = new Set(groups.get(a)?.map((g) => g.groupId));
    return (groups.get(b) ?? []).some((g) => ofA.has(g.groupId));
  }
}
