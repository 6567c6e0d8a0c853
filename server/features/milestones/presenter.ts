/** The only way milestones leave the server. */
import type { z } from "zod";
import type { Celebration, ExportedMilestone, Milestone } from "../../../core/support";
import type { CelebrationView, MilestoneRecord, MilestoneView } from "./service";

export function presentMilestoneRecord(milestone: MilestoneRecord): z.infer<typeof ExportedMilestone> {
  return {
    id: milestone.id,
    label: milestone.label,
    words: milestone.words,
    since: milestone.since,
    celebrateIn: milestone.celebrateIn,
    createdAt: milestone.createdAt,
  };
}

export function presentMilestone({ milestone, days, reached, next }: MilestoneView): z.infer<typeof Milestone> {
  return { ...presentMilestoneRecord(milestone), days, reached, next };
}

export function presentCelebration({ milestone, mark }: CelebrationView): z.infer<typeof Celebration> {
  return { milestoneId: milestone.id, member: milestone.member, label: milestone.label, words: milestone.words, mark };
}
