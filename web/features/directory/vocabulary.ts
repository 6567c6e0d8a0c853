/**
 * What the directory's filters offer. The type codes are the common Meeting Guide types; their
 * names are words in locales/<lang>/directory.json (type.<code>), which a test keeps equal to the
 * official names of @code4recovery/spec: the package itself weighs 7 KB gzipped, too much for
 * the directory's JavaScript budget.
 */
import type { TimeOfDay } from "../../../core/meetings/schedule";
import type { AttendanceOption } from "../../../core/meetings/types";

export const COMMON_TYPES = [
  "O",
  "C",
  "BE",
  "D",
  "SP",
  "B",
  "ST",
  "LIT",
  "MED",
  "W",
  "M",
  "Y",
  "LGBTQ",
  "POC",
  "X",
  "ASL",
  "BA",
  "CF",
  "FF",
  "OUT",
] as const;

/** As in core/meetings/types.ts (ATTENDANCE_OPTIONS), without "inactive": nobody searches for those. */
export const ATTENDANCE = ["in_person", "online", "hybrid"] as const satisfies readonly AttendanceOption[];

/** As core/meetings/schedule.ts TIMES_OF_DAY. */
export const TIMES_OF_DAY = ["morning", "midday", "evening", "night"] as const satisfies readonly TimeOfDay[];

export const WITHIN_HOURS = [1, 2, 3, 6, 12, 24] as const;

/** The distances TSML offers, in km or miles. */
export const RADII = [1, 2, 5, 10, 15, 25, 50, 100] as const;

export const UNITS = ["km", "mi"] as const;
