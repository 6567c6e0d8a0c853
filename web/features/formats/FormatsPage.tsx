/**
 * /groups/:groupId/formats: the meeting formats a group follows. Anyone who may see the group
 * reads them, in plain words. Members holding the chair position (and admins) copy a built-in
 * template and edit a format step by step; every save is a new version, and the earlier ones stay
 * readable.
 */
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { describeFormat } from "../../../core/live/format-words";
import { useAct, useAnnouncer, type Act, type Announcer } from "../../components/announce";
import { SelectField, SubmitButton, useApiForm } from "../../components/form";
import { LoadedView, useLoaded } from "../../components/Loaded";
import { usePageTitle } from "../../lib/page";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { formatsApi, type Format, type GroupFormat, type Group, type Template, type TemplateId } from "./api";
import { FormatEditor } from "./FormatEditor";

interface GroupFormats {
  group: Group;
  formats: GroupFormat[];
  canEdit: boolean;
  templates: Template[];
}

const uiLanguage = (language: string): "en" | "es" => (language.startsWith("es") ? "es" : "en");

/** A format in plain words, in its own language where Kindred speaks it (its titles are in that language), else the reader's. */
const linesOf = (format: Format, readerLanguage: string) =>
  describeFormat(format, format.language === "en" || format.language === "es" ? format.language : uiLanguage(readerLanguage));

async function loadGroupFormats(groupId: string, language: "en" | "es"): Promise<GroupFormats> {
  const [group, { formats, canEdit }, templates] = await Promise.all([
    formatsApi.group(groupId),
    formatsApi.ofGroup(groupId),
    formatsApi.templates(language),
  ]);
  return { group, formats, canEdit, templates };
}

export function FormatsPage() {
  const { t, i18n } = useTranslation("live");
  const { groupId = "" } = useParams();
  const language = uiLanguage(i18n.language);
  const { loaded, reload } = useLoaded(`group-formats:${groupId}:${language}`, () => loadGroupFormats(groupId, language));
  const { announcer, regions } = useAnnouncer();
  const act = useAct(announcer, reload, { conflict: t("formats.conflict") });
  usePageTitle(loaded.state === "ready" ? t("formats.title", { group: loaded.data.group.name }) : t("formats.titlePlain"));
  return (
    <>
      {regions}
      <LoadedView loaded={loaded} retry={reload} notFound={<NotFoundPage />}>
        {(data) => <FormatsOfGroup {...data} act={act} announcer={announcer} />}
      </LoadedView>
    </>
  );
}

function FormatsOfGroup({ group, formats, canEdit, templates, act, announcer }: GroupFormats & { act: Act; announcer: Announcer }) {
  const { t } = useTranslation("live");
  const heading = useRef<HTMLHeadingElement>(null);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t("formats.title", { group: group.name })}
      </h1>
      <p>
        <Link to={`/groups/${group.id}`}>{t("formats.back", { group: group.name })}</Link>
      </p>
      <p>{t("formats.intro")}</p>
      {formats.length === 0 ? <p>{t("formats.none")}</p> : null}
      <ul className="card-list">
        {formats.map((format, index) => (
          <li key={format.id}>
            <FormatCard format={format} isDefault={index === 0} act={act} announcer={announcer} />
          </li>
        ))}
      </ul>
      {canEdit ? <AddFromTemplate groupId={group.id} templates={templates} act={act} /> : null}
    </>
  );
}

/** Copy a built-in template into the group. */
function AddFromTemplate({ groupId, templates, act }: { groupId: string; templates: Template[]; act: Act }) {
  const { t, i18n } = useTranslation("live");
  const form = useApiForm(async (data) => {
    const templateId = String(data.get("templateId")) as TemplateId;
    const template = templates.find((x) => x.id === templateId);
    await act(async () => {
      await formatsApi.copy(groupId, templateId, uiLanguage(i18n.language));
      return t("formats.added", { name: template?.format.name ?? templateId });
    }).catch(() => undefined);
  });
  return (
    <section aria-labelledby="add-format">
      <h2 id="add-format">{t("formats.addTitle")}</h2>
      <form {...form.props}>
        <SelectField
          name="templateId"
          label={t("formats.template")}
          hint={t("formats.templateHint")}
          options={templates.map((x) => ({ value: x.id, label: x.format.name }))}
        />
        <SubmitButton pending={form.pending}>{t("formats.add")}</SubmitButton>
      </form>
    </section>
  );
}

function FormatCard({ format, isDefault, act, announcer }: { format: GroupFormat; isDefault: boolean; act: Act; announcer: Announcer }) {
  const { t, i18n } = useTranslation("live");
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const headingId = `format-${format.id}`;
  const close = () => {
    setEditing(false);
    // Back where the reader started, once the editor has gone.
    setTimeout(() => editButton.current?.focus());
  };
  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{format.format.name}</h2>
      <p>
        {t("formats.version", { version: format.version })}
        {isDefault ? ` · ${t("formats.default")}` : null}
      </p>
      {format.format.description ? <p>{format.format.description}</p> : null}
      {editing ? (
        <FormatEditor
          format={format}
          announcer={announcer}
          onCancel={close}
          onSave={async (next) => {
            // A refusal stays in the editor (with the fields named); success is announced and the list reloads.
            await formatsApi.save(format.id, next, format.version);
            close();
            await act(async () => t("formats.saved", { name: next.name })).catch(() => undefined);
          }}
        />
      ) : (
        <>
          <HowItRuns lines={linesOf(format.format, i18n.language)} />
          <div className="actions">
            {format.canEdit ? (
              <button ref={editButton} type="button" className="button button-secondary" onClick={() => setEditing(true)}>
                {t("formats.edit", { name: format.format.name })}
              </button>
            ) : null}
          </div>
          {format.version > 1 ? <EarlierVersions format={format} /> : null}
        </>
      )}
    </article>
  );
}

function HowItRuns({ lines }: { lines: string[] }) {
  return (
    <ol className="plain-list">
      {lines.map((line) => (
        // The numbers are in the lines already (they read the same without the list).
        <li key={line}>{line.replace(/^\d+\. /, "")}</li>
      ))}
    </ol>
  );
}

/** The versions before this one, each readable on request. */
function EarlierVersions({ format }: { format: GroupFormat }) {
  const { t } = useTranslation("live");
  const [open, setOpen] = useState(false);
  const { loaded, reload } = useLoaded(`format-versions:${format.id}:${format.version}:${open}`, () =>
    open ? formatsApi.versions(format.id) : Promise.resolve([]),
  );
  return (
    <details onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t("formats.earlier")}</summary>
      <LoadedView loaded={loaded} retry={reload} notFound={null}>
        {(versions) => (
          <ul className="plain-list">
            {versions
              .filter((v) => v.version !== format.version)
              .map((v) => (
                <li key={v.version}>
                  <OldVersion formatId={format.id} version={v.version} name={v.name} createdAt={v.createdAt} />
                </li>
              ))}
          </ul>
        )}
      </LoadedView>
    </details>
  );
}

function OldVersion({ formatId, version, name, createdAt }: { formatId: string; version: number; name: string; createdAt: string }) {
  const { t, i18n } = useTranslation("live");
  const [lines, setLines] = useState<string[] | null>(null);
  const [failed, setFailed] = useState(false);
  const when = new Date(createdAt).toLocaleDateString(i18n.language, { dateStyle: "medium" });
  const show = async () => {
    setFailed(false);
    const found = await formatsApi.version(formatId, version);
    setLines(linesOf(found.format, i18n.language));
  };
  return (
    <>
      <span suppressHydrationWarning>{t("formats.versionOf", { version, name, date: when })}</span>{" "}
      {lines ? (
        <HowItRuns lines={lines} />
      ) : (
        <button type="button" className="link-button" onClick={() => void show().catch(() => setFailed(true))}>
          {t("formats.showVersion", { version })}
        </button>
      )}
      {failed ? <span role="alert">{t("formats.versionFailed")}</span> : null}
    </>
  );
}
