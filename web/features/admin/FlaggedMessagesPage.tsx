/**
 * /admin/flagged-messages: direct messages members reported, for the organization's admins.
 * Reports that someone may be in crisis come first. An admin sees each message alone (never the
 * conversation around it, nor who reported it), then hides it from the person it was sent to or
 * sets the reports aside, with a note that goes to the organization's audit log.
 */
import { useId, useRef, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAct, useAnnouncer, type Act } from "../../components/announce";
import { ChoiceGroup, FormAlert, SubmitButton, text, TextArea, useApiForm } from "../../components/form";
import { LoadedView, useLoaded } from "../../components/Loaded";
import { ApiError } from "../../lib/api";
import { usePageTitle } from "../../lib/page";
import { adminApi, type FlaggedMessage, type MessageDecision } from "./api";
import { AdminOnly, BackToAdmin, When } from "./parts";

export function FlaggedMessagesPage() {
  return (
    <AdminOnly>
      <FlaggedMessages />
    </AdminOnly>
  );
}

function FlaggedMessages() {
  const { t } = useTranslation("admin");
  usePageTitle(t("flagged.title"));
  const { loaded, reload } = useLoaded("admin:flagged-messages", adminApi.flaggedMessages);
  const { announcer, regions } = useAnnouncer();
  const act = useAct(announcer, reload);
  const heading = useRef<HTMLHeadingElement>(null);
  return (
    <>
      <BackToAdmin />
      <h1>{t("flagged.title")}</h1>
      {regions}
      <p>{t("flagged.intro")}</p>
      <LoadedView loaded={loaded} retry={reload} notFound={null}>
        {(items) => (
          <section aria-labelledby="flagged-heading">
            <h2 id="flagged-heading" ref={heading} tabIndex={-1}>
              {t("flagged.waiting", { count: items.length })}
            </h2>
            {items.length === 0 ? <p>{t("flagged.none")}</p> : null}
            <ul className="card-list">
              {items.map((item) => (
                <li key={item.id}>
                  <FlaggedCard item={item} act={act} heading={heading} />
                </li>
              ))}
            </ul>
          </section>
        )}
      </LoadedView>
      <p>
        <Link to="/admin/audit">{t("audit.link")}</Link>
      </p>
    </>
  );
}

function FlaggedCard({ item, act, heading }: { item: FlaggedMessage; act: Act; heading: RefObject<HTMLHeadingElement | null> }) {
  const { t } = useTranslation("admin");
  const id = useId();
  const sender = item.sender?.displayName ?? null;
  return (
    <article className={item.crisis ? "card queue-item queue-crisis" : "card queue-item"} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>
        {item.crisis ? (
          <>
            <span className="tag tag-crisis">{t("flagged.crisis")}</span>{" "}
          </>
        ) : null}
        {sender ? t("flagged.from", { name: sender }) : t("flagged.fromFormer")}
      </h3>
      <p className="topic-meta">
        {t("flagged.sent")} <When iso={item.sentAt} /> · {t("flagged.firstReported")} <When iso={item.firstFlaggedAt} />
      </p>
      <p>{item.hidden ? <strong>{t("flagged.hiddenNow")}</strong> : t("flagged.visibleNow")}</p>
      {item.crisis ? <p className="notice">{t("flagged.crisisNote")}</p> : null}
      <h4>{t("flagged.message")}</h4>
      <blockquote className="correction-message">{item.body}</blockquote>
      <h4>{t("flagged.reports", { count: item.flags.length })}</h4>
      <ul className="plain-list">
        {item.flags.map((flag, i) => (
          <li key={i}>
            <strong>{t(`reasons.${flag.reason}`)}</strong> · <When iso={flag.createdAt} />
            {flag.note ? <blockquote className="correction-message">{flag.note}</blockquote> : null}
          </li>
        ))}
      </ul>
      <Decision item={item} act={act} heading={heading} />
    </article>
  );
}

const DECISIONS: readonly MessageDecision[] = ["hide", "restore"];

function Decision({ item, act, heading }: { item: FlaggedMessage; act: Act; heading: RefObject<HTMLHeadingElement | null> }) {
  const { t } = useTranslation("admin");
  const state = item.hidden ? "hidden" : "visible";
  const form = useApiForm(
    async (data) => {
      const action = text(data, "action") as MessageDecision | "";
      const note = text(data, "note").trim();
      const errors = [
        ...(action ? [] : [{ field: "action", message: t("flagged.chooseAction") }]),
        ...(note ? [] : [{ field: "note", message: t("flagged.noteNeeded") }]),
      ];
      if (errors.length > 0) throw new ApiError(400, "validation", { type: "urn:kindred:problem:validation", title: "", status: 400, errors });
      await adminApi.decideMessage(item.id, action as MessageDecision, note);
      // The message leaves the list: put the reader back at its top, then say what happened.
      heading.current?.focus();
      await act(async () => t(`flagged.done.${action}`));
    },
    { messages: { conflict: t("flagged.decidedAlready"), notFound: t("flagged.gone") } },
  );
  return (
    <form {...form.props} className="stack">
      <FormAlert form={form} />
      <ChoiceGroup
        name="action"
        legend={t("flagged.decide")}
        error={form.fieldError("action")}
        options={DECISIONS.map((value) => ({ value, label: t(`flagged.actions.${state}.${value}`) }))}
      />
      <TextArea
        name="note"
        label={t("flagged.note")}
        hint={t("flagged.noteHint")}
        rows={3}
        maxLength={2000}
        error={form.fieldError("note")}
        required
      />
      <SubmitButton pending={form.pending}>{t("flagged.save")}</SubmitButton>
    </form>
  );
}
