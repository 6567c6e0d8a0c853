/**
 * Inside a live meeting room, built for a cheap phone and for someone who has never been in one:
 * the step of the format the meeting is at (its words to read), who is sharing and their time,
 * raised hands, the chat when the step opens it, "Get help now" and "Report a participant" always
 * at the top, and the chair's controls in a panel of their own. Everything that changes is said
 * in a polite live region, so a screen reader hears it too; focus stays put when the step moves on.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type FormEvent, type ReactNode, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TFunction } from "i18next";
import type { ReportReason, RoomCommand, RoomView, ViewShare } from "../../../core/live/room-messages";
import { ConfirmButton } from "../../components/ConfirmButton";
import { FormAlert } from "../../components/messages";
import type { LiveRoomLobby, MeetingPage } from "./api";
import { RoomConnection, RoomRefusal, socketUrl, type RoomSnapshot } from "./connection";
import { RoomEnded } from "./RoomEnded";

/** core/live/room-messages.ts: REPORT_REASONS and ROOM_LIMITS (kept here as plain values, so zod stays out of the page). */
const REPORT_REASONS = ["disruptive", "harassment", "intruder", "crisis", "other"] as const satisfies readonly ReportReason[];
const SHARE_TEXT_MAX = 4000;
const CHAT_TEXT_MAX = 1000;
/** The composer sends the whole text this long after the last keystroke (the room allows 10 messages a second). */
const SHARE_TEXT_DELAY_MS = 300;

interface RoomProps {
  meeting: MeetingPage;
  lobby: LiveRoomLobby;
  roomId: string;
}

/** What a part of the room needs: the view, a way to act, and the names of the people in it. */
interface Ctx {
  view: RoomView;
  act: (command: RoomCommand, done?: string) => Promise<boolean>;
  nameOf: (participantId: string) => string;
  t: TFunction<"live">;
  /** The server's clock minus this one's, for the share timer. */
  clockOffset: number;
}

function useRoomConnection(url: string, roomId: string, generation: number): { connection: RoomConnection; snapshot: RoomSnapshot } {
  const connection = useMemo(() => new RoomConnection(url, roomId), [url, roomId, generation]);
  useEffect(() => {
    connection.start();
    return () => connection.stop();
  }, [connection]);
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot, connection.getSnapshot);
  return { connection, snapshot };
}

export function Room({ meeting, lobby, roomId }: RoomProps) {
  const { t } = useTranslation("live");
  const [generation, setGeneration] = useState(0);
  const { connection, snapshot } = useRoomConnection(socketUrl(lobby.socketPath), roomId, generation);
  const [alert, setAlert] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const announcement = useAnnouncements(snapshot, t);
  const { view } = snapshot;

  const nameOf = (id: string) =>
    view?.participants.find((p) => p.participantId === id)?.displayName ??
    view?.waiting.find((p) => p.participantId === id)?.displayName ??
    t("room.people.someone");

  const act = async (command: RoomCommand, message?: string): Promise<boolean> => {
    setAlert(null);
    try {
      await connection.command(command);
      if (message) setDone(message);
      return true;
    } catch (error) {
      const code = error instanceof RoomRefusal ? error.code : "other";
      setAlert(t(`room.errors.${code}`, { defaultValue: t("room.errors.other") }));
      return false;
    }
  };

  // A result ("Your hand is raised") belongs to the moment: it goes when the step or the speaker changes.
  const moment = `${view?.stepIndex}:${view?.currentShare?.id ?? ""}`;
  useEffect(() => setDone(null), [moment]);

  const ended = snapshot.end === "ended" || view?.status === "ended";
  // "Go in" is gone once inside: the reader goes on from the room's title.
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  const heading = (
    <>
      <h1 ref={title} tabIndex={-1}>
        {t("room.title", { name: meeting.name })}
      </h1>
      <div aria-live="polite" className="visually-hidden">
        {announcement}
      </div>
    </>
  );
  if (ended) {
    return (
      <>
        {heading}
        <RoomEnded meeting={meeting} lobby={lobby} roomId={roomId} />
      </>
    );
  }
  if (snapshot.end) {
    return (
      <>
        {heading}
        <RoomClosed end={snapshot.end} again={() => setGeneration((g) => g + 1)} meetingSlug={meeting.slug} />
      </>
    );
  }

  return (
    <>
      {heading}
      <RoomBar view={view} act={act} leave={() => void connection.leave()} nameOf={nameOf} t={t} clockOffset={snapshot.clockOffset} />
      {snapshot.connection === "reconnecting" ? (
        <p className="notice room-connection">{t("room.connection.lost")}</p>
      ) : null}
      <FormAlert form={{ alert }} />
      <p className={done ? "status-message" : "status-message status-message-empty"} role="status">
        {done}
      </p>
      {!view ? (
        <p className="loading">{t("room.connection.connecting")}</p>
      ) : view.me.status === "waiting" ? (
        <section aria-labelledby="waiting-heading" className="room-waiting">
          <h2 id="waiting-heading">{t("room.waiting.heading")}</h2>
          <p className="lead">{t("room.waiting.body")}</p>
        </section>
      ) : (
        <InRoom view={view} act={act} nameOf={nameOf} t={t} clockOffset={snapshot.clockOffset} />
      )}
    </>
  );
}

/** "Get help now", "Report a participant" and "Leave", at the top of the room wherever one is. */
function RoomBar({ view, act, leave, nameOf, t }: Omit<Ctx, "view"> & { view: RoomView | null; leave: () => void }) {
  return (
    <nav className="room-bar" aria-label={t("room.bar.label")}>
      <a className="button button-urgent" href="/help" target="_blank" rel="noopener">
        {t("room.bar.help")}
      </a>
      {view && view.me.status === "present" ? (
        <details className="room-report">
          <summary className="button button-secondary">{t("room.bar.report")}</summary>
          <ReportForm view={view} act={act} nameOf={nameOf} t={t} clockOffset={0} />
        </details>
      ) : null}
      <button type="button" className="button button-secondary" onClick={leave}>
        {t("room.bar.leave")}
      </button>
    </nav>
  );
}

function InRoom(ctx: Ctx) {
  const { view, t } = ctx;
  const containerRef = useRef<HTMLDivElement>(null);
  const stepRef = useRef<HTMLHeadingElement>(null);
  useKeepFocus(containerRef, stepRef, view);
  const step = view.format.steps[view.stepIndex];
  if (!step) return null;
  return (
    <div ref={containerRef} className="room">
      {view.me.isObserver ? <p className="callout">{t("room.observer")}</p> : null}
      {view.me.muted ? <p className="notice">{t("room.muted")}</p> : null}
      <section aria-labelledby="room-step" className="room-step">
        <p className="room-step-position">{t("room.step.position", { position: view.stepIndex + 1, count: view.format.steps.length })}</p>
        <h2 id="room-step" ref={stepRef} tabIndex={-1}>
          {step.title}
        </h2>
        <p className="room-step-who">{t(`room.step.who.${step.speaking}`)}</p>
        {step.text ? <Paragraphs text={step.text} className="room-reading" /> : null}
      </section>
      <SharePanel {...ctx} />
      {step.speaking === "queue" ? <Hands {...ctx} /> : null}
      {view.chair.participantId === null ? <TemporaryChair {...ctx} /> : null}
      {view.me.isChair ? <ChairPanel {...ctx} /> : null}
      <Chat {...ctx} />
      <People {...ctx} />
    </div>
  );
}

// ---------- sharing ----------

function SharePanel(ctx: Ctx) {
  const { view, act, nameOf, t } = ctx;
  const share = view.currentShare;
  const step = view.format.steps[view.stepIndex]!;
  const mine = share?.participantId === view.me.participantId;
  const myRoundTurn = step.speaking === "round" && view.roundRemaining.includes(view.me.participantId);
  return (
    <section aria-labelledby="share-heading" className="room-share">
      <h2 id="share-heading">{share ? (mine ? t("room.share.youAreSharing") : t("room.share.sharing", { name: nameOf(share.participantId) })) : t("room.share.heading")}</h2>
      {share ? (
        <>
          <ShareTimer share={share} mine={mine} name={nameOf(share.participantId)} offset={ctx.clockOffset} t={t} />
          {mine ? (
            <ShareComposer share={share} act={act} allowPass={step.allowPass !== false} t={t} />
          ) : (
            <>
              <div className="room-share-text">
                {share.text ? <Paragraphs text={share.text} /> : <p className="room-quiet">{t("room.share.empty")}</p>}
              </div>
              {view.me.isObserver ? null : (
                <p>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => void act({ type: "thank", participantId: share.participantId }, t("room.share.thanked", { name: nameOf(share.participantId) }))}
                  >
                    {t("room.share.thank")}
                  </button>
                </p>
              )}
            </>
          )}
        </>
      ) : (
        <p className="room-quiet">{t("room.share.nobody")}</p>
      )}
      {step.speaking === "round" && view.roundRemaining.length > 0 ? (
        <p>{t("room.share.upNext", { names: view.roundRemaining.map(nameOf).join(", ") })}</p>
      ) : null}
      {myRoundTurn && step.allowPass !== false ? (
        <p>
          <button type="button" className="button button-secondary" onClick={() => void act({ type: "pass" }, t("room.share.passed"))}>
            {t("room.share.passTurn")}
          </button>
        </p>
      ) : null}
      {view.thanksReceived > 0 ? <p className="room-thanks">{t("room.share.thanksReceived", { count: view.thanksReceived })}</p> : null}
    </section>
  );
}

function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

/** The time left (the server's warnings decide when to say "30 seconds"; this clock is only for the eye). */
function ShareTimer({ share, mine, name, offset, t }: { share: ViewShare; mine: boolean; name: string; offset: number; t: TFunction<"live"> }) {
  const now = useNow(share.limitSeconds !== null);
  if (share.limitSeconds === null) return <p className="room-timer">{t("room.share.noLimit")}</p>;
  const elapsed = Math.max(0, Math.floor((now + offset - Date.parse(share.startedAt)) / 1000));
  const left = share.limitSeconds - elapsed;
  return (
    <>
      <p className="room-timer" role="timer">
        {left >= 0 ? t("room.share.timeLeft", { time: clock(left) }) : t("room.share.overTime", { time: clock(-left) })}
      </p>
      {share.timeUp ? (
        <p className="notice room-warning">{mine ? t("room.share.timeUpYou") : t("room.share.timeUpOther", { name })}</p>
      ) : share.warned ? (
        <p className="notice room-warning">{mine ? t("room.share.warningYou") : t("room.share.warningOther", { name })}</p>
      ) : null}
    </>
  );
}

/** The speaker writes; everyone sees the words appear (the whole text is sent a moment after each pause). */
function ShareComposer({ share, act, allowPass, t }: { share: ViewShare; act: Ctx["act"]; allowPass: boolean; t: TFunction<"live"> }) {
  const [text, setText] = useState(share.text);
  const sent = useRef(share.text);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flush = async (value: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (value === sent.current) return;
    sent.current = value;
    await act({ type: "share_text", text: value });
  };
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const change = (value: string) => {
    setText(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(value), SHARE_TEXT_DELAY_MS);
  };
  const finish = async () => {
    await flush(text);
    await act({ type: "finish_share" });
  };
  return (
    <div className="field room-composer">
      <label htmlFor="share-composer">{t("room.share.composer")}</label>
      <p className="field-hint" id="share-composer-hint">
        {t("room.share.composerHint")}
      </p>
      <textarea
        id="share-composer"
        aria-describedby="share-composer-hint"
        rows={6}
        maxLength={SHARE_TEXT_MAX}
        value={text}
        onChange={(event) => change(event.target.value)}
      />
      <div className="actions">
        <button type="button" className="button" onClick={() => void finish()}>
          {t("room.share.finish")}
        </button>
        {allowPass ? (
          <button type="button" className="button button-secondary" onClick={() => void act({ type: "pass" }, t("room.share.passed"))}>
            {t("room.share.pass")}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function Hands({ view, act, nameOf, t }: Ctx) {
  const raised = view.me.handRaised;
  const position = view.queue.indexOf(view.me.participantId) + 1;
  const sharing = view.currentShare?.participantId === view.me.participantId;
  const maySpeak = !view.me.isObserver && !view.me.muted;
  return (
    <section aria-labelledby="hands-heading" className="room-hands">
      <h2 id="hands-heading">{t("room.hands.heading")}</h2>
      {view.queue.length === 0 ? (
        <p className="room-quiet">{t("room.hands.none")}</p>
      ) : (
        <ol>
          {view.queue.map((id) => (
            <li key={id}>
              {nameOf(id)}
              {id === view.me.participantId ? ` ${t("room.people.you")}` : null}
            </li>
          ))}
        </ol>
      )}
      {raised ? <p>{t("room.hands.position", { position })}</p> : null}
      {maySpeak && !sharing ? (
        <p>
          {raised ? (
            <button type="button" className="button button-secondary" onClick={() => void act({ type: "lower_hand" }, t("room.hands.lowered"))}>
              {t("room.hands.lower")}
            </button>
          ) : (
            <button type="button" className="button" onClick={() => void act({ type: "raise_hand" }, t("room.hands.raised"))}>
              {t("room.hands.raise")}
            </button>
          )}
        </p>
      ) : null}
    </section>
  );
}

// ---------- who leads ----------

function TemporaryChair({ view, act, nameOf, t }: Ctx) {
  if (view.me.isObserver) return null;
  const me = view.me.participantId;
  const offered = view.me.supports === me;
  return (
    <section aria-labelledby="temporary-chair-heading" className="room-temporary-chair callout">
      <h2 id="temporary-chair-heading">{t("room.temporaryChair.heading")}</h2>
      <p>{t("room.temporaryChair.body")}</p>
      {view.chairSupport.length > 0 ? (
        <ul>
          {view.chairSupport.map((s) => (
            <li key={s.participantId}>
              {t("room.temporaryChair.supporters", { name: nameOf(s.participantId), count: s.supporters.length })}
              {s.participantId !== me && view.me.supports !== s.participantId ? (
                <>
                  {" "}
                  <button type="button" className="button button-secondary" onClick={() => void act({ type: "claim_chair", participantId: s.participantId })}>
                    {t("room.temporaryChair.support", { name: nameOf(s.participantId) })}
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {offered ? (
        <p>{t("room.temporaryChair.offered")}</p>
      ) : (
        <p>
          <button type="button" className="button" onClick={() => void act({ type: "claim_chair" })}>
            {t("room.temporaryChair.offer")}
          </button>
        </p>
      )}
    </section>
  );
}

/** Only for whoever leads now: apart from the rest, so no one presses a chair's button by chance. */
function ChairPanel({ view, act, nameOf, t }: Ctx) {
  const step = view.format.steps[view.stepIndex]!;
  const next = view.format.steps[view.stepIndex + 1];
  const share = view.currentShare;
  const me = view.me.participantId;
  const others = view.participants.filter((p) => p.participantId !== me);
  const mayCall = ["speaker", "queue", "round"].includes(step.speaking);
  return (
    <section aria-labelledby="chair-heading" className="room-chair">
      <h2 id="chair-heading">{t("room.chair.heading")}</h2>
      <p className="field-hint">{t("room.chair.intro")}</p>
      <div className="actions">
        {view.stepIndex > 0 ? (
          <button type="button" className="button button-secondary" onClick={() => void act({ type: "previous_step" })}>
            {t("room.chair.previous")}
          </button>
        ) : null}
        {next ? (
          <button type="button" className="button" onClick={() => void act({ type: "next_step" })}>
            {t("room.chair.next", { title: next.title })}
          </button>
        ) : (
          <span>{t("room.chair.last")}</span>
        )}
      </div>
      {step.speaking === "queue" || share ? (
        <div className="actions">
          {step.speaking === "queue" && view.queue.length > 0 ? (
            <button type="button" className="button" onClick={() => void act({ type: "call_next" })}>
              {t("room.chair.callNext")}
            </button>
          ) : null}
          {share?.limitSeconds != null ? (
            <button type="button" className="button button-secondary" onClick={() => void act({ type: "extend_share", seconds: 60 }, t("room.chair.extended"))}>
              {t("room.chair.extend")}
            </button>
          ) : null}
          {share ? (
            <button type="button" className="button button-secondary" onClick={() => void act({ type: "end_share" })}>
              {t("room.chair.endShare")}
            </button>
          ) : null}
        </div>
      ) : null}

      <h3>{t("room.chair.waitingHeading")}</h3>
      {view.waiting.length === 0 ? (
        <p className="room-quiet">{t("room.chair.waitingNone")}</p>
      ) : (
        <ul className="room-people">
          {view.waiting.map((w) => (
            <li key={w.participantId}>
              <span>
                {w.displayName}
                {w.isNewcomer ? <span className="tag">{t("room.people.newcomer")}</span> : null}
              </span>
              <span className="actions">
                <button type="button" className="button" onClick={() => void act({ type: "admit", participantId: w.participantId }, t("room.chair.admittedSomeone", { name: w.displayName }))}>
                  {t("room.chair.admit", { name: w.displayName })}
                </button>
                <button type="button" className="button button-secondary" onClick={() => void act({ type: "deny", participantId: w.participantId })}>
                  {t("room.chair.deny", { name: w.displayName })}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}

      <h3>{t("room.chair.peopleHeading")}</h3>
      <ul className="room-people">
        {others.map((p) => (
          <li key={p.participantId}>
            <span>
              {p.displayName}
              {p.isNewcomer ? <span className="tag">{t("room.people.newcomer")}</span> : null}
            </span>
            {p.isChair ? null : (
              <span className="actions">
                {mayCall && !p.isObserver && !p.muted && share?.participantId !== p.participantId ? (
                  <button type="button" className="button button-secondary" onClick={() => void act({ type: "call", participantId: p.participantId })}>
                    {t("room.chair.call", { name: p.displayName })}
                  </button>
                ) : null}
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => void act(p.muted ? { type: "unmute", participantId: p.participantId } : { type: "mute", participantId: p.participantId })}
                >
                  {t(p.muted ? "room.chair.unmute" : "room.chair.mute", { name: p.displayName })}
                </button>
                <ConfirmButton
                  label={t("room.chair.remove", { name: p.displayName })}
                  question={t("room.chair.removeQuestion", { name: p.displayName })}
                  confirmLabel={t("room.chair.removeConfirm")}
                  onConfirm={async () => {
                    if (!(await act({ type: "remove", participantId: p.participantId }, t("room.chair.removed", { name: p.displayName })))) throw new Error(t("room.errors.other"));
                  }}
                />
              </span>
            )}
          </li>
        ))}
      </ul>

      <h3>{t("room.chair.lockHeading")}</h3>
      <p className="field-hint">{t("room.chair.lockHint")}</p>
      <p>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void act(view.locked ? { type: "unlock" } : { type: "lock" }, t(view.locked ? "room.chair.unlocked" : "room.chair.locked"))}
        >
          {t(view.locked ? "room.chair.unlock" : "room.chair.lock")}
        </button>
      </p>

      {view.reports.length > 0 ? (
        <>
          <h3>{t("room.chair.reportsHeading")}</h3>
          <ul>
            {view.reports.map((r) => (
              <li key={`${r.by}-${r.participantId}-${r.at}`}>
                {t("room.chair.report", { by: nameOf(r.by), name: nameOf(r.participantId), reason: t(`room.report.reasons.${r.reason}`) })}
                {r.note ? `: ${r.note}` : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <ConfirmButton
        label={t("room.chair.end")}
        question={t("room.chair.endQuestion")}
        confirmLabel={t("room.chair.endConfirm")}
        onConfirm={async () => {
          if (!(await act({ type: "end_meeting" }))) throw new Error(t("room.errors.other"));
        }}
      />
    </section>
  );
}

// ---------- chat, people, reports ----------

function Chat({ view, act, nameOf, t }: Ctx) {
  const step = view.format.steps[view.stepIndex]!;
  const share = view.currentShare;
  const me = view.me.participantId;
  const [text, setText] = useState("");
  const [reply, setReply] = useState(false);
  const replyable = share !== null && share.participantId !== me;
  const mayWrite = !view.me.isObserver && !view.me.muted && (step.chatOpen || view.me.isChair);
  // Held crosstalk sits beside the chat, in time order, marked as held.
  const messages = [...view.chat.map((m) => ({ ...m, held: false })), ...view.heldCrosstalk.map((m) => ({ ...m, held: true }))].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : 0,
  );
  const send = async (event: FormEvent) => {
    event.preventDefault();
    const words = text.trim();
    if (!words) return;
    const replyTo = reply && replyable ? { replyTo: share.id } : {};
    if (await act({ type: "chat", text: words, ...replyTo })) {
      setText("");
      setReply(false);
    }
  };
  return (
    <section aria-labelledby="chat-heading" className="room-chat">
      <h2 id="chat-heading">{t("room.chat.heading")}</h2>
      {messages.length === 0 ? <p className="room-quiet">{t("room.chat.empty")}</p> : null}
      {/* A log: what is added is read out politely. */}
      <div role="log" aria-label={t("room.chat.log")}>
        <ol className="room-messages">
          {messages.map((m) => (
            <li key={m.id} className={m.held ? "room-message room-message-held" : "room-message"}>
              <strong>{m.from === me ? `${nameOf(m.from)} ${t("room.people.you")}` : nameOf(m.from)}</strong>
              {m.replyTo ? <span className="room-message-reply"> ({t("room.chat.reply")})</span> : null}: {m.text}
              {m.held ? <span className="room-message-meta">{m.from === me ? t("room.chat.held") : t("room.chat.heldFrom", { name: nameOf(m.from) })}</span> : null}
            </li>
          ))}
        </ol>
      </div>
      {mayWrite ? (
        <form className="stack" onSubmit={(event) => void send(event)}>
          <div className="field">
            <label htmlFor="chat-text">{t("room.chat.message")}</label>
            <textarea id="chat-text" rows={2} maxLength={CHAT_TEXT_MAX} value={text} onChange={(event) => setText(event.target.value)} />
          </div>
          {replyable ? (
            <div className="field-check">
              <input id="chat-reply" type="checkbox" checked={reply} onChange={(event) => setReply(event.target.checked)} aria-describedby={step.crosstalkAllowed ? undefined : "chat-reply-hint"} />
              <label htmlFor="chat-reply">{t("room.chat.replyTo", { name: nameOf(share.participantId) })}</label>
              {step.crosstalkAllowed ? null : (
                <p className="field-hint" id="chat-reply-hint">
                  {t("room.chat.replyHeld")}
                </p>
              )}
            </div>
          ) : null}
          <button type="submit" className="button">
            {t("room.chat.send")}
          </button>
        </form>
      ) : (
        <p className="room-quiet">{view.me.isObserver ? t("room.chat.observer") : view.me.muted ? t("room.muted") : t("room.chat.closed", { step: step.title })}</p>
      )}
    </section>
  );
}

function People({ view, t }: Ctx) {
  const me = view.me.participantId;
  return (
    <section aria-labelledby="people-heading" className="room-everyone">
      <h2 id="people-heading">{t("room.people.heading", { count: view.participants.length })}</h2>
      <ul className="plain-list">
        {view.participants.map((p) => (
          <li key={p.participantId}>
            {p.displayName}
            {p.participantId === me ? ` ${t("room.people.you")}` : null}
            {p.isChair ? <span className="tag">{t(view.chair.temporary && view.chair.participantId === p.participantId ? "room.people.temporaryChair" : "room.people.chair")}</span> : null}
            {p.isObserver ? <span className="tag">{t("room.people.observer")}</span> : null}
            {p.muted ? <span className="tag">{t("room.people.muted")}</span> : null}
            {p.handRaised ? <span className="tag">{t("room.people.hand")}</span> : null}
            {p.isNewcomer ? <span className="tag">{t("room.people.newcomer")}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReportForm({ view, act, t }: Ctx) {
  const others = view.participants.filter((p) => p.participantId !== view.me.participantId);
  const [who, setWho] = useState("");
  const [reason, setReason] = useState<ReportReason>("disruptive");
  const [note, setNote] = useState("");
  const chosen = others.some((p) => p.participantId === who) ? who : (others[0]?.participantId ?? "");
  if (others.length === 0) return <p>{t("room.report.nobody")}</p>;
  const send = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = note.trim();
    if (await act({ type: "report", participantId: chosen, reason, ...(trimmed ? { note: trimmed } : {}) }, t("room.report.sent"))) {
      setNote("");
    }
  };
  return (
    <form className="stack room-report-form" onSubmit={(event) => void send(event)}>
      <p>{t("room.report.intro")}</p>
      <div className="field">
        <label htmlFor="report-who">{t("room.report.person")}</label>
        <select id="report-who" value={chosen} onChange={(event) => setWho(event.target.value)}>
          {others.map((p) => (
            <option key={p.participantId} value={p.participantId}>
              {p.displayName}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="report-reason">{t("room.report.reason")}</label>
        <select id="report-reason" value={reason} onChange={(event) => setReason(event.target.value as ReportReason)}>
          {REPORT_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`room.report.reasons.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="report-note">{t("room.report.note")}</label>
        <textarea id="report-note" rows={2} maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
      </div>
      <button type="submit" className="button">
        {t("room.report.send")}
      </button>
    </form>
  );
}

/** After leaving, being removed or turned away, or when this room is not (yet) open to me. */
function RoomClosed({ end, again, meetingSlug }: { end: NonNullable<RoomSnapshot["end"]>; again: () => void; meetingSlug: string }) {
  const { t } = useTranslation("live");
  const words: Record<typeof end, string> = {
    ended: t("room.ended.heading"),
    removed: t("room.ended.removed"),
    denied: t("room.ended.denied"),
    replaced: t("room.ended.replaced"),
    left: t("room.ended.left"),
    not_open_yet: t("room.ended.notOpen"),
    not_found: t("room.ended.notFound"),
  };
  return (
    <section aria-labelledby="closed-heading">
      <h2 id="closed-heading" tabIndex={-1} ref={(h) => h?.focus()}>
        {words[end]}
      </h2>
      {end === "removed" || end === "denied" ? (
        <p>
          <Link to="/help">{t("room.bar.help")}</Link>
        </p>
      ) : null}
      {end === "replaced" ? (
        <p>
          <button type="button" className="button" onClick={again}>
            {t("room.ended.continueHere")}
          </button>
        </p>
      ) : null}
      {end === "left" ? (
        <p className="actions">
          <button type="button" className="button" onClick={again}>
            {t("room.ended.goBack")}
          </button>
          <Link to={`/meetings/${meetingSlug}`}>{t("room.backToMeeting")}</Link>
        </p>
      ) : null}
    </section>
  );
}

// ---------- what the page says, and where focus stays ----------

/** One sentence for the live region each time something a listener should know happens. */
function useAnnouncements(snapshot: RoomSnapshot, t: TFunction<"live">): string {
  const previous = useRef<RoomSnapshot | null>(null);
  const [said, setSaid] = useState("");
  useEffect(() => {
    const before = previous.current;
    previous.current = snapshot;
    const view = snapshot.view;
    const lines: string[] = [];
    if (before && snapshot.connection === "reconnecting" && before.connection !== "reconnecting") lines.push(t("room.connection.lost"));
    if (before && snapshot.returns > before.returns) lines.push(t("room.connection.back"));
    const old = before?.view;
    if (view && view.status === "open") {
      const name = (id: string) => view.participants.find((p) => p.participantId === id)?.displayName ?? t("room.people.someone");
      const me = view.me.participantId;
      if (old?.me.status === "waiting" && view.me.status === "present") lines.push(t("room.waiting.admitted"));
      if (old && old.stepIndex !== view.stepIndex) {
        const step = view.format.steps[view.stepIndex];
        if (step) lines.push(t("room.step.now", { title: step.title, position: view.stepIndex + 1, count: view.format.steps.length }));
      }
      const share = view.currentShare;
      if (old && share && share.id !== old.currentShare?.id) lines.push(share.participantId === me ? t("room.share.yourTurn") : t("room.share.someoneSharing", { name: name(share.participantId) }));
      if (old && share && share.id === old.currentShare?.id) {
        const mine = share.participantId === me;
        if (share.timeUp && !old.currentShare.timeUp) lines.push(mine ? t("room.share.timeUpYou") : t("room.share.timeUpOther", { name: name(share.participantId) }));
        else if (share.warned && !old.currentShare.warned) lines.push(mine ? t("room.share.warningYou") : t("room.share.warningOther", { name: name(share.participantId) }));
      }
      if (old && view.chair.participantId !== old.chair.participantId && view.chair.temporary && view.chair.participantId) {
        lines.push(view.chair.participantId === me ? t("room.temporaryChair.youLead") : t("room.temporaryChair.leads", { name: name(view.chair.participantId) }));
      }
      if (old && view.me.isChair) {
        for (const w of view.waiting) if (!old.waiting.some((o) => o.participantId === w.participantId)) lines.push(t("room.chair.someoneWaiting", { name: w.displayName }));
      }
      if (old && view.thanksReceived > old.thanksReceived) lines.push(t("room.share.thanksReceived", { count: view.thanksReceived }));
    }
    if (lines.length > 0) setSaid(lines.join(" "));
  }, [snapshot, t]);
  return said;
}

/**
 * When the control someone was on goes away (the step moved on, their turn ended), focus goes to
 * the step's heading instead of falling back to the top of the page.
 */
function useKeepFocus(container: RefObject<HTMLDivElement | null>, fallback: RefObject<HTMLHeadingElement | null>, view: RoomView): void {
  const last = useRef<Element | null>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const remember = (event: FocusEvent) => {
      last.current = event.target as Element;
    };
    element.addEventListener("focusin", remember);
    return () => element.removeEventListener("focusin", remember);
  }, [container]);
  useLayoutEffect(() => {
    const lost = last.current && !last.current.isConnected;
    const active = document.activeElement;
    if (lost && (active === null || active === document.body)) {
      last.current = null;
      fallback.current?.focus();
    }
  }, [view, fallback]);
}

/** Plain text as written: a blank line starts a new paragraph. */
function Paragraphs({ text, className }: { text: string; className?: string }): ReactNode {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <div className={className}>
      {paragraphs.map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
    </div>
  );
}
