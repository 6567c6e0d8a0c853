/**
 * /meetings/:slug/room: a meeting's live room. First the lobby (when the room opens, what to
 * expect, "Go in"); inside, the room itself (Room.tsx). The chair may open the room early. The
 * page needs a signed-in member and JavaScript (the room is a WebSocket); it says so plainly.
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useAnnouncer } from "../../components/announce";
import { asApiError, LoadedView, useLoaded } from "../../components/Loaded";
import { describeProblem } from "../../components/messages";
import { RequireMember, usePageTitle } from "../../lib/page";
import { liveApi, readableTime, type LiveRoomLobby, type MeetingPage } from "./api";
import { Room } from "./Room";
import "./room.css";

interface RoomData {
  meeting: MeetingPage;
  lobby: LiveRoomLobby;
}

async function loadRoom(slug: string): Promise<RoomData> {
  const meeting = await liveApi.meeting(slug);
  return { meeting, lobby: await liveApi.lobby(meeting.id) };
}

export function RoomPage() {
  return (
    <RequireMember>
      <RoomOfMeeting />
    </RequireMember>
  );
}

function RoomOfMeeting() {
  const { t } = useTranslation("live");
  const { slug = "" } = useParams();
  const { loaded, reload } = useLoaded(`live-room:${slug}`, () => loadRoom(slug));
  usePageTitle(loaded.state === "ready" ? t("room.title", { name: loaded.data.meeting.name }) : t("room.titlePlain"));
  return (
    <>
      <noscript>
        <p className="notice">{t("room.lobby.noScript")}</p>
      </noscript>
      <LoadedView loaded={loaded} retry={reload} notFound={<p>{t("room.notFound")}</p>}>
        {(data) => <Lobby {...data} reload={reload} />}
      </LoadedView>
    </>
  );
}

function Lobby({ meeting, lobby, reload }: RoomData & { reload: () => void }) {
  const { t, i18n } = useTranslation("live");
  const { t: tc } = useTranslation();
  const [inside, setInside] = useState(false);
  const { announcer, regions } = useAnnouncer();
  // Until the room opens, look again now and then, so the "Go in" button comes by itself.
  const waitingToOpen = !lobby.open && lobby.opensAt !== null;
  useEffect(() => {
    if (!waitingToOpen) return;
    const timer = setInterval(reload, 30_000);
    return () => clearInterval(timer);
  }, [waitingToOpen, reload]);
  const openEarly = async () => {
    try {
      await liveApi.openEarly(meeting.id);
      announcer.done(t("room.lobby.openedEarly"));
      reload();
    } catch (error) {
      announcer.failed(describeProblem(asApiError(error), tc));
    }
  };

  if (inside && lobby.roomId) {
    return <Room meeting={meeting} lobby={lobby} roomId={lobby.roomId} />;
  }
  return (
    <>
      <h1>{t("room.title", { name: meeting.name })}</h1>
      <p>
        <Link to={`/meetings/${meeting.slug}`}>{t("room.backToMeeting")}</Link>
      </p>
      {regions}
      {lobby.entry === "none" ? <p className="notice">{t("room.lobby.closedMeeting")}</p> : null}
      {!lobby.open ? (
        <>
          <p className="lead">{lobby.opensAt ? t("room.lobby.opensAt", { time: readableTime(lobby.opensAt, i18n.language) }) : t("room.lobby.notScheduled")}</p>
          {lobby.canOpenEarly ? (
            <p>
              <button type="button" className="button" onClick={() => void openEarly()}>
                {t("room.lobby.openEarly")}
              </button>
            </p>
          ) : null}
        </>
      ) : (
        <p className="lead">{t("room.lobby.open")}</p>
      )}
      <section aria-labelledby="expect-heading">
        <h2 id="expect-heading">{t("room.lobby.expectHeading")}</h2>
        <ul className="plain-list">
          <li>{t("room.lobby.expectPeer")}</li>
          <li>{t("room.lobby.expectSteps")}</li>
          <li>{t(lobby.retention === "24h" ? "room.lobby.expectWordsKept" : "room.lobby.expectWordsGone")}</li>
          {lobby.waitingRoom ? <li>{t("room.lobby.expectWaiting")}</li> : null}
          {lobby.entry === "observer" ? <li>{t("room.lobby.expectObserver")}</li> : null}
        </ul>
      </section>
      {lobby.open && lobby.roomId && lobby.entry !== "none" ? (
        <p>
          <button type="button" className="button" onClick={() => setInside(true)}>
            {t("room.lobby.goIn")}
          </button>
        </p>
      ) : null}
    </>
  );
}
