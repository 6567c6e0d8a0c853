import type { z } from "zod";
import { normalizeHandle } from "../../../core/accounts";
import { newId } from "../../../core/ids";
import { BUDDY_REQUEST_LIMITS, type Buddy, type BuddyRole, type ExportedMessage } from "../../../core/support";
import { AppError, fieldError } from "../../errors";
import { inAbout } from "../board/service";
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
  /** Optional so that older notifiers still fit; the notifications feature has it. */
  messaged?(message: { recipientId: string; senderId: string; buddyId: string }): Promise<void>;
}

/** A buddyship as one of its two people sees it. */
export interface BuddyView {
  buddyship: BuddyshipRecord;
  direction: "asked" | "askedMe";
  other: PersonRecord;
}

const MESSAGES_PER_PAGE = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

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
    const at = now.toISOString();
    const id = newId(now.getTime());
    const limited = (await this.trust.mine(memberId)).level < BUDDY_REQUEST_LIMITS.exemptFromTrustLevel && !(await this.admins.isAdmin(memberId));
    // The count and the request are written in one transaction holding the member's guard row, so parallel requests cannot pass the limit together.
    await this.repo.transaction(async (repo) => {
      if (limited) {
        await repo.guard(memberId, "buddy_request", at);
        const sent = await repo.requestsSince(memberId, new Date(now.getTime() - DAY_MS).toISOString());
        if (sent.length >= BUDDY_REQUEST_LIMITS.perDay) {
          const freesAt = Date.parse(sent[sent.length - BUDDY_REQUEST_LIMITS.perDay]!) + DAY_MS;
          const wait = Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000));
          throw new AppError(
            "slowDown",
            `You have asked ${BUDDY_REQUEST_LIMITS.perDay} people to be your buddy today, which is as many as a day allows while you are new here. Give them time to answer; you can ask someone else ${inAbout(wait)}.`,
            { retryAfterSeconds: wait },
          );
        }
      }
      const asked = await repo.insertBuddyship({ id, requesterId: memberId, recipientId: other.memberId, role, createdAt: at });
      if (!asked) throw new AppError("conflict", "You two already have a request or a buddyship: see your buddies.");
      await repo.recordRequest(newId(now.getTime()), memberId, at);
    });
    await this.notifier.buddyRequested({ recipientId: other.memberId, requesterId: memberId, buddyId: id });
    return viewOf((await this.repo.findBuddyship(id))!, memberId);
  }

  async accept(buddyship: AuthorizedBuddyship<"answer">): Promise<BuddyView> {
    if (!(await this.repo.accept(buddyship.id, this.clock().toISOString()))) throw new AppError("conflict", "This request has already been answered.");
    return viewOf((await this.repo.findBuddyship(buddyship.id))!, buddyship.viewerId);
  }

  /** Declining, withdrawing and ending are quiet: the buddyship and its messages are gone, nobody is told. */
  async decline(buddyship: AuthorizedBuddyship<"answer">): Promise<void> {
    const at = this.clock().toISOString();
    await this.repo.transaction((repo) => repo.deleteBuddyship(buddyship.id, at));
  }

  /** Open reports on its messages are kept for the organization's admins (repository keepOpenReports). */
  async end(buddyship: AuthorizedBuddyship<"end">): Promise<void> {
    const at = this.clock().toISOString();
    await this.repo.transaction((repo) => repo.deleteBuddyship(buddyship.id, at));
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
    const recipientId = buddyship.requester.memberId === buddyship.viewerId ? buddyship.recipient.memberId : buddyship.requester.memberId;
    await this.notifier.messaged?.({ recipientId, senderId: buddyship.viewerId, buddyId: buddyship.id });
    return { ...message, hiddenAt: null };
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
