/** The live rooms' HTTP side (server/features/live/routes.ts), typed from core; `import type` keeps zod out of the bundle. */
import type { z } from "zod";
import type { AttendanceEntry, AttendanceList, AttendanceSlip, LiveRoomLobby, SlipVerification } from "../../../core/live-api";
import type { MeetingPage } from "../../../core/meetings/api";
import { api } from "../../lib/api";
import { format } from "../../lib/meeting-time";

export type { AttendanceSlip, LiveRoomLobby, MeetingPage };
export type Attendance = z.infer<typeof AttendanceEntry>;
export type Verification = z.infer<typeof SlipVerification>;

const room = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}/room`;

export const liveApi = {
  meeting: (slug: string) => api.get<MeetingPage>(`/api/meetings/${encodeURIComponent(slug)}`),
  lobby: (meetingId: string) => api.get<LiveRoomLobby>(room(meetingId)),
  openEarly: (meetingId: string) => api.post<LiveRoomLobby>(`${room(meetingId)}/open`),
  attendance: async () => (await api.get<z.infer<typeof AttendanceList>>("/api/live/attendance")).attendance,
  slip: (attendanceId: string) => api.get<AttendanceSlip>(`/api/live/attendance/${encodeURIComponent(attendanceId)}/slip`),
  verify: (code: string) => api.get<Verification>(`/api/live/slips/verify/${encodeURIComponent(code)}`),
};

/** Where a slip can be checked by anyone: this site's verify page (the API answers the same for machines). */
export const verifyPath = (code: string) => `/verify/${encodeURIComponent(code)}`;

/** "Tue, Mar 4, 6:45 PM" on the reader's clock (the live pages render it only in the browser, after loading). */
export function readableTime(iso: string, language: string): string {
  return format(language, { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(new Date(iso));
}
