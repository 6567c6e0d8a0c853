/** Live meetings' HTTP answers (the socket's messages are core/live/protocol.ts, sent by socket.ts). */
import type { AttendanceSlip, LiveRoomLobby, LiveSettings } from "../../../core/live-api";
import type { LiveService } from "./service";

type AttendanceEntries = Awaited<ReturnType<LiveService["attendance"]>>;

export function presentLobby(lobby: LiveRoomLobby): LiveRoomLobby {
  return lobby;
}

export function presentSettings(settings: LiveSettings): LiveSettings {
  return { observersAllowed: settings.observersAllowed, waitingRoom: settings.waitingRoom, retention: settings.retention };
}

export function presentAttendance(entries: AttendanceEntries) {
  return { attendance: entries };
}

export function presentSlip(slip: AttendanceSlip): AttendanceSlip {
  const { meetingName, date, start, durationMinutes, chair, issuedAt, code, verifyUrl } = slip;
  return { meetingName, date, start, durationMinutes, chair, issuedAt, code, verifyUrl };
}

/** A verification says genuine or not, and for a genuine slip only what the slip itself says. */
export function presentVerification(result: Awaited<ReturnType<LiveService["verifySlip"]>>) {
  if (!result.genuine || !result.slip) return { genuine: false };
  const { meetingName, date, start, durationMinutes, chair } = result.slip;
  return { genuine: true, slip: { meetingName, date, start, durationMinutes, chair } };
}
