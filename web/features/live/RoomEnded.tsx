/**
 * After a meeting ends: the words are gone (or kept for a day, if the group chose so), how long I
 * was there, and, for meetings that offer it, my proof-of-attendance slip.
 */
import { useRef, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useLoaded } from "../../components/Loaded";
import { liveApi, type LiveRoomLobby, type MeetingPage } from "./api";

export function RoomEnded({ meeting, lobby, roomId }: { meeting: MeetingPage; lobby: LiveRoomLobby; roomId: string }) {
  const { t } = useTranslation("live");
  const heading = useRef<HTMLHeadingElement>(null);
  // The room is gone from the page: the reader lands here, not at the top.
  useEffect(() => heading.current?.focus(), []);
  const { loaded } = useLoaded(`live-attendance-after:${roomId}`, () => liveApi.attendance());
  // My attendance of this very room, the one that just ended.
  const mine = loaded.state === "ready" ? loaded.data.find((a) => a.roomId === roomId) : undefined;
  return (
    <section aria-labelledby="ended-heading" className="room-ended">
      <h2 id="ended-heading" ref={heading} tabIndex={-1}>
        {t("room.ended.heading")}
      </h2>
      <p className="lead">{t("room.ended.thanks")}</p>
      <p className="callout">{t(lobby.retention === "24h" ? "room.ended.wordsKept" : "room.ended.wordsGone")}</p>
      {mine ? (
        <>
          <p>{mine.minutesPresent === 0 ? t("room.ended.attendanceShort") : t("room.ended.attendance", { count: mine.minutesPresent })}</p>
          {mine.slipAvailable ? (
            <p>
              <Link className="button" to={`/attendance/${mine.id}/slip`}>
                {t("room.ended.slip")}
              </Link>
            </p>
          ) : null}
        </>
      ) : null}
      <p className="actions">
        <Link to="/attendance">{t("room.ended.allAttendance")}</Link>
        <Link to={`/meetings/${meeting.slug}`}>{t("room.backToMeeting")}</Link>
      </p>
    </section>
  );
}
