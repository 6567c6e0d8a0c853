/**
 * Meeting formats: the ordered script a live meeting follows (see
 * ../shared/reference/governance.md). A format is data: groups copy a built-in template
 * (format-templates.ts) and edit it. The plain lists and templates live in zod-free files so the
 * web app can show them without bringing zod into a public page's bundle.
 */
import { z } from "zod";
import { LanguageCode } from "../groups";
import { FORMAT_LIMITS, SPEAKING_MODES, STEP_KINDS } from "./format-words";

export { FORMAT_LIMITS, SPEAKING_MODES, STEP_KINDS, describeFormat, describeStep } from "./format-words";
export { FORMAT_TEMPLATES, TEMPLATE_IDS, findTemplate } from "./format-templates";
export type { FormatTemplate, TemplateId } from "./format-templates";

export const StepKind = z.enum(STEP_KINDS);
export type StepKind = z.infer<typeof StepKind>;
export const SpeakingMode = z.enum(SPEAKING_MODES);
export type SpeakingMode = z.infer<typeof SpeakingMode>;

const Title = z.string().trim().min(1, "must not be empty").max(FORMAT_LIMITS.titleMax, `at most ${FORMAT_LIMITS.titleMax} characters`);

export const FormatStep = z.object({
  /** Stable within its format (so an edit can move a step without losing it); letters, digits, - and _. */
  id: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _"),
  kind: StepKind,
  title: Title,
  /** What is read or shown at this step: plain text (paragraphs separated by blank lines). */
  text: z.string().max(FORMAT_LIMITS.textMax, `at most ${FORMAT_LIMITS.textMax} characters`).optional(),
  speaking: SpeakingMode,
  chatOpen: z.boolean(),
  /** The length of one share in rounds, shares and open sharing; none means no limit. */
  shareLimitSeconds: z
    .number()
    .int()
    .min(FORMAT_LIMITS.shareLimitMin, `at least ${FORMAT_LIMITS.shareLimitMin} seconds`)
    .max(FORMAT_LIMITS.shareLimitMax, `at most ${FORMAT_LIMITS.shareLimitMax} seconds`)
    .optional(),
  /** May a person pass when it is their turn? Unless a format says otherwise, anyone may. */
  allowPass: z.boolean().optional(),
  /** May people reply in chat to a share while it goes on? Usually not ("no crosstalk"). */
  crosstalkAllowed: z.boolean().optional(),
});
export type FormatStep = z.infer<typeof FormatStep>;

export const Format = z
  .object({
    name: Title,
    description: z.string().trim().max(FORMAT_LIMITS.descriptionMax, `at most ${FORMAT_LIMITS.descriptionMax} characters`),
    steps: z
      .array(FormatStep)
      .min(1, "a format needs at least one step")
      .max(FORMAT_LIMITS.stepsMax, `at most ${FORMAT_LIMITS.stepsMax} steps`),
    /** The language the format's words are written in (ISO 639-1). */
    language: LanguageCode,
  })
  .superRefine((format, ctx) => {
    const seen = new Set<string>();
    format.steps.forEach((step, index) => {
      if (seen.has(step.id)) ctx.addIssue({ code: "custom", path: ["steps", index, "id"], message: "each step needs its own id" });
      seen.add(step.id);
    });
  });
export type Format = z.infer<typeof Format>;
