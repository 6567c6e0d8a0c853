/**
 * Flagged direct messages. "Anyone trusted enough may flag a post or a message": the recipient of
 * a message may flag it, for the same reasons as a post, and each flag scores as a flag on a post
 * does (../shared/reference/safety.md). Only the recipient can flag in a conversation of two, so
 * the open flags on what one person sent in one conversation add up: once they reach the
 * threshold, those messages are hidden from the recipient. Direct messages belong to no group,
 * so the organization's admins review them: they see the flagged messages alone (never the
 * conversation around them, nor who flagged), hide or restore each with a note, and every
 * decision lands in the organization's audit log.
 */
import type { FlagReason } from "../../../core/board";
import { newId } from "../../../core/ids";
import type { MessageModerationRequest } from "../../../core/support";
import { AppError } from "../../errors";
import { admitFlag, flagsHide } from "../board/service";
import type { FlaggedMessageRecord, MessageFlagRecord, MessageRecord } from "./repository";
import type { BuddiesRepository } from "./repository";
import type { AuthorizedBuddyship } from "./service";

export type { FlaggedMessageRecord, MessageFlagRecord };

/** A member's trust and flagging record (the board's TrustService fits this). */
export interface FlaggerRecords {
  mine(memberId: string): Promise<{ level: number; flagsDecided: number; flagsAgreed: number }>;
}

/** The organization and its admins (the organization feature's OrganizationService fits this). */
export interface Organization {
  require(): Promise<{ id: string }>;
  isAdmin(memberId: string): Promise<boolean>;
}

export interface FlaggedMessageView {
  message: FlaggedMessageRecord;
  flags: MessageFlagRecord[];
}

const QUEUE_SIZE = 100;

export class MessageModerationService {
  constructor(
    private readonly repo: BuddiesRepository,
    private readonly trust: FlaggerRecords,
    private readonly organization: Organization,
    private readonly clock: () => Date,
  ) {}

  /** The recipient flags a message of their conversation. */
  async flag(buddyship: AuthorizedBuddyship<"readMessages">, messageId: string, reason: FlagReason, note: string | null): Promise<void> {
    const message = await this.repo.findMessage(messageId);
    if (!message || message.buddyshipId !== buddyship.id) throw new AppError("notFound");
    const memberId = buddyship.viewerId;
    if (message.senderId === memberId) throw new AppError("forbidden", "You cannot flag your own message.");
    if (message.hiddenAt) throw new AppError("conflict", "This message is hidden already while the organization looks at it.");
    const [record, isAdmin] = await Promise.all([this.trust.mine(memberId), this.organization.isAdmin(memberId)]);
    const flagger = { trustLevel: Math.min(2, Math.max(0, record.level)) as 0 | 1 | 2, isStaff: isAdmin, flagsDecided: record.flagsDecided, flagsAgreed: record.flagsAgreed };
    const now = this.clock();
    const scoreHundredths = await admitFlag(flagger, () => this.repo.latestMessageFlagBy(message.id, memberId), now, {
      notYet:
        "Flagging opens up once you have spent a little time reading in your groups. You can block this person at any time, and if someone may be in danger, please use Get help now.",
      already: "You have flagged this message already. The organization will look at it.",
      decidedEarlier: "The organization decided on your earlier flag on this message",
    });
    const organization = await this.organization.require();
    const at = now.toISOString();
    await this.repo.transaction(async (repo) => {
      await repo.insertMessageFlag({
        id: newId(now.getTime()),
        messageId: message.id,
        flaggerId: memberId,
        reason,
        note,
        scoreHundredths,
        status: "open",
        createdAt: at,
        decidedAt: null,
      });
      const open = await repo.openFlagsOnSender(buddyship.id, message.senderId);
      if (!flagsHide(open)) return;
      const hidden = await repo.hideMessages([...new Set(open.map((f) => f.messageId))], at, true);
      for (const id of hidden) {
        await repo.insertOrganizationAudit({
          id: newId(now.getTime()),
          organizationId: organization.id,
          action: "message_hidden_by_flags",
          actorId: null,
          subjectId: message.senderId,
          messageId: id,
          note: null,
          createdAt: at,
        });
      }
    });
  }

  /** Messages with open flags, crisis first, each with its flags (organization admins). */
  async queue(): Promise<FlaggedMessageView[]> {
    const messages = await this.repo.flaggedMessages(QUEUE_SIZE);
    const flags = await this.repo.messageFlagsOn(
      messages.map((m) => m.id),
      "open",
    );
    return messages.map((message) => ({ message, flags: flags.filter((f) => f.messageId === message.id) }));
  }

  /**
   * An admin hides a flagged message from its recipient (agreeing with the flags) or restores it
   * (dismissing them), with a note; the decision and its audit entry are written together.
   */
  async decide(actorId: string, messageId: string, decision: MessageModerationRequest): Promise<{ messageId: string; hidden: boolean }> {
    const message = await this.repo.findMessage(messageId);
    if (!message) return this.decideKept(actorId, messageId, decision);
    const organization = await this.organization.require();
    const now = this.clock();
    const at = now.toISOString();
    await this.repo.transaction(async (repo) => {
      const open = await repo.messageFlagsOn([message.id], "open");
      // Admins see flagged messages only: one no one flagged is not theirs to look at.
      if (open.length === 0 && !(await this.wasFlagged(repo, message))) throw new AppError("notFound");
      if (open.length === 0 && decision.action === "hide" && message.hiddenAt) throw new AppError("conflict", "This message is hidden already.");
      if (open.length === 0 && decision.action === "restore" && !message.hiddenAt) throw new AppError("conflict", "This message is not hidden, and no one has flagged it since.");
      if (decision.action === "hide") await repo.hideMessages([message.id], at, false);
      else await repo.showMessage(message.id);
      await repo.decideMessageFlags(message.id, decision.action === "hide" ? "agreed" : "disagreed", at);
      await repo.insertOrganizationAudit({
        id: newId(now.getTime()),
        organizationId: organization.id,
        action: decision.action === "hide" ? "message_hidden" : "message_restored",
        actorId,
        subjectId: message.senderId,
        messageId: message.id,
        note: decision.note,
        createdAt: at,
      });
    });
    return { messageId: message.id, hidden: decision.action === "hide" };
  }

  /**
   * A kept report (its conversation was deleted by a block or an ended buddyship): no one can
   * read the message any more, so either decision deletes the kept copy and its flags; the
   * decision stays in the audit log.
   */
  private async decideKept(actorId: string, messageId: string, decision: MessageModerationRequest): Promise<{ messageId: string; hidden: boolean }> {
    const senderId = await this.repo.keptReportSender(messageId);
    if (senderId === null) throw new AppError("notFound");
    const organization = await this.organization.require();
    const now = this.clock();
    await this.repo.transaction(async (repo) => {
      await repo.deleteKeptReports(messageId);
      await repo.insertOrganizationAudit({
        id: newId(now.getTime()),
        organizationId: organization.id,
        action: decision.action === "hide" ? "message_hidden" : "message_restored",
        actorId,
        subjectId: senderId,
        messageId,
        note: decision.note,
        createdAt: now.toISOString(),
      });
    });
    return { messageId, hidden: decision.action === "hide" };
  }

  private async wasFlagged(repo: BuddiesRepository, message: MessageRecord): Promise<boolean> {
    return (await repo.messageFlagsOn([message.id], "agreed")).length + (await repo.messageFlagsOn([message.id], "disagreed")).length > 0;
  }
}
