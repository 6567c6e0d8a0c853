/**
 * /milestones: "since" dates (sober, clean, or in the member's own words), the days counted, the
 * marks reached and the next one; celebrating with chosen groups (off by default); starting
 * again as one quiet step; delete.
 */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConfirmButton } from "../../components/ConfirmButton";
import type { Act } from "../../components/announce";
import { ChoiceGroup, FormAlert, NeedsJavaScript, SubmitButton, text, TextField, useApiForm } from "../../components/form";
import { LoadedView } from "../../components/Loaded";
import { RequireMember, usePageTitle } from "../../lib/page";
import { supportApi, type MilestoneLabel, type Milestone, type MyGroup } from "./api";
import { formatDay, localToday } from "./dates";
import { markName, milestoneName } from "./marks";
import { fieldProblem, useActThenFocus, useSupportPage } from "./parts";
import "./support.css";

const LABELS: readonly MilestoneLabel[] = ["sober", "clean", "own_words"];
const WORDS_MAX = 60;

interface MilestonesData {
  today: string;
  milestones: Milestone[];
  groups: MyGroup[];
}

async function loadMilestones(): Promise<MilestonesData> {
  const today = localToday();
  const [answer, groups] = await Promise.all([supportApi.milestones(today), supportApi.myGroups()]);
  return { today: answer.today, milestones: answer.milestones, groups };
}

/** The groups ticked in a form's "celebrate with" choices. */
function celebrateIn(formData: FormData): string[] {
  return formData.getAll("celebrateIn").filter((v): v is string => typeof v === "string");
}

export function MilestonesPage() {
  const { t } = useTranslation("support");
  usePageTitle(t("milestones.title"));
  return (
    <RequireMember>
      <Milestones />
    </RequireMember>
  );
}

function Milestones() {
  const { t } = useTranslation("support");
  const { loaded, reload, regions, act, done } = useSupportPage("milestones", loadMilestones);
  const top = useActThenFocus<HTMLHeadingElement>(act);
  return (
    <>
      <h1 ref={top.ref} tabIndex={-1}>
        {t("milestones.title")}
      </h1>
      <p>{t("milestones.intro")}</p>
      <NeedsJavaScript />
      {regions}
      <LoadedView loaded={loaded} retry={reload} notFound={null}>
        {(data) => (
          <>
            {data.milestones.length === 0 ? <p>{t("milestones.none")}</p> : null}
            <ul className="card-list">
              {data.milestones.map((milestone) => (
                <li key={milestone.id}>
                  <MilestoneCard milestone={milestone} data={data} act={act} actThenTop={top.act} />
                </li>
              ))}
            </ul>
            <AddMilestone data={data} done={done} />
            {data.groups.length > 0 ? (
              <section aria-labelledby="milestones-groups" className="settings-section">
                <h2 id="milestones-groups">{t("milestones.groupsHeading")}</h2>
                <ul>
                  {data.groups.map((group) => (
                    <li key={group.id}>
                      <Link to={`/groups/${group.id}/celebrations`}>{t("celebrations.title", { group: group.name })}</Link>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </>
        )}
      </LoadedView>
    </>
  );
}

/** `act` leaves focus where it is; `actThenTop`, for a milestone that goes away, moves it to the page's heading. */
function MilestoneCard({ milestone, data, act, actThenTop }: { milestone: Milestone; data: MilestonesData; act: Act; actThenTop: Act }) {
  const { t, i18n } = useTranslation("support");
  const language = i18n.language;
  const name = milestoneName(milestone, formatDay(milestone.since, language, "long"), t);
  const id = `milestone-${milestone.id}`;
  const celebrated = milestone.celebrateIn.map((g) => g.groupName);

  const celebrate = useApiForm(async (formData) => {
    await supportApi.updateMilestone(milestone.id, { celebrateIn: celebrateIn(formData) });
    await act(async () => t("milestones.celebrateSaved"));
  });
  const restart = useApiForm(async (formData) => {
    const since = text(formData, "since");
    if (!since) throw fieldProblem("since", t("common:fieldErrors.required"));
    await supportApi.resetMilestone(milestone.id, since);
    await act(async () => t("milestones.restarted"));
  });

  return (
    <article className="card" aria-labelledby={id}>
      <h2 id={id}>{name}</h2>
      <p className="milestone-days">{t("milestones.days", { count: milestone.days })}</p>
      <h3>{t("milestones.reached")}</h3>
      {milestone.reached.length === 0 ? (
        <p>{t("milestones.noneReached")}</p>
      ) : (
        <ul className="mark-list">
          {milestone.reached.map((mark) => (
            <li key={`${mark.unit}-${mark.count}`}>{markName(mark, t)}</li>
          ))}
        </ul>
      )}
      <p>{t("milestones.next", { mark: markName(milestone.next, t), date: formatDay(milestone.next.date, language, "long") })}</p>
      <p className="field-hint">{celebrated.length ? t("milestones.celebratedWith", { groups: celebrated.join(", ") }) : t("milestones.privateOnly")}</p>

      {data.groups.length > 0 ? (
        <details className="support-disclosure">
          <summary>{t("milestones.celebrateLegend")}</summary>
          <form {...celebrate.props} className="stack">
            <FormAlert form={celebrate} />
            <CelebrateChoices groups={data.groups} error={celebrate.fieldError("celebrateIn")} defaultValue={milestone.celebrateIn.map((g) => g.groupId)} />
            <SubmitButton pending={celebrate.pending} className="button button-secondary">
              {t("milestones.saveCelebrate")}
            </SubmitButton>
          </form>
        </details>
      ) : null}

      <details className="support-disclosure">
        <summary>{t("milestones.restart")}</summary>
        <form {...restart.props} className="stack">
          <FormAlert form={restart} />
          <TextField type="date" name="since" label={t("milestones.restartDate")} hint={t("milestones.restartHint")} error={restart.fieldError("since")} defaultValue={data.today} max={data.today} required />
          <SubmitButton pending={restart.pending} className="button button-secondary">
            {t("milestones.restartSave")}
          </SubmitButton>
        </form>
      </details>

      <ConfirmButton
        label={t("milestones.delete")}
        question={t("milestones.deleteQuestion", { name })}
        confirmLabel={t("milestones.deleteConfirm")}
        onConfirm={() =>
          actThenTop(async () => {
            await supportApi.deleteMilestone(milestone.id);
            return t("milestones.deleted");
          })
        }
      />
    </article>
  );
}

function AddMilestone({ data, done }: { data: MilestonesData; done: (message: string) => Promise<void> }) {
  const { t } = useTranslation("support");
  const form = useApiForm(async (formData) => {
    const label = (text(formData, "label") || "sober") as MilestoneLabel;
    const words = text(formData, "words").trim();
    const since = text(formData, "since");
    if (label === "own_words" && !words) throw fieldProblem("words", t("common:fieldErrors.required"));
    if (!since) throw fieldProblem("since", t("common:fieldErrors.required"));
    await supportApi.addMilestone({ label, words: label === "own_words" ? words : null, since, celebrateIn: celebrateIn(formData) });
    form.props.ref.current?.reset();
    await done(t("milestones.added"));
  });
  return (
    <section aria-labelledby="milestones-add" className="settings-section">
      <h2 id="milestones-add">{t("milestones.addHeading")}</h2>
      <form {...form.props} className="stack">
        <FormAlert form={form} />
        <ChoiceGroup
          legend={t("milestones.kindLegend")}
          name="label"
          error={form.fieldError("label")}
          defaultValue="sober"
          options={LABELS.map((label) => ({ value: label, label: t(`milestones.kind.${label}`) }))}
        />
        <TextField name="words" label={t("milestones.words")} hint={t("milestones.wordsHint")} error={form.fieldError("words")} maxLength={WORDS_MAX} />
        <TextField type="date" name="since" label={t("milestones.since")} hint={t("milestones.sinceHint")} error={form.fieldError("since")} defaultValue={data.today} max={data.today} required />
        {data.groups.length > 0 ? (
          <CelebrateChoices groups={data.groups} error={form.fieldError("celebrateIn")} />
        ) : (
          <p className="field-hint">{t("milestones.noGroups")}</p>
        )}
        <SubmitButton pending={form.pending}>{t("milestones.add")}</SubmitButton>
      </form>
    </section>
  );
}

/** Which of my groups celebrate a milestone with me (none: it stays private). */
function CelebrateChoices({ groups, error, defaultValue }: { groups: MyGroup[]; error: string | undefined; defaultValue?: string[] }) {
  const { t } = useTranslation("support");
  return (
    <ChoiceGroup
      legend={t("milestones.celebrateLegend")}
      hint={t("milestones.celebrateHint")}
      name="celebrateIn"
      multiple
      error={error}
      defaultValue={defaultValue}
      options={groups.map((g) => ({ value: g.id, label: g.name }))}
    />
  );
}
