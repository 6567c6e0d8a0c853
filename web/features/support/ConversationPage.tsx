/**
 * /buddies/:buddyId: direct messages between two people who both said yes. Newest at the
 * bottom, earlier ones on demand; a composer with the crisis draft panel (shown only to the
 * writer, in the browser; nothing is sent because of a draft).
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useAnnouncer, type Announcer } from "../../components/announce";
import { CrisisDraftPanel, useCrisisDraft } from "../../components/CrisisDraftPanel";
import { ChoiceGroup, FormAlert, NeedsJavaScript, SubmitButton, text, TextArea, useApiForm } from "../../components/form";
import { asApiError, LoadedView, useLoaded } from "../../components/Loaded";
import { describeProblem } from "../../components/messages";
import { ApiError } from "../../lib/api";
import { RequireMember, useHttpStatus, usePageTitle } from "../../lib/page";
import { supportApi, type Buddy, type DirectMessage, type FlagReason } from "./api";
import { formatInstant } from "./dates";
import { fieldProblem } from "./parts";
import "./support.css";

const MESSAGE_MAX = 5000;

interface ConversationData {
  buddy: Buddy;
  /** Oldest first. */
  messages: DirectMessage[];
  nextBefore: string | null;
}

async function loadConversation(buddyId: string): Promise<ConversationData> {
  const buddy = (await supportApi.buddies()).find((b) => b.id === buddyId);
  if (!buddy) throw new ApiError(404, "notFound", null);
  if (buddy.status !== "active") return { buddy, messages: [], nextBefore: null };
  const page = await supportApi.messages(buddyId);
  return { buddy, messages: [...page.messages].reverse(), nextBefore: page.nextBefore };
}

export function ConversationPage() {
  return (
    <RequireMember>
      <ConversationLoader />
    </RequireMember>
  );
}

function ConversationLoader() {
  const { t } = useTranslation("support");
  const { buddyId = "" } = useParams();
  const { loaded, reload } = useLoaded(`conversation:${buddyId}`, () => loadConversation(buddyId));
  const { announcer, regions } = useAnnouncer();
  usePageTitle(loaded.state === "ready" ? t("conversation.title", { name: loaded.data.buddy.other.displayName }) : t("conversation.titlePlain"));
  return (
    <>
      {regions}
      <LoadedView loaded={loaded} retry={reload} notFound={<ConversationGone />}>
        {(data) => <Conversation key={buddyId} data={data} announcer={announcer} />}
      </LoadedView>
    </>
  );
}

function ConversationGone() {
  const { t } = useTranslation("support");
  useHttpStatus(404);
  return (
    <>
      <h1>{t("conversation.notFoundTitle")}</h1>
      <p>{t("conversation.notFound")}</p>
      <p>
        <Link to="/buddies">{t("conversation.back")}</Link>
      </p>
    </>
  );
}

function Conversation({ data, announcer }: { data: ConversationData; announcer: Announcer }) {
  const { t, i18n } = useTranslation("support");
  const { t: common } = useTranslation();
  const name = data.buddy.other.displayName;
  const [messages, setMessages] = useState(data.messages);
  const [nextBefore, setNextBefore] = useState(data.nextBefore);
  const [busy, setBusy] = useState(false);
  const [gone, setGone] = useState(false);

  /** Runs a fetch for the list; a conversation that ended (404) says so instead. */
  const fetching = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await work();
    } catch (caught) {
      const error = asApiError(caught);
      if (error.status === 404) setGone(true);
      announcer.failed(error.status === 404 ? t("conversation.notFound") : describeProblem(error, common));
    } finally {
      setBusy(false);
    }
  };

  const showEarlier = () =>
    fetching(async () => {
      const page = await supportApi.messages(data.buddy.id, nextBefore);
      setMessages((shown) => [...[...page.messages].reverse(), ...shown]);
      setNextBefore(page.nextBefore);
    });

  const checkNew = () =>
    fetching(async () => {
      const page = await supportApi.messages(data.buddy.id);
      const known = new Set(messages.map((m) => m.id));
      const fresh = [...page.messages].reverse().filter((m) => !known.has(m.id));
      setMessages((shown) => [...shown, ...fresh]);
      announcer.done(fresh.length ? t("conversation.newMessages", { count: fresh.length }) : t("conversation.upToDate"));
    });

  if (gone) return <ConversationGone />;
  return (
    <>
      <h1>{t("conversation.title", { name })}</h1>
      <p>
        <Link to="/buddies">{t("conversation.back")}</Link>
      </p>
      <NeedsJavaScript />
      {data.buddy.status !== "active" ? (
        <p>{t("conversation.pending")}</p>
      ) : (
        <>
          {nextBefore ? (
            <p>
              <button type="button" className="button button-secondary" aria-disabled={busy || undefined} onClick={() => void showEarlier()}>
                {t("conversation.older")}
              </button>
            </p>
          ) : null}
          {messages.length === 0 ? <p>{t("conversation.none")}</p> : null}
          <ol className="message-list" aria-label={t("conversation.history", { name })}>
            {messages.map((message) => (
              <li key={message.id} className={message.mine ? "message message-mine" : "message"}>
                <p className="message-meta">
                  <strong>{message.mine ? t("conversation.you") : name}</strong>, <time dateTime={message.createdAt}>{formatInstant(message.createdAt, i18n.language)}</time>
                </p>
                {message.hidden && !message.mine ? (
                  <p className="field-hint">{t("conversation.hidden")}</p>
                ) : (
                  <p className="support-text">{message.body}</p>
                )}
                {message.hidden && message.mine ? <p className="field-hint">{t("conversation.hiddenFromThem", { name })}</p> : null}
                {!message.mine && !message.hidden ? <ReportMessage buddyId={data.buddy.id} message={message} announcer={announcer} /> : null}
              </li>
            ))}
          </ol>
          <p>
            <button type="button" className="button button-secondary" aria-disabled={busy || undefined} onClick={() => void checkNew()}>
              {t("conversation.newer")}
            </button>
          </p>
          <Composer
            buddy={data.buddy}
            onSent={(message) => {
              setMessages((shown) => [...shown, message]);
              announcer.done(t("conversation.sentMessage"));
            }}
            onGone={() => {
              setGone(true);
              announcer.failed(t("conversation.ended"));
            }}
          />
        </>
      )}
    </>
  );
}

const REASONS: readonly FlagReason[] = ["crisis", "harmful", "harassment", "spam", "off_topic", "other"];

/** Reporting a message I received: it goes to the organization's admins, who see that message alone. */
function ReportMessage({ buddyId, message, announcer }: { buddyId: string; message: DirectMessage; announcer: Announcer }) {
  const { t } = useTranslation("support");
  const [reported, setReported] = useState(false);
  const form = useApiForm(
    async (formData) => {
      const reason = text(formData, "reason") as FlagReason;
      if (!reason) throw fieldProblem("reason", t("report.chooseReason"));
      const note = text(formData, "note").trim();
      await supportApi.flagMessage(buddyId, message.id, reason, note || null);
      setReported(true);
      announcer.done(reason === "crisis" ? `${t("report.thanks")} ${t("report.thanksCrisis")}` : t("report.thanks"));
    },
    { messages: { conflict: t("report.already"), forbidden: t("report.notYet"), notYetTrusted: t("report.notYet"), slowDown: t("report.slowDown") } },
  );
  if (reported) return <p className="field-hint">{t("report.done")}</p>;
  return (
    <details className="support-disclosure">
      <summary>{t("report.open")}</summary>
      <form {...form.props} className="stack">
        <FormAlert form={form} />
        <p className="field-hint">{t("report.intro")}</p>
        <ChoiceGroup legend={t("report.reasonLegend")} name="reason" error={form.fieldError("reason")} options={REASONS.map((reason) => ({ value: reason, label: t(`report.reasons.${reason}`) }))} />
        <TextArea name="note" label={t("report.note")} error={form.fieldError("note")} maxLength={2000} rows={2} />
        <SubmitButton pending={form.pending} className="button button-secondary">
          {t("report.submit")}
        </SubmitButton>
      </form>
    </details>
  );
}

function Composer({ buddy, onSent, onGone }: { buddy: Buddy; onSent: (message: DirectMessage) => void; onGone: () => void }) {
  const { t } = useTranslation("support");
  const [body, setBody] = useState("");
  const crisis = useCrisisDraft(body);
  const name = buddy.other.displayName;
  const form = useApiForm(
    async () => {
      if (!body.trim()) throw fieldProblem("body", t("conversation.empty"));
      let sent: DirectMessage;
      try {
        sent = await supportApi.send(buddy.id, body);
      } catch (caught) {
        // The buddyship ended (or one blocked the other) since the page loaded.
        if (caught instanceof ApiError && caught.status === 404) onGone();
        throw caught;
      }
      setBody("");
      onSent(sent);
    },
    { messages: { notYetTrusted: t("conversation.notYetTrusted"), notFound: t("conversation.ended"), conflict: t("conversation.pending") } },
  );
  return (
    <form {...form.props} className="stack">
      <FormAlert form={form} />
      <TextArea
        name="body"
        label={t("conversation.message")}
        hint={t("conversation.messageHint", { name })}
        error={form.fieldError("body")}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        maxLength={MESSAGE_MAX}
        rows={4}
      />
      <CrisisDraftPanel {...crisis} headingLevel={2} />
      <SubmitButton pending={form.pending}>{t("conversation.send")}</SubmitButton>
    </form>
  );
}
