/** Pieces the board's pages share: post text, content warnings, the composer, dates and kind words for problems. */
import { useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import { AnnouncedFailure, type Act, type Announcer, type ProblemWords } from "../../components/announce";
import { CrisisDraftPanel, useCrisisDraft } from "../../components/CrisisDraftPanel";
import { FormAlert, SubmitButton, TextArea, TextField, useApiForm, type ApiForm } from "../../components/form";
import { asApiError } from "../../components/Loaded";
import { describeProblem } from "../../components/messages";
import type { ApiError } from "../../lib/api";
import { format } from "../../lib/meeting-time";
import type { BoardPost, PostText } from "./api";
import { renderPost } from "./markdown";
import { LIMITS } from "./vocabulary";

// ---------- words for problems ----------

/** Problems the board has words of its own for; the server's `detail` says it kindly in English. */
const BOARD_PROBLEMS = new Set(["slowDown", "muted", "notYetTrusted", "conflict", "forbidden"]);

/** What went wrong, kindly, in the reader's language, saying when they can try again. */
export function describeBoardProblem(error: ApiError, t: TFunction, language: string): string {
  if (!BOARD_PROBLEMS.has(error.code)) return describeProblem(error, t);
  if (language === "en" && error.problem?.detail) return error.problem.detail;
  const seconds = error.problem?.retryAfterSeconds;
  if ((error.code === "slowDown" || error.code === "muted") && seconds) {
    const when = seconds < 90 ? t("board:when.seconds", { count: seconds }) : seconds < 90 * 60 ? t("board:when.minutes", { count: Math.round(seconds / 60) }) : seconds < 36 * 3600 ? t("board:when.hours", { count: Math.round(seconds / 3600) }) : t("board:when.days", { count: Math.round(seconds / 86400) });
    return t(`board:problems.${error.code}`, { when });
  }
  return t(`board:problems.${error.code}Plain`);
}

/** useAct (components/announce.tsx) with the board's words for its problems. */
export function useBoardAct(announcer: Announcer, reload: () => void): Act {
  const { t, i18n } = useTranslation();
  return async (work, words: ProblemWords = {}) => {
    try {
      announcer.done(await work());
      reload();
    } catch (caught) {
      const error = asApiError(caught);
      const message = words[error.code] ?? describeBoardProblem(error, t, i18n.language);
      announcer.failed(message);
      reload();
      throw new AnnouncedFailure(message, { cause: error });
    }
  };
}

/** The alert of a form, with the board's words for its problems. */
export function BoardFormAlert({ form }: { form: ApiForm }) {
  const { t, i18n } = useTranslation();
  const error = form.error;
  const alert = error && BOARD_PROBLEMS.has(error.code) ? describeBoardProblem(error, t, i18n.language) : form.alert;
  return <FormAlert form={{ alert }} />;
}

// ---------- time ----------

export function When({ iso }: { iso: string }) {
  const { i18n } = useTranslation();
  return <time dateTime={iso}>{format(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso))}</time>;
}

export function AuthorName({ author }: { author: BoardPost["author"] }) {
  const { t } = useTranslation("board");
  return <span className="board-author">{author ? author.displayName : t("post.formerMember")}</span>;
}

// ---------- text ----------

/** A post's Markdown, formatted in the safe subset (markdown.ts); never the member's HTML. */
export function PostBody({ source }: { source: string }) {
  return <div className="post-body" dangerouslySetInnerHTML={{ __html: renderPost(source) }} />;
}

/** Something behind a content warning: the reader chooses to see it (a button with aria-expanded). */
export function ContentWarning({ warning, children }: { warning: string | null; children: ReactNode }) {
  const { t } = useTranslation("board");
  const id = useId();
  const [open, setOpen] = useState(false);
  if (!warning) return <>{children}</>;
  return (
    <div className="content-warning">
      <p className="content-warning-label">
        <strong>{t("contentWarning.label")}</strong> {warning}
      </p>
      <button type="button" className="button button-secondary" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        {open ? t("contentWarning.hide") : t("contentWarning.show")}
      </button>
      <div id={id} hidden={!open}>
        {open ? children : null}
      </div>
    </div>
  );
}

// ---------- writing ----------

/** A short, plain guide to the Markdown the board shows. */
export function FormattingHelp() {
  const { t } = useTranslation("board");
  return (
    <details className="formatting-help">
      <summary>{t("composer.helpSummary")}</summary>
      <ul className="plain-list">
        <li>{t("composer.helpBold")}</li>
        <li>{t("composer.helpParagraph")}</li>
        <li>{t("composer.helpList")}</li>
        <li>{t("composer.helpQuote")}</li>
        <li>{t("composer.helpLink")}</li>
        <li>{t("composer.helpNoHtml")}</li>
      </ul>
    </details>
  );
}

export interface ComposerValues {
  title: string;
  body: string;
  contentWarning: string;
}

/**
 * Writing a topic, a reply or an edit: the words (Markdown), an optional content warning, and the
 * crisis panel, which the browser shows the writer alone while the draft reads like crisis.
 */
export function Composer({
  withTitle,
  initial,
  submitLabel,
  save,
  onCancel,
  headingLevel,
}: {
  withTitle: boolean;
  initial?: Partial<ComposerValues>;
  submitLabel: string;
  /** Sends the post; resolves once it is saved (the composer then empties). */
  save: (values: PostText & { title: string }) => Promise<void>;
  onCancel?: () => void;
  /** The level of the crisis panel's heading. */
  headingLevel: 2 | 3;
}) {
  const { t } = useTranslation("board");
  const [title, setTitle] = useState(initial?.title ?? "");
  const [body, setBody] = useState(initial?.body ?? "");
  const [contentWarning, setContentWarning] = useState(initial?.contentWarning ?? "");
  const crisis = useCrisisDraft(`${title}\n${body}`);
  const form = useApiForm(async () => {
    await save({ title, body, contentWarning: contentWarning.trim() ? contentWarning : null });
    setTitle("");
    setBody("");
    setContentWarning("");
  });
  const field = (name: string) => form.fieldError(name);
  return (
    <form {...form.props} className="stack composer">
      <BoardFormAlert form={form} />
      {withTitle ? (
        <TextField name="title" label={t("composer.title")} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={LIMITS.titleMax} error={field("title")} required autoComplete="off" />
      ) : null}
      <TextArea
        name="body"
        label={t("composer.body")}
        hint={t("composer.bodyHint")}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        maxLength={LIMITS.bodyMax}
        error={field("body")}
        required
      />
      <FormattingHelp />
      <CrisisDraftPanel {...crisis} headingLevel={headingLevel} />
      <TextField
        name="contentWarning"
        label={t("composer.contentWarning")}
        hint={t("composer.contentWarningHint")}
        value={contentWarning}
        onChange={(e) => setContentWarning(e.target.value)}
        maxLength={LIMITS.contentWarningMax}
        error={field("contentWarning")}
        autoComplete="off"
      />
      <div className="actions">
        <SubmitButton pending={form.pending}>{submitLabel}</SubmitButton>
        {onCancel ? (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t("common:form.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Where a topic lives. */
export const threadPath = (groupId: string, threadId: string) => `/groups/${groupId}/board/${threadId}`;

export function BackToBoard({ groupId, groupName }: { groupId: string; groupName: string | null }) {
  const { t } = useTranslation("board");
  return (
    <p>
      <Link to={`/groups/${groupId}/board`}>{groupName ? t("board.backTo", { group: groupName }) : t("board.back")}</Link>
    </p>
  );
}
