import type { TFunction } from "i18next";
import type { Mark, Milestone } from "./api";

/** "30 days", "6 months", "1 year". */
export function markName(mark: Pick<Mark, "unit" | "count">, t: TFunction): string {
  return t(`support:marks.${mark.unit}`, { count: mark.count });
}

/** "Sober since 12 March 2025", "Smoke-free since ...". */
export function milestoneName(milestone: Pick<Milestone, "label" | "words">, date: string, t: TFunction): string {
  return t(`support:milestones.label.${milestone.label}`, { date, words: milestone.words ?? "" });
}
