/**
 * Blocks: a member blocks someone, and from then on that person cannot reach them anywhere in
 * Kindred: no buddy request, no message, no notification of what they do (replies, mentions,
 * reactions). A block works both ways, so neither reaches the other, and it ends any buddyship
 * between them (with its messages). A report survives the block: open flags on those messages are
 * kept, with a copy of the flagged message, for the organization's admins until they decide
 * (kept_reports, migration 0009); neither member can read it. Other features ask
 * `isBlocked(a, b)` through services.blocks.
 */
import { AppError, fieldError } from "../../errors";
import type { BlockRecord, BuddiesRepository } from "./repository";

export class BlocksService {
  constructor(
    private readonly repo: BuddiesRepository,
    private readonly clock: () => Date,
  ) {}

  /** Whether either of the two blocked the other: then neither reaches the other. */
  isBlocked(a: string, b: string): Promise<boolean> {
    return this.repo.blockedEitherWay(a, b);
  }

  async block(memberId: string, otherId: string): Promise<void> {
    if (otherId === memberId) throw fieldError("memberId", "is you");
    await this.repo.transaction(async (repo) => {
      if (!(await repo.person(otherId))) throw new AppError("notFound");
      const at = this.clock().toISOString();
      await repo.insertBlock(memberId, otherId, at);
      await repo.deleteBuddyshipBetween(memberId, otherId, at);
    });
  }

  async unblock(memberId: string, otherId: string): Promise<void> {
    await this.repo.deleteBlock(memberId, otherId);
  }

  blockedBy(memberId: string): Promise<BlockRecord[]> {
    return this.repo.blockedBy(memberId);
  }
}
