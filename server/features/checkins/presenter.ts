/** The only way check-ins leave the server. */
import type { z } from "zod";
import type { CheckIn, SharedCheckIn } from "../../../core/support";
import type { CheckInRecord, SharedCheckInRecord } from "./service";

export function presentCheckIn(checkIn: CheckInRecord): z.infer<typeof CheckIn> {
  return {
    id: checkIn.id,
    date: checkIn.date,
    mood: checkIn.mood,
    note: checkIn.note,
    sharedWith: checkIn.sharedWith,
    createdAt: checkIn.createdAt,
    updatedAt: checkIn.updatedAt,
  };
}

export function presentSharedCheckIn(checkIn: SharedCheckInRecord): z.infer<typeof SharedCheckIn> {
  return { id: checkIn.id, date: checkIn.date, mood: checkIn.mood, note: checkIn.note, author: checkIn.author, sharedAt: checkIn.sharedAt };
}
